import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Problem, SourceRange } from '../../model/index.js';
import { createPositions, describeParseError, firstOffsetDeeperThan } from '../shared/json.js';
import type { JsonNode, Positions } from '../shared/json.js';

export type { JsonNode, JsonNodeType, Positions } from '../shared/json.js';

/**
 * The only file that touches `jsonc-parser`; never throws. A plan JSON is usually one line, so every node
 * keeps its character offset and `Positions` turns offsets into 1-based lines and columns.
 */

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
  const tooDeep = firstOffsetDeeperThan(text, MAX_NESTING);
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
        `invalid JSON: ${describeParseError(printParseErrorCode(error.error))}`,
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
  if (firstOffsetDeeperThan(decoded, MAX_NESTING) !== undefined) return undefined;
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

function problemAt(range: SourceRange, message: string): Problem {
  return { kind: 'parse-error', range, message };
}
