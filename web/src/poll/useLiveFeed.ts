import { useEffect, useState } from "preact/hooks";
import { api, call } from "../api/client";
import { ApiProblem } from "../api/problem";
import type { Delta, Heatmap, Results } from "../api/types";

/** How the stream stands: receiving, re-establishing (the browser retries by itself), or refused for good. */
type FeedState = "connecting" | "live" | "reconnecting" | "refused";

export type LiveFeed = {
  state: FeedState;
  results?: Results;
  heatmap?: Heatmap;
  delta?: Delta;
  /** Why the stream was refused (hidden results, say), when it was. */
  refusal?: ApiProblem;
};

const retryDelayMs = 3000;

/**
 * The poll's results, heatmap and last-five-minutes gains as the live stream pushes them. A stream that drops is
 * re-opened by the EventSource itself and starts with the current state, so it catches up. A stream refused outright
 * (EventSource says nothing about why) is asked about once over plain HTTP: hidden results stay refused, a rate limit
 * is waited out, anything else is tried again shortly. Bump <paramref name="generation"/> to open a fresh stream
 * (after voting, hidden results may have become visible).
 */
export function useLiveFeed(pollId: string, generation: number): LiveFeed {
  const [feed, setFeed] = useState<LiveFeed>({ state: "connecting" });

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: number | undefined;
    let stopped = false;
    const update = (change: Partial<LiveFeed>) => !stopped && setFeed((current) => ({ ...current, ...change }));
    const read = <T>(handler: (value: T) => void) => (event: MessageEvent<string>) => handler(JSON.parse(event.data) as T);

    const reopenIn = (ms: number) => {
      retry = window.setTimeout(open, ms);
    };

    const diagnose = async () => {
      try {
        const results = await call(api.GET("/v1/polls/{id}/results", { params: { path: { id: pollId } } }));
        update({ state: "reconnecting", results });
        reopenIn(retryDelayMs);
      } catch (problem) {
        if (stopped) return;
        if (problem instanceof ApiProblem && problem.status >= 400 && problem.status < 500 && problem.status !== 429 && problem.status !== 408) {
          update({ state: "refused", refusal: problem });
          return;
        }
        update({ state: "reconnecting" });
        const wait = problem instanceof ApiProblem && problem.retryAfterSeconds !== undefined ? problem.retryAfterSeconds * 1000 : retryDelayMs;
        reopenIn(Math.max(wait, 1000));
      }
    };

    function open() {
      if (stopped) return;
      source = new EventSource(`/v1/polls/${encodeURIComponent(pollId)}/live`);
      source.addEventListener("open", () => update({ state: "live", refusal: undefined }));
      source.addEventListener("results", read<Results>((results) => update({ state: "live", results })));
      source.addEventListener("heatmap", read<Heatmap>((heatmap) => update({ heatmap })));
      source.addEventListener("delta", read<Delta>((delta) => update({ delta })));
      source.addEventListener("error", () => {
        if (source?.readyState === EventSource.CONNECTING) {
          update({ state: "reconnecting" });
          return;
        }
        source?.close();
        void diagnose();
      });
    }

    setFeed((current) => ({ ...current, state: "connecting", refusal: undefined }));
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [pollId, generation]);

  return feed;
}
