import { addPart, addText, lineMap } from './words.js';
import type { Builder, LineMap, ReadProblem, ScriptSource, Statement, Word, WordPart } from './words.js';

/**
 * A hand-written, single-pass reader of POSIX shell (sh/bash/zsh) words and commands, also used for
 * make recipes (`dialect: 'make'`, where `$(VAR)` is a make variable and `$$` a shell `$`). It is not
 * a shell parser: it splits commands at newlines, `;`, `&&`, `||`, `|`, `&` and parentheses, drops
 * reserved words (`if`, `then`, `{`, ...) in front of a command, and keeps each word's parts (text,
 * variable reference, or something only run time knows). Every character is looked at a bounded
 * number of times, so huge inputs stay linear; nesting of `$(...)` is bounded by `MAX_DEPTH`.
 */

export type ShellDialect = 'sh' | 'make';
/** Which CI system substitutes its own macros in the script before the shell sees it. */
export type MacroHost = 'none' | 'azure-pipelines' | 'github-actions';

export interface ShellOptions {
  dialect: ShellDialect;
  host: MacroHost;
  /** Documentation writes `<clusterName>` for a value to fill in: a placeholder, not a redirection. */
  placeholders?: boolean;
}

export interface ShellResult {
  statements: Statement[];
  problems: ReadProblem[];
}

/** `$(...)` nested deeper than this is skipped as a whole (still unresolved, never a stack overflow). */
export const MAX_DEPTH = 16;
/** Words kept for one command; the rest of an absurdly long command is not read. */
export const MAX_WORDS = 500_000;

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '{',
  '}',
  '!',
  'time',
  'case',
  'esac',
  'in',
  'coproc',
]);
const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<append>\+?)=/;
const MAKE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PLACEHOLDER = /^<[A-Za-z][A-Za-z0-9_.:-]{0,100}>/;
const PIPELINES_MACRO = /^\$\((?<name>[A-Za-z_][A-Za-z0-9_.]*)\)/;

type Mode = 'command' | 'brace' | 'rest';

interface State {
  text: string;
  pos: number;
  map: LineMap;
  options: ShellOptions;
  statements: Statement[];
  problems: ReadProblem[];
  heredocs: { delimiter: string; stripTabs: boolean }[];
}

/** Reads a whole script. `rest` mode reads one word up to the end of each line (make variable values). */
export function readShell(source: ScriptSource, options: ShellOptions): ShellResult {
  const state: State = {
    text: source.text,
    pos: 0,
    map: lineMap(source),
    options,
    statements: [],
    problems: [],
    heredocs: [],
  };
  readList(state, undefined, 0);
  return { statements: state.statements, problems: state.problems };
}

/** Reads one make variable value (the text after `=`) as a single word. */
export function readMakeValue(source: ScriptSource): { word: Word | undefined; problems: ReadProblem[] } {
  const state: State = {
    text: source.text,
    pos: 0,
    map: lineMap(source),
    options: { dialect: 'make', host: 'none' },
    statements: [],
    problems: [],
    heredocs: [],
  };
  return { word: readWord(state, 'rest', 0), problems: state.problems };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 12 || code === 11;
}

/** Characters that end an unquoted word in command position. */
function isCommandStop(code: number): boolean {
  return (
    isBlank(code) ||
    code === 10 ||
    code === 59 ||
    code === 38 ||
    code === 124 ||
    code === 40 ||
    code === 41 ||
    code === 60 ||
    code === 62
  );
}

/** Characters a plain run of text stops at (quotes, expansions, escapes). */
function isWordSpecial(code: number): boolean {
  return code === 92 || code === 39 || code === 34 || code === 36 || code === 96;
}

function stops(code: number, mode: Mode): boolean {
  if (mode === 'command') return isCommandStop(code);
  if (mode === 'brace') return code === 125;
  return code === 10;
}

function readList(state: State, closer: ')' | undefined, depth: number): void {
  const { text } = state;
  let words: Word[] = [];
  let dropNext = false;
  const openedAt = state.pos;
  const flush = (): void => {
    if (words.length > 0) emitCommand(state, words);
    words = [];
    dropNext = false;
  };
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (isBlank(code)) {
      state.pos += 1;
      continue;
    }
    if (code === 92 && continuationLength(text, state.pos) > 0) {
      state.pos += continuationLength(text, state.pos);
      continue;
    }
    if (code === 10) {
      state.pos += 1;
      flush();
      skipHeredocs(state);
      continue;
    }
    if (code === 59 || code === 38 || code === 124 || code === 40) {
      state.pos += 1;
      flush();
      continue;
    }
    if (code === 41) {
      state.pos += 1;
      flush();
      if (closer === ')') return;
      continue;
    }
    if (code === 35) {
      const end = text.indexOf('\n', state.pos);
      state.pos = end < 0 ? text.length : end;
      continue;
    }
    if ((code === 60 && placeholderAt(state) === undefined) || code === 62) {
      dropNext = readRedirection(state, words, depth);
      continue;
    }
    const word = readWord(state, 'command', depth);
    if (word === undefined) {
      state.pos += 1;
      continue;
    }
    if (dropNext) {
      dropNext = false;
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
  if (closer !== undefined)
    state.problems.push({ line: state.map.lineAt(openedAt), message: 'command substitution "$(" is not closed' });
}

function continuationLength(text: string, pos: number): number {
  if (text.charCodeAt(pos + 1) === 10) return 2;
  if (text.charCodeAt(pos + 1) === 13 && text.charCodeAt(pos + 2) === 10) return 3;
  return 0;
}

/** Reads `<`, `>`, `>>`, `2>&1`, `<<EOF`; returns whether the next word is a redirection target to drop. */
function readRedirection(state: State, words: Word[], depth: number): boolean {
  const { text } = state;
  const last = words[words.length - 1];
  // `2>file`: the descriptor number is part of the redirection, not an argument.
  if (last !== undefined && /^\d{1,3}$/.test(last.raw) && text.charCodeAt(state.pos - 1) !== 32) words.pop();
  if (text.startsWith('<<', state.pos) && !text.startsWith('<<<', state.pos)) {
    state.pos += 2;
    let stripTabs = false;
    if (text.charCodeAt(state.pos) === 45) {
      stripTabs = true;
      state.pos += 1;
    }
    while (state.pos < text.length && isBlank(text.charCodeAt(state.pos))) state.pos += 1;
    const delimiter = readWord(state, 'command', depth);
    if (delimiter !== undefined) {
      const literal = delimiter.parts.map((part) => (part.kind === 'text' ? part.text : part.expression)).join('');
      state.heredocs.push({ delimiter: literal, stripTabs });
    }
    return false;
  }
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (code !== 60 && code !== 62 && code !== 38 && code !== 124) break;
    state.pos += 1;
  }
  return true;
}

/** After the line that opened a here-document, its body is data, not commands. */
function skipHeredocs(state: State): void {
  const { text } = state;
  for (const heredoc of state.heredocs) {
    while (state.pos < text.length) {
      const end = text.indexOf('\n', state.pos);
      const lineEnd = end < 0 ? text.length : end;
      let line = text.slice(state.pos, lineEnd).replace(/\r$/, '');
      if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
      state.pos = end < 0 ? text.length : end + 1;
      if (line === heredoc.delimiter) break;
    }
  }
  state.heredocs = [];
}

function emitCommand(state: State, input: Word[]): void {
  let words = input;
  while (words.length > 0 && RESERVED.has(words[0]?.raw ?? '')) words = words.slice(1);
  const first = words[0];
  if (first === undefined) return;
  if (first.raw === 'for' || first.raw === 'select') {
    const variable = words[1];
    if (variable !== undefined && NAME.test(variable.raw)) {
      state.statements.push({
        kind: 'assign',
        scope: 'shell',
        name: variable.raw,
        opaque: {
          expression: `${first.raw} ${variable.raw} in ...`,
          reason: `$${variable.raw} is a loop variable: it takes several values when the script runs`,
        },
        line: variable.startLine,
        endLine: variable.endLine,
      });
    }
    return;
  }
  if (first.raw === 'function') return;
  if (first.raw === 'read') {
    const last = words[words.length - 1];
    if (words.length > 1 && last !== undefined && NAME.test(last.raw)) {
      state.statements.push({
        kind: 'assign',
        scope: 'shell',
        name: last.raw,
        opaque: { expression: `read ${last.raw}`, reason: `$${last.raw} is read from input when the script runs` },
        line: last.startLine,
        endLine: last.endLine,
      });
    }
    return;
  }
  if (DECLARERS.has(first.raw)) {
    for (const word of words.slice(1)) emitAssignment(state, word);
    return;
  }
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    if (word === undefined || !emitAssignment(state, word)) break;
    index += 1;
  }
  if (index < words.length) {
    const rest = words.slice(index);
    const head = rest[0];
    const tail = rest[rest.length - 1];
    if (head === undefined || tail === undefined) return;
    state.statements.push({
      kind: 'command',
      command: { words: rest, startLine: head.startLine, endLine: tail.endLine },
    });
  }
}

/** `NAME=value` / `NAME+=value` as a statement; returns false when the word is no assignment. */
function emitAssignment(state: State, word: Word): boolean {
  const head = word.parts[0];
  if (head === undefined || head.kind !== 'text' || head.quoted) return false;
  const match = ASSIGNMENT.exec(head.text);
  if (match?.groups === undefined) return false;
  const name = match.groups['name'] ?? '';
  const rest = head.text.slice(match[0].length);
  const parts: WordPart[] =
    rest.length > 0 ? [{ kind: 'text', text: rest, quoted: false }, ...word.parts.slice(1)] : word.parts.slice(1);
  const equals = word.raw.indexOf('=');
  const value: Word = { parts, raw: word.raw.slice(equals + 1), startLine: word.startLine, endLine: word.endLine };
  state.statements.push({
    kind: 'assign',
    scope: 'shell',
    name,
    value,
    append: match.groups['append'] === '+',
    line: word.startLine,
    endLine: word.endLine,
  });
  return true;
}

function readWord(state: State, mode: Mode, depth: number): Word | undefined {
  const { text } = state;
  const start = state.pos;
  const builder: Builder = { parts: [], content: false };
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    const placeholder = code === 60 ? placeholderAt(state) : undefined;
    if (placeholder !== undefined) {
      state.pos += placeholder.length;
      addPart(builder, {
        kind: 'opaque',
        expression: placeholder,
        reason: `${placeholder} is a documentation placeholder for a value the reader fills in`,
      });
      continue;
    }
    if (stops(code, mode)) break;
    if (code === 92) {
      readBackslash(state, builder);
      continue;
    }
    if (code === 39) {
      readSingle(state, builder);
      continue;
    }
    if (code === 34) {
      readDouble(state, builder, depth);
      continue;
    }
    if (code === 36) {
      readDollar(state, builder, false, depth);
      continue;
    }
    if (code === 96) {
      readBacktick(state, builder);
      continue;
    }
    let end = state.pos + 1;
    while (end < text.length) {
      const next = text.charCodeAt(end);
      if (isWordSpecial(next) || stops(next, mode)) break;
      end += 1;
    }
    addText(builder, text.slice(state.pos, end), false);
    state.pos = end;
  }
  if (!builder.content) return undefined;
  const end = Math.max(start, state.pos - 1);
  return {
    parts: builder.parts,
    raw: text.slice(start, state.pos),
    startLine: state.map.lineAt(start),
    endLine: state.map.lineAt(end),
  };
}

function placeholderAt(state: State): string | undefined {
  if (state.options.placeholders !== true) return undefined;
  return PLACEHOLDER.exec(state.text.slice(state.pos, state.pos + 104))?.[0];
}

function readBackslash(state: State, builder: Builder): void {
  const { text } = state;
  const continuation = continuationLength(text, state.pos);
  if (continuation > 0) {
    state.pos += continuation;
    return;
  }
  const next = text[state.pos + 1];
  if (next === undefined) {
    addText(builder, '\\', false);
    state.pos += 1;
    return;
  }
  addText(builder, next, true);
  state.pos += 2;
}

function readSingle(state: State, builder: Builder): void {
  const { text } = state;
  const open = state.pos;
  const close = text.indexOf("'", open + 1);
  const end = close < 0 ? text.length : close;
  if (close < 0) state.problems.push({ line: state.map.lineAt(open), message: 'a single quote is not closed' });
  builder.content = true;
  if (state.options.dialect === 'make') {
    // make expands `$(VAR)` before the shell sees the quotes.
    state.pos = open + 1;
    while (state.pos < end) {
      if (text.charCodeAt(state.pos) === 36) {
        readDollar(state, builder, true, MAX_DEPTH, end);
        continue;
      }
      const dollar = text.indexOf('$', state.pos);
      const stop = dollar < 0 || dollar > end ? end : dollar;
      addText(builder, text.slice(state.pos, stop), true);
      state.pos = stop;
    }
  } else {
    addText(builder, text.slice(open + 1, end), true);
  }
  state.pos = close < 0 ? text.length : close + 1;
}

function readDouble(state: State, builder: Builder, depth: number): void {
  const { text } = state;
  const open = state.pos;
  state.pos += 1;
  builder.content = true;
  while (state.pos < text.length) {
    const code = text.charCodeAt(state.pos);
    if (code === 34) {
      state.pos += 1;
      return;
    }
    if (code === 92) {
      const continuation = continuationLength(text, state.pos);
      const next = text[state.pos + 1];
      if (continuation > 0) state.pos += continuation;
      else if (next === '$' || next === '`' || next === '"' || next === '\\') {
        addText(builder, next, true);
        state.pos += 2;
      } else {
        addText(builder, '\\', true);
        state.pos += 1;
      }
      continue;
    }
    if (code === 36) {
      readDollar(state, builder, true, depth);
      continue;
    }
    if (code === 96) {
      readBacktick(state, builder);
      continue;
    }
    let end = state.pos + 1;
    while (end < text.length) {
      const next = text.charCodeAt(end);
      if (next === 34 || next === 92 || next === 36 || next === 96) break;
      end += 1;
    }
    addText(builder, text.slice(state.pos, end), true);
    state.pos = end;
  }
  state.problems.push({ line: state.map.lineAt(open), message: 'a double quote is not closed' });
}

function readBacktick(state: State, builder: Builder): void {
  const { text } = state;
  const open = state.pos;
  let pos = open + 1;
  while (pos < text.length && text.charCodeAt(pos) !== 96) pos += text.charCodeAt(pos) === 92 ? 2 : 1;
  if (pos >= text.length)
    state.problems.push({ line: state.map.lineAt(open), message: 'a backquote command substitution is not closed' });
  state.pos = Math.min(pos + 1, text.length);
  const expression = text.slice(open, state.pos);
  addPart(builder, {
    kind: 'opaque',
    expression,
    reason: `command substitution ${brief(expression)} is evaluated only when the script runs`,
  });
}

/** Shortens an expression for a reason message. */
export function brief(expression: string): string {
  const oneLine = expression.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/**
 * `$...` at `state.pos`. `limit` bounds the scan when reading inside a make recipe's single quotes.
 * In the make dialect `$$` is the shell's `$` and every other `$` is make's.
 */
function readDollar(state: State, builder: Builder, quoted: boolean, depth: number, limit = state.text.length): void {
  const { text } = state;
  if (state.options.dialect === 'make') {
    if (text.charCodeAt(state.pos + 1) !== 36) {
      readMakeReference(state, builder, limit);
      return;
    }
    state.pos += 1;
    if (limit < text.length) {
      // Inside single quotes the shell takes `$` literally.
      addText(builder, '$', true);
      state.pos += 1;
      return;
    }
  }
  const start = state.pos;
  const next = text[start + 1];
  if (next === '(') {
    if (text[start + 2] === '(') {
      state.pos = skipBalanced(text, start + 1, '(', ')');
      const expression = text.slice(start, state.pos);
      addPart(builder, {
        kind: 'opaque',
        expression,
        reason: `arithmetic expansion ${brief(expression)} is evaluated only when the script runs`,
      });
      return;
    }
    const macro =
      state.options.host === 'azure-pipelines' ? PIPELINES_MACRO.exec(text.slice(start, start + 260)) : null;
    if (macro !== null) {
      state.pos = start + macro[0].length;
      addPart(builder, {
        kind: 'opaque',
        expression: macro[0],
        reason: `Azure Pipelines macro ${macro[0]} is replaced by the pipeline variable's value at run time; a literal value in the script would resolve it`,
      });
      return;
    }
    state.pos = start + 2;
    const before = state.statements.length;
    if (depth >= MAX_DEPTH) state.pos = skipBalanced(text, start + 1, '(', ')');
    else readList(state, ')', depth + 1);
    const expression = text.slice(start, state.pos);
    const part: WordPart = {
      kind: 'opaque',
      expression,
      reason: `command substitution ${brief(expression)} is evaluated only when the script runs`,
    };
    // The one command inside, so that `$(az network vnet subnet show ... --query id -o tsv)` can resolve.
    const inner = state.statements.slice(before);
    const only = inner.length === 1 ? inner[0] : undefined;
    if (only?.kind === 'command') part.command = only.command;
    addPart(builder, part);
    return;
  }
  if (next === '{') {
    if (state.options.host !== 'none' && text[start + 2] === '{') {
      const close = text.indexOf('}}', start + 3);
      state.pos = close < 0 ? text.length : close + 2;
      const expression = text.slice(start, state.pos);
      const who =
        state.options.host === 'github-actions' ? 'GitHub Actions expression' : 'Azure Pipelines template expression';
      addPart(builder, {
        kind: 'opaque',
        expression,
        reason: `${who} ${brief(expression)} is evaluated by the CI system; a literal value would resolve it`,
      });
      return;
    }
    readBraceParameter(state, builder, depth);
    return;
  }
  if (next === "'" && !quoted) {
    readAnsiC(state, builder);
    return;
  }
  if (next === '"' && !quoted) {
    state.pos += 1;
    readDouble(state, builder, depth);
    return;
  }
  if (next !== undefined && /[A-Za-z_]/.test(next)) {
    let end = start + 2;
    while (end < text.length && /[A-Za-z0-9_]/.test(text[end] ?? '')) end += 1;
    const name = text.slice(start + 1, end);
    state.pos = end;
    addPart(builder, { kind: 'var', scope: 'shell', name, expression: `$${name}` });
    return;
  }
  if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
    state.pos = start + 2;
    addPart(builder, { kind: 'opaque', expression: `$${next}`, reason: specialReason(next) });
    return;
  }
  addText(builder, '$', quoted);
  state.pos = start + 1;
}

function specialReason(name: string): string {
  if (/[0-9@*#]/.test(name))
    return `$${name} is an argument of the script (or function), known only when it runs; a value in the script would resolve it`;
  return `special parameter $${name} is known only when the script runs`;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:=default}`; other forms are left unresolved. */
function readBraceParameter(state: State, builder: Builder, depth: number): void {
  const { text } = state;
  const start = state.pos;
  let pos = start + 2;
  while (pos < text.length && /[A-Za-z0-9_]/.test(text[pos] ?? '')) pos += 1;
  const name = text.slice(start + 2, pos);
  const operator =
    text.startsWith(':-', pos) || text.startsWith(':=', pos) ? 2 : text[pos] === '-' || text[pos] === '=' ? 1 : 0;
  if (name.length > 0 && NAME.test(name) && text[pos] === '}') {
    state.pos = pos + 1;
    addPart(builder, { kind: 'var', scope: 'shell', name, expression: `\${${name}}` });
    return;
  }
  if (name.length > 0 && NAME.test(name) && operator > 0 && depth < MAX_DEPTH) {
    state.pos = pos + operator;
    const fallback = readWord(state, 'brace', depth + 1);
    if (text[state.pos] !== '}')
      state.problems.push({ line: state.map.lineAt(start), message: 'a "${" parameter expansion is not closed' });
    state.pos = Math.min(state.pos + 1, text.length);
    const expression = text.slice(start, state.pos);
    addPart(builder, {
      kind: 'var',
      scope: 'shell',
      name,
      expression,
      fallback: fallback?.parts ?? [],
      colon: operator === 2,
    });
    return;
  }
  state.pos = skipBalanced(text, start + 1, '{', '}');
  const expression = text.slice(start, state.pos);
  const reason = /^\$\{\d+\}$/.test(expression)
    ? specialReason(name)
    : `parameter expansion ${brief(expression)} transforms a value when the script runs; it is not evaluated here`;
  addPart(builder, { kind: 'opaque', expression, reason });
}

function readAnsiC(state: State, builder: Builder): void {
  const { text } = state;
  const open = state.pos;
  let pos = open + 2;
  let value = '';
  const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' };
  while (pos < text.length && text[pos] !== "'") {
    if (text[pos] === '\\' && pos + 1 < text.length) {
      const escaped = text[pos + 1] ?? '';
      value += escapes[escaped] ?? `\\${escaped}`;
      pos += 2;
      continue;
    }
    const quote = text.indexOf("'", pos);
    const backslash = text.indexOf('\\', pos);
    const stop = Math.min(quote < 0 ? text.length : quote, backslash < 0 ? text.length : backslash);
    value += text.slice(pos, stop);
    pos = stop;
  }
  if (pos >= text.length)
    state.problems.push({ line: state.map.lineAt(open), message: "a $'...' string is not closed" });
  state.pos = Math.min(pos + 1, text.length);
  addText(builder, value, true);
}

/** The make side of a `$`: `$(NAME)`, `${NAME}`, `$N`; functions and automatic variables stay unresolved. */
function readMakeReference(state: State, builder: Builder, limit: number): void {
  const { text } = state;
  const start = state.pos;
  const next = text[start + 1];
  if (next === '(' || next === '{') {
    const close = next === '(' ? ')' : '}';
    const end = Math.min(skipBalanced(text, start + 1, next, close), limit);
    state.pos = end;
    const expression = text.slice(start, end);
    const inner = expression.slice(2, -1);
    if (!expression.endsWith(close)) {
      state.problems.push({ line: state.map.lineAt(start), message: `a make reference "$${next}" is not closed` });
    }
    if (expression.endsWith(close) && MAKE_NAME.test(inner)) {
      addPart(builder, { kind: 'var', scope: 'make', name: inner, expression });
      return;
    }
    addPart(builder, {
      kind: 'opaque',
      expression,
      reason: `make function or computed reference ${brief(expression)} is evaluated only when make runs`,
    });
    return;
  }
  if (next === undefined || next === '\n' || start + 1 >= limit) {
    addText(builder, '$', false);
    state.pos = start + 1;
    return;
  }
  state.pos = start + 2;
  if (/[A-Za-z_]/.test(next)) {
    addPart(builder, { kind: 'var', scope: 'make', name: next, expression: `$${next}` });
    return;
  }
  addPart(builder, {
    kind: 'opaque',
    expression: `$${next}`,
    reason: `make automatic variable $${next} is set by make for each rule when it runs`,
  });
}

/** The offset just past the bracket that closes the one at `open`; quote-blind, linear. */
function skipBalanced(text: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let pos = open; pos < text.length; pos += 1) {
    const char = text[pos];
    if (char === opener) depth += 1;
    else if (char === closer) {
      depth -= 1;
      if (depth === 0) return pos + 1;
    }
  }
  return text.length;
}
