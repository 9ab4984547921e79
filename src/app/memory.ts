/**
 * Soft, per-process state. The app is stateless across processes; these only stop one process from
 * doing the same work twice.
 */

/** Delivery ids already handled, so a redelivered webhook (same `X-GitHub-Delivery`) is ignored. */
export class DeliveryLog {
  private readonly seen = new Map<string, true>();

  constructor(private readonly limit = 5_000) {}

  /** True the first time an id is seen; the oldest ids are forgotten past `limit`. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    if (this.seen.size > this.limit) {
      const oldest = this.seen.keys().next();
      if (oldest.done !== true) this.seen.delete(oldest.value);
    }
    return true;
  }
}

/** Runs tasks one after another per key (a failed task does not stop the next). */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
