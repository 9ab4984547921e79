/**
 * The app's work queue: one queue per installation, served round-robin so a burst from one installation
 * cannot starve another; a PR's newest head replaces its queued (not yet started) work; at most
 * `concurrency` runs at once (the analysis pool's size); one run per PR at a time; an installation GitHub
 * asked to slow down (rate limit spent, secondary limit) is paused alone while the others go on.
 */

/** What a scheduled task came to: it ran, or a newer head of the same PR replaced it before it started. */
export type Scheduled<T> = { ran: true; value: T } | { ran: false; supersededBy: string };

export interface SchedulerOptions {
  /** Runs at once: the analysis pool's size. */
  concurrency: number;
  /** Milliseconds since the epoch (injected in tests). */
  now?: () => number;
  /** Calls `callback` after `ms` (injected in tests); returns a canceller. */
  setTimer?: (callback: () => void, ms: number) => () => void;
}

interface Job {
  installation: number;
  key: string;
  sha: string;
  start: () => void;
  supersede: (by: string) => void;
}

export interface SchedulerStats {
  queued: number;
  running: number;
  /** Webhook handlers still at work in the background (creating a check run, answering a comment, …). */
  handling: number;
  /** Installations paused by a rate limit, with when they resume (ms since the epoch). */
  paused: Record<string, number>;
}

export class WorkScheduler {
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => () => void;
  /** Queued jobs per installation, oldest first; the map's order (first seen first) is the round-robin ring. */
  private readonly queues = new Map<number, Job[]>();
  private readonly pausedUntil = new Map<number, number>();
  private readonly runningKeys = new Set<string>();
  private running = 0;
  private handling = 0;
  /** The installation served last: the next pick starts after it. */
  private last: number | undefined;
  private cancelWake: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(options: SchedulerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new Error(`concurrency must be a positive integer, not ${options.concurrency}`);
    this.concurrency = options.concurrency;
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((callback, ms) => {
        const timer = setTimeout(callback, ms);
        timer.unref();
        return () => clearTimeout(timer);
      });
  }

  /**
   * Queues `task` for the pull request `key` of `installation` at head `sha`. A queued task of the same key
   * is replaced: its promise resolves `{ ran: false, supersededBy: sha }` and it never runs.
   */
  schedule<T>(installation: number, key: string, sha: string, task: () => Promise<T>): Promise<Scheduled<T>> {
    return new Promise<Scheduled<T>>((resolve, reject) => {
      const queue = this.queues.get(installation) ?? [];
      for (const [index, queued] of queue.entries()) {
        if (queued.key !== key) continue;
        queue.splice(index, 1);
        queued.supersede(sha);
        break;
      }
      queue.push({
        installation,
        key,
        sha,
        supersede: (by) => resolve({ ran: false, supersededBy: by }),
        start: () => {
          this.running++;
          this.runningKeys.add(key);
          task()
            .then((value) => resolve({ ran: true, value }), reject)
            .finally(() => {
              this.running--;
              this.runningKeys.delete(key);
              this.pump();
            });
        },
      });
      this.queues.set(installation, queue);
      this.pump();
    });
  }

  /** Holds back new runs of `installation` until `until` (ms since the epoch); a later pause wins. */
  pause(installation: number, until: number): void {
    if (until <= this.now()) return;
    this.pausedUntil.set(installation, Math.max(until, this.pausedUntil.get(installation) ?? 0));
    this.pump();
  }

  stats(): SchedulerStats {
    let queued = 0;
    for (const queue of this.queues.values()) queued += queue.length;
    const paused: Record<string, number> = {};
    for (const [installation, until] of this.pausedUntil) if (until > this.now()) paused[installation] = until;
    return { queued, running: this.running, handling: this.handling, paused };
  }

  /** Counts a webhook handler's background work in `stats().handling` until it settles. */
  track(work: Promise<unknown>): void {
    this.handling++;
    void work
      .catch(() => undefined)
      .finally(() => {
        this.handling--;
        this.pump();
      });
  }

  /** Resolves when nothing is queued, running or being handled. */
  idle(): Promise<void> {
    const { queued, running, handling } = this.stats();
    if (queued === 0 && running === 0 && handling === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts what may start, round-robin over the installations after the one served last. */
  private pump(): void {
    while (this.running < this.concurrency) {
      const job = this.next();
      if (job === undefined) break;
      job.start();
    }
    this.wakeForPauses();
    const { queued, running, handling } = this.stats();
    if (queued === 0 && running === 0 && handling === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private next(): Job | undefined {
    const ring = [...this.queues.keys()];
    if (ring.length === 0) return undefined;
    const after = this.last === undefined ? -1 : ring.indexOf(this.last);
    const now = this.now();
    for (let step = 1; step <= ring.length; step++) {
      const installation = ring[(after + step + ring.length) % ring.length];
      if (installation === undefined) continue;
      if ((this.pausedUntil.get(installation) ?? 0) > now) continue;
      this.pausedUntil.delete(installation);
      const queue = this.queues.get(installation) ?? [];
      const index = queue.findIndex((job) => !this.runningKeys.has(job.key));
      if (index < 0) continue;
      const [job] = queue.splice(index, 1);
      // An emptied queue keeps its place in the ring (one entry per installation seen), so the turn
      // passes on from here whether or not more of its work arrives.
      this.last = installation;
      return job;
    }
    return undefined;
  }

  /** When only paused installations have work, wakes up at the earliest resume. */
  private wakeForPauses(): void {
    this.cancelWake?.();
    this.cancelWake = undefined;
    if (this.running >= this.concurrency) return;
    const now = this.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const installation of this.queues.keys()) {
      const until = this.pausedUntil.get(installation) ?? 0;
      if (until > now) earliest = Math.min(earliest, until);
    }
    if (earliest === Number.POSITIVE_INFINITY) return;
    this.cancelWake = this.setTimer(() => {
      this.cancelWake = undefined;
      this.pump();
    }, earliest - now);
  }
}
