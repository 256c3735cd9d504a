import { useEffect, useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { Poll } from "../api/types";
import { Link, location, navigate, session, usePageTitle, useStore } from "../app/index";
import { ProjectionsPanel } from "./ProjectionsPanel";
import { ReconciliationPanel } from "./ReconciliationPanel";
import { RecountPanel } from "./RecountPanel";
import { isPollId, SuspiciousPanel } from "./SuspiciousPanel";

export function AdminPage() {
  usePageTitle("Admin desk");
  const who = useStore(session);
  const url = useStore(location);
  const [pollId, setPollId] = useState(url.searchParams.get("poll") ?? "");
  const [poll, setPoll] = useState<Poll>();
  const chosen = isPollId(pollId) ? pollId.trim().toLowerCase() : undefined;

  // The poll's title and option texts, so the desk names what it shows.
  useEffect(() => {
    setPoll(undefined);
    if (!chosen || !who?.is_admin) return;
    let current = true;
    call(api.GET("/v1/polls/{id}", { params: { path: { id: chosen } } }))
      .then((answer) => current && setPoll(answer))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [chosen, who?.is_admin]);

  // Keep the poll in the address, so the desk can be reloaded or linked to as it is.
  const choosePoll = (id: string) => {
    setPollId(id);
    const target = isPollId(id) ? `/admin?poll=${encodeURIComponent(id.trim())}` : "/admin";
    if (target !== url.pathname + url.search) navigate(target, true);
  };

  if (who === undefined) {
    return (
      <section aria-busy="true">
        <h1 tabIndex={-1}>Admin desk</h1>
      </section>
    );
  }
  if (!who?.is_admin) {
    return (
      <section>
        <h1 tabIndex={-1}>Admin desk</h1>
        {who === null ? (
          <p>
            The desk is for admins: <Link href={`/signin?next=${encodeURIComponent(url.pathname + url.search)}`}>use it after signing in</Link> with
            an admin account.
          </p>
        ) : (
          <p>The admin desk is for admins; {who.username} is not one.</p>
        )}
      </section>
    );
  }
  return (
    <section>
      <h1 tabIndex={-1}>Admin desk</h1>
      <div class="admin-grid">
        <ProjectionsPanel />
        <SuspiciousPanel pollId={pollId} poll={poll} onPollId={choosePoll} />
        <RecountPanel pollId={pollId} poll={poll} ready={chosen !== undefined} />
        <ReconciliationPanel />
      </div>
    </section>
  );
}
