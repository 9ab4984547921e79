import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Problem, SourceRange } from '../../model/index.js';

/**
 * The only file that touches `jsonc-parser`; never throws. A plan JSON is usually one line, so every node
 * keeps its character offset and `Positions` turns offsets into 1-based lines and columns.
 */

export type JsonNodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

/** jsonc-parser's node, as far as the extractor needs it: offsets are into the file's text. */
export interface JsonNode {
  readonly type: JsonNodeType;
  readonly value?: unknown;
  readonly offset: number;
  readonly length: number;
  readonly children?: readonly JsonNode[];
}

/** Offsets -> ranges. Built once per file from the line starts (not per character). */
export interface Positions {
  range(offset: number, length: number): SourceRange;
}

/**
 * `ok` with a root even when the text has errors (the tree then holds what parsed): `problems` lists the
 * errors and `errorOffsets` where they are, so that the extractor can skip what they touch.
 */
export type ParseResult =
  | { ok: true; root: JsonNode; positions: Positions; problems: Problem[]; errorOffsets: number[] }
  | { ok: false; positions: Positions; problems: Problem[] };

/** Far deeper than any plan (a few dozen levels), far below the stack limit of jsonc-parser's recursion. */
export const MAX_NESTING = 256;

/** Enough to point at a broken file without flooding the report. */
const MAX_REPORTED_ERRORS = 5;

export function parsePlanJson(text: string, path: string): ParseResult {
  const positions = createPositions(text, path);
  const tooDeep = firstOffsetDeeperThan(text, 0, text.length, MAX_NESTING);
  if (tooDeep !== undefined) {
    return {
      ok: false,
      positions,
      problems: [
        {
          ...problemAt(
            positions.range(tooDeep, 1),
            `JSON nested deeper than ${MAX_NESTING} levels; the plan was not read`,
          ),
          kind: 'too-deep',
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch (error) {
    // jsonc-parser is not expected to throw; a last resort so that parse never does.
    return {
      ok: false,
      positions,
      problems: [problemAt(positions.range(0, 0), `could not parse JSON: ${String(error)}`)],
    };
  }
  const problems = errors
    .slice(0, MAX_REPORTED_ERRORS)
    .map((error) =>
      problemAt(
        positions.range(error.offset, error.length),
        `invalid JSON: ${describe(printParseErrorCode(error.error))}`,
      ),
    );
  if (tree === undefined) {
    const none = problems.length > 0 ? problems : [problemAt(positions.range(0, 0), 'the file holds no JSON value')];
    return { ok: false, positions, problems: none };
  }
  return { ok: true, root: tree, positions, problems, errorOffsets: errors.map((error) => error.offset) };
}

/**
 * A JSON document held in a JSON string of the file (older azapi `body = jsonencode(...)`): parsed from the
 * decoded string, with every offset mapped back into the file so that ranges point at the escaped text.
 */
export function parseEmbeddedJson(fileText: string, stringNode: JsonNode): JsonNode | undefined {
  if (stringNode.type !== 'string' || typeof stringNode.value !== 'string') return undefined;
  const decoded = stringNode.value;
  if (firstOffsetDeeperThan(decoded, 0, decoded.length, MAX_NESTING) !== undefined) return undefined;
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(decoded, errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    return undefined;
  }
  if (tree === undefined || errors.length > 0) return undefined;
  const toFile = escapeMap(fileText, stringNode.offset + 1, stringNode.offset + stringNode.length - 1);
  return remap(tree, toFile);
}

/** Maps an offset in the decoded string to the file: each escape adds the raw characters it takes beyond one. */
function escapeMap(text: string, start: number, end: number): (decodedOffset: number) => number {
  // Sorted by decoded offset: from `decoded`, raw = decoded + `extra`. Only escapes get an entry.
  const anchors: { decoded: number; extra: number }[] = [];
  let extra = 0;
  for (let i = text.indexOf('\\', start); i !== -1 && i < end; i = text.indexOf('\\', i)) {
    const decodedAt = i - start - extra;
    const width = text[i + 1] === 'u' ? 6 : 2;
    extra += width - 1;
    anchors.push({ decoded: decodedAt + 1, extra });
    i += width;
  }
  return (decodedOffset) => {
    let low = 0;
    let high = anchors.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const anchor = anchors[middle];
      if (anchor !== undefined && anchor.decoded <= decodedOffset) {
        found = anchor.extra;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return start + decodedOffset + found;
  };
}

function remap(node: Node, toFile: (decodedOffset: number) => number): JsonNode {
  const offset = toFile(node.offset);
  // The end maps as an exclusive offset, so that a value ending in an escape (`\"`) keeps all of it.
  const end = toFile(node.offset + node.length);
  const children = node.children?.map((child) => remap(child, toFile));
  return { type: node.type, value: node.value as unknown, offset, length: end - offset, children };
}

/**
 * The offset of the first bracket that opens level `limit + 1`, outside strings; undefined when the text
 * stays within the limit. One linear pass with no allocation, so huge one-line plans stay cheap.
 */
export function firstOffsetDeeperThan(text: string, start: number, end: number, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > limit) return i;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return undefined;
}

function createPositions(text: string, path: string): Positions {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  function locate(offset: number): { line: number; column: number } {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }
  return {
    range(offset, length) {
      const start = locate(offset);
      const end = locate(offset + Math.max(length, 1) - 1);
      return { file: path, startLine: start.line, endLine: end.line, startColumn: start.column, endColumn: end.column };
    },
  };
}

function problemAt(range: SourceRange, message: string): Problem {
  return { kind: 'parse-error', range, message };
}

/** `CloseBraceExpected` -> `close brace expected`. */
function describe(code: string): string {
  return code.replace(/(?<lower>[a-z])(?<upper>[A-Z])/g, '$<lower> $<upper>').toLowerCase();
}
