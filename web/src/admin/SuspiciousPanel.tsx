import { useEffect, useRef, useState } from "preact/hooks";
import { api, call, newIdempotencyKey } from "../api/client";
import { describeProblem } from "../api/problem";
import type { BulkRetraction, Poll, Suspicious, SuspiciousCluster } from "../api/types";
import { Link } from "../app/index";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatCount, formatDateTime, plural } from "../ui/format";
import { clusterKinds, selectionOf } from "./clusterSelection";

const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const dryRunReason = "Dry run from the admin desk";

export const isPollId = (text: string) => uuid.test(text.trim());

type Props = { pollId: string; poll: Poll | undefined; onPollId: (id: string) => void };

function ClusterRow({ pollId, cluster, index, onRetracted }: { pollId: string; cluster: SuspiciousCluster; index: number; onRetracted: (r: BulkRetraction, cluster: SuspiciousCluster) => void }) {
  const selection = selectionOf(cluster);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const keyId = `cluster-${index}-key`;
  const reasonBox = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (confirming) reasonBox.current?.focus();
  }, [confirming]);

  const send = async (dryRun: boolean) => {
    if (!selection) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const answer = await call(
        api.POST("/v1/admin/polls/{id}/retractions", {
          params: { path: { id: pollId }, header: dryRun ? undefined : { "Idempotency-Key": newIdempotencyKey() } },
          body: { ...selection, reason: dryRun ? reason.trim() || dryRunReason : reason, dry_run: dryRun },
        }),
      );
      if (dryRun) {
        setMessage(`Dry run: ${plural(answer.count, "vote", "votes")} would be retracted; nothing changed.`);
      } else {
        setConfirming(false);
        onRetracted(answer, cluster);
      }
    } catch (problem) {
      setMessage(describeProblem(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <td class="cell-text">{clusterKinds[cluster.kind]}</td>
      <td class="cell-text">
        <code id={keyId} class="cluster-key">
          {cluster.key}
        </code>
      </td>
      <td>{formatCount(cluster.votes)}</td>
      <td class="cell-text">
        {formatDateTime(cluster.first_at)} – {formatDateTime(cluster.last_at)}
      </td>
      <td>{cluster.score.toFixed(1)}</td>
      <td class="cell-text">
        {selection ? (
          <div class="actions actions--tight">
            <button type="button" class="button button--small button--quiet" aria-describedby={keyId} disabled={busy} onClick={() => send(true)}>
              Dry run
            </button>
            {!confirming && (
              <button type="button" class="button button--small button--danger" aria-describedby={keyId} disabled={busy} onClick={() => setConfirming(true)}>
                Retract
              </button>
            )}
          </div>
        ) : (
          <span class="muted">Too many votes to list: retract by address or network.</span>
        )}
        {confirming && (
          <form
            class="retract-form"
            onSubmit={(e) => {
              e.preventDefault();
              void send(false);
            }}
          >
            <div class="field">
              <label for={`reason-${index}`}>Reason</label>
              <input id={`reason-${index}`} required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} ref={reasonBox} />
            </div>
            <button type="submit" class="button button--small button--danger" disabled={busy || !reason.trim()}>
              Confirm retraction
            </button>
            <button type="button" class="button button--small button--quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </form>
        )}
        {message && <p class="row-message">{message}</p>}
      </td>
    </tr>
  );
}

export function SuspiciousPanel({ pollId, poll, onPollId }: Props) {
  const [timeWindow, setTimeWindow] = useState("");
  const [minVotes, setMinVotes] = useState("10");
  const [answer, setAnswer] = useState<Suspicious>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();

  const find = async (minSequence?: number) => {
    setBusy(true);
    setError(undefined);
    if (minSequence === undefined) setNotice(undefined);
    try {
      const query = {
        window: timeWindow.trim() || undefined,
        min_votes: minVotes.trim() || undefined,
        min_sequence: minSequence,
      };
      setAnswer(await call(api.GET("/v1/admin/polls/{id}/suspicious", { params: { path: { id: pollId.trim() }, query } })));
    } catch (problem) {
      setAnswer(undefined);
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" role="region" aria-labelledby="suspicious-heading">
      <h2 id="suspicious-heading">Suspicious votes</h2>
      <form
        class="admin-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <div class="field">
          <label for="poll-id">Poll id</label>
          <input
            id="poll-id"
            required
            spellcheck={false}
            autoComplete="off"
            aria-describedby="poll-id-title"
            value={pollId}
            onInput={(e) => onPollId(e.currentTarget.value)}
          />
        </div>
        <div class="field field--narrow">
          <label for="window">Window</label>
          <input id="window" placeholder="all" aria-describedby="window-hint" value={timeWindow} onInput={(e) => setTimeWindow(e.currentTarget.value)} />
        </div>
        <div class="field field--narrow">
          <label for="min-votes">Min votes</label>
          <input id="min-votes" type="number" min={1} max={1000000} value={minVotes} onInput={(e) => setMinVotes(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button" disabled={busy || !isPollId(pollId)}>
          Find suspicious votes
        </button>
      </form>
      <p class="hint" id="poll-id-title">
        {poll ? (
          <>
            Poll: <Link href={`/polls/${poll.id}`}>{poll.title}</Link>
          </>
        ) : (
          "Paste a poll's id, or open the desk from a poll's page."
        )}
      </p>
      <p class="hint" id="window-hint">
        Window: 30s, 10m, 2h, 1d… (empty: every live vote). Clusters smaller than Min votes are not shown.
      </p>
      <ErrorMessage error={error} />
      <p role="status" class="section-status">
        {notice}
      </p>
      {answer && (
        <>
          <p>
            {plural(answer.votes_considered, "vote", "votes")} considered
            {answer.votes_unknown > 0 && `, ${plural(answer.votes_unknown, "vote", "votes")} without address`}, as of event {formatCount(answer.as_of_sequence)}.
            {answer.forgotten && " The addresses of this poll were forgotten after its retention."}
          </p>
          {answer.clusters.length === 0 ? (
            <p>No suspicious clusters.</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="group" aria-label="Clusters table, scrolls sideways">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">Key</th>
                    <th scope="col">Votes</th>
                    <th scope="col">Span</th>
                    <th scope="col">Score</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.clusters.map((cluster, index) => (
                    <ClusterRow
                      key={`${cluster.kind}:${cluster.key}:${cluster.first_at}`}
                      pollId={pollId.trim()}
                      cluster={cluster}
                      index={index}
                      onRetracted={(r, c) => {
                        setNotice(`Retracted ${plural(r.count, "vote", "votes")} of ${c.key}.`);
                        void find(r.last_sequence ?? undefined);
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
