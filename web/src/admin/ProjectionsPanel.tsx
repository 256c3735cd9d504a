import { useState } from "preact/hooks";
import { api, call } from "../api/client";
import { describeProblem } from "../api/problem";
import type { ProjectionStatus } from "../api/types";
import { ErrorMessage } from "../ui/ErrorMessage";
import { formatCount, formatDateTime } from "../ui/format";
import { usePolling } from "./usePolling";

const refreshMs = 3000;

function RebuildCell({ projection }: { projection: ProjectionStatus }) {
  const rebuild = projection.rebuild;
  if (!rebuild) {
    return <span class="muted">none</span>;
  }
  const running = ["replaying", "checking", "swapping"].includes(rebuild.state);
  return (
    <div>
      <span>{rebuild.state}</span>
      {running && (
        <>
          {" "}
          <progress
            max={Math.max(rebuild.target, 1)}
            value={Math.min(rebuild.applied, rebuild.target)}
            aria-label={`Rebuild progress of ${projection.name}`}
          />{" "}
          <span class="muted">
            {formatCount(rebuild.applied)} / {formatCount(rebuild.target)} events, {formatCount(Math.round(rebuild.events_per_second))}/s
          </span>
        </>
      )}
      {rebuild.error && <span class="muted"> {rebuild.error}</span>}
      {rebuild.checksum && !rebuild.checksum.counted && <span class="muted"> (no totals to check)</span>}
      {rebuild.checksum && rebuild.checksum.mismatches > 0 && <span> {formatCount(rebuild.checksum.mismatches)} cells differed</span>}
    </div>
  );
}

export function ProjectionsPanel() {
  const { value, error, refresh } = usePolling(() => call(api.GET("/v1/admin/projections")), refreshMs);
  const [message, setMessage] = useState<string>();

  const rebuild = async (name: string) => {
    setMessage(undefined);
    try {
      await call(api.POST("/v1/admin/projections/{name}/rebuild", { params: { path: { name } } }));
      setMessage(`Rebuild of ${name} started.`);
      refresh();
    } catch (problem) {
      setMessage(describeProblem(problem));
    }
  };

  return (
    <section class="panel" role="region" aria-labelledby="projections-heading">
      <h2 id="projections-heading">Projections</h2>
      <ErrorMessage error={error} />
      {value && (
        <>
          <p>
            Views: <strong>{value.views}</strong>
            {value.rebuild_reason && ` (${value.rebuild_reason})`} · this node: {value.role} · ledger at event {formatCount(value.ledger_sequence)}
            <span class="muted"> · refreshed every {refreshMs / 1000} s</span>
          </p>
          <div class="table-scroll" tabIndex={0} role="group" aria-label="Projections table, scrolls sideways">
            <table>
              <thead>
                <tr>
                  <th scope="col">Projection</th>
                  <th scope="col">Checkpoint</th>
                  <th scope="col">Lag (events)</th>
                  <th scope="col">Lag (ms)</th>
                  <th scope="col">Rebuild</th>
                  <th scope="col">Last swap</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {value.projections.map((p) => (
                  <tr key={p.name}>
                    <th scope="row">{p.name}</th>
                    <td>{formatCount(p.checkpoint)}</td>
                    <td>{formatCount(p.lag_events)}</td>
                    <td>{formatCount(Math.round(p.lag_ms))}</td>
                    <td class="cell-text">
                      <RebuildCell projection={p} />
                    </td>
                    <td class="cell-text">{p.last_swap_at ? formatDateTime(p.last_swap_at) : "never"}</td>
                    <td class="cell-text">
                      <button type="button" class="button button--small" onClick={() => rebuild(p.name)}>
                        Rebuild {p.name}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p role="status" class="section-status">
        {message}
      </p>
    </section>
  );
}
