import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Problem, SourceRange } from '../../model/index.js';

/**
 * JSON (with comments and trailing commas, as ARM accepts) into a plain tree whose every node carries its
 * 1-based line range. The only file that touches `jsonc-parser`; never throws.
 */

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

interface NodeBase {
  range: SourceRange;
}

export interface JsonMember {
  key: string;
  keyRange: SourceRange;
  value: JsonNode;
}

export interface JsonObject extends NodeBase {
  kind: 'object';
  members: JsonMember[];
}

export interface JsonArray extends NodeBase {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonString extends NodeBase {
  kind: 'string';
  value: string;
}

export interface JsonNumber extends NodeBase {
  kind: 'number';
  value: number;
}

export interface JsonBoolean extends NodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface JsonNull extends NodeBase {
  kind: 'null';
}

/** `ok` with a root even when the text has errors (the tree then holds what parsed); `problems` lists them. */
export type ParseResult = { ok: true; root: JsonNode; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Deeper than any real template; keeps both jsonc-parser's recursion and ours far from the stack limit. */
export const MAX_NESTING = 256;

/** Enough to point at a broken file without flooding the report. */
const MAX_REPORTED_ERRORS = 5;

export function parseJson(text: string, path: string): ParseResult {
  const lines = lineStarts(text);
  const tooDeep = firstOffsetDeeperThan(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    const line = lineOf(lines, tooDeep);
    return {
      ok: false,
      problems: [
        {
          kind: 'too-deep',
          range: { file: path, startLine: line, endLine: line },
          message: `JSON nested deeper than ${MAX_NESTING} levels; not read`,
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    // jsonc-parser is not expected to throw; a last resort so that parse never does.
    return { ok: false, problems: [problemAt(path, 1, `could not parse JSON: ${String(error)}`)] };
  }
  const problems = errors.slice(0, MAX_REPORTED_ERRORS).map((error) => {
    const line = lineOf(lines, error.offset);
    return problemAt(path, line, `invalid JSON: ${describe(printParseErrorCode(error.error))}`);
  });
  if (tree === undefined) {
    return {
      ok: false,
      problems: problems.length > 0 ? problems : [problemAt(path, 1, 'the file holds no JSON value')],
    };
  }
  return { ok: true, root: convert(tree, { path, lines }, 0), problems };
}

/** The last member named `key`, compared case-insensitively as ARM does (a repeated key: the last wins). */
export function findMember(object: JsonObject, key: string): JsonMember | undefined {
  const wanted = key.toLowerCase();
  let found: JsonMember | undefined;
  for (const member of object.members) {
    if (member.key.toLowerCase() === wanted) found = member;
  }
  return found;
}

/** The value of member `key` when it is an object. */
export function objectMember(object: JsonObject, key: string): JsonObject | undefined {
  const value = findMember(object, key)?.value;
  return value?.kind === 'object' ? value : undefined;
}

/** The value of member `key` when it is a string. */
export function stringMember(object: JsonObject, key: string): string | undefined {
  const value = findMember(object, key)?.value;
  return value?.kind === 'string' ? value.value : undefined;
}

interface Positions {
  path: string;
  lines: number[];
}

function convert(node: Node, at: Positions, depth: number): JsonNode {
  const range = rangeOf(at, node.offset, node.length);
  // The depth pre-check makes this unreachable for real input; it keeps the recursion provably bounded.
  if (depth > MAX_NESTING) return { kind: 'null', range };
  switch (node.type) {
    case 'object': {
      const members: JsonMember[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key === undefined || value === undefined || typeof key.value !== 'string') continue;
        members.push({
          key: key.value,
          keyRange: rangeOf(at, key.offset, key.length),
          value: convert(value, at, depth + 1),
        });
      }
      return { kind: 'object', members, range };
    }
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map((child) => convert(child, at, depth + 1)), range };
    case 'string':
      return { kind: 'string', value: typeof node.value === 'string' ? node.value : '', range };
    case 'number':
      return { kind: 'number', value: typeof node.value === 'number' ? node.value : Number.NaN, range };
    case 'boolean':
      return { kind: 'boolean', value: node.value === true, range };
    default:
      return { kind: 'null', range };
  }
}

function problemAt(path: string, line: number, message: string): Problem {
  return { kind: 'parse-error', range: { file: path, startLine: line, endLine: line }, message };
}

/** `CommaExpected` -> `comma expected`. */
function describe(code: string): string {
  return code
    .replace(/(?<upper>[A-Z])/g, ' $<upper>')
    .trim()
    .toLowerCase();
}

/**
 * The offset of the first bracket that opens level `limit + 1`, skipping strings and comments; a linear
 * scan that needs no stack, so a 10,000-level file is refused before any recursive parser sees it.
 */
export function firstOffsetDeeperThan(text: string, limit: number): number | undefined {
  let depth = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < length) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i += 2;
        else if (s === 0x22 || s === 0x0a) break;
        else i++;
      }
      i++;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? length : end + 1;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? length : end + 2;
    } else {
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        depth++;
        if (depth > limit) return i;
      } else if ((c === 0x7d /* } */ || c === 0x5d) /* ] */ && depth > 0) {
        depth--;
      }
      i++;
    }
  }
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of an offset, by binary search over the line starts. */
function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function rangeOf(at: Positions, offset: number, length: number): SourceRange {
  const startLine = lineOf(at.lines, offset);
  const end = Math.max(offset, offset + length - 1);
  const endLine = lineOf(at.lines, end);
  return {
    file: at.path,
    startLine,
    endLine,
    startColumn: offset - (at.lines[startLine - 1] ?? 0) + 1,
    endColumn: end - (at.lines[endLine - 1] ?? 0) + 1,
  };
}
