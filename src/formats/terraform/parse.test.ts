import { beforeAll, describe, expect, it } from 'vitest';
import { terraform } from './index.js';
import { MAX_NESTING, parseHcl } from './parse.js';

beforeAll(async () => {
  await terraform.init?.();
});

/** Expressions nested `n` levels deep, one per way the conversion counts a level. */
const NESTINGS: [string, (n: number) => string][] = [
  ['objects', (n) => `${'{ a = '.repeat(n)}1${' }'.repeat(n)}`],
  ['lists', (n) => `${'['.repeat(n)}1${']'.repeat(n)}`],
  ['parentheses', (n) => `${'('.repeat(n)}1${')'.repeat(n)}`],
  ['calls', (n) => `${'f('.repeat(n)}1${')'.repeat(n)}`],
  ['indexes', (n) => `a${'[b'.repeat(n)}${']'.repeat(n)}`],
  ['negations', (n) => `${'!'.repeat(n)}true`],
  ['minus signs', (n) => `${'-'.repeat(n)}1`],
  ['additions', (n) => Array.from({ length: n + 1 }, () => '1').join(' + ')],
  ['comparisons', (n) => Array.from({ length: n + 1 }, () => 'a').join(' == ')],
  ['conditionals', (n) => `${'a ? b : '.repeat(n)}c`],
  ['interpolations', (n) => `${'"${'.repeat(n)}x${'}"'.repeat(n)}`],
];

describe('parseHcl with a block filter', () => {
  it.each(NESTINGS)('reports the same problems for skipped blocks with nested %s', (_name, nest) => {
    for (let n = MAX_NESTING / 2 - 5; n <= MAX_NESTING + 5; n++) {
      // Arrange
      const text = `output "x" {\n  value = ${nest(n)}\n}\nvariable "v" {\n  default = ${nest(n)}\n}\n`;
      // Act
      const full = parseHcl(text, 'main.tf');
      const filtered = parseHcl(text, 'main.tf', (type) => type === 'variable');
      // Assert
      expect(filtered.problems).toEqual(full.problems);
    }
  });

  it('reports the same problems for skipped blocks nested around the limit', () => {
    for (let n = MAX_NESTING - 3; n <= MAX_NESTING + 3; n++) {
      // Arrange
      const text = `data "x" "y" {\n${'  dynamic "d" {\n'.repeat(n)}${'  }\n'.repeat(n)}}\n`;
      // Act
      const full = parseHcl(text, 'main.tf');
      const filtered = parseHcl(text, 'main.tf', () => false);
      // Assert
      expect(filtered.problems).toEqual(full.problems);
    }
  });

  it('keeps only the blocks the filter accepts, and reports errors in the others', () => {
    // Arrange
    const text = [
      'output "a" {\n  value = 1\n}',
      'resource "aws_s3_bucket" "b" {\n  bucket = \n}',
      'resource "azurerm_kubernetes_cluster" "c" {\n  name = "c"\n}',
      'top = 1',
    ].join('\n');
    // Act
    const full = parseHcl(text, 'main.tf');
    const filtered = parseHcl(text, 'main.tf', (type, labels) => labels[0] === 'azurerm_kubernetes_cluster');
    // Assert
    if (!full.ok || !filtered.ok) throw new Error('not parsed');
    expect(filtered.problems).toEqual(full.problems);
    expect(filtered.problems).not.toEqual([]);
    expect(filtered.body.attributes).toEqual(full.body.attributes);
    expect(filtered.body.blocks).toEqual(
      full.body.blocks.filter((block) => block.labels[0] === 'azurerm_kubernetes_cluster'),
    );
  });
});
