import { describe, expect, it } from 'vitest';
import type { JsonNode } from './parse.js';
import { MAX_NESTING, findMember, firstOffsetDeeperThan, parseJson } from './parse.js';

function root(text: string): JsonNode {
  const parsed = parseJson(text, 't.json');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.root;
}

describe('parseJson', () => {
  it('gives every node its 1-based line range and columns', () => {
    // Arrange
    const text = '{\n  "a": {\n    "b": "x"\n  },\n  "c": [1, true, null]\n}';

    // Act
    const tree = root(text);

    // Assert
    expect(tree).toMatchObject({ kind: 'object', range: { file: 't.json', startLine: 1, endLine: 6 } });
    if (tree.kind !== 'object') throw new Error('not an object');
    expect(findMember(tree, 'a')?.value).toMatchObject({ kind: 'object', range: { startLine: 2, endLine: 4 } });
    expect(findMember(tree, 'c')?.value).toEqual({
      kind: 'array',
      range: { file: 't.json', startLine: 5, endLine: 5, startColumn: 8, endColumn: 22 },
      items: [
        { kind: 'number', value: 1, range: { file: 't.json', startLine: 5, endLine: 5, startColumn: 9, endColumn: 9 } },
        {
          kind: 'boolean',
          value: true,
          range: { file: 't.json', startLine: 5, endLine: 5, startColumn: 12, endColumn: 15 },
        },
        { kind: 'null', range: { file: 't.json', startLine: 5, endLine: 5, startColumn: 18, endColumn: 21 } },
      ],
    });
  });

  it('accepts comments and trailing commas, as ARM does', () => {
    // Arrange
    const text = '{\n  // a comment\n  "a": 1, /* another */\n  "b": [2,],\n}';

    // Act
    const parsed = parseJson(text, 't.json');

    // Assert
    expect(parsed).toMatchObject({ ok: true, problems: [] });
  });

  it.each([
    { name: 'a missing comma', text: '{\n  "a": 1\n  "b": 2\n}', line: 3, message: 'invalid JSON: comma expected' },
    {
      name: 'an unclosed object',
      text: '{\n  "a": {\n    "b": 1\n',
      line: 4,
      message: 'invalid JSON: close brace expected',
    },
    { name: 'a stray token', text: '{\n  "a": 1\n}\n}', line: 4, message: 'invalid JSON: end of file expected' },
  ])('reports $name with its line', ({ text, line, message }) => {
    // Act
    const parsed = parseJson(text, 't.json');

    // Assert
    expect(parsed.problems[0]).toEqual({
      kind: 'parse-error',
      range: { file: 't.json', startLine: line, endLine: line },
      message,
    });
  });

  it('keeps what parses before an error', () => {
    // Act
    const parsed = parseJson('{\n  "a": "x",\n  "b": \n}', 't.json');

    // Assert
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.root.kind !== 'object') throw new Error('no tree');
    expect(findMember(parsed.root, 'a')?.value).toMatchObject({ kind: 'string', value: 'x' });
  });

  it('refuses an empty file', () => {
    expect(parseJson('  ', 't.json')).toMatchObject({ ok: false, problems: [{ kind: 'parse-error' }] });
  });

  it('refuses 10,000 levels of nesting with a problem instead of overflowing the stack', () => {
    // Arrange
    const text = `${'[\n'.repeat(5000)}${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}${']'.repeat(5000)}`;

    // Act
    const parsed = parseJson(text, 'deep.json');

    // Assert
    expect(parsed).toEqual({
      ok: false,
      problems: [
        {
          kind: 'too-deep',
          range: { file: 'deep.json', startLine: MAX_NESTING + 1, endLine: MAX_NESTING + 1 },
          message: `JSON nested deeper than ${MAX_NESTING} levels; not read`,
        },
      ],
    });
  });

  it('reads a large single-line file', () => {
    // Arrange: about 5 MB on one line.
    const text = `{"a":[${'"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",'.repeat(100_000)}1]}`;

    // Act
    const parsed = parseJson(text, 'big.json');

    // Assert
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.root.kind !== 'object') throw new Error('no tree');
    expect(findMember(parsed.root, 'a')?.value).toMatchObject({ kind: 'array', range: { startLine: 1, endLine: 1 } });
  });
});

describe('findMember', () => {
  it('matches keys case-insensitively and lets a repeated key win', () => {
    // Arrange
    const tree = root('{"Type": "a", "type": "b", "other": 1}');
    if (tree.kind !== 'object') throw new Error('not an object');

    // Act
    const found = findMember(tree, 'TYPE');

    // Assert
    expect(found?.value).toMatchObject({ kind: 'string', value: 'b' });
  });
});

describe('firstOffsetDeeperThan', () => {
  it.each([
    { name: 'brackets inside strings', text: '{"a": "[[[[{{{{"}', limit: 1, expected: undefined },
    { name: 'escaped quotes inside strings', text: '{"a": "\\"[[["}', limit: 1, expected: undefined },
    { name: 'brackets inside comments', text: '{ // [[[[\n /* {{{{ */ }', limit: 1, expected: undefined },
    { name: 'real nesting', text: '{"a": [[1]]}', limit: 2, expected: 7 },
  ])('skips $name', ({ text, limit, expected }) => {
    expect(firstOffsetDeeperThan(text, limit)).toBe(expected);
  });
});
