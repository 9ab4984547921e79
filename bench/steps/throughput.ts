// In-process analyzer throughput over a corpus folder: the CLI's own file walk, then `analyze` with every
// format's sniff and extract timed, so the cost per format falls out of one run. Run as a child process:
// its peak RSS is its own.
import { analyze, formatFor, isRelevant } from '../../src/engine/analyze.js';
import { defaultConfig } from '../../src/engine/config.js';
import { decodeInput } from '../../src/engine/files.js';
import { FORMATS } from '../../src/formats/index.js';
import { collect } from '../../src/fs/walk.js';
import type { Format } from '../../src/model/index.js';
import { renderJson } from '../../src/render/json.js';
import { TODAY, elapsed, finish, now } from '../child.js';

interface FormatCost {
  /** Files the format read (claimed and sniffed), their bytes, and the time in `extract`. */
  files: number;
  bytes: number;
  extractMs: number;
  /** Files the format was asked about by sniff, and the time that took. */
  sniffed: number;
  sniffMs: number;
  clusters: number;
}

const directory = process.argv[2];
if (directory === undefined) throw new Error('usage: throughput.js <corpus directory>');

const costs: Record<string, FormatCost> = {};
function timed(format: Format): Format {
  const cost: FormatCost = { files: 0, bytes: 0, extractMs: 0, sniffed: 0, sniffMs: 0, clusters: 0 };
  costs[format.id] = cost;
  const wrapped: Format = {
    ...format,
    extract(file, files) {
      const start = now();
      const result = format.extract(file, files);
      cost.extractMs += elapsed(start);
      cost.files++;
      cost.bytes += Buffer.byteLength(file.text);
      cost.clusters += result.clusters.length;
      return result;
    },
  };
  const { sniff } = format;
  if (sniff !== undefined) {
    wrapped.sniff = (file) => {
      const start = now();
      const answer = sniff(file);
      cost.sniffMs += elapsed(start);
      cost.sniffed++;
      return answer;
    };
  }
  return wrapped;
}

const config = defaultConfig(TODAY);
const start = now();
const collected = await collect(['.'], {
  cwd: directory,
  maxFileBytes: config.maxFileBytes,
  isRelevant: (path) => isRelevant(path),
  isTarget: (path) => formatFor(path) !== undefined,
});
const collectMs = elapsed(start);
let readBytes = 0;
for (const file of collected.files) {
  if (file.content instanceof Uint8Array) readBytes += file.content.byteLength;
}

const formats = FORMATS.map(timed);
const analyzeStart = now();
const report = await analyze({ files: collected.files, targets: collected.targets }, config, { formats });
const analyzeMs = elapsed(analyzeStart);
const renderStart = now();
const json = renderJson(report);
const renderMs = elapsed(renderStart);

// A second run on warm code (JIT, grammars loaded): what a long-lived process (the app) sees.
const warmStart = now();
const warm = await analyze({ files: collected.files, targets: collected.targets }, config);
const warmMs = elapsed(warmStart);

// Decoding (UTF-8 check and TextDecoder) on its own, the engine's first step for every file.
const decodeStart = now();
for (const file of collected.files) decodeInput(file, config.maxFileBytes);
const decodeMs = elapsed(decodeStart);

finish({
  collectMs,
  analyzeMs,
  warmAnalyzeMs: warmMs,
  renderMs,
  decodeMs,
  readFiles: collected.files.length,
  readBytes,
  targets: collected.targets.length,
  analyzedFiles: report.files.length,
  clusters: report.clusters.length,
  findings: report.findings.length,
  warmFindings: warm.findings.length,
  jsonBytes: Buffer.byteLength(json),
  formats: costs,
});
