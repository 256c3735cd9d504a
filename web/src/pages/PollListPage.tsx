import { useEffect, useRef, useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { PollList } from "../api/types";
import { Link, location, navigate, session, usePageTitle, useStore } from "../app/index";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatDateTime } from "../ui/format";
import { PollStatusBadge } from "../ui/PollStatusBadge";

export function PollListPage({ mine }: { mine: boolean }) {
  const url = useStore(location);
  const who = useStore(session);
  const title = mine ? "My polls" : "Polls";
  usePageTitle(title);
  const q = url.searchParams.get("q") ?? "";
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const [search, setSearch] = useState(q);
  const [list, setList] = useState<PollList>();
  const [error, setError] = useState<unknown>();
  const canLoad = !mine || !!who;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => setSearch(q), [q]);

  useEffect(() => {
    if (!canLoad) {
      return;
    }
    let current = true;
    setError(undefined);
    const query = { q: q || undefined, page, owner: mine ? "me" : undefined };
    call(api.GET("/v1/polls", { params: { query } }))
      .then((answer) => current && setList(answer))
      .catch((problem) => current && setError(problem));
    return () => {
      current = false;
    };
  }, [q, page, mine, canLoad]);

  const go = (nextQ: string, nextPage: number) => {
    const target = new URL(url.pathname, window.location.origin);
    if (nextQ) target.searchParams.set("q", nextQ);
    if (nextPage > 1) target.searchParams.set("page", String(nextPage));
    navigate(target.pathname + target.search);
  };

  // The pager's button may disappear or be disabled on the new page: start reading it from its heading.
  const turn = (nextPage: number) => {
    go(q, nextPage);
    heading.current?.focus();
  };

  const pages = list ? Math.max(1, Math.ceil(list.total / list.page_size)) : 1;
  return (
    <section>
      <div class="page-heading">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {who && (
          <Link href="/polls/new" class="button">
            Create a poll
          </Link>
        )}
      </div>
      {mine && who === null && (
        <p>
          <Link href="/signin?next=/my">See your polls after signing in</Link>
        </p>
      )}
      {canLoad && (
        <>
          <form
            role="search"
            class="search"
            onSubmit={(e) => {
              e.preventDefault();
              go(search.trim(), 1);
            }}
          >
            <label for="poll-search">Search polls</label>
            <input id="poll-search" type="search" maxLength={200} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
            <button type="submit" class="button">
              Search
            </button>
          </form>
          <ErrorMessage error={error} />
          {list && list.polls.length === 0 && <p>{q ? `No polls match “${q}”.` : mine ? "You have not created a poll yet." : "No polls yet."}</p>}
          {list && list.polls.length > 0 && (
            <ul class="poll-list">
              {list.polls.map((poll) => (
                <li key={poll.id} class="poll-card">
                  <Link href={`/polls/${poll.id}`} class="poll-card__title">
                    {poll.title}
                  </Link>
                  <p class="poll-card__meta">
                    <PollStatusBadge status={poll.status} /> {poll.options.length} options · created {formatDateTime(poll.created_at)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {list && pages > 1 && (
            <nav class="pager" aria-label="Pages">
              <button type="button" class="button button--quiet" disabled={page <= 1} onClick={() => turn(page - 1)}>
                Previous page
              </button>
              <span>
                Page {page} of {pages}
              </span>
              <button type="button" class="button button--quiet" disabled={page >= pages} onClick={() => turn(page + 1)}>
                Next page
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
