import { Language, Parser } from 'web-tree-sitter';
import { MAX_TREE_SITTER_CHARS, initTreeSitter, wasmPath } from '../wasm.js';
import type { TreeCursor } from 'web-tree-sitter';
import type { Problem, SourceRange } from '../../model/index.js';

/**
 * The only file that touches web-tree-sitter. It turns HCL text into a small plain tree of our own
 * (blocks, attributes, expressions with line ranges and their source text) and frees the
 * tree-sitter tree straight away: those trees live in the WebAssembly heap and are not garbage-collected.
 */

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclAttribute {
  name: string;
  value: HclExpr;
  /** The whole attribute, `name = value`. */
  range: SourceRange;
}

export interface HclBlock {
  /** `resource`, `module`, `network_profile`, … */
  type: string;
  labels: string[];
  body: HclBody;
  /** The whole block, from its first line to the closing brace. */
  range: SourceRange;
  /** From the block's first line to its opening brace. */
  headerRange: SourceRange;
}

interface ExprBase {
  range: SourceRange;
  /** The expression exactly as written. */
  text: string;
}

export type TemplatePart = { literal: string } | { expr: HclExpr };

export interface HclObjectItem {
  key: HclExpr;
  value: HclExpr;
  range: SourceRange;
}

export type TraversalStep = { kind: 'attr'; name: string } | { kind: 'index'; key: HclExpr };

export type HclExpr =
  | (ExprBase & { kind: 'literal'; value: string | number | boolean | null })
  | (ExprBase & { kind: 'template'; parts: TemplatePart[] })
  | (ExprBase & { kind: 'tuple'; items: HclExpr[] })
  | (ExprBase & { kind: 'object'; items: HclObjectItem[] })
  | (ExprBase & { kind: 'variable'; name: string })
  | (ExprBase & { kind: 'traversal'; base: HclExpr; steps: TraversalStep[] })
  | (ExprBase & { kind: 'call'; name: string; args: HclExpr[]; expandsFinal: boolean })
  | (ExprBase & { kind: 'conditional'; condition: HclExpr; then: HclExpr; otherwise: HclExpr })
  | (ExprBase & { kind: 'unary'; op: string; operand: HclExpr })
  | (ExprBase & { kind: 'binary'; op: string; left: HclExpr; right: HclExpr })
  /** A `for` expression: only its collection is kept (a `for` over an empty collection gives an empty one). */
  | (ExprBase & { kind: 'for'; collection: HclExpr; object: boolean })
  /** Syntax we keep but never evaluate: splats, template directives, too-deep nesting. */
  | (ExprBase & { kind: 'unsupported'; what: string });

/**
 * Which top-level blocks a caller reads, by type and labels. The others are still checked for syntax
 * errors (reported exactly as when converted) but their bodies are not converted, and they are left out.
 */
export type BlockFilter = (type: string, labels: readonly string[]) => boolean;

export type ParseResult = { ok: true; body: HclBody; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Expressions nested deeper than this are not converted (a problem is reported instead). */
export const MAX_NESTING = 100;

const BINARY_OPERATORS = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

let grammarPath: string | undefined;
let runtimePath: string | undefined;
let loading: Promise<void> | undefined;
let parser: Parser | undefined;
/** Bumped by every reset, so that a load started before the reset does not install its parser. */
let generation = 0;

/** Where `tree-sitter-terraform.wasm` is; a bundle that ships the grammar elsewhere sets this before `initParser`. */
export function setGrammarPath(path: string): void {
  grammarPath = path;
  resetParser();
}

/**
 * Where web-tree-sitter's own `web-tree-sitter.wasm` is, when it is not beside the package's JavaScript.
 * The runtime loads once per process, so this only has an effect before the first `initParser`.
 */
export function setRuntimePath(path: string): void {
  runtimePath = path;
  resetParser();
}

function resetParser(): void {
  parser?.delete();
  parser = undefined;
  loading = undefined;
  generation++;
}

/** Loads the WebAssembly runtime and the Terraform grammar once; later calls return the same promise. */
export function initParser(): Promise<void> {
  if (loading === undefined) {
    const attempt = generation;
    loading = loadParser(grammarPath, attempt).catch((error: unknown) => {
      if (attempt === generation) loading = undefined;
      throw error;
    });
  }
  return loading;
}

async function loadParser(grammar: string | undefined, attempt: number): Promise<void> {
  await initTreeSitter(runtimePath);
  const language = await Language.load(grammar ?? defaultGrammarPath());
  if (attempt !== generation) return;
  const created = new Parser();
  created.setLanguage(language);
  parser = created;
}

function defaultGrammarPath(): string {
  return wasmPath('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
}

interface State {
  text: string;
  path: string;
  problems: Problem[];
  reportedTooDeep: boolean;
  keep: BlockFilter | undefined;
}

/**
 * Parses HCL (a `.tf` or `.tfvars` file, or a JSON object such as a `.tfvars.json` file) into plain data.
 * A top-level block or attribute that contains a syntax error is left out and reported as a problem; the
 * rest of the file is still returned. With `keep`, only the top-level blocks it accepts are converted and
 * returned (the problems are the same). Never throws.
 */
export function parseHcl(text: string, path: string, keep?: BlockFilter): ParseResult {
  const current = parser;
  if (current === undefined) {
    return {
      ok: false,
      problems: [problem(path, 1, 1, 'The Terraform grammar is not loaded (call the format init() first).')],
    };
  }
  if (text.length > MAX_TREE_SITTER_CHARS) {
    return {
      ok: false,
      problems: [problem(path, 1, 1, `The file is over ${MAX_TREE_SITTER_CHARS} characters, too large to parse.`)],
    };
  }
  let tree: ReturnType<Parser['parse']> = null;
  try {
    tree = current.parse(text);
    if (tree === null) return { ok: false, problems: [problem(path, 1, 1, 'The Terraform parser gave up.')] };
    const state: State = { text, path, problems: [], reportedTooDeep: false, keep };
    const cursor = tree.walk();
    try {
      const body = convertFile(cursor, state);
      return { ok: true, body, problems: state.problems };
    } finally {
      cursor.delete();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem(path, 1, 1, `The Terraform parser failed: ${message}`)] };
  } finally {
    tree?.delete();
  }
}

function problem(file: string, startLine: number, endLine: number, message: string): Problem {
  return { kind: 'parse-error', range: { file, startLine, endLine }, message };
}

function rangeOf(c: TreeCursor, state: State): SourceRange {
  const start = c.startPosition;
  const end = c.endPosition;
  // A node that ends at column 0 of a later line ends with a newline; it does not reach into that line.
  const endRow = end.column === 0 && end.row > start.row ? end.row - 1 : end.row;
  return { file: state.path, startLine: start.row + 1, endLine: endRow + 1 };
}

function textOf(c: TreeCursor, state: State): string {
  return state.text.slice(c.startIndex, c.endIndex);
}

/** Calls `visit` with the cursor on each child in turn; `visit` must leave the cursor where it found it. */
function eachChild(c: TreeCursor, visit: () => void): void {
  if (!c.gotoFirstChild()) return;
  do visit();
  while (c.gotoNextSibling());
  c.gotoParent();
}

interface ChildInfo {
  type: string;
  named: boolean;
}

function childTypes(c: TreeCursor): ChildInfo[] {
  const kids: ChildInfo[] = [];
  eachChild(c, () => kids.push({ type: c.nodeType, named: c.nodeIsNamed }));
  return kids;
}

function convertFile(c: TreeCursor, state: State): HclBody {
  const body: HclBody = { attributes: [], blocks: [] };
  if (c.nodeType === 'ERROR') {
    // Nothing could be recovered: the parser gave up where the last token is.
    const line = lineBefore(state.text, c.endIndex, c.endPosition.row);
    state.problems.push(
      problem(
        state.path,
        line,
        line,
        `Syntax error at line ${line}: the file could not be parsed, so nothing in it was analyzed.`,
      ),
    );
    return body;
  }
  eachChild(c, () => {
    if (c.nodeType === 'body') convertTopLevelBody(c, state, body);
    else if (c.nodeType === 'object') convertTopLevelObject(c, state, body);
    else if (c.nodeType === 'ERROR' || c.nodeIsMissing) reportError(c, state, 'text that is not valid HCL');
  });
  return body;
}

function convertTopLevelBody(c: TreeCursor, state: State, body: HclBody): void {
  eachChild(c, () => {
    const type = c.nodeType;
    if (type === 'comment') return;
    if (type === 'ERROR' || c.nodeIsMissing) {
      reportError(c, state, 'text that is not valid HCL');
      return;
    }
    if (type !== 'attribute' && type !== 'block') return;
    if (c.currentNode.hasError) {
      reportError(c, state, describeItem(c, state));
      return;
    }
    if (type === 'attribute') body.attributes.push(convertAttribute(c, state));
    else if (state.keep === undefined || keepsBlock(c, state, state.keep)) body.blocks.push(convertBlock(c, state, 0));
  });
}

/**
 * Cursor on a top-level block without errors: whether to convert it. A block the filter does not want is
 * still converted when it might be nested deeply enough to be reported (see `mayNestTooDeep`), so that the
 * problems do not depend on the filter.
 */
function keepsBlock(c: TreeCursor, state: State, keep: BlockFilter): boolean {
  let type = '';
  const labels: string[] = [];
  // The same header reading as convertBlock's.
  eachChild(c, () => {
    if (c.nodeType === 'identifier') {
      if (type === '') type = textOf(c, state);
      else labels.push(textOf(c, state));
    } else if (c.nodeType === 'string_lit') labels.push(stringLiteral(c, state));
  });
  return keep(type, labels) || mayNestTooDeep(state.text, c.startIndex, c.endIndex);
}

/**
 * Whether converting `text[start, end)` could reach MAX_NESTING. Every level of nesting the conversion
 * counts (at most two per level) starts at one of these characters: a block, object, tuple, index, call or
 * parenthesis opening, an interpolation, a conditional or an operator (`==` counted by its first `=`). Fewer
 * than MAX_NESTING / 2 - 1 of them in the whole block cannot nest that deep.
 */
function mayNestTooDeep(text: string, start: number, end: number): boolean {
  const limit = MAX_NESTING / 2 - 1;
  let count = 0;
  for (let i = start; i < end; i++) {
    switch (text.charCodeAt(i)) {
      case 0x7b: // {
      case 0x5b: // [
      case 0x28: // (
      case 0x24: // $
      case 0x3f: // ?
      case 0x21: // !
      case 0x2d: // -
      case 0x2b: // +
      case 0x2a: // *
      case 0x2f: // /
      case 0x25: // %
      case 0x3c: // <
      case 0x3e: // >
      case 0x26: // &
      case 0x7c: // |
        count++;
        break;
      case 0x3d: // =
        if (text.charCodeAt(i + 1) === 0x3d) count++;
        break;
    }
    if (count >= limit) return true;
  }
  return false;
}

/** A JSON file (`.tfvars.json`): each top-level member becomes an attribute. */
function convertTopLevelObject(c: TreeCursor, state: State, body: HclBody): void {
  if (c.currentNode.hasError) {
    reportError(c, state, 'the JSON object');
    return;
  }
  const object = convertObject(c, state, 0);
  if (object.kind !== 'object') return;
  for (const item of object.items) {
    const key = item.key;
    if (key.kind === 'literal' && typeof key.value === 'string') {
      body.attributes.push({ name: key.value, value: item.value, range: item.range });
    }
  }
}

function describeItem(c: TreeCursor, state: State): string {
  const range = rangeOf(c, state);
  const firstLine = withoutOpeningBrace((textOf(c, state).split('\n')[0] ?? '').trimEnd()).trim();
  return `${truncate(firstLine, 80)} (lines ${range.startLine}-${range.endLine})`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Finds the first ERROR or MISSING node under the cursor and reports it; the cursor is left where it was. */
function reportError(c: TreeCursor, state: State, what: string): void {
  const walker = c.currentNode.walk();
  try {
    let line = walker.startPosition.row + 1;
    let detail = '';
    let depth = 0;
    for (;;) {
      if (walker.nodeType === 'ERROR' || walker.nodeIsMissing) {
        // A missing token sits where the next token starts, often lines later; the line before it is clearer.
        line = walker.nodeIsMissing
          ? lineBefore(state.text, walker.startIndex, walker.startPosition.row)
          : walker.startPosition.row + 1;
        detail = walker.nodeIsMissing
          ? `missing ${walker.nodeType}`
          : `unexpected ${JSON.stringify(truncate(state.text.slice(walker.startIndex, walker.endIndex).split('\n')[0] ?? '', 40))}`;
        break;
      }
      if (walker.gotoFirstChild()) {
        depth++;
        continue;
      }
      let moved = walker.gotoNextSibling();
      while (!moved && depth > 0) {
        walker.gotoParent();
        depth--;
        moved = walker.gotoNextSibling();
      }
      if (!moved) break;
    }
    const suffix = detail === '' ? '' : ` (${detail})`;
    state.problems.push(
      problem(state.path, line, line, `Syntax error at line ${line}${suffix}: ${what} was not analyzed.`),
    );
  } finally {
    walker.delete();
  }
}

/** The 1-based line of the last non-blank character before `index`, which is on 0-based `row`. */
function lineBefore(text: string, index: number, row: number): number {
  let line = row;
  for (let i = index - 1; i >= 0; i--) {
    const char = text[i];
    if (char === '\n') line--;
    else if (char !== ' ' && char !== '\t' && char !== '\r') return line + 1;
  }
  return row + 1;
}

function convertBody(c: TreeCursor, state: State, depth: number): HclBody {
  const body: HclBody = { attributes: [], blocks: [] };
  eachChild(c, () => {
    if (c.nodeType === 'attribute') body.attributes.push(convertAttribute(c, state));
    else if (c.nodeType === 'block') body.blocks.push(convertBlock(c, state, depth));
  });
  return body;
}

function convertAttribute(c: TreeCursor, state: State): HclAttribute {
  const range = rangeOf(c, state);
  let name = '';
  let value: HclExpr | undefined;
  eachChild(c, () => {
    if (c.nodeType === 'identifier') name = textOf(c, state);
    else if (c.nodeType === 'expression') value = convertExpression(c, state, 0);
  });
  return { name, value: value ?? unsupported(range, '', 'a missing value'), range };
}

function convertBlock(c: TreeCursor, state: State, depth: number): HclBlock {
  const range = rangeOf(c, state);
  let type = '';
  const labels: string[] = [];
  let headerEnd = range.startLine;
  let body: HclBody = { attributes: [], blocks: [] };
  eachChild(c, () => {
    switch (c.nodeType) {
      case 'identifier':
        if (type === '') type = textOf(c, state);
        else labels.push(textOf(c, state));
        break;
      case 'string_lit':
        labels.push(stringLiteral(c, state));
        break;
      case 'block_start':
        headerEnd = c.startPosition.row + 1;
        break;
      case 'body':
        body = depth >= MAX_NESTING ? tooDeepBody(c, state) : convertBody(c, state, depth + 1);
        break;
    }
  });
  return {
    type,
    labels,
    body,
    range,
    headerRange: { file: state.path, startLine: range.startLine, endLine: headerEnd },
  };
}

function tooDeepBody(c: TreeCursor, state: State): HclBody {
  reportTooDeep(c, state);
  return { attributes: [], blocks: [] };
}

function reportTooDeep(c: TreeCursor, state: State): void {
  if (state.reportedTooDeep) return;
  state.reportedTooDeep = true;
  const line = c.startPosition.row + 1;
  state.problems.push(
    problem(
      state.path,
      line,
      line,
      `Nesting deeper than ${MAX_NESTING} levels at line ${line}: the nested part was not analyzed.`,
    ),
  );
}

function unsupported(range: SourceRange, text: string, what: string): HclExpr {
  return { kind: 'unsupported', what, range, text };
}

/** Cursor on an `expression` node. */
function convertExpression(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  if (depth >= MAX_NESTING) {
    reportTooDeep(c, state);
    return unsupported(range, text, `an expression nested deeper than ${MAX_NESTING} levels`);
  }
  const kids = childTypes(c);
  if (kids.length === 0) return unsupported(range, text, 'an empty expression');
  let result: HclExpr | undefined;
  c.gotoFirstChild();
  if (kids.length === 1 && kids[0]?.type === 'conditional') result = convertConditional(c, state, depth);
  else result = convertTerm(c, state, depth, kids.length);
  c.gotoParent();
  return { ...result, range, text };
}

/**
 * A term as tree-sitter flattens it: a primary (or `( expression )`) followed by attribute, index and
 * splat suffixes, all siblings. The cursor starts on the first of `count` nodes and ends on the last.
 */
function convertTerm(c: TreeCursor, state: State, depth: number, count: number): HclExpr {
  const startIndex = c.startIndex;
  const startRow = c.startPosition.row;
  let consumed = 1;
  let base: HclExpr;
  if (c.nodeType === '(') {
    c.gotoNextSibling();
    base = convertExpression(c, state, depth + 1);
    c.gotoNextSibling();
    consumed = 3;
  } else {
    base = convertPrimary(c, state, depth + 1);
  }
  const steps: TraversalStep[] = [];
  let splat = false;
  while (consumed < count) {
    c.gotoNextSibling();
    consumed++;
    if (c.nodeType === 'get_attr') steps.push({ kind: 'attr', name: getAttrName(c, state) });
    else if (c.nodeType === 'index') steps.push(convertIndex(c, state, depth + 1));
    else splat = true;
  }
  if (steps.length === 0 && !splat) return base;
  const range: SourceRange = { file: state.path, startLine: startRow + 1, endLine: rangeOf(c, state).endLine };
  const text = state.text.slice(startIndex, c.endIndex);
  if (splat) return unsupported(range, text, 'a splat expression ([*])');
  return { kind: 'traversal', base, steps, range, text };
}

function getAttrName(c: TreeCursor, state: State): string {
  let name = '';
  eachChild(c, () => {
    if (c.nodeType === 'identifier') name = textOf(c, state);
  });
  return name;
}

/** Cursor on an `index` node: `[expr]` or the legacy `.0`. */
function convertIndex(c: TreeCursor, state: State, depth: number): TraversalStep {
  let step: TraversalStep | undefined;
  eachChild(c, () => {
    if (c.nodeType === 'new_index') {
      eachChild(c, () => {
        if (c.nodeType === 'expression') step = { kind: 'index', key: convertExpression(c, state, depth) };
      });
    } else if (c.nodeType === 'legacy_index') {
      const range = rangeOf(c, state);
      const digits = textOf(c, state).replace(/^\./, '');
      step = { kind: 'index', key: { kind: 'literal', value: Number(digits), range, text: digits } };
    }
  });
  return step ?? { kind: 'index', key: unsupported(rangeOf(c, state), textOf(c, state), 'an empty index') };
}

/** Cursor on a named primary node (the first node of a term). */
function convertPrimary(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  if (depth >= MAX_NESTING) {
    reportTooDeep(c, state);
    return unsupported(range, text, `an expression nested deeper than ${MAX_NESTING} levels`);
  }
  switch (c.nodeType) {
    case 'literal_value':
      return onlyChild(c, () => convertLiteral(c, state)) ?? unsupported(range, text, 'an empty literal');
    case 'template_expr':
      return onlyChild(c, () => convertTemplate(c, state, depth)) ?? unsupported(range, text, 'an empty template');
    case 'collection_value':
      return (
        onlyChild(c, () =>
          c.nodeType === 'object' ? convertObject(c, state, depth) : convertTuple(c, state, depth),
        ) ?? unsupported(range, text, 'an empty collection')
      );
    case 'variable_expr':
      return { kind: 'variable', name: text, range, text };
    case 'function_call':
      return convertCall(c, state, depth);
    case 'operation':
      return (
        onlyChild(c, () =>
          c.nodeType === 'unary_operation' ? convertUnary(c, state, depth) : convertBinary(c, state, depth),
        ) ?? unsupported(range, text, 'an empty operation')
      );
    case 'for_expr':
      return onlyChild(c, () => convertFor(c, state, depth)) ?? unsupported(range, text, 'a for expression');
    case 'expression':
      return convertExpression(c, state, depth);
    default:
      return unsupported(range, text, `unexpected syntax (${c.nodeType})`);
  }
}

function onlyChild<T>(c: TreeCursor, convert: () => T): T | undefined {
  let result: T | undefined;
  eachChild(c, () => {
    if (result === undefined && c.nodeIsNamed) result = convert();
  });
  return result;
}

function convertLiteral(c: TreeCursor, state: State): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  switch (c.nodeType) {
    case 'numeric_lit': {
      const value = Number(text);
      return Number.isFinite(value) ? { kind: 'literal', value, range, text } : unsupported(range, text, 'a number');
    }
    case 'bool_lit':
      return { kind: 'literal', value: text === 'true', range, text };
    case 'null_lit':
      return { kind: 'literal', value: null, range, text };
    case 'string_lit':
      return { kind: 'literal', value: stringLiteral(c, state), range, text };
    default:
      return unsupported(range, text, `unexpected literal (${c.nodeType})`);
  }
}

/** Cursor on a `string_lit`: the text between the quotes, unescaped. */
function stringLiteral(c: TreeCursor, state: State): string {
  let start = c.startIndex;
  let end = c.endIndex;
  eachChild(c, () => {
    if (c.nodeType === 'quoted_template_start') start = c.endIndex;
    else if (c.nodeType === 'quoted_template_end') end = c.startIndex;
  });
  return unescapeQuoted(state.text.slice(start, end));
}

/** HCL quoted-string escapes (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#template-literals). */
export function unescapeQuoted(raw: string): string {
  return unescapeTemplateMarkers(
    raw.replace(/\\(?<escape>u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\/bf])/g, (_match, escape: string) =>
      unescape(escape),
    ),
  );
}

const SINGLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function unescape(escape: string): string {
  if (escape.length > 1) return String.fromCodePoint(Number.parseInt(escape.slice(1), 16));
  return SINGLE_ESCAPES[escape] ?? escape;
}

function unescapeTemplateMarkers(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

interface PartNode {
  kind: 'interpolation' | 'directive';
  start: number;
  end: number;
  expr?: HclExpr;
  stripBefore: boolean;
  stripAfter: boolean;
}

/** Cursor on a `quoted_template` or `heredoc_template`. */
function convertTemplate(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const heredoc = c.nodeType === 'heredoc_template';
  let contentStart = c.startIndex;
  let contentEnd = c.endIndex;
  let flush = false;
  let identifiers = 0;
  const nodes: PartNode[] = [];
  eachChild(c, () => {
    switch (c.nodeType) {
      case 'quoted_template_start':
        contentStart = c.endIndex;
        break;
      case 'quoted_template_end':
        contentEnd = c.startIndex;
        break;
      case 'heredoc_start':
        flush = textOf(c, state) === '<<-';
        break;
      case 'heredoc_identifier':
        identifiers++;
        if (identifiers === 1) {
          const newline = state.text.indexOf('\n', c.endIndex);
          contentStart = newline === -1 ? c.endIndex : newline + 1;
        } else {
          contentEnd = state.text.lastIndexOf('\n', c.startIndex) + 1;
        }
        break;
      case 'template_interpolation':
        nodes.push(convertInterpolation(c, state, depth));
        break;
      case 'template_directive':
        nodes.push({ kind: 'directive', start: c.startIndex, end: c.endIndex, stripBefore: false, stripAfter: false });
        break;
    }
  });
  if (nodes.some((node) => node.kind === 'directive')) {
    return unsupported(range, text, 'a template directive (%{ … })');
  }
  const decode = heredoc ? unescapeTemplateMarkers : unescapeQuoted;
  if (heredoc && flush) {
    if (nodes.length > 0) return unsupported(range, text, 'an indented heredoc (<<-) with interpolations');
    return { kind: 'literal', value: flushHeredoc(decode(state.text.slice(contentStart, contentEnd))), range, text };
  }
  const parts: TemplatePart[] = [];
  let cursorIndex = contentStart;
  let stripNext = false;
  for (const node of nodes) {
    let literal = decode(state.text.slice(cursorIndex, node.start));
    if (stripNext) literal = literal.trimStart();
    if (node.stripBefore) literal = literal.trimEnd();
    if (literal !== '') parts.push({ literal });
    if (node.expr !== undefined) parts.push({ expr: node.expr });
    cursorIndex = node.end;
    stripNext = node.stripAfter;
  }
  let tail = decode(state.text.slice(cursorIndex, contentEnd));
  if (stripNext) tail = tail.trimStart();
  if (tail !== '') parts.push({ literal: tail });
  if (parts.every((part) => 'literal' in part)) {
    return {
      kind: 'literal',
      value: parts.map((part) => ('literal' in part ? part.literal : '')).join(''),
      range,
      text,
    };
  }
  return { kind: 'template', parts, range, text };
}

function convertInterpolation(c: TreeCursor, state: State, depth: number): PartNode {
  const node: PartNode = {
    kind: 'interpolation',
    start: c.startIndex,
    end: c.endIndex,
    stripBefore: false,
    stripAfter: false,
  };
  let seenExpression = false;
  eachChild(c, () => {
    if (c.nodeType === 'strip_marker') {
      if (seenExpression) node.stripAfter = true;
      else node.stripBefore = true;
    } else if (c.nodeType === 'expression') {
      seenExpression = true;
      node.expr = convertExpression(c, state, depth + 1);
    }
  });
  return node;
}

/** `<<-` heredocs drop the indentation common to all non-blank lines. */
function flushHeredoc(content: string): string {
  const lines = content.split('\n');
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent)) return content;
  return lines.map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join('\n');
}

function convertObject(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const items: HclObjectItem[] = [];
  eachChild(c, () => {
    if (c.nodeType !== 'object_elem') return;
    const itemRange = rangeOf(c, state);
    let key: HclExpr | undefined;
    let value: HclExpr | undefined;
    eachChild(c, () => {
      if (c.nodeType !== 'expression') return;
      if (c.currentFieldName === 'key' || key === undefined) key = convertExpression(c, state, depth + 1);
      else value = convertExpression(c, state, depth + 1);
    });
    if (key !== undefined && value !== undefined) items.push({ key, value, range: itemRange });
  });
  return { kind: 'object', items, range, text };
}

function convertTuple(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const items: HclExpr[] = [];
  eachChild(c, () => {
    if (c.nodeType === 'expression') items.push(convertExpression(c, state, depth + 1));
  });
  return { kind: 'tuple', items, range, text };
}

function convertCall(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  let name = '';
  const args: HclExpr[] = [];
  let expandsFinal = false;
  eachChild(c, () => {
    if (c.nodeType === 'identifier') name = textOf(c, state);
    else if (c.nodeType === 'function_arguments') {
      eachChild(c, () => {
        if (c.nodeType === 'expression') args.push(convertExpression(c, state, depth + 1));
        else if (c.nodeType === 'ellipsis') expandsFinal = true;
      });
    }
  });
  return { kind: 'call', name, args, expandsFinal, range, text };
}

/** `[for x in coll : …]` / `{for k, v in coll : k => v}`: the collection after `in`, inside `for_intro`. */
function convertFor(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const object = c.nodeType === 'for_object_expr';
  let collection: HclExpr | undefined;
  eachChild(c, () => {
    if (c.nodeType !== 'for_intro') return;
    eachChild(c, () => {
      if (c.nodeType === 'expression' && collection === undefined) collection = convertExpression(c, state, depth + 1);
    });
  });
  if (collection === undefined) return unsupported(range, text, 'a for expression');
  return { kind: 'for', collection, object, range, text };
}

function convertConditional(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const parts: HclExpr[] = [];
  eachChild(c, () => {
    if (c.nodeType === 'expression') parts.push(convertExpression(c, state, depth + 1));
  });
  const [condition, then, otherwise] = parts;
  if (condition === undefined || then === undefined || otherwise === undefined) {
    return unsupported(range, text, 'an incomplete conditional');
  }
  return { kind: 'conditional', condition, then, otherwise, range, text };
}

function convertUnary(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const kids = childTypes(c);
  c.gotoFirstChild();
  const op = c.nodeType;
  let operand: HclExpr = unsupported(range, text, 'a missing operand');
  if (kids.length > 1) {
    c.gotoNextSibling();
    operand = convertTerm(c, state, depth + 1, kids.length - 1);
  }
  c.gotoParent();
  return { kind: 'unary', op, operand, range, text };
}

function convertBinary(c: TreeCursor, state: State, depth: number): HclExpr {
  const range = rangeOf(c, state);
  const text = textOf(c, state);
  const kids = childTypes(c);
  const at = kids.findIndex((kid) => !kid.named && BINARY_OPERATORS.has(kid.type));
  const op = kids[at]?.type;
  if (at <= 0 || at >= kids.length - 1 || op === undefined) return unsupported(range, text, 'an operation');
  c.gotoFirstChild();
  const left = convertTerm(c, state, depth + 1, at);
  c.gotoNextSibling();
  c.gotoNextSibling();
  const right = convertTerm(c, state, depth + 1, kids.length - at - 1);
  c.gotoParent();
  return { kind: 'binary', op, left, right, range, text };
}

/** `text` without a final `{`; a regex `\s*\{\s*$` would be quadratic on a long run of blanks. */
function withoutOpeningBrace(text: string): string {
  return text.endsWith('{') ? text.slice(0, -1) : text;
}
