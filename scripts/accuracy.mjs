#!/usr/bin/env node
// Measures the analyzer against the labelled real-world corpus (test/accuracy/manifest.json).
//
// 1. materializes the corpus from local git mirrors (scripts/materialize-corpus.mjs) when needed;
// 2. runs `bin/netguide.js scan . --format json` once per repository, rooted at the repository;
// 3. matches each labelled definition to a reported cluster in the same file whose line is within
//    `lineTolerance` (manifest, 3) of the labelled line, the closest first, each cluster used once;
// 4. prints, per format: labelled, found, classified right, accuracy (right / labelled), hard negatives and the
//    clusters reported in them; then every miss (not found, wrong model, false cluster in a negative).
//
// Clusters reported in files no entry names are not labelled: they are counted ("unlabelled") and listed with
// --unlabelled, never scored. Exit status 0 (a measurement), unless --min N is given and overall accuracy is
// below N %, or --min-format N and a format is below N %.
//
// Usage: npm run accuracy [-- --min 97] [-- --min-format 95] [--json] [--unlabelled] [--repo owner/name]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, materialize, repoDir } from './materialize-corpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'netguide.js');
const TODAY = '2026-12-05';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const min = option('--min') === undefined ? undefined : Number(option('--min'));
const minFormat = option('--min-format') === undefined ? undefined : Number(option('--min-format'));
const only = option('--repo');

if (!existsSync(join(ROOT, 'lib', 'cli', 'main.js'))) {
  process.stderr.write('lib/ is missing: run `npm run build` first.\n');
  process.exit(2);
}

const problems = await materialize({ only, log: () => {} });
if (problems.length > 0) {
  process.stderr.write(`Cannot materialize the corpus:\n  ${problems.join('\n  ')}\n`);
  process.exit(2);
}

const manifest = loadManifest();
const tolerance = manifest.lineTolerance ?? 3;
const clean = (path) => path.replace(/\\/g, '/').replace(/^\.\//, '');

/** Runs the analyzer on one materialized repository; returns its clusters with repository-relative paths. */
function scan(repo) {
  const cwd = repoDir(repo);
  const result = spawnSync(
    process.execPath,
    [CLI, 'scan', '.', '--format', 'json', '--fail-on', 'never', '--today', TODAY],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (result.status !== 0) {
    return {
      error: `exit ${result.status}: ${(result.stderr || '').trim().split('\n').slice(-3).join(' | ')}`,
      clusters: [],
    };
  }
  const report = JSON.parse(result.stdout);
  return { clusters: report.clusters.map((cluster) => ({ ...cluster, file: clean(cluster.file) })) };
}

const rows = new Map();
const row = (format) => {
  if (!rows.has(format)) rows.set(format, { labelled: 0, found: 0, right: 0, negatives: 0, falseClusters: 0 });
  return rows.get(format);
};
const misses = [];
const unlabelled = [];
const errors = [];

for (const { repo } of manifest.repos) {
  if (only && repo !== only) continue;
  const entries = manifest.entries.filter((entry) => entry.repo === repo);
  const { clusters, error } = scan(repo);
  if (error) errors.push(`${repo}: ${error}`);
  const used = new Set();
  const named = new Set(entries.map((entry) => entry.path));
  for (const entry of entries.filter((candidate) => candidate.expected !== 'none')) {
    const stats = row(entry.format);
    stats.labelled++;
    const candidates = clusters
      .map((cluster, index) => ({ cluster, index }))
      .filter(({ cluster, index }) => !used.has(index) && cluster.file === entry.path)
      .filter(({ cluster }) => Math.abs(cluster.line - entry.line) <= tolerance)
      .sort((a, b) => Math.abs(a.cluster.line - entry.line) - Math.abs(b.cluster.line - entry.line));
    const match = candidates[0];
    if (!match) {
      const sameFile = clusters.filter((cluster) => cluster.file === entry.path).map((cluster) => `${cluster.line}`);
      let got = sameFile.length ? `clusters in this file at lines ${sameFile.join(', ')}` : 'no cluster in this file';
      if (entry.moduleResource) {
        // A module call: say whether the analyzer reported the module's own resource instead (informational only).
        const [file, line] = [entry.moduleResource.replace(/:\d+$/, ''), Number(entry.moduleResource.split(':').pop())];
        const there = clusters.filter((cluster) => cluster.file === file && Math.abs(cluster.line - line) <= tolerance);
        got += there.length
          ? `; the called module's resource ${entry.moduleResource} is reported as ${[...new Set(there.map((cluster) => cluster.model))].join('/')}`
          : `; nothing reported at the called module's resource ${entry.moduleResource}`;
      }
      misses.push({
        kind: 'not found',
        format: entry.format,
        construct: entry.construct,
        where: `${repo}:${entry.path}:${entry.line}`,
        expected: entry.expected,
        got,
        notes: entry.notes,
      });
      continue;
    }
    used.add(match.index);
    stats.found++;
    if (match.cluster.model === entry.expected) stats.right++;
    else {
      misses.push({
        kind: 'wrong model',
        format: entry.format,
        construct: entry.construct,
        where: `${repo}:${entry.path}:${entry.line}`,
        expected: entry.expected,
        got: `${match.cluster.model} (${match.cluster.format} ${match.cluster.name} at line ${match.cluster.line})`,
        notes: entry.notes,
      });
    }
  }
  for (const entry of entries.filter((candidate) => candidate.expected === 'none')) {
    const stats = row(entry.format);
    stats.negatives++;
    for (const [index, cluster] of clusters.entries()) {
      if (cluster.file !== entry.path) continue;
      used.add(index);
      stats.falseClusters++;
      misses.push({
        kind: 'false cluster in a negative',
        format: entry.format,
        construct: entry.construct,
        where: `${repo}:${entry.path}:${cluster.line}`,
        expected: 'none',
        got: `${cluster.model} (${cluster.format} ${cluster.name})`,
        notes: entry.notes,
      });
    }
  }
  for (const [index, cluster] of clusters.entries()) {
    if (used.has(index)) continue;
    unlabelled.push({
      where: `${repo}:${cluster.file}:${cluster.line}`,
      model: cluster.model,
      format: cluster.format,
      inLabelledFile: named.has(cluster.file),
    });
  }
}

const total = { labelled: 0, found: 0, right: 0, negatives: 0, falseClusters: 0 };
for (const stats of rows.values()) for (const key of Object.keys(total)) total[key] += stats[key];
const percent = (stats) => (stats.labelled ? (100 * stats.right) / stats.labelled : 100);
const formats = [...rows.keys()].sort();

if (args.includes('--json')) {
  process.stdout.write(
    JSON.stringify(
      { date: TODAY, tolerance, formats: Object.fromEntries(rows), total, misses, unlabelled, errors },
      null,
      2,
    ) + '\n',
  );
} else {
  const table = [['format', 'labelled', 'found', 'right', 'accuracy', 'negatives', 'false clusters']];
  const line = (name, stats) => [
    name,
    String(stats.labelled),
    String(stats.found),
    String(stats.right),
    `${percent(stats).toFixed(1)} %`,
    String(stats.negatives),
    String(stats.falseClusters),
  ];
  for (const format of formats) table.push(line(format, rows.get(format)));
  table.push(line('overall', total));
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const out = [];
  out.push(
    `Real-world corpus: ${manifest.repos.length} repositories, ${manifest.entries.length} entries (line tolerance ±${tolerance})`,
  );
  out.push('');
  for (const cells of table)
    out.push(
      cells.map((cell, column) => (column ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  '),
    );
  out.push('');
  out.push(`Misses (${misses.length}):`);
  for (const miss of misses) {
    out.push(`  [${miss.kind}] ${miss.where} (${miss.format}/${miss.construct})`);
    out.push(`      expected ${miss.expected}; got ${miss.got}`);
  }
  const inLabelled = unlabelled.filter((cluster) => cluster.inLabelledFile).length;
  out.push('');
  out.push(
    `Unlabelled clusters (not scored): ${unlabelled.length}, of which ${inLabelled} in labelled files` +
      (args.includes('--unlabelled') ? ':' : ' (list them with --unlabelled)'),
  );
  if (args.includes('--unlabelled')) {
    for (const cluster of unlabelled)
      out.push(
        `  ${cluster.where} ${cluster.format} ${cluster.model}${cluster.inLabelledFile ? ' (labelled file)' : ''}`,
      );
  }
  if (errors.length) out.push('', `Scan errors:`, ...errors.map((error) => `  ${error}`));
  process.stdout.write(out.join('\n') + '\n');
}

const belowFormat = minFormat === undefined ? [] : formats.filter((format) => percent(rows.get(format)) < minFormat);
if ((min !== undefined && percent(total) < min) || belowFormat.length > 0 || errors.length > 0) {
  process.exitCode = min === undefined && minFormat === undefined && errors.length === 0 ? 0 : 1;
}
