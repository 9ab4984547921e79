import { brief, MAX_WORDS } from './shell.js';
import { addPart, addText, lineMap } from './words.js';
import type { Builder, Hashtable, LineMap, ReadProblem, ScriptSource, Statement, Word } from './words.js';

/**
 * A hand-written, single-pass reader of PowerShell commands in argument mode: words (bare, `'single'`,
 * `"double $var"`, `$var`, `@splat`), backtick continuations and escapes, `$name = value` and
 * `$name = @{ ... }` assignments. Expressions it does not evaluate (`(...)`, `$(...)`, `$x.Prop`,
 * `$env:X`, command results) become opaque parts with a reason. Statements split at newlines, `;`,
 * `|`, `&&`, `||`, `{` and `}`, so commands inside `if`/`foreach`/function bodies are read too.
 * No maintained PowerShell grammar ships a WebAssembly build on npm, hence no tree-sitter here.
 */

export interface PwshResult {
  statements: Statement[];
  problems: ReadProblem[];
}

interface State {
  text: string;
  pos: number;
  map: LineMap;
  statements: Statement[];
  problems: ReadProblem[];
}

type Mode = 'argument' | 'value';

const SCOPES = /^(?:script|global|local|private|using):/i;
const ASSIGNMENT = /^\$(?:\{(?<braced>[^}]{1,200})\}|(?<name>[A-Za-z_][A-Za-z0-9_:]{0,200}))[ \t]*(?<op>\+?=)(?!=)/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export function readPowerShell(source: ScriptSource): PwshResult {
  const state: State = { text: source.text, pos: 0, map: lineMap(source), statements: [], problems: [] };
  readStatements(state);
  return { statements: state.statements, problems: state.problems };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11 || code === 0xa0;
}

/** Ends a word in argument mode: blanks, newline, `;`, `|`, `&`, `{`, `}`, `)`. */
function isArgumentStop(code: number): boolean {
  return (
    isBlank(code) ||
    code === 10 ||
    code === 59 ||
    code === 124 ||
    code === 38 ||
    code === 123 ||
    code === 125 ||
    code === 41
  );
}

function stops(code: number, mode: Mode): boolean {
  if (mode === 'argument') return isArgumentStop(code);
  return isBlank(code) || code === 10 || code === 59 || code === 125;
}

function isContinuation(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== 96) return 0;
  if (text.charCodeAt(pos + 1) === 10) return 2;
  if (text.charCodeAt(pos + 1) === 13 && text.charCodeAt(pos + 2) === 10) return 3;
  return 0;
}

function readStatements(state: State): void {
  const { text } = state;
  let words: Word[] = [];
  const flush = (): void => {
    const head = words[0];
    const tail = words[words.length - 1];
    if (head !== undefined && tail !== undefined) {
      state.statements.push({ kind: 'command', command: { words, startLine: head.startLine, endLine: tail.endLine } });
    }
    words = [];
  };
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (isBlank(code)) {
      state.pos += 1;
      continue;
    }
    const continuation = isContinuation(text, state.pos);
    if (continuation > 0) {
      state.pos += continuation;
      continue;
    }
    if (code === 10 || code === 59 || code === 124 || code === 38 || code === 123 || code === 125 || code === 41) {
      state.pos += 1;
      flush();
      continue;
    }
    if (code === 35) {
      skipLine(state);
      continue;
    }
    if (code === 60 && text.charCodeAt(state.pos + 1) === 35) {
      const close = text.indexOf('#>', state.pos + 2);
      if (close < 0)
        state.problems.push({ line: state.map.lineAt(state.pos), message: 'a <# block comment #> is not closed' });
      state.pos = close < 0 ? text.length : close + 2;
      continue;
    }
    if (words.length === 0 && code === 91) {
      // A type literal in front of an assignment or expression: `[string]$name = ...`.
      state.pos = skipBalanced(state, state.pos, '[', ']');
      continue;
    }
    if (words.length === 0 && code === 36 && readAssignment(state)) continue;
    const word = readWord(state, 'argument');
    if (word === undefined) {
      state.pos += 1;
      continue;
    }
    if (words.length === MAX_WORDS) {
      state.problems.push({
        line: word.startLine,
        message: `a command has more than ${MAX_WORDS} words; the rest is not read`,
      });
    }
    if (words.length < MAX_WORDS) words.push(word);
  }
  flush();
}

function skipLine(state: State): void {
  const end = state.text.indexOf('\n', state.pos);
  state.pos = end < 0 ? state.text.length : end;
}

function skipBlanks(state: State): void {
  const { text } = state;
  while (state.pos < text.length) {
    if (isBlank(text.charCodeAt(state.pos))) state.pos += 1;
    else if (isContinuation(text, state.pos) > 0) state.pos += isContinuation(text, state.pos);
    else break;
  }
}

/** Cmdlets whose result, assigned to a variable, the virtual network reader follows. */
const ASSIGNED_CMDLETS =
  /^(?:New-AzVirtualNetwork|New-AzVirtualNetworkSubnetConfig|Add-AzVirtualNetworkSubnetConfig|Get-AzVirtualNetwork)$/i;

/** `$name = value`, `$name += value`, `$name = @{ ... }` at the start of a statement. */
function readAssignment(state: State): boolean {
  const { text } = state;
  const match = ASSIGNMENT.exec(text.slice(state.pos, state.pos + 420));
  if (match?.groups === undefined) return false;
  const start = state.pos;
  const rawName = match.groups['braced'] ?? match.groups['name'] ?? '';
  const line = state.map.lineAt(start);
  state.pos += match[0].length;
  skipBlanks(state);
  const append = match.groups['op'] === '+=';
  if (/^env:/i.test(rawName)) {
    // Setting an environment variable: later `$env:X` reads stay unresolved either way.
    readRestAsOpaque(state);
    return true;
  }
  const name = rawName.replace(SCOPES, '');
  if (text.startsWith('@{', state.pos)) {
    const table = readHashtable(state);
    state.statements.push({ kind: 'assign', scope: 'powershell', name, table, line, endLine: table.endLine });
    return true;
  }
  const valueStart = state.pos;
  const words: Word[] = [];
  let piped = false;
  while (state.pos < text.length) {
    skipBlanks(state);
    const code = text.charCodeAt(state.pos);
    if (state.pos >= text.length || code === 10 || code === 59 || code === 125 || code === 35) break;
    if (code === 124 || code === 38 || code === 123 || code === 41) {
      readRestAsOpaque(state);
      words.push(opaqueWord(state, valueStart, 'the result of a pipeline'));
      piped = true;
      break;
    }
    const word = readWord(state, 'argument');
    if (word === undefined) {
      state.pos += 1;
      continue;
    }
    words.push(word);
  }
  const endLine = state.map.lineAt(Math.max(valueStart, state.pos - 1));
  const cmdlet = words[0]?.parts.length === 1 ? words[0].parts[0] : undefined;
  if (!piped && cmdlet?.kind === 'text' && !cmdlet.quoted && ASSIGNED_CMDLETS.test(cmdlet.text)) {
    // The network reader needs the command and the variable that holds its result.
    state.statements.push({ kind: 'command', command: { words, startLine: line, endLine }, assignedTo: name });
  }
  const only = words.length === 1 ? words[0] : undefined;
  const expression = text.slice(valueStart, state.pos).trim();
  if (only !== undefined && isValueWord(only)) {
    state.statements.push({ kind: 'assign', scope: 'powershell', name, value: only, append, line, endLine });
    return true;
  }
  const reason =
    words.length === 0
      ? 'the assignment has no value'
      : `$${name} is set to the result of ${brief(expression)}, which is known only when the script runs; a literal value would resolve it`;
  state.statements.push({
    kind: 'assign',
    scope: 'powershell',
    name,
    opaque: { expression, reason },
    append,
    line,
    endLine,
  });
  return true;
}

/** A value PowerShell evaluates as a value, not as a command: a string, a number, a variable. */
function isValueWord(word: Word): boolean {
  if (word.splat !== undefined) return false;
  const head = word.parts[0];
  if (head === undefined) return true;
  if (head.kind !== 'text') return true;
  if (head.quoted) return true;
  return word.parts.length === 1 && NUMBER.test(head.text);
}

function readRestAsOpaque(state: State): void {
  const { text } = state;
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (code === 10 || code === 59) return;
    if (code === 39 || code === 34) {
      state.pos = skipQuoted(state, state.pos);
      continue;
    }
    if (code === 40 || code === 123 || code === 91) {
      state.pos = skipBalanced(state, state.pos, text[state.pos] ?? '(', code === 40 ? ')' : code === 123 ? '}' : ']');
      continue;
    }
    const continuation = isContinuation(text, state.pos);
    state.pos += continuation > 0 ? continuation : 1;
  }
}

function opaqueWord(state: State, start: number, what: string): Word {
  const raw = state.text.slice(start, state.pos).trim();
  return {
    parts: [{ kind: 'opaque', expression: raw, reason: `${what} ${brief(raw)} is known only when the script runs` }],
    raw,
    startLine: state.map.lineAt(start),
    endLine: state.map.lineAt(Math.max(start, state.pos - 1)),
  };
}

/** `@{ Key = value; Key2 = 'x' }` with entries on lines or after `;`; nested tables stay opaque. */
function readHashtable(state: State): Hashtable {
  const { text } = state;
  const start = state.pos;
  state.pos += 2;
  const entries = new Map<string, { key: string; value: Word }>();
  let closed = false;
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (isBlank(code) || code === 10 || code === 59) {
      state.pos += 1;
      continue;
    }
    const continuation = isContinuation(text, state.pos);
    if (continuation > 0) {
      state.pos += continuation;
      continue;
    }
    if (code === 35) {
      skipLine(state);
      continue;
    }
    if (code === 125) {
      state.pos += 1;
      closed = true;
      break;
    }
    const key = readKey(state);
    skipBlanks(state);
    if (key === undefined || text.charCodeAt(state.pos) !== 61) {
      state.problems.push({ line: state.map.lineAt(state.pos), message: 'a hashtable entry is not "Key = value"' });
      state.pos = skipBalanced(state, start + 1, '{', '}');
      closed = true;
      break;
    }
    state.pos += 1;
    skipBlanks(state);
    const valueStart = state.pos;
    let value = readHashValue(state);
    skipBlanks(state);
    const after = text.charCodeAt(state.pos);
    if (state.pos < text.length && after !== 10 && after !== 59 && after !== 125 && after !== 35) {
      readRestUntilEntryEnd(state);
      value = opaqueWord(state, valueStart, 'the expression');
    }
    if (value !== undefined) entries.set(key.toLowerCase(), { key, value });
  }
  if (!closed) state.problems.push({ line: state.map.lineAt(start), message: 'a hashtable "@{" is not closed' });
  return { entries, startLine: state.map.lineAt(start), endLine: state.map.lineAt(Math.max(start, state.pos - 1)) };
}

function readKey(state: State): string | undefined {
  const { text } = state;
  const code = text.charCodeAt(state.pos);
  if (code === 39 || code === 34) {
    const end = skipQuoted(state, state.pos);
    const key = text.slice(state.pos + 1, end - 1);
    state.pos = end;
    return key;
  }
  let end = state.pos;
  while (end < text.length && /[A-Za-z0-9_-]/.test(text[end] ?? '')) end += 1;
  if (end === state.pos) return undefined;
  const key = text.slice(state.pos, end);
  state.pos = end;
  return key;
}

function readHashValue(state: State): Word | undefined {
  const { text } = state;
  if (text.startsWith('@{', state.pos) || text.startsWith('@(', state.pos)) {
    const start = state.pos;
    state.pos = skipBalanced(state, state.pos + 1, text[state.pos + 1] ?? '{', text[state.pos + 1] === '{' ? '}' : ')');
    return opaqueWord(state, start, 'the nested value');
  }
  return readWord(state, 'value');
}

function readRestUntilEntryEnd(state: State): void {
  const { text } = state;
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (code === 10 || code === 59 || code === 125) return;
    if (code === 39 || code === 34) {
      state.pos = skipQuoted(state, state.pos);
      continue;
    }
    if (code === 40 || code === 123) {
      state.pos = skipBalanced(state, state.pos, text[state.pos] ?? '(', code === 40 ? ')' : '}');
      continue;
    }
    state.pos += 1;
  }
}

function readWord(state: State, mode: Mode): Word | undefined {
  const { text } = state;
  const start = state.pos;
  const builder: Builder = { parts: [], content: false };
  let splat: string | undefined;
  if (text.charCodeAt(start) === 64) {
    const next = text[start + 1];
    if (next === '{' || next === '(') {
      state.pos = skipBalanced(state, start + 1, next, next === '{' ? '}' : ')');
      const expression = text.slice(start, state.pos);
      addPart(builder, {
        kind: 'opaque',
        expression,
        reason: `${next === '{' ? 'the hashtable' : 'the array'} ${brief(expression)} is not a single value`,
      });
    } else if (next === "'" || next === '"') {
      readHereString(state, builder);
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let end = start + 2;
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end] ?? '')) end += 1;
      splat = text.slice(start + 1, end);
      state.pos = end;
      builder.content = true;
    }
  }
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (stops(code, mode)) break;
    if (code === 96) {
      if (isContinuation(text, state.pos) > 0) break;
      const escaped = text[state.pos + 1];
      addText(builder, escaped ?? '`', true);
      state.pos += escaped === undefined ? 1 : 2;
      continue;
    }
    if (code === 39) {
      readSingle(state, builder);
      continue;
    }
    if (code === 34) {
      readDouble(state, builder);
      continue;
    }
    if (code === 36) {
      readVariable(state, builder, false);
      continue;
    }
    if (code === 40) {
      const open = state.pos;
      state.pos = skipBalanced(state, open, '(', ')');
      readMemberChain(state);
      const expression = text.slice(open, state.pos);
      addPart(builder, {
        kind: 'opaque',
        expression,
        reason: `the expression ${brief(expression)} is evaluated only when the script runs`,
      });
      continue;
    }
    let end = state.pos + 1;
    while (end < text.length) {
      const next = text.charCodeAt(end);
      if (stops(next, mode) || next === 96 || next === 39 || next === 34 || next === 36 || next === 40) break;
      end += 1;
    }
    addText(builder, text.slice(state.pos, end), false);
    state.pos = end;
  }
  if (!builder.content) return undefined;
  const word: Word = {
    parts: builder.parts,
    raw: text.slice(start, state.pos),
    startLine: state.map.lineAt(start),
    endLine: state.map.lineAt(Math.max(start, state.pos - 1)),
  };
  if (splat !== undefined && builder.parts.length === 0) word.splat = splat;
  return word;
}

function readSingle(state: State, builder: Builder): void {
  const { text } = state;
  const open = state.pos;
  let pos = open + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf("'", pos);
    if (close < 0) {
      state.problems.push({ line: state.map.lineAt(open), message: 'a single quote is not closed' });
      value += text.slice(pos);
      state.pos = text.length;
      break;
    }
    value += text.slice(pos, close);
    if (text[close + 1] === "'") {
      value += "'";
      pos = close + 2;
      continue;
    }
    state.pos = close + 1;
    break;
  }
  addText(builder, value, true);
}

const BACKTICK_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

function readDouble(state: State, builder: Builder): void {
  const { text } = state;
  const open = state.pos;
  state.pos += 1;
  builder.content = true;
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (code === 34) {
      if (text.charCodeAt(state.pos + 1) === 34) {
        addText(builder, '"', true);
        state.pos += 2;
        continue;
      }
      state.pos += 1;
      return;
    }
    if (code === 96) {
      const escaped = text[state.pos + 1] ?? '';
      addText(builder, BACKTICK_ESCAPES[escaped] ?? escaped, true);
      state.pos += 2;
      continue;
    }
    if (code === 36) {
      readVariable(state, builder, true);
      continue;
    }
    let end = state.pos + 1;
    while (end < text.length) {
      const next = text.charCodeAt(end);
      if (next === 34 || next === 96 || next === 36) break;
      end += 1;
    }
    addText(builder, text.slice(state.pos, end), true);
    state.pos = end;
  }
  state.problems.push({ line: state.map.lineAt(open), message: 'a double quote is not closed' });
}

/** `@'...'@` and `@"..."@`: the closing marker starts a line. Expandable ones stay opaque when they hold `$`. */
function readHereString(state: State, builder: Builder): void {
  const { text } = state;
  const open = state.pos;
  const quote = text[open + 1] ?? "'";
  const close = text.indexOf(`\n${quote}@`, open + 2);
  const end = close < 0 ? text.length : close;
  if (close < 0) state.problems.push({ line: state.map.lineAt(open), message: 'a here-string is not closed' });
  const firstBreak = text.indexOf('\n', open);
  const body = firstBreak < 0 || firstBreak > end ? '' : text.slice(firstBreak + 1, end).replace(/\r$/, '');
  state.pos = close < 0 ? text.length : close + 3;
  if (quote === '"' && body.includes('$')) {
    const expression = text.slice(open, state.pos);
    addPart(builder, {
      kind: 'opaque',
      expression,
      reason: `the expandable here-string ${brief(expression)} is not evaluated here`,
    });
    return;
  }
  addText(builder, body, true);
}

/** `$name`, `${name}`, `$scope:name`; `$env:X`, `$(...)` and `$x.Prop` stay opaque. */
function readVariable(state: State, builder: Builder, quoted: boolean): void {
  const { text } = state;
  const start = state.pos;
  const next = text[start + 1];
  if (next === '(') {
    state.pos = skipBalanced(state, start + 1, '(', ')');
    if (!quoted) readMemberChain(state);
    const expression = text.slice(start, state.pos);
    addPart(builder, {
      kind: 'opaque',
      expression,
      reason: `the subexpression ${brief(expression)} is evaluated only when the script runs`,
    });
    return;
  }
  let name: string;
  if (next === '{') {
    const close = text.indexOf('}', start + 2);
    state.pos = close < 0 ? text.length : close + 1;
    name = text.slice(start + 2, close < 0 ? text.length : close);
  } else if (next !== undefined && /[A-Za-z_?]/.test(next)) {
    let end = start + 2;
    while (end < text.length && /[A-Za-z0-9_:]/.test(text[end] ?? '')) end += 1;
    // A trailing `:` is text (`"$name:"`), not a scope.
    while (end > start + 2 && text[end - 1] === ':') end -= 1;
    name = text.slice(start + 1, end);
    state.pos = end;
  } else {
    addText(builder, '$', quoted);
    state.pos = start + 1;
    return;
  }
  const chainStart = state.pos;
  if (!quoted) readMemberChain(state);
  const expression = text.slice(start, state.pos);
  if (/^env:/i.test(name)) {
    addPart(builder, {
      kind: 'opaque',
      expression,
      reason: `environment variable ${expression} is set outside the script; a literal value would resolve it`,
    });
    return;
  }
  if (state.pos > chainStart) {
    addPart(builder, {
      kind: 'opaque',
      expression,
      reason: `${expression} reads a property or element of an object, known only when the script runs; a literal value would resolve it`,
    });
    return;
  }
  addPart(builder, { kind: 'var', scope: 'powershell', name: name.replace(SCOPES, ''), expression });
}

/** `.Prop`, `[index]`, `.Method(...)` after a value. */
function readMemberChain(state: State): void {
  const { text } = state;
  for (;;) {
    const code = text.charCodeAt(state.pos);
    if (code === 46 && /[A-Za-z_]/.test(text[state.pos + 1] ?? '')) {
      let end = state.pos + 1;
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end] ?? '')) end += 1;
      state.pos = end;
      if (text[state.pos] === '(') state.pos = skipBalanced(state, state.pos, '(', ')');
      continue;
    }
    if (code === 91) {
      state.pos = skipBalanced(state, state.pos, '[', ']');
      continue;
    }
    return;
  }
}

function skipQuoted(state: State, open: number): number {
  const { text } = state;
  const quote = text[open];
  let pos = open + 1;
  while (pos < text.length) {
    const char = text[pos];
    if (quote === '"' && char === '`') {
      pos += 2;
      continue;
    }
    if (char === quote) {
      if (text[pos + 1] === quote) {
        pos += 2;
        continue;
      }
      return pos + 1;
    }
    pos += 1;
  }
  return text.length;
}

/** The offset just past the bracket matching the one at `open`, skipping quoted strings; linear. */
function skipBalanced(state: State, open: number, opener: string, closer: string): number {
  const { text } = state;
  let depth = 0;
  let pos = open;
  while (pos < text.length) {
    const char = text[pos];
    if (char === "'" || char === '"') {
      pos = skipQuoted(state, pos);
      continue;
    }
    if (char === '`') {
      pos += 2;
      continue;
    }
    if (char === opener) depth += 1;
    else if (char === closer) {
      depth -= 1;
      if (depth === 0) return pos + 1;
    }
    pos += 1;
  }
  state.problems.push({ line: state.map.lineAt(open), message: `"${opener}" is not closed` });
  return text.length;
}
