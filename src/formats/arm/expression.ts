/**
 * ARM template expressions: `[concat(parameters('a'), '-', variables('b').c[0])]`. A small tokenizer and
 * recursive-descent parser for the function-call syntax, bounded in nesting.
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions
 */

export type ArmExpr =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; name: string; args: ArmExpr[] }
  | { kind: 'property'; target: ArmExpr; name: string }
  | { kind: 'index'; target: ArmExpr; index: ArmExpr };

export type ParsedExpression = { ok: true; expr: ArmExpr } | { ok: false; message: string };

/** Deeper nesting than any real template writes; keeps the recursive-descent parser bounded. */
export const MAX_EXPRESSION_DEPTH = 64;

/** A JSON string is an expression when it is wrapped in `[...]`; a leading `[[` escapes a literal `[`. */
export function isExpression(text: string): boolean {
  return text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']');
}

/** The literal a non-expression string stands for: `[[x]` is the text `[x]`. */
export function literalText(text: string): string {
  return text.startsWith('[[') ? text.slice(1) : text;
}

type Token =
  | { kind: 'identifier'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | '.' | '[' | ']' };

/** Parses the inside of `[...]` (pass the whole JSON string, brackets included). */
export function parseExpression(source: string): ParsedExpression {
  if (!isExpression(source)) return { ok: false, message: 'not an expression' };
  const tokens = tokenize(source.slice(1, -1));
  if (!Array.isArray(tokens)) return tokens;
  const parser = new Parser(tokens);
  try {
    const expr = parser.expression(0);
    if (parser.position < tokens.length) return { ok: false, message: 'unexpected text after the expression' };
    return { ok: true, expr };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Writes an expression back in ARM syntax (for messages and resolution steps). */
export function printExpression(expr: ArmExpr): string {
  switch (expr.kind) {
    case 'string':
      return `'${expr.value.replaceAll("'", "''")}'`;
    case 'number':
      return String(expr.value);
    case 'call':
      return `${expr.name}(${expr.args.map(printExpression).join(', ')})`;
    case 'property':
      return `${printExpression(expr.target)}.${expr.name}`;
    case 'index':
      return `${printExpression(expr.target)}[${printExpression(expr.index)}]`;
  }
}

class ExpressionError extends Error {}

function tokenize(text: string): Token[] | { ok: false; message: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, message: 'a string literal is not closed' };
        const next = text.indexOf("'", i);
        if (next < 0) return { ok: false, message: 'a string literal is not closed' };
        value += text.slice(i, next);
        if (text[next + 1] === "'") {
          value += "'";
          i = next + 2;
        } else {
          i = next + 1;
          break;
        }
      }
      tokens.push({ kind: 'string', text: value });
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1] ?? ''))) {
      const start = i;
      i++;
      while (i < text.length && (isDigit(text[i] ?? '') || text[i] === '.')) i++;
      const value = Number(text.slice(start, i));
      if (Number.isNaN(value)) return { ok: false, message: `invalid number "${text.slice(start, i)}"` };
      tokens.push({ kind: 'number', value });
    } else if (isIdentifierStart(c)) {
      const start = i;
      while (i < text.length && isIdentifierPart(text[i] ?? '')) i++;
      tokens.push({ kind: 'identifier', text: text.slice(start, i) });
    } else if (c === '(' || c === ')' || c === ',' || c === '.' || c === '[' || c === ']') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      return { ok: false, message: `unexpected character "${c}"` };
    }
  }
  return tokens;
}

class Parser {
  position = 0;

  constructor(private readonly tokens: Token[]) {}

  expression(depth: number): ArmExpr {
    if (depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(`nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    let expr = this.primary(depth);
    for (;;) {
      if (this.takePunct('.')) {
        const name = this.next();
        if (name?.kind !== 'identifier') throw new ExpressionError('a property name is expected after "."');
        expr = { kind: 'property', target: expr, name: name.text };
      } else if (this.takePunct('[')) {
        const index = this.expression(depth + 1);
        if (!this.takePunct(']')) throw new ExpressionError('"]" is expected');
        expr = { kind: 'index', target: expr, index };
      } else {
        return expr;
      }
    }
  }

  private primary(depth: number): ArmExpr {
    const token = this.next();
    if (token === undefined) throw new ExpressionError('the expression ends early');
    if (token.kind === 'string') return { kind: 'string', value: token.text };
    if (token.kind === 'number') return { kind: 'number', value: token.value };
    if (token.kind !== 'identifier') throw new ExpressionError(`unexpected "${token.text}"`);
    let name = token.text;
    // A user-defined function: `namespace.function(...)`.
    const after = this.tokens[this.position + 1];
    if (this.peekPunct('.') && after?.kind === 'identifier' && this.isPunct(this.tokens[this.position + 2], '(')) {
      this.position += 2;
      name = `${name}.${after.text}`;
    }
    if (!this.takePunct('(')) throw new ExpressionError(`"(" is expected after ${name}`);
    const args: ArmExpr[] = [];
    if (this.takePunct(')')) return { kind: 'call', name, args };
    for (;;) {
      args.push(this.expression(depth + 1));
      if (this.takePunct(')')) return { kind: 'call', name, args };
      if (!this.takePunct(',')) throw new ExpressionError(`"," or ")" is expected in the arguments of ${name}`);
    }
  }

  private next(): Token | undefined {
    const token = this.tokens[this.position];
    if (token !== undefined) this.position++;
    return token;
  }

  private isPunct(token: Token | undefined, text: string): boolean {
    return token?.kind === 'punct' && token.text === text;
  }

  private peekPunct(text: string): boolean {
    return this.isPunct(this.tokens[this.position], text);
  }

  private takePunct(text: string): boolean {
    if (!this.peekPunct(text)) return false;
    this.position++;
    return true;
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentifierStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentifierPart(c: string): boolean {
  return isIdentifierStart(c) || isDigit(c);
}
