import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseBicep } from './parse.js';
import type { Expr, ObjectExpr, Program, Statement } from './parse.js';

function program(text: string): Program {
  const result = parseBicep(text, 'main.bicep');
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  expect(result.problems).toEqual([]);
  return result.program;
}

function only(text: string): Statement {
  const statements = program(text).statements;
  expect(statements).toHaveLength(1);
  return statements[0] as Statement;
}

function valueOf(text: string): Expr {
  const statement = only(`var x = ${text}`);
  if (statement.kind !== 'var') throw new Error('not a var');
  return statement.value;
}

function problemLines(text: string): number[] {
  return parseBicep(text, 'main.bicep').problems.map((problem) => problem.range.startLine);
}

describe('parseBicep declarations', () => {
  it.each([
    ["targetScope = 'subscription'", { kind: 'targetScope', startLine: 1 }],
    [
      "param location string = 'eastus'",
      { kind: 'param', name: 'location', type: 'string', value: { kind: 'string', parts: ['eastus'] } },
    ],
    ['param name string', { kind: 'param', name: 'name', type: 'string', endLine: 1 }],
    ['param tier string? = null', { kind: 'param', name: 'tier', type: 'string ?', value: { kind: 'null' } }],
    ["param plugin = 'kubenet'", { kind: 'param', name: 'plugin', type: undefined }],
    ['var count = 3', { kind: 'var', name: 'count', value: { kind: 'number', value: 3 } }],
    [
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {}",
      {
        kind: 'resource',
        symbol: 'aks',
        type: 'Microsoft.ContainerService/managedClusters@2024-09-01',
        existing: false,
      },
    ],
    [
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {\n  name: 'x'\n}",
      { kind: 'resource', existing: true, startLine: 1, endLine: 3 },
    ],
    ["module m './aks.bicep' = {\n  name: 'm'\n}", { kind: 'module', symbol: 'm', path: './aks.bicep' }],
    ['output id string = aks.id', { kind: 'output', name: 'id', value: { kind: 'member', property: 'id' } }],
    ["using './main.bicep'", { kind: 'using', path: './main.bicep' }],
    ["import { a } from 'types.bicep'", { kind: 'other', keyword: 'import' }],
    ['type pool = {\n  name: string\n}', { kind: 'other', keyword: 'type', endLine: 3 }],
  ])('reads %j', (text, expected) => {
    // Act
    const statement = only(text);
    // Assert
    expect(statement).toMatchObject(expected);
  });

  it('keeps decorators on a parameter, across lines', () => {
    // Arrange
    const text = "@description('The plugin')\n@allowed([\n  'azure'\n  'kubenet'\n])\nparam plugin string = 'azure'";
    // Act
    const statement = only(text);
    // Assert
    expect(statement).toMatchObject({
      kind: 'param',
      startLine: 6,
      decorators: [{ name: 'description' }, { name: 'allowed', args: [{ kind: 'array', items: [{}, {}] }] }],
    });
  });

  it('reads conditions and loops on resources and modules', () => {
    // Arrange
    const text = [
      "resource a 'T@1' = if (deploy) {",
      "  name: 'a'",
      '}',
      "module b './b.bicep' = [for (item, i) in items: {",
      '  name: item',
      '}]',
    ].join('\n');
    // Act
    const statements = program(text).statements;
    // Assert
    expect(statements).toMatchObject([
      {
        kind: 'resource',
        value: { kind: 'if', condition: { kind: 'identifier', name: 'deploy' }, body: { kind: 'object' } },
      },
      {
        kind: 'module',
        value: { kind: 'for', variables: ['item', 'i'], body: { kind: 'object' } },
        startLine: 4,
        endLine: 6,
      },
    ]);
  });

  it('reads a nested child resource inside a resource body', () => {
    // Arrange
    const text = "resource aks 'T@1' = {\n  name: 'a'\n  resource pool 'agentPools' = {\n    name: 'p'\n  }\n}";
    // Act
    const statement = only(text);
    // Assert
    expect(statement).toMatchObject({
      kind: 'resource',
      value: { kind: 'object', resources: [{ symbol: 'pool', type: 'agentPools', startLine: 3, endLine: 5 }] },
    });
  });
});

describe('parseBicep values', () => {
  it.each<[string, unknown]>([
    ["'a\\'b\\n\\${x}'", { kind: 'string', parts: ["a'b\n${x}"] }],
    ["'x-${name}-y'", { kind: 'string', parts: ['x-', { kind: 'identifier', name: 'name' }, '-y'] }],
    ["'${a ? 'b' : 'c'}'", { kind: 'string', parts: [{ kind: 'ternary' }] }],
    [
      "'''\nline one\n'quoted' ${not}\n'''",
      { kind: 'string', parts: ["line one\n'quoted' ${not}\n"], startLine: 1, endLine: 4 },
    ],
    ['1.5', { kind: 'number', value: 1.5 }],
    ['true', { kind: 'boolean', value: true }],
    ['a.b.c', { kind: 'member', property: 'c', object: { kind: 'member', property: 'b' } }],
    ["a['b']", { kind: 'member', property: 'b' }],
    ['a[0]', { kind: 'index', index: { kind: 'number', value: 0 } }],
    ['vnet::subnet.id', { kind: 'member', property: 'id', object: { kind: 'member', property: 'subnet' } }],
    ['resourceGroup().location', { kind: 'member', object: { kind: 'call', args: [] } }],
    ["c ? 'a' : 'b'", { kind: 'ternary', condition: { kind: 'identifier' } }],
    [
      "a == 'x' && !b || c != d",
      {
        kind: 'binary',
        operator: '||',
        left: { kind: 'binary', operator: '&&', right: { kind: 'unary', operator: '!' } },
      },
    ],
    ['{ a: 1, b: 2 }', { kind: 'object', properties: [{ key: 'a' }, { key: 'b' }] }],
    [
      "{\n  'quoted-key': 1\n  bare: 2\n}",
      {
        kind: 'object',
        properties: [
          { key: 'quoted-key', startLine: 2 },
          { key: 'bare', startLine: 3 },
        ],
        endLine: 4,
      },
    ],
    ['[\n  1\n  2\n]', { kind: 'array', items: [{ value: 1 }, { value: 2 }] }],
    ["['1', '2']", { kind: 'array', items: [{}, {}] }],
    ['[for p in pools: p.name]', { kind: 'for', variables: ['p'] }],
    ['map(items, x => x.name)', { kind: 'call', args: [{}, { kind: 'lambda', parameters: ['x'] }] }],
    ["concat(\n  'a',\n  'b'\n)", { kind: 'call', args: [{}, {}], endLine: 4 }],
    ["cond\n  ? 'a'\n  : 'b'", { kind: 'ternary', endLine: 3 }],
  ])('reads %j', (text, expected) => {
    // Act
    const value = valueOf(text);
    // Assert
    expect(value).toMatchObject(expected as object);
  });

  it('skips // and /* */ comments and #pragmas, counting their lines', () => {
    // Arrange
    const text =
      '// a comment\n/* one\n two */\n#disable-next-line BCP081\nvar x = { // trailing\n  a: 1 /* inline */\n}';
    // Act
    const statement = only(text);
    // Assert
    expect(statement).toMatchObject({
      kind: 'var',
      startLine: 5,
      endLine: 7,
      value: { properties: [{ key: 'a', startLine: 6 }] },
    });
  });
});

describe('parseBicep problems', () => {
  it.each<[string, string, number[]]>([
    ['an unterminated string', "var a = 'x\nvar b = 1", [1]],
    ["an unterminated ''' string", "var a = 1\nvar b = '''\nmore", [2]],
    ['an unclosed brace', "var a = 1\nresource x 'T@1' = {\n  name: 'x'\n", [2]],
    ['an unclosed bracket', 'var a = [\n  1\n', [1]],
    ['a stray closing brace', 'var a = 1\n}\nvar b = 2', [2]],
    ['a missing colon', "var a = {\n  b 'x'\n}", [2]],
    ['an unterminated comment', 'var a = 1\n/* open', [2]],
    ['an invalid escape', "var a = '\\q'", [1]],
    ['an unknown keyword', 'fish a = 1', [1]],
  ])('reports %s with its line', (_name, text, lines) => {
    // Act
    const found = problemLines(text);
    // Assert
    expect(found).toEqual(lines);
  });

  it('still reads the declarations around a broken one', () => {
    // Arrange
    const text = "var a = 1\nvar b = {\n  c: ]\n}\nvar d = 'ok'";
    // Act
    const result = parseBicep(text, 'main.bicep');
    // Assert
    expect(
      result.ok && result.program.statements.map((statement) => statement.kind === 'var' && statement.name),
    ).toEqual(['a', 'd']);
    expect(result.problems.map((problem) => problem.range)).toEqual([{ file: 'main.bicep', startLine: 3, endLine: 3 }]);
  });
});

describe('parseBicep hostile input', () => {
  it.each([
    ['10,000 nested objects', `var a = ${'{a:'.repeat(10_000)}1${'}'.repeat(10_000)}\nvar b = 2`],
    ['10,000 nested arrays', `var a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\nvar b = 2`],
    ['10,000 nested parentheses', `var a = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\nvar b = 2`],
    ['10,000 negations', `var a = ${'!'.repeat(10_000)}true\nvar b = 2`],
    ['10,000 nested interpolations', `var a = ${"'${".repeat(10_000)}\nvar b = 2`],
  ])('bounds recursion on %s and reads on', (_name, text) => {
    // Act
    const result = parseBicep(text, 'main.bicep');
    // Assert
    expect(result.problems[0]?.message).toContain(String(MAX_DEPTH));
    expect(result.ok && result.program.statements.at(-1)).toMatchObject({ kind: 'var', name: 'b', startLine: 2 });
  });

  it('reads a 50 MB single-line string and 100,000 continuation lines', () => {
    // Arrange
    const long = `var a = '${'x'.repeat(50 * 1024 * 1024)}'`;
    const lines = `var b = [\n${'  1\n'.repeat(100_000)}]`;
    // Act
    const longResult = parseBicep(long, 'main.bicep');
    const linesResult = parseBicep(lines, 'main.bicep');
    // Assert
    expect(longResult.problems).toEqual([]);
    expect(linesResult.ok && linesResult.program.statements[0]).toMatchObject({ endLine: 100_002 });
  });

  it('gives line ranges that match the object properties', () => {
    // Arrange
    const text = "var o = {\n  a: 1\n\n  b: {\n    c: 'x'\n  }\n}";
    // Act
    const value = valueOf(text.slice('var o = '.length)) as ObjectExpr;
    // Assert
    expect(value.properties.map((property) => [property.key, property.startLine, property.endLine])).toEqual([
      ['a', 2, 2],
      ['b', 4, 6],
    ]);
  });
});
