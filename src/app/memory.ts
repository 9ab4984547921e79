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
