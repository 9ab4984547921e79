// Loads the TypeScript test fakes (the fake GitHub and the Action harness) into plain Node: esbuild bundles
// them into node_modules/.cache (so their npm imports still resolve) and the bundle is imported.
// Each file's `import.meta.url` is replaced by its real location, so the spec file, the webhook examples and
// dist/index.js are found from wherever the bundle lives.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {import('esbuild').Plugin} */
const realImportMetaUrl = {
  name: 'real-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * `startFakeGitHub` from test/fake-github/server.ts and `runAction` / `pullRequestEvent` from
 * test/action/harness.ts.
 */
export async function loadFakes() {
  // One file per process: a test and a manual run may bundle at the same time.
  const outfile = path.join(root, `node_modules/.cache/aks-netguide-demo/fakes-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: [
        "export { startFakeGitHub } from './test/fake-github/server.ts';",
        "export { runAction, pullRequestEvent } from './test/action/harness.ts';",
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'demo-fakes.ts',
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [realImportMetaUrl],
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(outfile, { force: true });
  }
}
