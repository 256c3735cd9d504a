import type { Poll } from "../api/types";

const labels: Record<Poll["status"], string> = { scheduled: "Scheduled", open: "Open", closed: "Closed" };

export function PollStatusBadge({ status }: { status: Poll["status"] }) {
  return <span class={`badge badge--${status}`}>{labels[status]}</span>;
}
