import { useEffect, useState } from "preact/hooks";

/**
 * Reads `load` now and again every `everyMs` while the page is visible (a hidden tab asks nothing); `refresh` reads
 * again at once, after an action.
 */
export function usePolling<T>(load: () => Promise<T>, everyMs: number): { value?: T; error?: unknown; refresh: () => void } {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let current = true;
    if (tick === 0 || !document.hidden) {
      load()
        .then((answer) => {
          if (!current) return;
          setValue(answer);
          setError(undefined);
        })
        .catch((problem) => current && setError(problem));
    }
    const timer = window.setTimeout(() => setTick((t) => t + 1), everyMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [tick]);

  return { value, error, refresh: () => setTick((t) => t + 1) };
}
