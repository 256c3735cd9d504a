import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import { describeProblem } from "../api/problem";
import { Link } from "../app/index";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatCount, formatDateTime, plural } from "../ui/format";
import { usePolling } from "./usePolling";

/** A .NET TimeSpan ("00:00:00.0123456") as milliseconds, for people. */
function took(span: string): string {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(span);
  if (!match) return span;
  const [, days = "0", hours, minutes, seconds] = match;
  const ms = (((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return `${formatCount(Math.round(ms))} ms`;
}

export function ReconciliationPanel() {
  const { value, error, refresh } = usePolling(() => call(api.GET("/v1/admin/reconcile")), 10000);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  const reconcile = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const report = await call(api.POST("/v1/admin/reconcile"));
      setMessage(`Reconciled ${plural(report.polls, "open poll", "open polls")}: ${report.drifted.length === 0 ? "no drift." : `${plural(report.drifted.length, "poll", "polls")} drifted and repaired.`}`);
      refresh();
    } catch (problem) {
      setMessage(describeProblem(problem));
    } finally {
      setBusy(false);
    }
  };

  const last = value?.last;
  return (
    <section class="panel" role="region" aria-labelledby="reconciliation-heading">
      <h2 id="reconciliation-heading">Reconciliation</h2>
      <ErrorMessage error={error} />
      {value && (
        <>
          <p>Runs by itself every {formatCount(value.interval_seconds)} s on the node that applies the views.</p>
          {last ? (
            <dl class="facts">
              <dt>Last run</dt>
              <dd>{formatDateTime(last.at)}</dd>
              <dt>Compared</dt>
              <dd>
                {plural(last.polls, "open poll", "open polls")}, {plural(last.cells, "cell", "cells")} at event {formatCount(last.sequence)}
              </dd>
              <dt>Drifted</dt>
              <dd>{last.drifted.length === 0 ? "none" : plural(last.drifted.length, "poll", "polls")}</dd>
              {last.views_lost && (
                <>
                  <dt>Views</dt>
                  <dd>lost from their store: started over from the log</dd>
                </>
              )}
              <dt>Took</dt>
              <dd>{took(last.took)}</dd>
            </dl>
          ) : (
            <p>Not run yet.</p>
          )}
          {value.drift.length > 0 && (
            <div class="table-scroll" tabIndex={0} role="group" aria-label="Drift table, scrolls sideways">
              <table>
                <caption>Drift found lately</caption>
                <thead>
                  <tr>
                    <th scope="col">Poll</th>
                    <th scope="col">Found</th>
                    <th scope="col">Cells</th>
                    <th scope="col">Repaired</th>
                  </tr>
                </thead>
                <tbody>
                  {value.drift.map((d) => (
                    <tr key={`${d.poll_id}:${d.found_at}`}>
                      <td class="cell-text">
                        <Link href={`/polls/${d.poll_id}`}>
                          <code>{d.poll_id}</code>
                        </Link>
                      </td>
                      <td class="cell-text">{formatDateTime(d.found_at)}</td>
                      <td>{formatCount(d.cells)}</td>
                      <td class="cell-text">{d.repaired ? "yes" : "no"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <button type="button" class="button" disabled={busy} onClick={reconcile}>
        Reconcile now
      </button>
      <p role="status" class="section-status">
        {message}
      </p>
    </section>
  );
}
