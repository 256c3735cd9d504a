import type { Delta } from "../api/types";
import { formatCount, formatTime, plural } from "../ui/format";

export function RecentGains({ delta }: { delta: Delta }) {
  return (
    <>
      <p>
        {delta.total_votes === 0 ? "No new votes" : `+${plural(delta.total_votes, "vote", "votes")}`} between {formatTime(delta.from)} and{" "}
        {formatTime(delta.to)}.
      </p>
      <ul class="gains">
        {delta.options.map((option) => (
          <li key={option.option_id}>
            <span>{option.label}</span>
            <span class={option.votes > 0 ? "gain gain--up" : "gain"}>+{formatCount(option.votes)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
