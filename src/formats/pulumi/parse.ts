import { Language, Parser } from 'web-tree-sitter';
import { MAX_TREE_SITTER_CHARS, initTreeSitter, wasmPath } from '../wasm.js';
import type { Node, TreeCursor } from 'web-tree-sitter';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { MAX_YAML_NESTING, yamlNestingTooDeep } from '../nesting.js';
import type { Problem, SourceRange } from '../../model/index.js';

/**
 * The only file that touches web-tree-sitter and `yaml`. It turns a Pulumi program (TypeScript, JavaScript,
 * Python or Pulumi YAML) into a small plain tree of our own (imports, declarations, calls, expressions with
 * line ranges) and frees the tree-sitter tree straight away: those trees live in the WebAssembly heap.
 */

export type SourceLanguage = 'typescript' | 'javascript' | 'python';

interface ExprBase {
  range: SourceRange;
  /** The expression as written, clipped to a readable length. */
  text: string;
}

export interface ObjectEntry {
  /** The key as written (`networkPlugin`, `network_plugin`); undefined for a spread. */
  key?: string;
  value: Expr;
  /** The whole entry, `key: value`. */
  range: SourceRange;
  spread?: boolean;
}

export interface KeywordArgument {
  name: string;
  value: Expr;
  range: SourceRange;
}

export type TemplatePart = { literal: string } | { expr: Expr };

export type Expr =
  | (ExprBase & { kind: 'string'; value: string })
  | (ExprBase & { kind: 'number'; value: number })
  | (ExprBase & { kind: 'boolean'; value: boolean })
  | (ExprBase & { kind: 'null' })
  | (ExprBase & { kind: 'template'; parts: TemplatePart[] })
  | (ExprBase & { kind: 'identifier'; name: string })
  | (ExprBase & { kind: 'member'; object: Expr; property: string })
  | (ExprBase & { kind: 'object'; entries: ObjectEntry[] })
  | (ExprBase & { kind: 'array'; items: Expr[] })
  | (ExprBase & {
      kind: 'call';
      callee: Expr;
      args: Expr[];
      kwargs: KeywordArgument[];
      isNew: boolean;
      /** Where the call starts in the text: identifies it among the program's calls. */
      offset: number;
    })
  | (ExprBase & { kind: 'binary'; op: string; left: Expr; right: Expr })
  /** Syntax we keep but never evaluate: functions, subscripts, arithmetic, too-deep nesting. */
  | (ExprBase & { kind: 'other'; what: string });

export interface ImportBinding {
  /** The local name the import binds. */
  local: string;
  /** The module as written: `@pulumi/azure-native/containerservice`, `pulumi_azure_native.containerservice`. */
  module: string;
  /** `*` for the whole module, otherwise the imported member's name. */
  imported: string;
  range: SourceRange;
}

export interface Declaration {
  name: string;
  /** `const`, `let`, `var` in JavaScript; `assign` for a Python assignment. */
  kind: 'const' | 'let' | 'var' | 'assign';
  value?: Expr;
  range: SourceRange;
}

export interface Program {
  imports: ImportBinding[];
  declarations: Declaration[];
  /** The calls and `new` expressions whose callee's last name is one the caller asked for. */
  calls: Extract<Expr, { kind: 'call' }>[];
}

export type ProgramResult = { ok: true; program: Program; problems: Problem[] } | { ok: false; problems: Problem[] };

export type YamlResult =
  { ok: true; value: Expr | undefined; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Expressions nested deeper than this are kept as `other` (never evaluated). */
export const MAX_NESTING = 64;
/** Syntax errors reported per file; the rest are summarised by the first ones. */
const MAX_PROBLEMS = 10;
const MAX_TEXT = 160;

const GRAMMARS: Record<SourceLanguage, string> = {
  typescript: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  javascript: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm',
};

let loading: Promise<void> | undefined;
const parsers = new Map<SourceLanguage, Parser>();

/** Loads the WebAssembly runtime and the three grammars once; later calls return the same promise. */
export function initParsers(): Promise<void> {
  loading ??= loadParsers().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadParsers(): Promise<void> {
  await initTreeSitter();
  const languages: readonly SourceLanguage[] = ['typescript', 'javascript', 'python'];
  for (const language of languages) {
    const loaded = await Language.load(wasmPath(GRAMMARS[language]));
    const parser = new Parser();
    parser.setLanguage(loaded);
    parsers.set(language, parser);
  }
}

interface State {
  text: string;
  path: string;
  language: SourceLanguage;
  problems: Problem[];
  callNames: ReadonlySet<string>;
  /** Where calls of interest start that a declaration already converted (so they are converted once). */
  converted: Set<number>;
  calls: Extract<Expr, { kind: 'call' }>[];
}

/**
 * Parses a TypeScript, JavaScript or Python program. Syntax errors become problems with their line; what
 * parses around them is still returned. `callNames` limits the calls kept to those whose callee ends in
 * one of the names (`ManagedCluster`), so that a large program costs little. Never throws.
 */
export function parseProgram(
  text: string,
  path: string,
  language: SourceLanguage,
  callNames: ReadonlySet<string>,
): ProgramResult {
  const parser = parsers.get(language);
  if (parser === undefined) {
    return {
      ok: false,
      problems: [problem(path, 1, 'The Pulumi parsers are not loaded (call the format init() first).')],
    };
  }
  if (text.length > MAX_TREE_SITTER_CHARS) {
    return {
      ok: false,
      problems: [problem(path, 1, `The file is over ${MAX_TREE_SITTER_CHARS} characters, too large to parse.`)],
    };
  }
  let tree: ReturnType<Parser['parse']> = null;
  try {
    tree = parser.parse(text);
    if (tree === null) return { ok: false, problems: [problem(path, 1, 'The parser gave up on this file.')] };
    const state: State = { text, path, language, problems: [], callNames, converted: new Set(), calls: [] };
    const cursor = tree.walk();
    try {
      const program = walk(cursor, state);
      return { ok: true, program, problems: state.problems };
    } finally {
      cursor.delete();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem(path, 1, `The parser failed: ${message}`)] };
  } finally {
    tree?.delete();
  }
}

function problem(file: string, line: number, message: string): Problem {
  return { kind: 'parse-error', range: { file, startLine: line, endLine: line }, message };
}

/** Visits every node once, without recursion (a 10,000-level nesting must not overflow the stack). */
function walk(c: TreeCursor, state: State): Program {
  const program: Program = { imports: [], declarations: [], calls: state.calls };
  for (;;) {
    visit(c, state, program);
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) {
      if (!c.gotoParent()) return program;
    }
  }
}

function visit(c: TreeCursor, state: State, program: Program): void {
  const type = c.nodeType;
  if (c.nodeIsMissing) {
    reportSyntax(state, c.startPosition.row + 1, `missing ${type}`);
    return;
  }
  switch (type) {
    case 'ERROR':
      reportSyntax(state, c.startPosition.row + 1, 'text that does not parse');
      return;
    case 'import_statement':
      if (state.language === 'python') pythonImport(c.currentNode, state, program);
      else jsImport(c.currentNode, state, program);
      return;
    case 'import_from_statement':
      pythonFromImport(c.currentNode, state, program);
      return;
    case 'lexical_declaration':
    case 'variable_declaration':
      jsDeclaration(c.currentNode, state, program);
      return;
    case 'assignment':
      pythonAssignment(c.currentNode, state, program);
      return;
    case 'new_expression':
    case 'call_expression':
    case 'call': {
      if (state.converted.has(c.startIndex)) return;
      const node = c.currentNode;
      if (isCallOfInterest(node, state)) convertValue(node, state);
      return;
    }
    default:
      return;
  }
}

function reportSyntax(state: State, line: number, what: string): void {
  if (state.problems.length >= MAX_PROBLEMS) return;
  if (state.problems.some((p) => p.range.startLine === line)) return;
  state.problems.push(problem(state.path, line, `Syntax error: ${what} (line ${line}).`));
}

function isCallOfInterest(node: Node, state: State): boolean {
  if (node.type !== 'new_expression' && node.type !== 'call_expression' && node.type !== 'call') return false;
  const callee = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
  const last = callee === null ? undefined : lastName(callee, state);
  return last !== undefined && state.callNames.has(last);
}

/** Converts a declared value; a call of interest is kept in the program's calls, converted only this once. */
function convertValue(node: Node, state: State): Expr {
  const value = convert(node, state, 0);
  if (value.kind === 'call' && isCallOfInterest(node, state)) {
    state.calls.push(value);
    state.converted.add(node.startIndex);
  }
  return value;
}

/** The rightmost name of `a.b.C` or `C`, cheaply, without converting. */
function lastName(node: Node, state: State): string | undefined {
  if (node.type === 'identifier') return textOf(node, state);
  const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property');
  if (node.type !== 'member_expression' && node.type !== 'attribute') return undefined;
  return property === null ? undefined : textOf(property, state);
}

function textOf(node: Node, state: State): string {
  return state.text.slice(node.startIndex, node.endIndex);
}

function rangeOf(node: Node, state: State): SourceRange {
  const start = node.startPosition;
  const end = node.endPosition;
  // A node that ends at column 0 of a later line ends with a newline; it does not reach into that line.
  const endRow = end.column === 0 && end.row > start.row ? end.row - 1 : end.row;
  return { file: state.path, startLine: start.row + 1, endLine: endRow + 1 };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function base(node: Node, state: State): ExprBase {
  return { range: rangeOf(node, state), text: clip(textOf(node, state)) };
}

function other(node: Node, state: State, what: string): Expr {
  return { ...base(node, state), kind: 'other', what };
}

function jsImport(node: Node, state: State, program: Program): void {
  const source = node.childForFieldName('source');
  if (source === null) return;
  const module = stringValue(source);
  if (module === undefined) return;
  const range = rangeOf(node, state);
  for (const clause of node.namedChildren) {
    if (clause?.type !== 'import_clause') continue;
    for (const part of clause.namedChildren) {
      if (part === null) continue;
      if (part.type === 'identifier') program.imports.push({ local: part.text, module, imported: 'default', range });
      if (part.type === 'namespace_import') {
        const local = part.namedChildren.find((n) => n?.type === 'identifier');
        if (local) program.imports.push({ local: local.text, module, imported: '*', range });
      }
      if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name')?.text;
          const alias = spec.childForFieldName('alias')?.text;
          if (name !== undefined) program.imports.push({ local: alias ?? name, module, imported: name, range });
        }
      }
    }
  }
}

function jsDeclaration(node: Node, state: State, program: Program): void {
  const keyword = node.childForFieldName('kind')?.text ?? node.child(0)?.text;
  const kind = keyword === 'const' || keyword === 'let' ? keyword : 'var';
  for (const declarator of node.namedChildren) {
    if (declarator?.type !== 'variable_declarator') continue;
    const name = declarator.childForFieldName('name');
    const valueNode = declarator.childForFieldName('value');
    if (name === null) continue;
    const range = rangeOf(declarator, state);
    const required = valueNode === null ? undefined : requiredModule(valueNode);
    if (required !== undefined) {
      requireBindings(name, required, range, program);
      continue;
    }
    if (name.type !== 'identifier') continue;
    const value = valueNode === null ? undefined : convertValue(valueNode, state);
    program.declarations.push({ name: textOf(name, state), kind, value, range });
  }
}

/** `require("@pulumi/azure-native")`: the module name, when the value is exactly that. */
function requiredModule(node: Node): string | undefined {
  if (node.type !== 'call_expression') return undefined;
  if (node.childForFieldName('function')?.text !== 'require') return undefined;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  const first = args[0];
  if (args.length !== 1 || first === null || first === undefined) return undefined;
  return stringValue(first);
}

function requireBindings(name: Node, module: string, range: SourceRange, program: Program): void {
  if (name.type === 'identifier') {
    program.imports.push({ local: name.text, module, imported: '*', range });
    return;
  }
  if (name.type !== 'object_pattern') return;
  for (const part of name.namedChildren) {
    if (part?.type === 'shorthand_property_identifier_pattern') {
      program.imports.push({ local: part.text, module, imported: part.text, range });
    }
    if (part?.type === 'pair_pattern') {
      const key = part.childForFieldName('key')?.text;
      const value = part.childForFieldName('value');
      if (key !== undefined && value?.type === 'identifier') {
        program.imports.push({ local: value.text, module, imported: key, range });
      }
    }
  }
}

function pythonImport(node: Node, state: State, program: Program): void {
  const range = rangeOf(node, state);
  for (const name of node.namedChildren) {
    if (name?.type === 'dotted_name') {
      // `import a.b.c` binds `a` to the top-level package.
      const first = name.namedChildren[0]?.text;
      if (first !== undefined) program.imports.push({ local: first, module: first, imported: '*', range });
    }
    if (name?.type === 'aliased_import') {
      const module = name.childForFieldName('name')?.text;
      const alias = name.childForFieldName('alias')?.text;
      if (module !== undefined && alias !== undefined)
        program.imports.push({ local: alias, module, imported: '*', range });
    }
  }
}

function pythonFromImport(node: Node, state: State, program: Program): void {
  const module = node.childForFieldName('module_name');
  if (module?.type !== 'dotted_name') return;
  const range = rangeOf(node, state);
  for (let i = 0; i < node.childCount; i += 1) {
    if (node.fieldNameForChild(i) !== 'name') continue;
    const name = node.child(i);
    if (name?.type === 'dotted_name') {
      program.imports.push({ local: name.text, module: module.text, imported: name.text, range });
    }
    if (name?.type === 'aliased_import') {
      const imported = name.childForFieldName('name')?.text;
      const alias = name.childForFieldName('alias')?.text;
      if (imported !== undefined && alias !== undefined) {
        program.imports.push({ local: alias, module: module.text, imported, range });
      }
    }
  }
}

function pythonAssignment(node: Node, state: State, program: Program): void {
  const left = node.childForFieldName('left');
  if (left?.type !== 'identifier') return;
  const right = node.childForFieldName('right');
  const value = right === null ? undefined : convertValue(right, state);
  program.declarations.push({ name: textOf(left, state), kind: 'assign', value, range: rangeOf(node, state) });
}

/** The value of a plain string node (no interpolation), JavaScript or Python. */
function stringValue(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  let value = '';
  for (const part of node.namedChildren) {
    if (part === null) continue;
    if (part.type === 'string_fragment' || part.type === 'string_content') value += part.text;
    else if (part.type === 'escape_sequence') value += unescape(part.text);
    else if (part.type !== 'string_start' && part.type !== 'string_end') return undefined;
  }
  return value;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

function unescape(sequence: string): string {
  const char = sequence.slice(1);
  return SIMPLE_ESCAPES[char] ?? char;
}

/** Converts an expression node; nesting is bounded by MAX_NESTING. */
function convert(node: Node, state: State, depth: number): Expr {
  if (depth > MAX_NESTING) return other(node, state, 'an expression nested too deeply');
  const next = depth + 1;
  switch (node.type) {
    case 'string':
      return convertString(node, state, next);
    case 'concatenated_string':
      return concatenated(node, state, next);
    case 'template_string':
      return template(node, state, next);
    case 'number':
    case 'integer':
    case 'float': {
      const value = Number(node.text.replaceAll('_', ''));
      return Number.isFinite(value) ? { ...base(node, state), kind: 'number', value } : other(node, state, 'a number');
    }
    case 'true':
    case 'false':
      return { ...base(node, state), kind: 'boolean', value: node.type === 'true' };
    case 'null':
    case 'none':
    case 'undefined':
      return { ...base(node, state), kind: 'null' };
    case 'identifier':
    case 'shorthand_property_identifier':
      return { ...base(node, state), kind: 'identifier', name: node.text };
    case 'member_expression':
    case 'attribute':
      return member(node, state, next);
    case 'object':
    case 'dictionary':
      return object(node, state, next);
    case 'array':
    case 'list':
    case 'tuple':
      return { ...base(node, state), kind: 'array', items: convertChildren(node.namedChildren, state, next) };
    case 'new_expression':
    case 'call_expression':
    case 'call':
      return call(node, state, next);
    case 'binary_expression':
    case 'boolean_operator':
      return binary(node, state, next);
    case 'parenthesized_expression':
    case 'non_null_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'type_assertion':
    case 'await_expression': {
      // `x as const`, `(x)`, `x!`, `<T>x`: the value is the first expression inside.
      const inner = node.namedChildren.find(
        (n) => n !== null && !n.type.endsWith('type') && n.type !== 'type_arguments',
      );
      return inner ? convert(inner, state, next) : other(node, state, node.type);
    }
    default:
      return other(node, state, node.type.replaceAll('_', ' '));
  }
}

function convertChildren(nodes: (Node | null)[], state: State, depth: number): Expr[] {
  const items: Expr[] = [];
  for (const node of nodes) {
    if (node === null || node.type === 'comment') continue;
    items.push(convert(node, state, depth));
  }
  return items;
}

function convertString(node: Node, state: State, depth: number): Expr {
  const parts: TemplatePart[] = [];
  const raw = state.language === 'python' && /^[a-z]*r/i.test(node.child(0)?.text ?? '');
  for (const part of node.namedChildren) {
    if (part === null) continue;
    if (part.type === 'string_fragment' || part.type === 'string_content') {
      parts.push({ literal: raw ? part.text : decodePython(part.text, state) });
    } else if (part.type === 'escape_sequence') {
      parts.push({ literal: raw ? part.text : unescape(part.text) });
    } else if (part.type === 'interpolation') {
      const inner = part.childForFieldName('expression') ?? part.namedChildren[0];
      if (inner) parts.push({ expr: convert(inner, state, depth) });
    }
  }
  return joinParts(node, state, parts);
}

/** Python keeps escape sequences inside `string_content`; JavaScript splits them out. */
function decodePython(text: string, state: State): string {
  if (state.language !== 'python' || !text.includes('\\')) return text;
  return text.replaceAll(/\\(?<char>.)/gs, (_match, char: string) => SIMPLE_ESCAPES[char] ?? char);
}

function joinParts(node: Node, state: State, parts: TemplatePart[]): Expr {
  if (parts.every((p) => 'literal' in p)) {
    const value = parts.map((p) => ('literal' in p ? p.literal : '')).join('');
    return { ...base(node, state), kind: 'string', value };
  }
  return { ...base(node, state), kind: 'template', parts };
}

function concatenated(node: Node, state: State, depth: number): Expr {
  const parts: TemplatePart[] = [];
  for (const piece of node.namedChildren) {
    if (piece === null) continue;
    const converted = convert(piece, state, depth);
    if (converted.kind === 'string') parts.push({ literal: converted.value });
    else if (converted.kind === 'template') parts.push(...converted.parts);
    else parts.push({ expr: converted });
  }
  return joinParts(node, state, parts);
}

function template(node: Node, state: State, depth: number): Expr {
  const parts: TemplatePart[] = [];
  for (const part of node.namedChildren) {
    if (part === null) continue;
    if (part.type === 'string_fragment') parts.push({ literal: part.text });
    else if (part.type === 'escape_sequence') parts.push({ literal: unescape(part.text) });
    else if (part.type === 'template_substitution') {
      const inner = part.namedChildren[0];
      if (inner) parts.push({ expr: convert(inner, state, depth) });
    }
  }
  return joinParts(node, state, parts);
}

function member(node: Node, state: State, depth: number): Expr {
  const objectNode = node.childForFieldName('object');
  const property = node.childForFieldName(node.type === 'attribute' ? 'attribute' : 'property');
  if (objectNode === null || property === null) return other(node, state, 'a member access');
  // `a?.b` is optional chaining: the value may be missing, which we do not evaluate.
  if (node.children.some((child) => child?.type === 'optional_chain')) return other(node, state, 'optional chaining');
  return { ...base(node, state), kind: 'member', object: convert(objectNode, state, depth), property: property.text };
}

function object(node: Node, state: State, depth: number): Expr {
  const entries: ObjectEntry[] = [];
  for (const child of node.namedChildren) {
    if (child === null) continue;
    const range = rangeOf(child, state);
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      if (keyNode === null || valueNode === null) continue;
      const key = propertyKey(keyNode);
      if (key === undefined) continue;
      entries.push({ key, value: convert(valueNode, state, depth), range });
    } else if (child.type === 'shorthand_property_identifier') {
      entries.push({ key: child.text, value: convert(child, state, depth), range });
    } else if (child.type === 'spread_element' || child.type === 'dictionary_splat') {
      const inner = child.namedChildren[0];
      if (inner) entries.push({ value: convert(inner, state, depth), range, spread: true });
    }
  }
  return { ...base(node, state), kind: 'object', entries };
}

function propertyKey(node: Node): string | undefined {
  if (node.type === 'property_identifier' || node.type === 'identifier') return node.text;
  if (node.type === 'string') return stringValue(node);
  if (node.type === 'number') return node.text;
  return undefined;
}

function call(node: Node, state: State, depth: number): Expr {
  const isNew = node.type === 'new_expression';
  const calleeNode = node.childForFieldName(isNew ? 'constructor' : 'function');
  const argsNode = node.childForFieldName('arguments');
  if (calleeNode === null) return other(node, state, 'a call');
  const args: Expr[] = [];
  const kwargs: KeywordArgument[] = [];
  for (const arg of argsNode?.namedChildren ?? []) {
    if (arg === null || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name !== undefined && value !== null)
        kwargs.push({ name, value: convert(value, state, depth), range: rangeOf(arg, state) });
      continue;
    }
    args.push(convert(arg, state, depth));
  }
  return {
    ...base(node, state),
    kind: 'call',
    callee: convert(calleeNode, state, depth),
    args,
    kwargs,
    isNew,
    offset: node.startIndex,
  };
}

function binary(node: Node, state: State, depth: number): Expr {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.text;
  if (left === null || right === null || op === undefined) return other(node, state, 'an operator');
  const normalized = op === 'or' ? '||' : op === 'and' ? '&&' : op;
  return {
    ...base(node, state),
    kind: 'binary',
    op: normalized,
    left: convert(left, state, depth),
    right: convert(right, state, depth),
  };
}

/**
 * Parses YAML (a Pulumi YAML program or a stack config file) into the same plain expressions: mappings as
 * objects, sequences as arrays, scalars as literals. Pulumi's `${...}` interpolation is left in the strings
 * for the caller. Never throws.
 */
export function parseYaml(text: string, path: string): YamlResult {
  try {
    const tooDeep = yamlNestingTooDeep(text);
    if (tooDeep !== undefined) {
      const deep: Problem = {
        ...problem(path, tooDeep, `YAML nested deeper than ${MAX_YAML_NESTING} levels.`),
        kind: 'too-deep',
      };
      return { ok: false, problems: [deep] };
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
    const problems: Problem[] = [];
    for (const error of doc.errors.slice(0, MAX_PROBLEMS)) {
      const line = lineCounter.linePos(error.pos[0]).line;
      const message = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '');
      problems.push(problem(path, line, `YAML error: ${message} (line ${line}).`));
    }
    if (doc.errors.length > 0 && doc.contents === null) return { ok: false, problems };
    const ctx: YamlContext = { path, text, lineCounter };
    const value = doc.contents === null ? undefined : yamlNode(doc.contents, ctx, 0);
    return { ok: true, value, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem(path, 1, `The YAML parser failed: ${firstLine(message)}`)] };
  }
}

interface YamlContext {
  path: string;
  text: string;
  lineCounter: LineCounter;
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return end < 0 ? message : message.slice(0, end);
}

function yamlRange(range: readonly [number, number, number] | null | undefined, ctx: YamlContext): SourceRange {
  if (!range) return { file: ctx.path, startLine: 1, endLine: 1 };
  const start = ctx.lineCounter.linePos(range[0]).line;
  // The value ends before trailing newlines and comments (range[1]), not at the next node (range[2]).
  let end = range[1];
  while (end > range[0] && /\s/.test(ctx.text[end - 1] ?? '')) end -= 1;
  const endLine = Math.max(start, ctx.lineCounter.linePos(end).line);
  return { file: ctx.path, startLine: start, endLine };
}

function yamlText(range: readonly [number, number, number] | null | undefined, ctx: YamlContext): string {
  if (!range) return '';
  return clip(ctx.text.slice(range[0], range[1]));
}

function yamlNode(node: unknown, ctx: YamlContext, depth: number): Expr {
  const nodeRange = hasRange(node) ? node.range : undefined;
  const common: ExprBase = { range: yamlRange(nodeRange, ctx), text: yamlText(nodeRange, ctx) };
  if (depth > MAX_NESTING) return { ...common, kind: 'other', what: 'YAML nested too deeply' };
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'string') return { ...common, kind: 'string', value };
    if (typeof value === 'number') return { ...common, kind: 'number', value };
    if (typeof value === 'boolean') return { ...common, kind: 'boolean', value };
    if (value === null || value === undefined) return { ...common, kind: 'null' };
    return { ...common, kind: 'other', what: 'a YAML scalar' };
  }
  if (isMap(node)) {
    const entries: ObjectEntry[] = [];
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      const keyRange = hasRange(pair.key) ? pair.key.range : undefined;
      const value: Expr =
        pair.value === null
          ? { range: yamlRange(keyRange, ctx), text: '', kind: 'null' }
          : yamlNode(pair.value, ctx, depth + 1);
      const startLine = yamlRange(keyRange, ctx).startLine;
      const range: SourceRange = { file: ctx.path, startLine, endLine: Math.max(startLine, value.range.endLine) };
      entries.push({ key: String(key), value, range });
    }
    return { ...common, kind: 'object', entries };
  }
  if (isSeq(node)) {
    return { ...common, kind: 'array', items: node.items.map((item) => yamlNode(item, ctx, depth + 1)) };
  }
  if (isAlias(node)) return { ...common, kind: 'other', what: 'a YAML alias' };
  return { ...common, kind: 'other', what: 'a YAML node' };
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range);
}
