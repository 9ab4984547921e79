import type { Problem } from '../../model/index.js';

// No JavaScript Bicep parser exists, so this is a small, tolerant reader written by hand: a lazy tokenizer and a
// recursive-descent parser for the part of the language a template that defines AKS clusters uses. It never
// throws: what it cannot read becomes a `parse-error` problem with a line, and the next declaration is read.
// Grammar reference: https://learn.microsoft.com/azure/azure-resource-manager/bicep/file

/** Deepest nesting of objects, arrays, calls and operators read before giving up on a declaration. */
export const MAX_DEPTH = 100;

/** Where a node is: 1-based inclusive lines, and character offsets into the file for the text as written. */
export interface Span {
  startLine: number;
  endLine: number;
  start: number;
  end: number;
}

export interface StringExpr extends Span {
  kind: 'string';
  /** Literal text and `${...}` interpolations, in order. */
  parts: Array<string | Expr>;
}
export interface NumberExpr extends Span {
  kind: 'number';
  value: number;
}
export interface BooleanExpr extends Span {
  kind: 'boolean';
  value: boolean;
}
export interface NullExpr extends Span {
  kind: 'null';
}
export interface IdentifierExpr extends Span {
  kind: 'identifier';
  name: string;
}
/** `a.b`, `a.?b`, `a::b` and `a['b']` (an index that is a plain string). */
export interface MemberExpr extends Span {
  kind: 'member';
  object: Expr;
  property: string;
}
export interface IndexExpr extends Span {
  kind: 'index';
  object: Expr;
  index: Expr;
}
export interface CallExpr extends Span {
  kind: 'call';
  callee: Expr;
  args: Expr[];
}
export interface Property extends Span {
  key: string;
  value: Expr;
}
export interface ObjectExpr extends Span {
  kind: 'object';
  properties: Property[];
  /** Child resources declared inside a resource body (`resource pool 'agentPools' = {...}`). */
  resources: ResourceDecl[];
}
export interface ArrayExpr extends Span {
  kind: 'array';
  items: Expr[];
}
export interface TernaryExpr extends Span {
  kind: 'ternary';
  condition: Expr;
  whenTrue: Expr;
  whenFalse: Expr;
}
export interface BinaryExpr extends Span {
  kind: 'binary';
  operator: string;
  left: Expr;
  right: Expr;
}
export interface UnaryExpr extends Span {
  kind: 'unary';
  operator: string;
  operand: Expr;
}
/** `if (condition) { ... }`: a resource or module deployed only when the condition holds. */
export interface IfExpr extends Span {
  kind: 'if';
  condition: Expr;
  body: Expr;
}
/** `[for item in items: body]` or `[for (item, index) in items: body]`. */
export interface ForExpr extends Span {
  kind: 'for';
  variables: string[];
  iterable: Expr;
  body: Expr;
}
export interface LambdaExpr extends Span {
  kind: 'lambda';
  parameters: string[];
  body: Expr;
}

export type Expr =
  | StringExpr
  | NumberExpr
  | BooleanExpr
  | NullExpr
  | IdentifierExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | ObjectExpr
  | ArrayExpr
  | TernaryExpr
  | BinaryExpr
  | UnaryExpr
  | IfExpr
  | ForExpr
  | LambdaExpr;

export interface Decorator extends Span {
  name: string;
  args: Expr[];
}

export interface ParamDecl extends Span {
  kind: 'param';
  name: string;
  /** The type as written (`string`, `string?`, `'a' | 'b'`); absent in a `.bicepparam` assignment. */
  type?: string;
  /** The default value (a template) or the assigned value (a `.bicepparam` file). */
  value?: Expr;
  decorators: Decorator[];
}
export interface VarDecl extends Span {
  kind: 'var';
  name: string;
  value: Expr;
}
export interface ResourceDecl extends Span {
  kind: 'resource';
  symbol: string;
  /** `Microsoft.ContainerService/managedClusters@2024-09-01`, or a child's short type `agentPools`. */
  type: string;
  existing: boolean;
  value: Expr;
  decorators: Decorator[];
}
export interface ModuleDecl extends Span {
  kind: 'module';
  symbol: string;
  /** `./aks.bicep`, `br/public:avm/...:0.8.3`, `br:registry/path:tag`, `ts:...`. */
  path: string;
  value: Expr;
  decorators: Decorator[];
}
export interface OutputDecl extends Span {
  kind: 'output';
  name: string;
  value: Expr;
}
export interface UsingDecl extends Span {
  kind: 'using';
  path: string;
}
export interface TargetScopeDecl extends Span {
  kind: 'targetScope';
  value: Expr;
}
/** `import`, `metadata`, `type`, `func`, `extension`, `provider`, `assert`: read past, not interpreted. */
export interface OtherDecl extends Span {
  kind: 'other';
  keyword: string;
}

export type Statement =
  ParamDecl | VarDecl | ResourceDecl | ModuleDecl | OutputDecl | UsingDecl | TargetScopeDecl | OtherDecl;

export interface Program {
  statements: Statement[];
}

export type ParseResult = { ok: true; program: Program; problems: Problem[] } | { ok: false; problems: Problem[] };

type TokenKind = 'identifier' | 'string' | 'number' | 'punct' | 'newline' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** For a string: its literal text and interpolations (each a token list ending in `eof`). */
  parts?: Array<string | Token[]>;
}

interface TokenSource {
  peek(offset?: number): Token;
  next(): Token;
  /** Open brackets consumed so far and not yet closed. */
  depth(): number;
}

/** Thrown inside the parser only; caught per declaration and turned into a problem. */
class ParseFailure extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface Context {
  path: string;
  problems: Problem[];
  depth: number;
}

const PUNCTUATION = [
  '...',
  '==',
  '!=',
  '=~',
  '!~',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '=>',
  '::',
  '.?',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  '.',
  '?',
  '=',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '|',
];

const CLOSING: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code);
}

/** A lazy tokenizer: tokens are produced as the parser asks, so a huge file is never held as a token list. */
function createLexer(text: string, ctx: Context): TokenSource {
  let pos = 0;
  let line = 1;
  // Open brackets consumed and not yet closed; a closer that doesn't match the innermost opener is ignored.
  const brackets: string[] = [];
  let stringNesting = 0;
  const buffer: Token[] = [];

  function problem(atLine: number, message: string): void {
    ctx.problems.push({ kind: 'parse-error', range: { file: ctx.path, startLine: atLine, endLine: atLine }, message });
  }

  function token(kind: TokenKind, start: number, startLine: number, tokenText = text.slice(start, pos)): Token {
    return { kind, text: tokenText, start, end: pos, startLine, endLine: line };
  }

  /** Skips blanks and comments; returns true when a line break was crossed. */
  function skipTrivia(): boolean {
    let crossed = false;
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF') {
        pos++;
      } else if (ch === '\n') {
        crossed = true;
        line++;
        pos++;
      } else if (ch === '#' || (ch === '/' && text[pos + 1] === '/')) {
        // `//` comments and `#disable-next-line` pragmas run to the end of the line.
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length : end;
      } else if (ch === '/' && text[pos + 1] === '*') {
        const end = text.indexOf('*/', pos + 2);
        const stop = end < 0 ? text.length : end + 2;
        const startLine = line;
        for (let i = text.indexOf('\n', pos); i !== -1 && i < stop; i = text.indexOf('\n', i + 1)) {
          line++;
          crossed = true;
        }
        pos = stop;
        if (end < 0) problem(startLine, 'unterminated /* comment');
      } else {
        break;
      }
    }
    return crossed;
  }

  function scanMultilineString(start: number, startLine: number): Token {
    pos += 3;
    const end = text.indexOf("'''", pos);
    const stop = end < 0 ? text.length : end;
    let body = text.slice(pos, stop);
    for (let i = text.indexOf('\n', pos); i !== -1 && i < stop; i = text.indexOf('\n', i + 1)) line++;
    pos = end < 0 ? text.length : end + 3;
    if (end < 0) problem(startLine, "unterminated ''' string");
    // A line break right after the opening ''' is not part of the value.
    if (body.startsWith('\r\n')) body = body.slice(2);
    else if (body.startsWith('\n')) body = body.slice(1);
    return { ...token('string', start, startLine), parts: [body] };
  }

  function scanString(start: number, startLine: number): Token {
    pos++;
    const parts: Array<string | Token[]> = [];
    let literal = '';
    let chunkStart = pos;
    for (;;) {
      if (pos >= text.length || text[pos] === '\n') {
        problem(startLine, 'unterminated string: a quote is missing before the end of the line');
        literal += text.slice(chunkStart, pos);
        break;
      }
      const ch = text[pos];
      if (ch === "'") {
        literal += text.slice(chunkStart, pos);
        pos++;
        break;
      }
      if (ch === '\\') {
        literal += text.slice(chunkStart, pos);
        const next = text[pos + 1] ?? '';
        const escaped = ESCAPES[next];
        if (escaped !== undefined) {
          literal += escaped;
          pos += 2;
        } else if (next === 'u' && text[pos + 2] === '{') {
          const close = text.indexOf('}', pos + 3);
          const code = close < 0 ? Number.NaN : Number.parseInt(text.slice(pos + 3, close), 16);
          if (Number.isNaN(code) || code > 0x10ffff || close - pos > 12) {
            problem(line, 'invalid \\u{...} escape in a string');
            pos += 2;
          } else {
            literal += String.fromCodePoint(code);
            pos = close + 1;
          }
        } else {
          problem(line, `invalid escape '\\${next}' in a string`);
          pos += next === '' || next === '\n' ? 1 : 2;
        }
        chunkStart = pos;
        continue;
      }
      if (ch === '$' && text[pos + 1] === '{') {
        literal += text.slice(chunkStart, pos);
        if (literal !== '') parts.push(literal);
        literal = '';
        pos += 2;
        const tokens = scanInterpolation(startLine);
        if (tokens === undefined) {
          // Unreadable interpolation: the rest of the line is dropped, the problem is recorded.
          const end = text.indexOf('\n', pos);
          pos = end < 0 ? text.length : end;
          break;
        }
        parts.push(tokens);
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    if (literal !== '' || parts.length === 0) parts.push(literal);
    return { ...token('string', start, startLine), parts };
  }

  /** The tokens of a `${...}` up to its closing brace, ending with an `eof` token. */
  function scanInterpolation(startLine: number): Token[] | undefined {
    stringNesting++;
    try {
      if (stringNesting > MAX_DEPTH) {
        problem(startLine, `string interpolations nested deeper than ${MAX_DEPTH} levels`);
        return undefined;
      }
      const tokens: Token[] = [];
      let braces = 0;
      for (;;) {
        const tok = scan();
        if (tok.kind === 'eof' || tok.kind === 'newline') {
          // Leave the line break for the statement that follows.
          pos = tok.start;
          line = tok.startLine;
          problem(startLine, "unterminated string: '${' is never closed on this line");
          return undefined;
        }
        if (tok.kind === 'punct' && tok.text === '{') braces++;
        if (tok.kind === 'punct' && tok.text === '}') {
          if (braces === 0) {
            tokens.push({ ...tok, kind: 'eof', text: '' });
            return tokens;
          }
          braces--;
        }
        tokens.push(tok);
      }
    } finally {
      stringNesting--;
    }
  }

  function scan(): Token {
    const crossedStart = pos;
    const crossedLine = line;
    if (skipTrivia())
      return { kind: 'newline', text: '\n', start: crossedStart, end: pos, startLine: crossedLine, endLine: line };
    const start = pos;
    const startLine = line;
    if (pos >= text.length) return token('eof', start, startLine, '');
    const code = text.charCodeAt(pos);
    if (text.startsWith("'''", pos)) return scanMultilineString(start, startLine);
    if (code === 39) return scanString(start, startLine);
    if (isIdentifierStart(code)) {
      pos++;
      while (pos < text.length && isIdentifierPart(text.charCodeAt(pos))) pos++;
      return token('identifier', start, startLine);
    }
    if (isDigit(code)) {
      pos++;
      while (pos < text.length && isDigit(text.charCodeAt(pos))) pos++;
      if (text[pos] === '.' && isDigit(text.charCodeAt(pos + 1))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) pos++;
      }
      return token('number', start, startLine);
    }
    for (const punct of PUNCTUATION) {
      if (text.startsWith(punct, pos)) {
        pos += punct.length;
        return token('punct', start, startLine);
      }
    }
    problem(startLine, `unexpected character '${text[pos] ?? ''}'`);
    pos++;
    return scan();
  }

  function fill(count: number): void {
    while (buffer.length <= count) {
      const last = buffer[buffer.length - 1];
      if (last !== undefined && last.kind === 'eof') {
        buffer.push(last);
        continue;
      }
      buffer.push(scan());
    }
  }

  return {
    peek(offset = 0) {
      fill(offset);
      return buffer[offset] as Token;
    },
    next() {
      fill(0);
      const tok = buffer.shift() as Token;
      if (tok.kind === 'punct') {
        const closer = CLOSING[tok.text];
        if (closer !== undefined) brackets.push(closer);
        else if (brackets[brackets.length - 1] === tok.text) brackets.pop();
      }
      return tok;
    },
    depth: () => brackets.length,
  };
}

/** A token source over a finished list (an interpolation's tokens), ending in `eof`. */
function arraySource(tokens: Token[]): TokenSource {
  let index = 0;
  const last = tokens[tokens.length - 1] as Token;
  return {
    peek: (offset = 0) => tokens[index + offset] ?? last,
    next: () => tokens[index++] ?? last,
    depth: () => 0,
  };
}

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!=', '=~', '!~'],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

function isPunct(tok: Token, text: string): boolean {
  return tok.kind === 'punct' && tok.text === text;
}

function isKeyword(tok: Token, text: string): boolean {
  return tok.kind === 'identifier' && tok.text === text;
}

function describe(tok: Token): string {
  if (tok.kind === 'eof') return 'the end of the file';
  if (tok.kind === 'newline') return 'a line break';
  return `'${tok.text.length > 40 ? `${tok.text.slice(0, 40)}…` : tok.text}'`;
}

function span(first: { startLine: number; start: number }, last: { endLine: number; end: number }): Span {
  return { startLine: first.startLine, endLine: last.endLine, start: first.start, end: last.end };
}

function createParser(src: TokenSource, ctx: Context) {
  function fail(line: number, message: string): never {
    throw new ParseFailure(line, message);
  }

  function enter(line: number): void {
    ctx.depth++;
    if (ctx.depth > MAX_DEPTH)
      fail(line, `nesting deeper than ${MAX_DEPTH} levels; the rest of this declaration is skipped`);
  }

  function skipNewlines(): void {
    while (src.peek().kind === 'newline') src.next();
  }

  function expectPunct(text: string, what: string): Token {
    const tok = src.peek();
    if (!isPunct(tok, text)) fail(tok.startLine, `expected '${text}' ${what}, found ${describe(tok)}`);
    return src.next();
  }

  function expectIdentifier(what: string): Token {
    const tok = src.peek();
    if (tok.kind !== 'identifier') fail(tok.startLine, `expected ${what}, found ${describe(tok)}`);
    return src.next();
  }

  function expectPlainString(what: string): { value: string; token: Token } {
    const tok = src.peek();
    if (tok.kind !== 'string') fail(tok.startLine, `expected ${what} as a quoted string, found ${describe(tok)}`);
    src.next();
    const parts = tok.parts ?? [];
    if (parts.some((part) => typeof part !== 'string')) fail(tok.startLine, `${what} cannot use string interpolation`);
    return { value: parts.join(''), token: tok };
  }

  function parseExpression(): Expr {
    enter(src.peek().startLine);
    try {
      return parseTernary();
    } finally {
      ctx.depth--;
    }
  }

  function peekPastNewline(text: string): boolean {
    if (isPunct(src.peek(), text)) return true;
    if (src.peek().kind === 'newline' && isPunct(src.peek(1), text)) {
      src.next();
      return true;
    }
    return false;
  }

  function parseTernary(): Expr {
    const condition = parseBinary(0);
    if (!peekPastNewline('?')) return condition;
    src.next();
    skipNewlines();
    const whenTrue = parseExpression();
    skipNewlines();
    expectPunct(':', "between the branches of a '?' condition");
    skipNewlines();
    const whenFalse = parseExpression();
    return { kind: 'ternary', condition, whenTrue, whenFalse, ...span(condition, whenFalse) };
  }

  function parseBinary(level: number): Expr {
    const operators = BINARY_LEVELS[level];
    if (operators === undefined) return parseUnary();
    let left = parseBinary(level + 1);
    for (;;) {
      const tok = src.peek();
      if (tok.kind !== 'punct' || !operators.includes(tok.text)) return left;
      src.next();
      skipNewlines();
      const right = parseBinary(level + 1);
      left = { kind: 'binary', operator: tok.text, left, right, ...span(left, right) };
    }
  }

  function parseUnary(): Expr {
    const tok = src.peek();
    if (isPunct(tok, '!') || isPunct(tok, '-')) {
      src.next();
      enter(tok.startLine);
      try {
        const operand = parseUnary();
        return { kind: 'unary', operator: tok.text, operand, ...span(tok, operand) };
      } finally {
        ctx.depth--;
      }
    }
    return parsePostfix(parsePrimary());
  }

  function parsePostfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      const tok = src.peek();
      if (isPunct(tok, '.') || isPunct(tok, '.?') || isPunct(tok, '::')) {
        src.next();
        const name = expectIdentifier(`a property name after '${tok.text}'`);
        expr = { kind: 'member', object: expr, property: name.text, ...span(expr, name) };
      } else if (isPunct(tok, '[')) {
        src.next();
        skipNewlines();
        if (isPunct(src.peek(), '?')) src.next();
        const index = parseExpression();
        skipNewlines();
        const close = expectPunct(']', 'to close the index');
        if (index.kind === 'string' && index.parts.every((part) => typeof part === 'string')) {
          expr = { kind: 'member', object: expr, property: index.parts.join(''), ...span(expr, close) };
        } else {
          expr = { kind: 'index', object: expr, index, ...span(expr, close) };
        }
      } else if (isPunct(tok, '(')) {
        const { args, close } = parseArguments();
        expr = { kind: 'call', callee: expr, args, ...span(expr, close) };
      } else {
        return expr;
      }
    }
  }

  function parseArguments(): { args: Expr[]; close: Token } {
    const open = src.next();
    const args: Expr[] = [];
    for (;;) {
      while (src.peek().kind === 'newline' || isPunct(src.peek(), ',')) src.next();
      const tok = src.peek();
      if (isPunct(tok, ')')) return { args, close: src.next() };
      if (tok.kind === 'eof') fail(open.startLine, `'(' opened at line ${open.startLine} is never closed`);
      args.push(parseExpression());
      const after = src.peek();
      if (!isPunct(after, ',') && !isPunct(after, ')') && after.kind !== 'newline') {
        fail(after.startLine, `expected ',' or ')' in the argument list, found ${describe(after)}`);
      }
    }
  }

  function parseString(tok: Token): StringExpr {
    const parts: Array<string | Expr> = [];
    for (const part of tok.parts ?? []) {
      if (typeof part === 'string') {
        parts.push(part);
        continue;
      }
      const inner = createParser(arraySource(part), ctx);
      const expr = inner.parseExpression();
      inner.expectEnd('in the string interpolation');
      parts.push(expr);
    }
    return { kind: 'string', parts, ...span(tok, tok) };
  }

  function lambdaParameters(): string[] | undefined {
    // `(a, b) => ...` or `() => ...`: look ahead without consuming.
    const names: string[] = [];
    let offset = 1;
    for (;;) {
      const tok = src.peek(offset);
      if (isPunct(tok, ')')) break;
      if (tok.kind !== 'identifier' || offset > 40) return undefined;
      names.push(tok.text);
      offset++;
      const sep = src.peek(offset);
      if (isPunct(sep, ',')) offset++;
      else if (!isPunct(sep, ')')) return undefined;
    }
    return isPunct(src.peek(offset + 1), '=>') ? names : undefined;
  }

  function parsePrimary(): Expr {
    const tok = src.peek();
    if (tok.kind === 'number') {
      src.next();
      return { kind: 'number', value: Number(tok.text), ...span(tok, tok) };
    }
    if (tok.kind === 'string') {
      src.next();
      return parseString(tok);
    }
    if (tok.kind === 'identifier') {
      src.next();
      if (tok.text === 'true' || tok.text === 'false')
        return { kind: 'boolean', value: tok.text === 'true', ...span(tok, tok) };
      if (tok.text === 'null') return { kind: 'null', ...span(tok, tok) };
      if (isPunct(src.peek(), '=>')) {
        src.next();
        skipNewlines();
        const body = parseExpression();
        return { kind: 'lambda', parameters: [tok.text], body, ...span(tok, body) };
      }
      return { kind: 'identifier', name: tok.text, ...span(tok, tok) };
    }
    if (isPunct(tok, '(')) {
      const parameters = lambdaParameters();
      if (parameters !== undefined) {
        while (!isPunct(src.peek(), '=>')) src.next();
        src.next();
        skipNewlines();
        const body = parseExpression();
        return { kind: 'lambda', parameters, body, ...span(tok, body) };
      }
      src.next();
      skipNewlines();
      const inner = parseExpression();
      skipNewlines();
      const close = expectPunct(')', `to close the '(' at line ${tok.startLine}`);
      return { ...inner, ...span(tok, close) };
    }
    if (isPunct(tok, '{')) return parseObject();
    if (isPunct(tok, '[')) return parseArray();
    return fail(tok.startLine, `expected a value, found ${describe(tok)}`);
  }

  function parseObject(): ObjectExpr {
    const open = src.next();
    const properties: Property[] = [];
    const resources: ResourceDecl[] = [];
    let decorators: Decorator[] = [];
    for (;;) {
      while (src.peek().kind === 'newline' || isPunct(src.peek(), ',')) src.next();
      const tok = src.peek();
      if (isPunct(tok, '}')) {
        const close = src.next();
        return { kind: 'object', properties, resources, ...span(open, close) };
      }
      if (tok.kind === 'eof') fail(open.startLine, `'{' opened at line ${open.startLine} is never closed`);
      if (isPunct(tok, '@')) {
        decorators.push(parseDecorator());
        continue;
      }
      if (isPunct(tok, '...')) {
        // `...other`: a spread; its properties are not known here.
        src.next();
        parseExpression();
      } else if (isKeyword(tok, 'resource') && src.peek(1).kind === 'identifier') {
        resources.push(parseResource(decorators));
        decorators = [];
      } else {
        const key = parseKey();
        expectPunct(':', `after the property name '${key}'`);
        skipNewlines();
        const value = parseExpression();
        properties.push({ key, value, ...span(tok, value) });
        decorators = [];
      }
      const after = src.peek();
      if (!isPunct(after, ',') && !isPunct(after, '}') && after.kind !== 'newline') {
        fail(after.startLine, `expected a line break, ',' or '}' after a property, found ${describe(after)}`);
      }
    }
  }

  function parseKey(): string {
    const tok = src.peek();
    if (tok.kind === 'identifier' || tok.kind === 'number') {
      src.next();
      return tok.text;
    }
    if (tok.kind === 'string') {
      src.next();
      const parts = tok.parts ?? [];
      // An interpolated key is kept as written: it can't match a known property name anyway.
      return parts.every((part) => typeof part === 'string') ? parts.join('') : tok.text;
    }
    return fail(tok.startLine, `expected a property name, found ${describe(tok)}`);
  }

  function parseArray(): Expr {
    const open = src.next();
    skipNewlines();
    if (isKeyword(src.peek(), 'for')) return parseFor(open);
    const items: Expr[] = [];
    for (;;) {
      while (src.peek().kind === 'newline' || isPunct(src.peek(), ',')) src.next();
      const tok = src.peek();
      if (isPunct(tok, ']')) {
        const close = src.next();
        return { kind: 'array', items, ...span(open, close) };
      }
      if (tok.kind === 'eof') fail(open.startLine, `'[' opened at line ${open.startLine} is never closed`);
      if (isPunct(tok, '...')) src.next();
      items.push(parseExpression());
      const after = src.peek();
      if (!isPunct(after, ',') && !isPunct(after, ']') && after.kind !== 'newline') {
        fail(after.startLine, `expected a line break, ',' or ']' after an array item, found ${describe(after)}`);
      }
    }
  }

  function parseFor(open: Token): ForExpr {
    src.next();
    const variables: string[] = [];
    if (isPunct(src.peek(), '(')) {
      src.next();
      variables.push(expectIdentifier('a loop variable').text);
      while (isPunct(src.peek(), ',')) {
        src.next();
        variables.push(expectIdentifier('a loop index variable').text);
      }
      expectPunct(')', 'after the loop variables');
    } else {
      variables.push(expectIdentifier('a loop variable').text);
    }
    const inTok = src.peek();
    if (!isKeyword(inTok, 'in')) fail(inTok.startLine, `expected 'in' in the for loop, found ${describe(inTok)}`);
    src.next();
    const iterable = parseExpression();
    expectPunct(':', 'after the for loop header');
    skipNewlines();
    const body = isKeyword(src.peek(), 'if') ? parseIf() : parseExpression();
    skipNewlines();
    const close = expectPunct(']', `to close the for loop opened at line ${open.startLine}`);
    return { kind: 'for', variables, iterable, body, ...span(open, close) };
  }

  function parseIf(): IfExpr {
    const start = src.next();
    const open = expectPunct('(', "after 'if'");
    skipNewlines();
    const condition = parseExpression();
    skipNewlines();
    expectPunct(')', `to close the condition opened at line ${open.startLine}`);
    skipNewlines();
    const body = parseExpression();
    return { kind: 'if', condition, body, ...span(start, body) };
  }

  function parseDeclarationValue(): Expr {
    skipNewlines();
    return isKeyword(src.peek(), 'if') ? parseIf() : parseExpression();
  }

  function parseDecorator(): Decorator {
    const at = src.next();
    enter(at.startLine);
    try {
      const expr = parsePostfix(parsePrimary());
      skipNewlines();
      const callee = expr.kind === 'call' ? expr.callee : expr;
      const name = callee.kind === 'identifier' ? callee.name : callee.kind === 'member' ? callee.property : '';
      return { name, args: expr.kind === 'call' ? expr.args : [], ...span(at, expr) };
    } finally {
      ctx.depth--;
    }
  }

  function parseResource(decorators: Decorator[]): ResourceDecl {
    const keyword = src.next();
    const symbol = expectIdentifier('a resource symbolic name').text;
    const type = expectPlainString('the resource type').value;
    let existing = false;
    if (isKeyword(src.peek(), 'existing')) {
      src.next();
      existing = true;
    }
    expectPunct('=', `after the resource type of '${symbol}'`);
    const value = parseDeclarationValue();
    return { kind: 'resource', symbol, type, existing, value, decorators, ...span(keyword, value) };
  }

  /** Reads past the rest of a declaration (a type, an import), brackets included, up to the line break. */
  function skipToLineEnd(): Token {
    const base = src.depth();
    let last = src.peek();
    for (;;) {
      const tok = src.peek();
      if (tok.kind === 'eof') return last;
      if (tok.kind === 'newline' && src.depth() <= base) return last;
      last = src.next();
    }
  }

  /** Reads a type annotation up to `=` (or the end of the line) and returns it as written. */
  function skipType(): string {
    const base = src.depth();
    const parts: string[] = [];
    for (;;) {
      const tok = src.peek();
      if (tok.kind === 'eof') return parts.join(' ');
      if (src.depth() <= base && (tok.kind === 'newline' || isPunct(tok, '='))) return parts.join(' ');
      parts.push(src.next().text);
    }
  }

  function parseStatement(): Statement {
    const decorators: Decorator[] = [];
    while (isPunct(src.peek(), '@')) decorators.push(parseDecorator());
    const tok = src.peek();
    if (tok.kind !== 'identifier') return fail(tok.startLine, `expected a declaration, found ${describe(tok)}`);
    switch (tok.text) {
      case 'targetScope': {
        src.next();
        expectPunct('=', "after 'targetScope'");
        const value = parseExpression();
        return { kind: 'targetScope', value, ...span(tok, value) };
      }
      case 'param': {
        src.next();
        const name = expectIdentifier('a parameter name');
        const type = isPunct(src.peek(), '=') ? undefined : skipType();
        if (!isPunct(src.peek(), '=')) {
          return { kind: 'param', name: name.text, type, decorators, ...span(tok, name) };
        }
        src.next();
        const value = parseDeclarationValue();
        return { kind: 'param', name: name.text, type, value, decorators, ...span(tok, value) };
      }
      case 'var': {
        src.next();
        const name = expectIdentifier('a variable name');
        if (!isPunct(src.peek(), '=')) skipType();
        expectPunct('=', `after the variable name '${name.text}'`);
        const value = parseDeclarationValue();
        return { kind: 'var', name: name.text, value, ...span(tok, value) };
      }
      case 'resource':
        return parseResource(decorators);
      case 'module': {
        src.next();
        const symbol = expectIdentifier('a module symbolic name').text;
        const path = expectPlainString('the module path').value;
        expectPunct('=', `after the module path of '${symbol}'`);
        const value = parseDeclarationValue();
        return { kind: 'module', symbol, path, value, decorators, ...span(tok, value) };
      }
      case 'output': {
        src.next();
        const name = expectIdentifier('an output name');
        skipType();
        expectPunct('=', `after the output '${name.text}'`);
        const value = parseDeclarationValue();
        return { kind: 'output', name: name.text, value, ...span(tok, value) };
      }
      case 'using': {
        src.next();
        const target = src.peek();
        const path = target.kind === 'string' ? expectPlainString('the template path').value : '';
        const last = skipToLineEnd();
        return { kind: 'using', path, ...span(tok, last) };
      }
      case 'import':
      case 'metadata':
      case 'type':
      case 'func':
      case 'extension':
      case 'provider':
      case 'assert': {
        src.next();
        const last = skipToLineEnd();
        return { kind: 'other', keyword: tok.text, ...span(tok, last) };
      }
      default:
        return fail(
          tok.startLine,
          `expected a declaration (param, var, resource, module, output…), found ${describe(tok)}`,
        );
    }
  }

  function expectEnd(what: string): void {
    const tok = src.peek();
    if (tok.kind !== 'eof') fail(tok.startLine, `unexpected ${describe(tok)} ${what}`);
  }

  function parseProgram(): Program {
    const statements: Statement[] = [];
    for (;;) {
      skipNewlines();
      if (src.peek().kind === 'eof') return { statements };
      const base = src.depth();
      try {
        const statement = parseStatement();
        const after = src.peek();
        if (after.kind !== 'newline' && after.kind !== 'eof') {
          fail(after.startLine, `unexpected ${describe(after)} after the declaration`);
        }
        statements.push(statement);
      } catch (error) {
        if (!(error instanceof ParseFailure)) throw error;
        ctx.depth = 0;
        ctx.problems.push({
          kind: 'parse-error',
          range: { file: ctx.path, startLine: error.line, endLine: error.line },
          message: error.message,
        });
        // Recover at the next line break outside the brackets the failed declaration opened.
        for (;;) {
          const tok = src.peek();
          if (tok.kind === 'eof' || (tok.kind === 'newline' && src.depth() <= base)) break;
          src.next();
        }
      }
    }
  }

  return { parseExpression, parseProgram, expectEnd };
}

/** Reads a `.bicep` or `.bicepparam` file. Never throws. */
export function parseBicep(text: string, path: string): ParseResult {
  const ctx: Context = { path, problems: [], depth: 0 };
  try {
    const program = createParser(createLexer(text, ctx), ctx).parseProgram();
    return { ok: true, program, problems: ctx.problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.problems.push({
      kind: 'parse-error',
      range: { file: path, startLine: 1, endLine: 1 },
      message: `could not read the file: ${message}`,
    });
    return { ok: false, problems: ctx.problems };
  }
}
