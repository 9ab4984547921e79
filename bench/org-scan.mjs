// `node bench/org-scan.mjs`: transpiles the organisation-scan benchmark (with the sources, the fake GitHub
// and the test support it drives) into bench/.out-org-scan/, one file per file, and runs it.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const out = path.join(root, 'bench/.out-org-scan');

function sources(folder) {
  return readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .filter((entry) => !entry.name.endsWith('.d.ts') && !entry.parentPath.includes('__fixtures__'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [
    ...sources('src'),
    ...sources('test/fake-github'),
    ...sources('test/support'),
    path.join(root, 'bench/org-scan.ts'),
  ],
  outdir: out,
  outbase: root,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
cpSync(path.join(root, 'test/fake-github/spec'), path.join(out, 'test/fake-github/spec'), { recursive: true });
await import(path.join(out, 'bench/org-scan.js'));
