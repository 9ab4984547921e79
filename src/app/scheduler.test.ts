import { describe, expect, it } from 'vitest';
import { resumeAt } from './rate-limit.js';
import { WorkScheduler } from './scheduler.js';
import type { Scheduled } from './scheduler.js';

/** A task that finishes when the test says so, recording when it started. */
class Tasks {
  readonly started: string[] = [];
  private readonly release = new Map<string, () => void>();

  task(name: string): () => Promise<string> {
    return () => {
      this.started.push(name);
      return new Promise<string>((resolve) => this.release.set(name, () => resolve(name)));
    };
  }

  async finish(name: string): Promise<void> {
    const release = this.release.get(name);
    if (release === undefined) throw new Error(`${name} has not started`);
    release();
    // Let the promise callbacks run, so the scheduler starts what comes next (no timer involved).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A clock and timers the test moves by hand. */
class ManualClock {
  time = 1_000_000;
  private timers: { at: number; callback: () => void }[] = [];
  now = () => this.time;
  setTimer = (callback: () => void, ms: number) => {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((other) => other !== timer));
  };
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.callback();
  }
}

describe('WorkScheduler', () => {
  it('serves installations round-robin: a burst from one does not starve the others', async () => {
    const tasks = new Tasks();
    const scheduler = new WorkScheduler({ concurrency: 1 });
    const burst = ['a1', 'a2', 'a3', 'a4'].map((name) => scheduler.schedule(1, name, 'sha', tasks.task(name)));
    const others = [
      scheduler.schedule(2, 'b1', 'sha', tasks.task('b1')),
      scheduler.schedule(3, 'c1', 'sha', tasks.task('c1')),
      scheduler.schedule(2, 'b2', 'sha', tasks.task('b2')),
    ];

    for (const name of ['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']) await tasks.finish(name);
    await Promise.all([...burst, ...others]);

    expect(tasks.started).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('runs at most `concurrency` at once', async () => {
    const tasks = new Tasks();
    const scheduler = new WorkScheduler({ concurrency: 2 });
    for (const [installation, name] of [
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ] as const)
      void scheduler.schedule(installation, name, 'sha', tasks.task(name));

    expect([tasks.started, scheduler.stats()]).toEqual([
      ['a', 'b'],
      { queued: 1, running: 2, handling: 0, paused: {} },
    ]);
    await tasks.finish('a');
    expect(tasks.started).toEqual(['a', 'b', 'c']);
  });

  it('the newest head of a PR replaces its queued work; the replaced run learns by which head', async () => {
    const tasks = new Tasks();
    const scheduler = new WorkScheduler({ concurrency: 1 });
    const running = scheduler.schedule(1, 'o/r#1', 'one', tasks.task('one'));
    const replaced = scheduler.schedule(1, 'o/r#1', 'two', tasks.task('two'));
    const other = scheduler.schedule(1, 'o/r#2', 'x', tasks.task('x'));
    const newest = scheduler.schedule(1, 'o/r#1', 'three', tasks.task('three'));

    expect(await replaced).toEqual<Scheduled<string>>({ ran: false, supersededBy: 'three' });
    await tasks.finish('one');
    await tasks.finish('x');
    await tasks.finish('three');

    expect(await Promise.all([running, other, newest])).toEqual([
      { ran: true, value: 'one' },
      { ran: true, value: 'x' },
      { ran: true, value: 'three' },
    ]);
    expect(tasks.started).toEqual(['one', 'x', 'three']);
  });

  it('never runs two heads of the same PR at once', async () => {
    const tasks = new Tasks();
    const scheduler = new WorkScheduler({ concurrency: 4 });
    void scheduler.schedule(1, 'o/r#1', 'one', tasks.task('one'));
    void scheduler.schedule(1, 'o/r#1', 'two', tasks.task('two'));

    expect(tasks.started).toEqual(['one']);
    await tasks.finish('one');
    expect(tasks.started).toEqual(['one', 'two']);
  });

  it('a paused installation waits for its resume time while the others go on', async () => {
    const clock = new ManualClock();
    const tasks = new Tasks();
    const scheduler = new WorkScheduler({ concurrency: 1, now: clock.now, setTimer: clock.setTimer });
    scheduler.pause(1, clock.time + 60_000);
    void scheduler.schedule(1, 'a', 'sha', tasks.task('a'));
    void scheduler.schedule(2, 'b', 'sha', tasks.task('b'));

    await tasks.finish('b');
    expect([tasks.started, scheduler.stats().paused]).toEqual([['b'], { 1: clock.time + 60_000 }]);
    clock.advance(59_999);
    expect(tasks.started).toEqual(['b']);
    clock.advance(1);
    expect(tasks.started).toEqual(['b', 'a']);
  });

  it('idle() resolves once nothing is queued, running or handled', async () => {
    const tasks = new Tasks();
    const scheduler = new WorkScheduler({ concurrency: 1 });
    let release = () => {};
    scheduler.track(new Promise<void>((resolve) => (release = resolve)));
    void scheduler.schedule(1, 'a', 'sha', tasks.task('a'));
    let idle = false;
    void scheduler.idle().then(() => (idle = true));

    await tasks.finish('a');
    expect(idle).toBe(false);
    release();
    await scheduler.idle();
    expect(idle).toBe(true);
  });
});

describe('resumeAt: GitHub rate-limit answers', () => {
  const now = 1_700_000_000_000;
  const reset = String(now / 1000 + 600);
  it.each([
    {
      name: 'plenty left',
      status: 200,
      headers: { 'x-ratelimit-remaining': '4000', 'x-ratelimit-reset': reset },
      message: '',
      at: undefined,
    },
    {
      name: 'nearly spent',
      status: 200,
      headers: { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': reset },
      message: '',
      at: now + 600_000,
    },
    {
      name: 'primary limit (403, remaining 0)',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      message: '',
      at: now + 600_000,
    },
    {
      name: 'secondary limit with retry-after',
      status: 403,
      headers: { 'retry-after': '30' },
      message: 'You have exceeded a secondary rate limit',
      at: now + 30_000,
    },
    {
      name: 'secondary limit without retry-after',
      status: 403,
      headers: {},
      message: 'You have exceeded a secondary rate limit',
      at: now + 60_000,
    },
    { name: '429', status: 429, headers: {}, message: '', at: now + 60_000 },
    {
      name: 'a permission error',
      status: 403,
      headers: { 'x-ratelimit-remaining': '4000' },
      message: 'Resource not accessible by integration',
      at: undefined,
    },
  ])('$name', ({ status, headers, message, at }) => {
    expect(resumeAt(status, headers, now, message)).toEqual(at);
  });
});
