// `npm run bench`: builds what is measured (lib/ for the CLI, dist/ for the Action), transpiles the
// benchmark (TypeScript, with the sources and the fake GitHub it drives) into bench/.out/, and runs it.
// Environment: BENCH_QUICK=1 (small sizes, for CI), BENCH_MB, BENCH_FILES, BENCH_SEED, BENCH_BUILD=0
// (measure lib/ and dist/ as they are), BENCH_ONLY=throughput,pr,api,cold,app (a subset).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const out = path.join(root, 'bench/.out');

if (process.env.BENCH_BUILD !== '0') {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: root, stdio: 'inherit' });
}

function sources(folder) {
  const found = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__' && entry.name !== '.out' && entry.name !== 'results')
        found.push(...sources(relative));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
      found.push(path.join(root, relative));
    }
  }
  return found;
}

rmSync(out, { recursive: true, force: true });
// One file in, one file out (no bundling): relative imports and `import.meta.url` keep working.
await build({
  entryPoints: [...sources('src'), ...sources('test/fake-github'), ...sources('test/app'), ...sources('bench')],
  outdir: out,
  outbase: root,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
cpSync(path.join(root, 'test/fake-github/spec'), path.join(out, 'test/fake-github/spec'), { recursive: true });
statSync(path.join(out, 'bench/main.js'));
await import(path.join(out, 'bench/main.js'));
