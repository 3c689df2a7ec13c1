// A value that is costly to compute and may be a little old: computed at most once per `ms` per process,
// and concurrent callers share the computation in flight (a burst of anonymous visits runs it once).
export type Cached<T> = { value: T; computedAt: Date };

export function cachedFor<T>(ms: number, compute: () => Promise<T>, now = () => Date.now()) {
  let last: { value: T; at: number } | undefined;
  let pending: Promise<Cached<T>> | undefined;
  return function read(): Promise<Cached<T>> {
    if (last && now() - last.at < ms)
      return Promise.resolve({ value: last.value, computedAt: new Date(last.at) });
    pending ??= compute()
      .then((value) => {
        last = { value, at: now() };
        return { value, computedAt: new Date(last.at) };
      })
      // A failure is not kept: the next caller tries again.
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
