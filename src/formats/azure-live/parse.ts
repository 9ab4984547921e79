import { getLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError, Segment } from 'jsonc-parser';
import type { Problem, SourceRange } from '../../model/index.js';
import { createPositions, describeParseError, firstOffsetDeeperThan } from '../shared/json.js';
import type { JsonNode, Positions } from '../shared/json.js';

export type { JsonNode, JsonNodeType, Positions } from '../shared/json.js';

/**
 * The only file that touches `jsonc-parser`; never throws. What `az aks list/show -o json` and a Resource
 * Graph export print is plain JSON; every node keeps its offset and `Positions` turns offsets into 1-based
 * lines. An error names its line and the JSON path it is in (`$[2].networkProfile`).
 */

export type ParseResult =
  | { ok: true; root: JsonNode; positions: Positions; problems: Problem[] }
  | { ok: false; positions: Positions; problems: Problem[] };

/** Far deeper than any managed cluster (about ten levels). */
export const MAX_NESTING = 128;

const MAX_REPORTED_ERRORS = 5;

export function parseLiveJson(text: string, path: string): ParseResult {
  const positions = createPositions(text, path);
  const tooDeep = firstOffsetDeeperThan(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    return {
      ok: false,
      positions,
      problems: [
        {
          kind: 'too-deep',
          range: positions.range(tooDeep, 1),
          message: `JSON nested deeper than ${MAX_NESTING} levels; not read`,
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch (error) {
    return {
      ok: false,
      positions,
      problems: [problem(positions.range(0, 0), `could not parse JSON: ${String(error)}`)],
    };
  }
  const problems = errors.slice(0, MAX_REPORTED_ERRORS).map((error) => {
    const where = jsonPath(getLocation(text, error.offset).path);
    return problem(
      positions.range(error.offset, error.length),
      `invalid JSON at ${where}: ${describeParseError(printParseErrorCode(error.error))}`,
    );
  });
  if (errors.length > 0 || tree === undefined) {
    // A live export is machine output: a broken one is truncated or hand-edited, so nothing in it is trusted.
    return {
      ok: false,
      positions,
      problems: problems.length > 0 ? problems : [problem(positions.range(0, 0), 'the file holds no JSON value')],
    };
  }
  return { ok: true, root: tree as JsonNode, positions, problems: [] };
}

/** `['data', 2, 'properties']` -> `$.data[2].properties`. */
export function jsonPath(segments: readonly Segment[]): string {
  let path = '$';
  // jsonc-parser ends the path with '' where a property name was expected: the object itself is the place.
  const named = segments.at(-1) === '' ? segments.slice(0, -1) : segments;
  for (const segment of named) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** The value of member `key` (compared case-insensitively, as ARM does; the last of repeated keys wins). */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  const wanted = key.toLowerCase();
  let found: JsonNode | undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (typeof name?.value === 'string' && name.value.toLowerCase() === wanted) found = value;
  }
  return found;
}

function problem(range: SourceRange, message: string): Problem {
  return { kind: 'parse-error', range, message };
}
