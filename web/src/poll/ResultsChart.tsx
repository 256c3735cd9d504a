import type { Results } from "../api/types";
import { formatCount, formatPercent, formatTime, plural } from "../ui/format";

/** One bar per option; widths change by CSS transition, so each update of the stream animates. */
export function ResultsChart({ results, myOptionId }: { results: Results; myOptionId?: number | null }) {
  const total = results.total_votes;
  return (
    <>
      <ul class="bars">
        {results.options.map((option) => {
          const labelId = `option-label-${option.option_id}`;
          return (
            <li key={option.option_id} class={`bar${option.option_id === myOptionId ? " bar--mine" : ""}`}>
              <div class="bar__legend">
                <span id={labelId} class="bar__label">
                  {option.label}
                </span>
                <span class="bar__figures">
                  {plural(option.votes, "vote", "votes")} · {formatPercent(option.percentage)}
                </span>
              </div>
              <div
                class="bar__track"
                role="meter"
                aria-labelledby={labelId}
                aria-valuemin={0}
                aria-valuemax={Math.max(total, option.votes, 1)}
                aria-valuenow={option.votes}
                aria-valuetext={`${plural(option.votes, "vote", "votes")}, ${formatPercent(option.percentage)}`}
              >
                <div class="bar__fill" style={{ width: `${Math.min(100, Math.max(0, option.percentage))}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      <p class="results__total">
        <strong>Total votes: {formatCount(total)}</strong>
        <span class="muted"> · as of {formatTime(results.as_of)}</span>
        {results.amended_at && <span class="muted"> · amended by an admin at {formatTime(results.amended_at)}</span>}
      </p>
    </>
  );
}
