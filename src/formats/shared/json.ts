import type { SourceRange } from '../../model/index.js';

/**
 * What the JSON formats (the Terraform plan, live cluster exports) share about jsonc-parser's trees: the node
 * shape the extractors read, offsets turned into 1-based lines and columns, the nesting pre-check, and error
 * wording. Each format still owns its parse (its options, its problems).
 */

export type JsonNodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

/** jsonc-parser's node, as far as the extractors need it: offsets are into the file's text. */
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

/** Line starts found once; a range is two binary searches. */
export function createPositions(text: string, path: string): Positions {
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

/**
 * The offset of the first `{` or `[` nested deeper than `limit` in `text[start, end)`, skipping strings;
 * undefined when it stays within the limit. One linear pass with no allocation, so huge one-line files stay
 * cheap, and a tree too deep for jsonc-parser's recursion is never built.
 */
export function firstOffsetDeeperThan(text: string, limit: number, start = 0, end = text.length): number | undefined {
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

/** jsonc-parser's error code in words: `CloseBraceExpected` -> `close brace expected`. */
export function describeParseError(code: string): string {
  return code.replace(/(?<lower>[a-z])(?<upper>[A-Z])/g, '$<lower> $<upper>').toLowerCase();
}
