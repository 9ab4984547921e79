import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyze } from '../engine/analyze.js';
import { defaultConfig, isIsoDate, todayUtc } from '../engine/config.js';
import { compareLive, isLive } from '../engine/drift.js';
import { createFileSet } from '../engine/files.js';
import { azureLive } from '../formats/azure-live/index.js';
import type { DriftReport } from '../engine/drift.js';
import { escapeMarkdown, inlineCode } from '../render/escape.js';
import type { AnalyzedCluster } from '../model/index.js';

interface LiveProblem {
  file: string;
  line: number;
  message: string;
}
import { EXIT_CLEAN, EXIT_FINDINGS, scan, parseCommandLine, usage } from './main.js';
import type { CliIo } from './main.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

/** `netguide drift --live FILE [PATH...]`: live clusters against their infrastructure code. */
export async function drift(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      live: { type: 'string', multiple: true },
      format: { type: 'string', short: 'f' },
      today: { type: 'string' },
      config: { type: 'string', short: 'c' },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    return usage(io, `--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  }
  if (values.today !== undefined && !isIsoDate(values.today)) {
    return usage(io, `--today must be a date written YYYY-MM-DD, not "${values.today}"`);
  }
  const liveFiles = values.live ?? [];
  if (liveFiles.length === 0) return usage(io, 'drift needs --live FILE (the output of az aks list -o json)');
  const files = [];
  for (const file of liveFiles) {
    const content = await readFile(path.resolve(io.cwd, file)).catch(() => undefined);
    if (content === undefined) return usage(io, `--live ${file}: cannot be read`);
    files.push({ path: file.split(path.sep).join('/'), content: content.toString('utf8') });
  }
  const liveReport = await analyze({ files }, defaultConfig(values.today ?? todayUtc()));
  const problems: LiveProblem[] = liveReport.findings
    .filter((finding) => finding.ruleId === 'parse-error')
    .map((finding) => ({ file: finding.range.file, line: finding.range.startLine, message: finding.message }));
  const live = liveReport.clusters.filter((entry) => isLive(entry.cluster));
  const unread = files.filter((file) => !live.some((entry) => entry.cluster.range.file === file.path));
  for (const file of unread) {
    if (problems.some((problem) => problem.file === file.path)) continue;
    // Named with --live, the file is meant to be a live export: what its own reader says beats "not mine".
    const source = { path: file.path, text: file.content.toString() };
    const own = azureLive.extract(source, createFileSet([source])).problems;
    if (own.length > 0) {
      problems.push(
        ...own.map((problem) => ({ file: file.path, line: problem.range.startLine, message: problem.message })),
      );
    } else {
      problems.push({
        file: file.path,
        line: 1,
        message: 'holds no managed cluster as az aks list/show or Azure Resource Graph print them',
      });
    }
  }
  const scanned = await scan(positionals, { config: values.config, today: values.today }, io);
  if (typeof scanned === 'number') return scanned;
  const code = scanned.report.clusters.filter((entry) => !isLive(entry.cluster));
  const result = compareLive(live, code);
  io.stdout(render(result, problems, format));
  const drifted = result.liveOnly.length > 0 || result.matches.some((match) => match.differences.length > 0);
  return drifted || problems.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function name(entry: AnalyzedCluster): string {
  return entry.cluster.id;
}

function where(entry: AnalyzedCluster): string {
  return `${entry.cluster.range.file}:${entry.cluster.range.startLine}`;
}

function render(result: DriftReport, problems: LiveProblem[], format: string): string {
  if (format === 'json') {
    return `${JSON.stringify(
      {
        problems: problems,
        matches: result.matches.map((m) => ({
          live: { id: name(m.live), at: where(m.live), model: m.live.classification.model },
          code: { id: name(m.code), at: where(m.code), model: m.code.classification.model },
          matchedBy: m.key,
          differences: m.differences,
        })),
        liveOnly: result.liveOnly.map((e) => ({ id: name(e), at: where(e), model: e.classification.model })),
        codeOnly: result.codeOnly.map((e) => ({ id: name(e), at: where(e), model: e.classification.model })),
      },
      null,
      2,
    )}\n`;
  }
  const md = format === 'markdown';
  const text = (value: string): string => (md ? escapeMarkdown(value) : clean(value));
  const codeText = (value: string): string => (md ? inlineCode(value) : clean(value));
  const lines: string[] = [md ? '## Drift between live clusters and code' : 'Drift between live clusters and code', ''];
  for (const problem of problems) {
    lines.push(`${md ? '- ' : ''}${codeText(`${problem.file}:${problem.line}`)} ${text(problem.message)}`);
  }
  for (const match of result.matches) {
    lines.push(
      `${md ? '- ' : ''}${codeText(name(match.live))} (${codeText(where(match.live))}) is ${codeText(name(match.code))} (${codeText(where(match.code))}), matched by ${match.key}: ${match.differences.length === 0 ? 'no difference that matters' : `${match.differences.length} difference(s)`}`,
    );
    for (const difference of match.differences) {
      lines.push(
        `  ${md ? '- ' : ''}${difference.setting}: live ${codeText(difference.live)}, code ${difference.code === undefined ? 'leaves it out' : codeText(difference.code)} (${codeText(difference.at)}): ${text(difference.consequence)} (${text(difference.source)})`,
      );
    }
  }
  for (const entry of result.liveOnly) {
    lines.push(
      `${md ? '- ' : ''}${codeText(name(entry))} (${codeText(where(entry))}) runs with no infrastructure code found for it`,
    );
  }
  for (const entry of result.codeOnly) {
    lines.push(
      `${md ? '- ' : ''}${codeText(name(entry))} (${codeText(where(entry))}) is defined in code, with no live cluster of that name`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Terminal text: control characters (escape sequences in hostile names) become spaces. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200B-\u200F\u202A-\u202E\u2066-\u2069]+/g, ' ');
}
