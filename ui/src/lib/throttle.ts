// Small timing helpers: a throttle for activity reports and a debounce for live validation.

/** Calls `fn` at most once per `ms`; the first call goes through at once. */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last >= ms) {
      last = t;
      fn();
    }
  };
}

/** Delays `fn` until `ms` passed without a new call; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  call.cancel = () => clearTimeout(timer);
  return call;
}
