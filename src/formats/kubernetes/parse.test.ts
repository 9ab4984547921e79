import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT, MAX_DEPTH, blankHelmActions, parseYaml } from './parse.js';
import type { YamlNode } from './parse.js';

function roots(text: string): (YamlNode | undefined)[] {
  const parsed = parseYaml(text, 'a.yaml');
  if (!parsed.ok) throw new Error('parse failed');
  return parsed.documents.map((doc) => doc.root);
}

describe('parseYaml', () => {
  it('converts every document with 1-based lines', () => {
    // Arrange
    const text = '# comment\na: 1\nb:\n  c: x\n---\n- y\n';

    // Act
    const [first, second] = roots(text);

    // Assert
    expect(first).toMatchObject({
      kind: 'map',
      startLine: 2,
      endLine: 4,
      entries: [
        { key: 'a', startLine: 2, endLine: 2, value: { kind: 'scalar', value: 1, source: '1' } },
        { key: 'b', startLine: 3, endLine: 4, value: { kind: 'map', startLine: 4, endLine: 4 } },
      ],
    });
    expect(second).toMatchObject({ kind: 'seq', startLine: 6, items: [{ kind: 'scalar', value: 'y' }] });
  });

  it('keeps a number as written in `source`', () => {
    // Arrange
    const text = 'v: 1.30\n';

    // Act
    const [root] = roots(text);

    // Assert
    expect(root).toMatchObject({ entries: [{ value: { value: 1.3, source: '1.30' } }] });
  });

  it('marks a value reached through an alias with its anchor', () => {
    // Arrange
    const text = 'a: &x\n  k: v\nb: *x\n';

    // Act
    const [root] = roots(text);

    // Assert
    expect(root).toMatchObject({
      entries: [
        { key: 'a' },
        { key: 'b', startLine: 3, value: { kind: 'map', alias: { name: 'x', anchorStartLine: 2 } } },
      ],
    });
  });

  it.each([
    ['syntax error', 'a: [1\nb: 2\n', 'errors'],
    ['nesting too deep', `a: ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}\n`, 'limits'],
    [
      'too many aliases',
      `a: &a 1\nb: [${Array.from({ length: MAX_ALIAS_COUNT + 1 }, () => '*a').join(', ')}]\n`,
      'limits',
    ],
  ] as const)('reports a %s on the document', (_name, text, list) => {
    // Act
    const parsed = parseYaml(text, 'a.yaml');

    // Assert
    if (!parsed.ok) throw new Error('parse failed');
    expect(parsed.documents[0]?.[list]).toEqual([
      expect.objectContaining({ kind: 'parse-error', range: expect.objectContaining({ file: 'a.yaml' }) as object }),
    ]);
  });
});

describe('blankHelmActions', () => {
  it('blanks whole-line actions, keeping offsets, and records regions and insertions', () => {
    // Arrange
    const text = [
      'a:',
      '  {{- if .Values.x }}',
      '  b: 1',
      '  {{- else }}',
      '  b: 2',
      '  {{- end }}',
      '  {{ include "x" . | nindent 2 }}',
      '  {{- /* a comment */}}',
      '  c: {{ .Values.c }}',
    ].join('\n');

    // Act
    const result = blankHelmActions(text);

    // Assert
    expect(result.text.length).toBe(text.length);
    expect(result.text.split('\n').map((line) => line.trim())).toEqual([
      'a:',
      '',
      'b: 1',
      '',
      'b: 2',
      '',
      '',
      '',
      'c: {{ .Values.c }}',
    ]);
    expect(result.helm).toEqual({
      regions: [{ startLine: 2, endLine: 6, text: '{{- if .Values.x }}' }],
      insertions: [{ line: 7, indent: 2, text: '{{ include "x" . | nindent 2 }}' }],
    });
  });

  it('closes an unterminated region at the last line', () => {
    // Act
    const result = blankHelmActions('{{ if .x }}\na: 1\nb: 2');

    // Assert
    expect(result.helm.regions).toEqual([{ startLine: 1, endLine: 3, text: '{{ if .x }}' }]);
  });

  it('leaves text without templates untouched', () => {
    // Arrange
    const text = 'a: 1\n';

    // Act
    const result = blankHelmActions(text);

    // Assert
    expect(result).toEqual({ text, helm: { regions: [], insertions: [] } });
  });
});
