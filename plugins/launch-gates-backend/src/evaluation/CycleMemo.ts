/**
 * One evaluation cycle's memo of source reads: every review of a cycle that
 * asks for the same thing (an entity's SLOs, Prometheus's rules, a report
 * file) shares one read, failures included, so a cycle over many reviews of
 * a few entities reads each source once and a down source costs one timeout.
 */
export class CycleMemo {
  private readonly reads = new Map<string, Promise<unknown>>();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    let entry = this.reads.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = read();
      // Waiters attach their own handlers; this one only keeps an unawaited
      // failure from being reported as unhandled.
      entry.catch(() => {});
      this.reads.set(key, entry);
    }
    return entry;
  }

  /** How many distinct reads were made (for tests and the benchmark). */
  get size(): number {
    return this.reads.size;
  }
}

/**
 * `promise`, or the signal's reason as soon as the signal aborts: a check's
 * own time limit applies to a read it shares with other checks.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
