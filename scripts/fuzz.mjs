// `npm run fuzz [runs] [seed]`: the fuzz and hostile-input suites, deep. `runs` multiplies the sample that
// `npm test` runs (default 10) and adds the ~1 MB and 50 MB inputs; `seed` replays a failure (FUZZ_SEED).
// recheck re-derives every cached ReDoS verdict (test/fuzz/redos-verdicts.json).
import { spawnSync } from 'node:child_process';

const [runs = '10', seed] = process.argv.slice(2);
if (!/^[1-9]\d*$/.test(runs) || (seed !== undefined && !/^-?\d+$/.test(seed))) {
  console.error('usage: npm run fuzz -- [runs (a positive whole number, default 10)] [seed]');
  process.exit(2);
}
const env = { ...process.env, FUZZ_RUNS: runs, ...(seed === undefined ? {} : { FUZZ_SEED: seed }) };
console.log(`fuzz: FUZZ_RUNS=${runs}${seed === undefined ? '' : ` FUZZ_SEED=${seed}`}`);
const vitest = new URL('../node_modules/vitest/vitest.mjs', import.meta.url);
const result = spawnSync(process.execPath, [vitest.pathname, 'run', 'test/fuzz', 'test/hostile'], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
