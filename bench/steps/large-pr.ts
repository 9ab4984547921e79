// Base + head analysis of a large pull request, in process: N changed files (5 % of them AKS fixtures whose
// network plugin the change flips), each side analyzed as the review does (`analyze` with `base`).
import { analyze } from '../../src/engine/analyze.js';
import { defaultConfig } from '../../src/engine/config.js';
import type { InputFile } from '../../src/engine/files.js';
import { generateCorpus, makeFile, random } from '../corpus.js';
import { TODAY, elapsed, finish, now } from '../child.js';

const count = Number(process.argv[2] ?? '3000');
const seed = Number(process.argv[3] ?? '1');
const root = process.env.NETGUIDE_ROOT ?? process.cwd();

const changed = generateCorpus(root, { seed: seed + 1, files: count, bytes: count * 10 * 1024, clusterShare: 0.05 });
const rand = random(seed + 2);
const head: InputFile[] = [];
const base: InputFile[] = [];
for (const [index, file] of changed.entries()) {
  // 10 % added, 5 % removed, the rest modified: AKS files flip kubenet <-> azure, others are rewritten.
  const roll = index % 20;
  if (roll !== 0) head.push({ path: file.path, content: file.text });
  if (roll === 1 || roll === 2) continue;
  const before =
    file.kind === 'aks'
      ? file.text.replaceAll('kubenet', '__swap__').replaceAll('"azure"', '"kubenet"').replaceAll('__swap__', 'azure')
      : file.kind === 'other'
        ? `${file.text}\n// edited\n`
        : makeFile(file.kind, rand, file.text.length);
  base.push({ path: file.path, content: before });
}
const bytesOf = (files: InputFile[]) =>
  files.reduce((sum, file) => sum + (typeof file.content === 'string' ? Buffer.byteLength(file.content) : 0), 0);

const config = defaultConfig(TODAY);
const start = now();
const report = await analyze({ files: head, base: { files: base } }, config);
const analyzeMs = elapsed(start);
const warmStart = now();
await analyze({ files: head, base: { files: base } }, config);
const warmMs = elapsed(warmStart);

finish({
  changedFiles: count,
  headFiles: head.length,
  baseFiles: base.length,
  headBytes: bytesOf(head),
  baseBytes: bytesOf(base),
  analyzeMs,
  warmAnalyzeMs: warmMs,
  clusters: report.clusters.length,
  changedClusters: report.clusters.filter((cluster) => cluster.change === 'changed').length,
  addedClusters: report.clusters.filter((cluster) => cluster.change === 'added').length,
  findings: report.findings.length,
  baseFindings: report.base?.findings.length ?? 0,
});
