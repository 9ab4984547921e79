// Bundles the Action into dist/index.js (ESM: @actions/* are ESM-only) and copies the WebAssembly
// files the tree-sitter formats load into dist/wasm/. CI rebuilds and fails if dist/ differs.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const WASM = [
  'web-tree-sitter/web-tree-sitter.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-javascript/tree-sitter-javascript.wasm',
  'tree-sitter-python/tree-sitter-python.wasm',
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, 'wasm'), { recursive: true });
await build({
  entryPoints: [path.join(root, 'src/action/index.ts')],
  outfile: path.join(dist, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Prefer ESM builds: jsonc-parser's "main" is a UMD build whose dynamic requires esbuild can't follow.
  mainFields: ['module', 'main'],
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: {
    js: "import { createRequire as __netguideCreateRequire } from 'node:module';\nconst require = __netguideCreateRequire(import.meta.url);",
  },
});
for (const specifier of WASM) {
  copyFileSync(require.resolve(specifier), path.join(dist, 'wasm', path.basename(specifier)));
}
