import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A guard against a hang, never a speed check: a loaded machine must not turn it into a red run.
    testTimeout: 60_000,
    // One worker more than the cores: the end-to-end files spend their time waiting on child processes and on
    // plugin-throttling's pacing, so a third worker overlaps that wait with the CPU-bound files (2 cores here).
    maxWorkers: availableParallelism() + 1,
  },
});
