import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Alias, Document } from 'yaml';
import type { Problem } from '../../model/index.js';
import { MAX_YAML_NESTING, yamlNestingTooDeep } from '../nesting.js';

/**
 * The only file that touches the `yaml` package. It turns a (multi-document) YAML file into a small
 * plain tree of our own with 1-based lines and character offsets, and never throws.
 *
 * Helm templates are YAML only after rendering. A line that holds nothing but a template action
 * (`{{- if .Values.x }}`, `{{ include "labels" . }}`) is blanked before parsing, so the rest of the
 * document still parses; the blanked actions are reported back (conditional regions and insertion
 * points) so that extract can mark what they govern as unresolved rather than guess.
 */

interface NodeBase {
  /** Character offsets into the text, end exclusive. */
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** Set when the node was reached through an alias (`*name`): where the anchor is. */
  alias?: AliasUse;
}

export interface AliasUse {
  name: string;
  /** The line of the `&name` anchored node. */
  anchorStartLine: number;
  anchorEndLine: number;
}

export interface YamlEntry {
  key: string;
  /** From the key to the end of the value as written here (an alias token, not its target). */
  startLine: number;
  endLine: number;
  value: YamlNode;
}

export type ScalarValue = string | number | boolean | null;

export type YamlNode =
  | (NodeBase & { kind: 'map'; entries: YamlEntry[] })
  | (NodeBase & { kind: 'seq'; items: YamlNode[] })
  | (NodeBase & { kind: 'scalar'; value: ScalarValue; source: string })
  /** Not converted: nested too deep, over the alias budget, an unresolvable alias. */
  | (NodeBase & { kind: 'unsupported'; why: string });

export type YamlMap = Extract<YamlNode, { kind: 'map' }>;

export interface YamlDocument {
  root: YamlNode | undefined;
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** YAML syntax errors in this document (the caller decides whether the document is its business). */
  errors: Problem[];
  /** Parts not converted (too deep, too many aliases): reported, but the rest of the document is usable. */
  limits: Problem[];
}

/** A region governed by a Helm `if`/`with`/`range`/`define` action: its content may or may not render. */
export interface HelmRegion {
  startLine: number;
  endLine: number;
  /** The opening action as written. */
  text: string;
}

/** A line where a Helm action outputs content we cannot see (`include`, `toYaml`, `template`). */
export interface HelmInsertion {
  line: number;
  /** Columns before the action: content it outputs usually belongs to the mapping at that indentation. */
  indent: number;
  text: string;
}

export interface HelmInfo {
  regions: HelmRegion[];
  insertions: HelmInsertion[];
}

export type ParseResult = { ok: true; documents: YamlDocument[]; helm: HelmInfo } | { ok: false; problems: Problem[] };

/** Nodes nested deeper than this are not converted (a problem is reported instead). */
export const MAX_DEPTH = 100;
/** Aliases expanded per document; like the `yaml` package's own `maxAliasCount`, it bounds billion-laughs expansion. */
export const MAX_ALIAS_COUNT = 100;
/** Nodes converted per document, aliases expanded included. */
export const MAX_NODES = 200_000;
/** YAML errors reported per document; the first one usually explains the rest. */
const MAX_ERRORS_PER_DOCUMENT = 3;

export function parseYaml(text: string, path: string): ParseResult {
  try {
    return parseUnsafe(text, path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ kind: 'parse-error', range: { file: path, startLine: 1, endLine: 1 }, message: `YAML: ${message}` }],
    };
  }
}

function parseUnsafe(text: string, path: string): ParseResult {
  const { text: blanked, helm } = blankHelmActions(text);
  const tooDeep = yamlNestingTooDeep(blanked);
  if (tooDeep !== undefined) {
    return {
      ok: false,
      problems: [
        {
          kind: 'too-deep',
          range: { file: path, startLine: tooDeep, endLine: tooDeep },
          message: `YAML: nested deeper than ${MAX_YAML_NESTING} levels`,
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  // Core schema plus `<<` merge keys, which Kubernetes' YAML 1.1 reader also accepts.
  const parsed = parseAllDocuments(blanked, { lineCounter, merge: true, prettyErrors: false });
  const docs: readonly Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const lines = new Lines(blanked, lineCounter);
  const documents: YamlDocument[] = [];
  for (const doc of docs) {
    const [start, , end] = doc.range;
    const errors = doc.errors.slice(0, MAX_ERRORS_PER_DOCUMENT).map((error) => {
      const line = lines.lineOf(error.pos[0]);
      return {
        kind: 'parse-error' as const,
        range: { file: path, startLine: line, endLine: line },
        message: `YAML: ${firstLine(error.message)}`,
      };
    });
    const converter = new Converter(doc, lines);
    const root = doc.contents === null ? undefined : converter.convert(doc.contents, 0);
    const limits = converter.problems.map((message) => ({
      kind: 'parse-error' as const,
      range: { file: path, ...converter.problemLines },
      message,
    }));
    documents.push({ root, start, end, ...lines.span(start, end), errors, limits });
  }
  return { ok: true, documents, helm };
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return (newline < 0 ? message : message.slice(0, newline)).trim();
}

/** Offsets to 1-based lines; an end offset is walked back over trailing whitespace so ranges end on content. */
class Lines {
  constructor(
    private readonly text: string,
    private readonly counter: LineCounter,
  ) {}

  lineOf(offset: number): number {
    return this.counter.linePos(offset).line;
  }

  span(start: number, end: number): { startLine: number; endLine: number } {
    let last = Math.max(start, end - 1);
    while (last > start && isWhitespace(this.text.charCodeAt(last))) last--;
    return { startLine: this.lineOf(start), endLine: this.lineOf(last) };
  }
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

class Converter {
  readonly problems: string[] = [];
  problemLines = { startLine: 1, endLine: 1 };
  private aliases = 0;
  private nodes = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: Lines,
  ) {}

  convert(node: unknown, depth: number): YamlNode {
    const [start, valueEnd] = rangeOf(node);
    const base = { start, end: valueEnd, ...this.lines.span(start, valueEnd) };
    if (depth > MAX_DEPTH) return this.unsupported(base, `nested deeper than ${MAX_DEPTH} levels`);
    this.nodes++;
    if (this.nodes > MAX_NODES) return this.unsupported(base, `more than ${MAX_NODES} nodes in one document`);
    if (isAlias(node)) return this.convertAlias(node, base, depth);
    if (isScalar(node)) {
      const value = node.value;
      const plain: ScalarValue =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
      const source = typeof node.source === 'string' ? node.source : String(value ?? '');
      return { ...base, kind: 'scalar', value: plain, source };
    }
    if (isSeq(node)) {
      const items: YamlNode[] = [];
      for (const item of node.items) items.push(this.convert(item, depth + 1));
      return { ...base, kind: 'seq', items };
    }
    if (isMap(node)) return { ...base, kind: 'map', entries: this.convertEntries(node.items, depth) };
    return this.unsupported(base, 'an unknown YAML node');
  }

  private convertEntries(pairs: readonly unknown[], depth: number): YamlEntry[] {
    const entries: YamlEntry[] = [];
    const merged: YamlEntry[] = [];
    for (const pair of pairs) {
      if (!isPair(pair) || !isScalar(pair.key)) continue; // complex keys are never Kubernetes fields
      const key = pair.key;
      const [keyStart] = rangeOf(key);
      const [, valueEnd] = pair.value === null ? rangeOf(key) : rangeOf(pair.value);
      const lines = this.lines.span(keyStart, valueEnd);
      if (key.source === '<<' && typeof key.value !== 'string') {
        merged.push(...this.mergeEntries(pair.value, depth));
        continue;
      }
      const value =
        pair.value === null
          ? ({ start: valueEnd, end: valueEnd, ...lines, kind: 'scalar', value: null, source: '' } satisfies YamlNode)
          : this.convert(pair.value, depth + 1);
      entries.push({ key: String(key.value), ...lines, value });
    }
    // Keys written in the map win over merged ones (YAML merge key semantics).
    const own = new Set(entries.map((entry) => entry.key));
    for (const entry of merged) {
      if (own.has(entry.key)) continue;
      own.add(entry.key);
      entries.push(entry);
    }
    return entries;
  }

  /** `<<: *base` or `<<: [*a, *b]`: the entries of the referenced maps. */
  private mergeEntries(value: unknown, depth: number): YamlEntry[] {
    const sources = isSeq(value) ? value.items : [value];
    const entries: YamlEntry[] = [];
    for (const source of sources) {
      const converted = this.convert(source, depth + 1);
      if (converted.kind === 'map') entries.push(...converted.entries);
    }
    return entries;
  }

  private convertAlias(node: Alias, base: NodeBase, depth: number): YamlNode {
    this.aliases++;
    if (this.aliases > MAX_ALIAS_COUNT) {
      return this.unsupported(base, `more than ${MAX_ALIAS_COUNT} aliases in one document`);
    }
    const target = node.resolve(this.doc);
    if (target === undefined) return this.unsupported(base, `the alias *${node.source} has no anchor`);
    const converted = this.convert(target, depth + 1);
    const [anchorStart, anchorEnd] = rangeOf(target);
    const anchor = this.lines.span(anchorStart, anchorEnd);
    return {
      ...converted,
      alias: { name: node.source, anchorStartLine: anchor.startLine, anchorEndLine: anchor.endLine },
    };
  }

  private unsupported(base: NodeBase, why: string): YamlNode {
    if (this.problems.length === 0) {
      this.problems.push(`YAML not read: ${why}`);
      this.problemLines = { startLine: base.startLine, endLine: base.startLine };
    }
    return { ...base, kind: 'unsupported', why };
  }
}

function rangeOf(node: unknown): [number, number] {
  if (typeof node === 'object' && node !== null && 'range' in node) {
    const range: unknown = node.range;
    if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') {
      return [range[0], range[1]];
    }
  }
  return [0, 0];
}

/**
 * Blanks lines that hold nothing but Helm actions (keeping every offset and line), and records what
 * they were. Linear: one pass over the lines, no backtracking.
 */
export function blankHelmActions(text: string): { text: string; helm: HelmInfo } {
  const helm: HelmInfo = { regions: [], insertions: [] };
  if (!text.includes('{{')) return { text, helm };
  const open: { line: number; text: string }[] = [];
  const chunks: string[] = [];
  let lineStart = 0;
  let line = 1;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const content = text.slice(lineStart, lineEnd);
    const action = wholeLineAction(content);
    if (action === undefined) {
      chunks.push(content);
    } else {
      chunks.push(' '.repeat(content.length));
      recordAction(action, line, content.length - content.trimStart().length, open, helm);
    }
    if (newline < 0) break;
    chunks.push('\n');
    lineStart = newline + 1;
    line++;
  }
  for (const region of open) helm.regions.push({ startLine: region.line, endLine: line, text: region.text });
  return { text: chunks.join(''), helm };
}

/** The action's inner words when the line is `{{ … }}` and nothing else (several actions in a row count). */
function wholeLineAction(content: string): { text: string; words: string[] } | undefined {
  const trimmed = content.trim();
  if (!trimmed.startsWith('{{') || !trimmed.endsWith('}}')) return undefined;
  const words: string[] = [];
  let at = 0;
  while (at < trimmed.length) {
    if (!trimmed.startsWith('{{', at)) return undefined;
    const close = trimmed.indexOf('}}', at + 2);
    if (close < 0) return undefined;
    words.push(
      trimmed
        .slice(at + 2, close)
        .replace(/^-/, '')
        .replace(/-$/, '')
        .trim(),
    );
    at = close + 2;
    while (at < trimmed.length && (trimmed[at] === ' ' || trimmed[at] === '\t')) at++;
  }
  return { text: trimmed, words };
}

function recordAction(
  action: { text: string; words: string[] },
  line: number,
  indent: number,
  open: { line: number; text: string }[],
  helm: HelmInfo,
): void {
  for (const inner of action.words) {
    const verb = /^(?<verb>[A-Za-z_]+)/.exec(inner)?.groups?.verb ?? '';
    if (verb === 'if' || verb === 'with' || verb === 'range' || verb === 'define' || verb === 'block') {
      open.push({ line, text: action.text });
    } else if (verb === 'end') {
      const region = open.pop();
      if (region !== undefined) helm.regions.push({ startLine: region.line, endLine: line, text: region.text });
    } else if (verb === 'else' || inner.startsWith('/*') || inner.startsWith('$')) {
      // `else` continues a region; comments and variable assignments output nothing.
    } else {
      helm.insertions.push({ line, indent, text: action.text });
    }
  }
}
