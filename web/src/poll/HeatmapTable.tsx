import type { Heatmap } from "../api/types";
import { formatCount } from "../ui/format";

const steps = 5;

/** Which of the colour scale's steps a cell's votes fall in: 0 for none, then four equal parts of the busiest cell. */
function stepOf(votes: number, max: number): number {
  return votes <= 0 || max <= 0 ? 0 : Math.min(steps - 1, Math.ceil((votes / max) * (steps - 1)));
}

function legendRanges(max: number): string[] {
  const ranges = ["0"];
  let low = 1;
  for (let step = 1; step < steps; step++) {
    const high = Math.floor((max * step) / (steps - 1));
    ranges.push(high < low ? "" : high === low ? formatCount(low) : `${formatCount(low)}–${formatCount(high)}`);
    low = Math.max(low, high + 1);
  }
  return ranges;
}

export function HeatmapTable({ heatmap }: { heatmap: Heatmap }) {
  if (heatmap.regions.length === 0) {
    return <p>No votes with a region yet.</p>;
  }
  const max = Math.max(0, ...heatmap.regions.flatMap((r) => r.options.map((o) => o.votes)));
  const votesIn = (region: Heatmap["regions"][number], optionId: number) => region.options.find((o) => o.option_id === optionId)?.votes ?? 0;
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="group" aria-label="Heatmap table, scrolls sideways">
        <table class="heatmap">
          <caption class="visually-hidden">Votes per region and option</caption>
          <thead>
            <tr>
              <th scope="col">Region</th>
              {heatmap.options.map((option) => (
                <th scope="col" key={option.id}>
                  {option.text}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {heatmap.regions.map((region) => (
              <tr key={region.region}>
                <th scope="row">{region.region}</th>
                {heatmap.options.map((option) => {
                  const votes = votesIn(region, option.id);
                  return (
                    <td key={option.id} class={`heat heat--${stepOf(votes, max)}`}>
                      {formatCount(votes)}
                    </td>
                  );
                })}
                <td>{formatCount(region.total_votes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="legend">
        <span id="heat-legend-label">Votes per cell:</span>
        <ul class="legend__scale" aria-labelledby="heat-legend-label">
          {legendRanges(max).map((range, step) =>
            range ? (
              <li key={step}>
                <span class={`legend__swatch heat--${step}`} aria-hidden="true" />
                {range}
              </li>
            ) : null,
          )}
        </ul>
      </div>
    </>
  );
}
