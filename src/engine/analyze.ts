import { createHash } from 'node:crypto';
import { FORMATS, writerFor } from '../formats/index.js';
import { KNOWLEDGE_AS_OF } from '../knowledge/index.js';
import type {
  AddressSpace,
  AnalyzedFile,
  Report,
  RuleDescriptor,
  Cluster,
  ClusterUpdate,
  FileSet,
  Finding,
  Format,
  ExtractResult,
  Problem,
  RelatedLocation,
  Setting,
  Severity,
  SourceFile,
  SourceRange,
} from '../model/index.js';
import { severityRank } from '../model/index.js';
import { RULES, docsUrl, formatMessage } from '../rules/index.js';
import type { AnalyzedCluster, PoolSubnets, ReportDescriptor, Rule } from '../rules/index.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { classify } from '../domain/classify.js';
import type { AnalyzeConfig } from './config.js';
import { createFileSet, decodeInput, mentionsAks, normalizePath } from './files.js';
import type { DecodedFile, InputFile } from './files.js';
import { findSubnet } from '../domain/links.js';
import { applySuppressions } from './suppress.js';
import { fenceFiles, fenceFormat, intoDocument, isMarkdown } from './fences.js';

export interface FileInput {
  /** Every file the analysis may read: the ones to analyze and their context (variables, parameters). */
  files: InputFile[];
  /** The paths to analyze; by default every file some format claims. Others are context only. */
  targets?: readonly string[];
}

export interface AnalyzeInput extends FileInput {
  /**
   * The same files before the change (a pull request's base). With it, each cluster says whether the change
   * adds or changes it, `cluster.previous` holds its settings before, and the report carries the base's
   * findings so that a reviewer can tell new findings from old ones.
   */
  base?: FileInput;
}

export type { AnalyzedFile, ClusterReport, Report } from '../model/index.js';

export interface AnalyzeOptions {
  formats?: readonly Format[];
  rules?: readonly Rule[];
}

/**
 * The format that reads a file: the first that claims its path and, when the text is given, recognises
 * it by a sniff. A file two formats could claim is read once, by the first.
 */
export function formatFor(path: string, formats: readonly Format[] = FORMATS, file?: SourceFile): Format | undefined {
  return formats.find(
    (format) => format.claims(path) && (file === undefined || format.sniff === undefined || format.sniff(file)),
  );
}

/** True when some format reads the path only as context for others (`.tfvars`, ARM parameters, stack files). */
export function isContextFile(path: string, formats: readonly Format[] = FORMATS): boolean {
  return formats.some((format) => format.isContext?.(path) === true);
}

/** True when some format either reads the path or needs it as context: what an adapter should load. */
export function isRelevant(path: string, formats: readonly Format[] = FORMATS): boolean {
  return formats.some((format) => format.claims(path) || format.isContext?.(path) === true);
}

export async function analyze(
  input: AnalyzeInput,
  config: AnalyzeConfig,
  options: AnalyzeOptions = {},
): Promise<Report> {
  const formats = options.formats ?? FORMATS;
  const rules = options.rules ?? RULES;
  const head = await extractAll(input, formats, config.maxFileBytes);
  const base = input.base === undefined ? undefined : await extractAll(input.base, formats, config.maxFileBytes);
  if (base !== undefined) compareWithBase(head.clusters, base.clusters);
  const findings = runRules(head, rules, config);
  const report: Report = {
    tool: { name: TOOL_NAME, version: VERSION, knowledgeAsOf: KNOWLEDGE_AS_OF },
    rules: ruleCatalogue(rules),
    files: head.files,
    clusters: head.clusters,
    updates: head.updates,
    addressSpaces: head.addressSpaces,
    findings,
  };
  if (base !== undefined) report.base = { clusters: base.clusters, findings: runRules(base, rules, config) };
  return report;
}

/** The rule catalogue as adapters and renderers see it: ids, descriptions, default severities, docs. */
export function ruleCatalogue(rules: readonly Rule[] = RULES): RuleDescriptor[] {
  return rules.map(describeRule);
}

function describeRule(rule: Rule): RuleDescriptor {
  const { id, description, defaultSeverity } = rule.meta;
  return { id, description, defaultSeverity, helpUri: docsUrl(id) };
}

interface Extraction {
  fileSet: FileSet;
  files: AnalyzedFile[];
  clusters: AnalyzedCluster[];
  updates: ClusterUpdate[];
  addressSpaces: AddressSpace[];
  problems: Problem[];
}

const initialized = new WeakSet<Format>();

async function extractAll(input: FileInput, formats: readonly Format[], maxFileBytes: number): Promise<Extraction> {
  const decoded = new Map<string, DecodedFile>();
  for (const file of input.files) {
    const result = decodeInput(file, maxFileBytes);
    decoded.set(result.file.path, result);
  }
  const readable = [...decoded.values()].filter((d) => d.unreadable === undefined || d.unreadable.kind === 'encoding');
  const fileSet = createFileSet(readable.map((d) => d.file));
  const targets = input.targets === undefined ? [...decoded.keys()] : input.targets.map(normalizePath);
  const extraction: Extraction = { fileSet, files: [], clusters: [], updates: [], addressSpaces: [], problems: [] };
  const clusters: Cluster[] = [];
  for (const path of [...new Set(targets)].sort()) {
    const entry = decoded.get(path);
    if (entry === undefined) continue;
    // A file we can't read is ours to report when a format claims it by path alone, or when a format that
    // sniffs claims the path and the file's bytes mention an AKS resource: a huge or binary `.json` is no
    // ARM template until something in it says so.
    const unreadable = entry.unreadable;
    const format =
      unreadable === undefined || unreadable.kind === 'encoding'
        ? formatFor(path, formats, entry.file)
        : (formatFor(
            path,
            formats.filter((candidate) => candidate.sniff === undefined),
          ) ?? (unreadable.aksMarkers ? formatFor(path, formats) : undefined));
    if ((unreadable === undefined || unreadable.kind === 'encoding') && isMarkdown(path)) {
      const fenced = await extractFences(entry.file, formats, fileSet);
      if (fenced.format !== undefined && format === undefined) extraction.files.push({ path, format: fenced.format });
      for (const result of fenced.results) collect(result, entry.file, extraction, clusters);
    }
    if (format === undefined) continue;
    extraction.files.push({ path, format: format.id });
    if (unreadable !== undefined) {
      if (unreadable.kind === 'encoding') {
        extraction.problems.push({
          kind: 'encoding',
          message: unreadable.detail,
          range: { file: path, startLine: unreadable.line, endLine: unreadable.line },
        });
      } else {
        extraction.problems.push({
          kind: unreadable.kind,
          message: unreadable.detail,
          range: { file: path, startLine: 1, endLine: 1 },
          aksMarkers: unreadable.aksMarkers,
        });
        continue;
      }
    }
    await initFormat(format);
    collect(extractSafely(format, entry.file, fileSet), entry.file, extraction, clusters);
  }
  for (const cluster of dropModuleTemplates(clusters)) {
    extraction.clusters.push({
      cluster,
      classification: classify(cluster),
      subnets: linkSubnets(cluster, extraction.addressSpaces),
      addressSpaces: extraction.addressSpaces,
      updates: extraction.updates,
    });
  }
  return extraction;
}

function collect(result: ExtractResult, file: SourceFile, extraction: Extraction, clusters: Cluster[]): void {
  for (const problem of result.problems) {
    // A format that refused the whole file (nesting too deep) gets the same AKS pre-check.
    if (problem.kind === 'too-deep') problem.aksMarkers ??= mentionsAks(file.text);
    extraction.problems.push(problem);
  }
  extraction.updates.push(...(result.updates ?? []));
  extraction.addressSpaces.push(...(result.addressSpaces ?? []));
  clusters.push(...result.clusters);
}

async function initFormat(format: Format): Promise<void> {
  if (format.init !== undefined && !initialized.has(format)) {
    await format.init();
    initialized.add(format);
  }
}

/**
 * The fences of a Markdown document that a format other than the shell reader reads (`hcl`, `yaml`,
 * `powershell`…), each read as a file of its own and mapped back to the document; the format of the first
 * that is read, for the file list when no format reads the document itself.
 */
async function extractFences(
  document: SourceFile,
  formats: readonly Format[],
  fileSet: FileSet,
): Promise<{ format?: Format['id']; results: ExtractResult[] }> {
  const results: ExtractResult[] = [];
  let first: Format['id'] | undefined;
  for (const fence of fenceFiles(document)) {
    const format = fenceFormat(fence, formats);
    if (format === undefined) continue;
    await initFormat(format);
    first ??= format.id;
    results.push(intoDocument(extractSafely(format, fence.file, fileSet), fence, document.path));
  }
  return first === undefined ? { results } : { format: first, results };
}

/** A format must not throw; if one does anyway, the file becomes a parse error and the run goes on. */
function extractSafely(format: Format, file: SourceFile, fileSet: FileSet) {
  try {
    return format.extract(file, fileSet);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      clusters: [],
      problems: [
        {
          kind: 'parse-error' as const,
          message: `internal error in the ${format.displayName} reader: ${message}`,
          range: { file: file.path, startLine: 1, endLine: 1 },
        },
      ],
    };
  }
}

/**
 * A cluster in a module file is read twice when its caller is analyzed too: once on its own (parameters
 * unresolved) and once per call (with the call's values). The calls are what gets deployed, so the
 * standalone reading goes. When only the module file is analyzed, its reading stays.
 */
function dropModuleTemplates(clusters: Cluster[]): Cluster[] {
  const key = (cluster: Cluster) => `${cluster.range.file}:${cluster.range.startLine}`;
  const instantiated = new Set(clusters.filter((cluster) => cluster.instantiatedBy !== undefined).map(key));
  return clusters.filter((cluster) => cluster.instantiatedBy !== undefined || !instantiated.has(key(cluster)));
}

function linkSubnets(cluster: Cluster, spaces: readonly AddressSpace[]): PoolSubnets[] {
  return cluster.nodePools.map((pool) => {
    const links: PoolSubnets = { pool };
    const node = findSubnet(pool.vnetSubnetId, spaces, pool.vnetSubnetId?.range.file ?? cluster.range.file);
    const pod = findSubnet(pool.podSubnetId, spaces, pool.podSubnetId?.range.file ?? cluster.range.file);
    if (node !== undefined) links.node = node;
    if (pod !== undefined) links.pod = pod;
    return links;
  });
}

/**
 * Matches each head cluster with the base's: by file and id, else by id alone when that is unique (a
 * renamed file). Unmatched head clusters are added by the change.
 */
function compareWithBase(head: AnalyzedCluster[], base: AnalyzedCluster[]): void {
  const byFileAndId = new Map(base.map((entry) => [`${entry.cluster.range.file}#${entry.cluster.id}`, entry]));
  const byId = new Map<string, AnalyzedCluster[]>();
  for (const entry of base) byId.set(entry.cluster.id, [...(byId.get(entry.cluster.id) ?? []), entry]);
  for (const entry of head) {
    const { cluster } = entry;
    const candidates = byId.get(cluster.id) ?? [];
    const before =
      byFileAndId.get(`${cluster.range.file}#${cluster.id}`) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (before === undefined) {
      // A live export lists clusters that already run: a new export file adds none.
      if (writerFor(cluster.format).live === true) continue;
      entry.change = 'added';
      continue;
    }
    cluster.previous ??= { network: before.cluster.network, nodePools: before.cluster.nodePools, replaced: false };
    entry.previousClassification = before.classification;
    entry.change = sameSettings(cluster, before.cluster) ? 'unchanged' : 'changed';
  }
}

/** Whether the network settings and pools are the same, by value (not by line). */
function sameSettings(a: Cluster, b: Cluster): boolean {
  return JSON.stringify(valuesOf(a)) === JSON.stringify(valuesOf(b));
}

function valuesOf(cluster: Cluster): unknown {
  const strip = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'range' || key === 'via' ? undefined : inner)));
  return strip({ network: cluster.network, pools: cluster.nodePools, ipFamilies: cluster.ipFamilies });
}

function runRules(extraction: Extraction, rules: readonly Rule[], config: AnalyzeConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (config.rules[rule.meta.id] === 'off') continue;
    for (const analyzed of extraction.clusters) {
      const cap = analyzed.cluster.documentation === true ? config.documentationSeverity : undefined;
      if (cap === 'off') continue;
      rule.checkCluster?.(analyzed, contextFor(rule, config, findings, analyzed.cluster.id, extraction.fileSet, cap));
    }
    for (const update of extraction.updates) {
      const cap = update.documentation === true ? config.documentationSeverity : undefined;
      if (cap === 'off') continue;
      rule.checkUpdate?.(update, contextFor(rule, config, findings, update.id, extraction.fileSet, cap));
    }
    for (const problem of extraction.problems) {
      rule.checkProblem?.(problem, contextFor(rule, config, findings, undefined, extraction.fileSet, undefined));
    }
  }
  for (const note of applySuppressions(findings, extraction.fileSet, config.today)) {
    note.finding.message = `${note.finding.message} (Not suppressed: ${note.problem}.)`;
  }
  return findings.sort(compareFindings);
}

/**
 * A finding's severity: the configuration's for the rule, else the message's own, else the rule's default;
 * a cluster defined only in documentation can't break a deployment, so its findings are capped.
 */
function severityFor(rule: Rule, messageId: string, config: AnalyzeConfig, cap: Severity | undefined): Severity {
  const configured = config.rules[rule.meta.id];
  const severity =
    configured !== undefined && configured !== 'off'
      ? configured
      : (rule.meta.messageSeverity?.[messageId] ?? rule.meta.defaultSeverity);
  return cap !== undefined && severityRank(severity) > severityRank(cap) ? cap : severity;
}

function contextFor(
  rule: Rule,
  config: AnalyzeConfig,
  findings: Finding[],
  subjectId: string | undefined,
  fileSet: FileSet,
  cap: Severity | undefined,
) {
  return {
    today: config.today,
    sourceLine(file: string, line: number): string | undefined {
      return linesOf(fileSet, file)[line - 1];
    },
    report(descriptor: ReportDescriptor) {
      const template = rule.meta.messages[descriptor.messageId] ?? descriptor.messageId;
      const finding: Finding = {
        ruleId: rule.meta.id,
        severity: severityFor(rule, descriptor.messageId, config, cap),
        messageId: descriptor.messageId,
        message: formatMessage(template, descriptor.data),
        range: descriptor.range,
        helpUri: docsUrl(rule.meta.id),
        fingerprint: fingerprint([
          rule.meta.id,
          descriptor.range.file,
          subjectId ?? '',
          descriptor.messageId,
          descriptor.key ?? '',
        ]),
      };
      if (subjectId !== undefined) finding.clusterId = subjectId;
      if (descriptor.suggestion !== undefined) finding.suggestion = descriptor.suggestion;
      const related = relatedLocations(descriptor.range, descriptor.decidedBy ?? []);
      if (related.length > 0) finding.related = related;
      findings.push(finding);
    },
  };
}

/**
 * The lines that decide a finding besides its own: each deciding setting's line (when it is not the
 * finding's) and every line its value came through, outermost first, each once.
 */
export function relatedLocations(
  range: SourceRange,
  settings: readonly (Setting<unknown> | undefined)[],
): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const seen = new Set([lineKey(range)]);
  const add = (location: RelatedLocation) => {
    const key = lineKey(location.range);
    if (seen.has(key)) return;
    seen.add(key);
    related.push(location);
  };
  for (const setting of settings) {
    if (setting === undefined) continue;
    add({ range: setting.range, message: ownLine(setting) });
    if (setting.how !== 'resolved') continue;
    for (const step of setting.via)
      add({ range: step.range, message: step.description, readThrough: setting.expression });
  }
  return related;
}

function ownLine(setting: Setting<unknown>): string {
  switch (setting.how) {
    case 'literal':
      return 'a value that decides this finding is written here';
    case 'default':
      return `a value that decides this finding is left to a default here: ${setting.note}`;
    case 'resolved':
    case 'unresolved':
      return `a value that decides this finding is read here through \`${setting.expression}\``;
  }
}

function lineKey(range: SourceRange): string {
  return `${range.file}\u0000${range.startLine}\u0000${range.endLine}`;
}

function linesOf(fileSet: FileSet, path: string): string[] {
  return fileSet.memo(`lines:${path}`, () => fileSet.get(path)?.text.split(/\r?\n/) ?? []);
}

/** Stable across runs and unrelated edits: no line numbers, no message text. */
function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.range.file, b.range.file) ||
    a.range.startLine - b.range.startLine ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
