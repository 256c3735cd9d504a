import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import type { Poll, RecountReport } from "../api/types";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatCount, formatDateTime, instantOf } from "../ui/format";


function Report({ report, poll }: { report: RecountReport; poll: Poll | undefined }) {
  const optionText = (id: number) => poll?.options.find((o) => o.id === id)?.text ?? `Option ${id}`;
  const viewsOf = (optionId: number) => report.views?.options.find((o) => o.option_id === optionId)?.votes;
  const differenceOf = (optionId: number) => report.differences?.find((o) => o.option_id === optionId)?.votes;
  const slice = [report.slice.region && `region ${report.slice.region}`, report.slice.from && `from ${formatDateTime(report.slice.from)}`, report.slice.to && `to ${formatDateTime(report.slice.to)}`]
    .filter(Boolean)
    .join(", ");
  return (
    <div class="report">
      <h3>Recount report</h3>
      <dl class="facts">
        <dt>Slice</dt>
        <dd>{slice || "the whole poll"}</dd>
        <dt>Ledger total</dt>
        <dd>
          {formatCount(report.ledger.total)} votes at event {formatCount(report.ledger.sequence)}
        </dd>
        <dt>Views</dt>
        <dd>{report.views ? `${formatCount(report.views.total)} votes (${report.views.view}) at event ${formatCount(report.views.sequence)}` : report.views_note}</dd>
        <dt>Vote ids SHA-256</dt>
        <dd>
          <code>{report.ledger.vote_ids_sha256}</code>
        </dd>
        <dt>Took</dt>
        <dd>{formatCount(report.elapsed_ms)} ms</dd>
        <dt>Recount id</dt>
        <dd>
          <code>{report.recount_id}</code>
        </dd>
      </dl>
      <div class="table-scroll" tabIndex={0} role="group" aria-label="Recount table, scrolls sideways">
        <table>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Ledger</th>
              <th scope="col">Views</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {report.ledger.options.map((o) => (
              <tr key={o.option_id}>
                <th scope="row">{optionText(o.option_id)}</th>
                <td>{formatCount(o.votes)}</td>
                <td>{viewsOf(o.option_id) === undefined ? "–" : formatCount(viewsOf(o.option_id)!)}</td>
                <td>{differenceOf(o.option_id) === undefined ? "–" : formatCount(differenceOf(o.option_id)!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function RecountPanel({ pollId, poll, ready }: { pollId: string; poll: Poll | undefined; ready: boolean }) {
  const [region, setRegion] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [report, setReport] = useState<RecountReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const recount = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setReport(
        await call(
          api.POST("/v1/admin/polls/{id}/recounts", {
            params: { path: { id: pollId.trim() } },
            body: { region: region.trim() || null, from: instantOf(from), to: instantOf(to) },
          }),
        ),
      );
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" role="region" aria-labelledby="recount-heading">
      <h2 id="recount-heading">Recount</h2>
      <p class="hint">Counts the poll in “Poll id” above straight from the ledger and sets it beside the views. It changes nothing.</p>
      <form class="admin-toolbar" onSubmit={recount}>
        <div class="field">
          <label for="recount-region">Region (optional)</label>
          <input id="recount-region" value={region} onInput={(e) => setRegion(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="recount-from">From (optional)</label>
          <input id="recount-from" type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="recount-to">To (optional)</label>
          <input id="recount-to" type="datetime-local" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button" disabled={busy || !ready}>
          Recount
        </button>
      </form>
      <ErrorMessage error={error} />
      {report && <Report report={report} poll={poll?.id === report.poll_id ? poll : undefined} />}
    </section>
  );
}
