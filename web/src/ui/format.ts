const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });
const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (iso: string) => time.format(new Date(iso));
export const formatCount = (n: number) => count.format(n);
export const formatPercent = (n: number) => `${percent.format(n)}%`;
export const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** A datetime-local value (the browser's local time) as an RFC 3339 instant, or null when empty. */
export const instantOf = (local: string) => (local ? new Date(local).toISOString() : null);
