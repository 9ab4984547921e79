import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_DEPTH, isExpression, literalText, parseExpression, printExpression } from './expression.js';

describe('isExpression', () => {
  it.each([
    { text: "[parameters('a')]", expected: true },
    { text: "[[parameters('a')]", expected: false },
    { text: '[not closed', expected: false },
    { text: 'plain', expected: false },
  ])('$text -> $expected', ({ text, expected }) => {
    expect(isExpression(text)).toBe(expected);
  });

  it('unescapes a leading [[ to a literal [', () => {
    expect(literalText('[[x]')).toBe('[x]');
  });
});

describe('parseExpression', () => {
  it.each([
    { text: "['it''s']", expected: { kind: 'string', value: "it's" } },
    { text: '[-42]', expected: { kind: 'number', value: -42 } },
    { text: '[true()]', expected: { kind: 'call', name: 'true', args: [] } },
    {
      text: "[parameters('x')]",
      expected: { kind: 'call', name: 'parameters', args: [{ kind: 'string', value: 'x' }] },
    },
    {
      text: "[concat(parameters('a'), '/', variables('b'))]",
      expected: {
        kind: 'call',
        name: 'concat',
        args: [
          { kind: 'call', name: 'parameters', args: [{ kind: 'string', value: 'a' }] },
          { kind: 'string', value: '/' },
          { kind: 'call', name: 'variables', args: [{ kind: 'string', value: 'b' }] },
        ],
      },
    },
    {
      text: "[variables('net').plugins[0]]",
      expected: {
        kind: 'index',
        target: {
          kind: 'property',
          target: { kind: 'call', name: 'variables', args: [{ kind: 'string', value: 'net' }] },
          name: 'plugins',
        },
        index: { kind: 'number', value: 0 },
      },
    },
    { text: '[ns.myFunc(1)]', expected: { kind: 'call', name: 'ns.myFunc', args: [{ kind: 'number', value: 1 }] } },
  ])('parses $text', ({ text, expected }) => {
    expect(parseExpression(text)).toEqual({ ok: true, expr: expected });
  });

  it.each([
    { text: "[concat('a']", message: '"," or ")" is expected in the arguments of concat' },
    { text: "['open]", message: 'a string literal is not closed' },
    { text: '[a b]', message: '"(" is expected after a' },
    { text: '[f() g()]', message: 'unexpected text after the expression' },
    { text: '[f(#)]', message: 'unexpected character "#"' },
    { text: '[]', message: 'the expression ends early' },
  ])('refuses $text', ({ text, message }) => {
    expect(parseExpression(text)).toEqual({ ok: false, message });
  });

  it('bounds nesting instead of recursing without limit', () => {
    // Arrange
    const text = `[${'f('.repeat(10_000)}1${')'.repeat(10_000)}]`;

    // Act
    const parsed = parseExpression(text);

    // Assert
    expect(parsed).toEqual({ ok: false, message: `nested deeper than ${MAX_EXPRESSION_DEPTH} levels` });
  });

  it('prints an expression back in ARM syntax', () => {
    // Arrange
    const parsed = parseExpression("[concat(parameters('a'), 'it''s', variables('v').x[1])]");
    if (!parsed.ok) throw new Error(parsed.message);

    // Act
    const printed = printExpression(parsed.expr);

    // Assert
    expect(printed).toBe("concat(parameters('a'), 'it''s', variables('v').x[1])");
  });
});
