import type { ResolutionStep, Setting, SourceRange } from '../../../model/index.js';
import { substitutionValue } from './substitution.js';

/**
 * The plain data that the command readers (`shell.ts` for sh/bash/make, `pwsh.ts` for PowerShell) produce
 * and that the az and Az.Aks readers consume: commands as words, each word a list of parts that are
 * literal text, a variable reference, or something only run time knows.
 */

/** Whose variable a reference names: a shell variable, a make variable, or a PowerShell variable. */
export type VarScope = 'shell' | 'make' | 'powershell';

export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; scope: VarScope; name: string; expression: string; fallback?: WordPart[]; colon?: boolean }
  | {
      kind: 'opaque';
      expression: string;
      reason: string;
      /** For a command substitution `$(...)` that holds a single command: that command. */
      command?: Command;
    };

export interface Word {
  parts: WordPart[];
  /** The word as written. */
  raw: string;
  /** File lines (1-based) where the word starts and ends. */
  startLine: number;
  endLine: number;
  /** PowerShell splatting (`@params`): the name of the hashtable variable. */
  splat?: string;
}

export interface Command {
  words: Word[];
  startLine: number;
  endLine: number;
}

/** A PowerShell hashtable literal, `@{ Key = value; ... }`, keyed by lower-cased key. */
export interface Hashtable {
  entries: Map<string, { key: string; value: Word }>;
  startLine: number;
  endLine: number;
}

export type Statement =
  | {
      kind: 'command';
      command: Command;
      /** PowerShell: the variable the command's result is assigned to (`$vnet = New-AzVirtualNetwork ...`). */
      assignedTo?: string;
    }
  | {
      kind: 'assign';
      scope: VarScope;
      name: string;
      /** The value; `undefined` with `opaque` set when it is something we do not evaluate. */
      value?: Word;
      table?: Hashtable;
      opaque?: { expression: string; reason: string };
      append?: boolean;
      /** Make's `=` expands when used, not when assigned. */
      lazy?: boolean;
      line: number;
      endLine: number;
    };

/** A problem a reader met, in file lines; the extractor turns it into a `parse-error`. */
export interface ReadProblem {
  line: number;
  message: string;
}

/** The lines of a script and, for each, its line in the file (scripts embedded in YAML or Markdown). */
export interface ScriptSource {
  text: string;
  /** `lines[i]` is the 1-based file line of the script's line `i`. */
  lines: number[];
}

export function plainSource(text: string): ScriptSource {
  let count = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count += 1;
  return { text, lines: Array.from({ length: count }, (_, index) => index + 1) };
}

/** Maps offsets in a script to file lines, by binary search over the line starts. */
export interface LineMap {
  lineAt(offset: number): number;
}

export function lineMap(source: ScriptSource): LineMap {
  const starts = [0];
  const { text } = source;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return {
    lineAt(offset: number): number {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] ?? 0) <= offset) low = mid;
        else high = mid - 1;
      }
      return source.lines[low] ?? source.lines[source.lines.length - 1] ?? 1;
    },
  };
}

export type Value =
  { ok: true; text: string; via: ResolutionStep[]; refs: boolean } | { ok: false; expression: string; reason: string };

export interface Binding {
  /** Evaluated when assigned (shell, PowerShell). */
  value?: Value;
  /** Evaluated when used (make's recursive `=`). */
  word?: Word;
  table?: Hashtable;
  range: SourceRange;
  /** How the assignment reads, for the `via` step. */
  written: string;
}

/** Variables assigned so far, keyed by scope and name (PowerShell names are case-insensitive). */
export type Env = Map<string, Binding>;

export function envKey(scope: VarScope, name: string): string {
  return scope === 'powershell' ? `${scope}:${name.toLowerCase()}` : `${scope}:${name}`;
}

/** Nested make references (`A = $(B)`, `B = $(A)`) stop here. */
const MAX_EXPANSION_DEPTH = 20;

const POWERSHELL_CONSTANTS: Record<string, string> = { true: 'True', false: 'False', null: '' };

function isPowerShellConstant(name: string): boolean {
  return Object.hasOwn(POWERSHELL_CONSTANTS, name.toLowerCase());
}

/** Evaluates a word against the variables assigned so far; never guesses what only run time knows. */
export function evaluate(word: Word, env: Env, path: string, depth = 0): Value {
  return evaluateParts(word.parts, word.raw, env, wordRange(word, path), depth);
}

/** `at` is where the word is written: a `${VAR:-default}` step points there. */
function evaluateParts(parts: readonly WordPart[], raw: string, env: Env, at: SourceRange, depth: number): Value {
  let text = '';
  let refs = false;
  const via: ResolutionStep[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    if (part.kind === 'opaque') {
      const substituted =
        part.command === undefined
          ? undefined
          : substitutionValue(part.command, (word) => evaluate(word, env, at.file, depth + 1), at);
      if (substituted === undefined) return { ok: false, expression: raw, reason: part.reason };
      if (!substituted.ok) return { ok: false, expression: raw, reason: substituted.reason };
      text += substituted.text;
      via.push(...substituted.via);
      refs = true;
      continue;
    }
    const resolved = evaluateVar(part, env, at, depth);
    if (!resolved.ok) return { ok: false, expression: raw, reason: resolved.reason };
    refs = refs || resolved.refs;
    text += resolved.text;
    via.push(...resolved.via);
  }
  return { ok: true, text, via, refs };
}

function evaluateVar(part: Extract<WordPart, { kind: 'var' }>, env: Env, at: SourceRange, depth: number): Value {
  const path = at.file;
  if (depth > MAX_EXPANSION_DEPTH) {
    return {
      ok: false,
      expression: part.expression,
      reason: `${part.expression} expands through more than ${MAX_EXPANSION_DEPTH} nested variables (or refers to itself), so it is not followed`,
    };
  }
  if (part.scope === 'powershell' && isPowerShellConstant(part.name)) {
    return { ok: true, text: POWERSHELL_CONSTANTS[part.name.toLowerCase()] ?? '', via: [], refs: false };
  }
  const binding = env.get(envKey(part.scope, part.name));
  const value = binding === undefined ? undefined : bindingValue(binding, env, path, depth);
  const empty = value?.ok === true && value.text === '';
  if (part.fallback !== undefined && (value === undefined || (part.colon === true && empty))) {
    const fallback = evaluateParts(part.fallback, part.expression, env, at, depth + 1);
    if (!fallback.ok) return fallback;
    const why = value === undefined ? `${part.name} is not assigned in this file` : `${part.name} is empty`;
    return {
      ok: true,
      text: fallback.text,
      via: [
        { description: `${part.expression}: ${why}, so the default "${fallback.text}" applies`, range: at },
        ...fallback.via,
      ],
      refs: true,
    };
  }
  if (binding === undefined || value === undefined)
    return { ok: false, expression: part.expression, reason: unassignedReason(part) };
  if (!value.ok)
    return {
      ok: false,
      expression: part.expression,
      reason: `${binding.written} (line ${binding.range.startLine}): ${value.reason}`,
    };
  return {
    ok: true,
    text: value.text,
    via: [
      { description: `${binding.written} (${path}:${binding.range.startLine})`, range: binding.range },
      ...value.via,
    ],
    refs: true,
  };
}

function bindingValue(binding: Binding, env: Env, path: string, depth: number): Value | undefined {
  if (binding.value !== undefined) return binding.value;
  if (binding.word !== undefined)
    return evaluateParts(binding.word.parts, binding.word.raw, env, { ...binding.range, file: path }, depth + 1);
  return undefined;
}

function unassignedReason(part: Extract<WordPart, { kind: 'var' }>): string {
  switch (part.scope) {
    case 'shell':
      return `shell variable ${part.expression} is not assigned earlier in this script, so its value comes from the environment at run time; assigning it in the script (or writing \${${part.name}:-value}) would resolve it`;
    case 'make':
      return `make variable ${part.expression} is not assigned in this Makefile, so its value comes from the make command line or the environment; assigning it in the Makefile would resolve it`;
    case 'powershell':
      return `PowerShell variable ${part.expression} is not assigned earlier in this script (a parameter or a value set elsewhere); assigning it a literal value in the script would resolve it`;
  }
}

export function wordRange(word: Word, path: string): SourceRange {
  return { file: path, startLine: word.startLine, endLine: word.endLine };
}

/** A string setting from a word: literal when written plainly, resolved through variables, or unresolved. */
export function stringSetting(word: Word, env: Env, path: string): Setting<string> {
  const range = wordRange(word, path);
  const value = evaluate(word, env, path);
  if (!value.ok) return { how: 'unresolved', range, expression: value.expression, reason: value.reason };
  if (!value.refs) return { how: 'literal', value: value.text, range };
  return { how: 'resolved', value: value.text, range, expression: word.raw, via: value.via };
}

const WHOLE_NUMBER = /^\d{1,9}$/;

export function numberSetting(word: Word, env: Env, path: string): Setting<number> {
  const setting = stringSetting(word, env, path);
  if (setting.how === 'unresolved' || setting.how === 'default')
    return setting.how === 'default' ? { ...setting, value: Number(setting.value) } : setting;
  const trimmed = setting.value.trim();
  if (!WHOLE_NUMBER.test(trimmed)) {
    return {
      how: 'unresolved',
      range: setting.range,
      expression: word.raw,
      reason: `"${setting.value}" is not a whole number`,
    };
  }
  return { ...setting, value: Number(trimmed) };
}

const TRUE_WORDS = new Set(['true', '$true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '$false', '0', 'no']);

export function booleanSetting(word: Word, env: Env, path: string): Setting<boolean> {
  const setting = stringSetting(word, env, path);
  if (setting.how === 'unresolved' || setting.how === 'default')
    return setting.how === 'default' ? { ...setting, value: setting.value === 'true' } : setting;
  const lower = setting.value.trim().toLowerCase();
  if (TRUE_WORDS.has(lower)) return { ...setting, value: true };
  if (FALSE_WORDS.has(lower)) return { ...setting, value: false };
  return {
    how: 'unresolved',
    range: setting.range,
    expression: word.raw,
    reason: `"${setting.value}" is not a boolean`,
  };
}

/** The word's text when it is written plainly (no variables, nothing run time decides). */
export function literalText(word: Word): string | undefined {
  let text = '';
  for (const part of word.parts) {
    if (part.kind !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

/** Records an assignment in the environment, evaluating it now unless it is make's lazy `=`. */
export function assign(statement: Extract<Statement, { kind: 'assign' }>, env: Env, path: string): void {
  const key = envKey(statement.scope, statement.name);
  const range: SourceRange = { file: path, startLine: statement.line, endLine: statement.endLine };
  const sigil = statement.scope === 'make' ? '' : '$';
  const name = statement.scope === 'shell' ? statement.name : `${sigil}${statement.name}`;
  if (statement.table !== undefined) {
    env.set(key, { table: statement.table, range, written: `${name} = @{...}` });
    return;
  }
  if (statement.value === undefined) {
    const opaque = statement.opaque ?? { expression: '', reason: 'the value is not a literal' };
    env.set(key, {
      value: { ok: false, expression: opaque.expression, reason: opaque.reason },
      range,
      written: `${name} = ${opaque.expression}`,
    });
    return;
  }
  if (statement.lazy === true && statement.append !== true) {
    env.set(key, { word: statement.value, range, written: `${name} = ${statement.value.raw}` });
    return;
  }
  let value = evaluate(statement.value, env, path);
  const previous = env.get(key);
  if (statement.append === true && previous !== undefined) {
    const before = bindingValue(previous, env, path, 0);
    if (before?.ok === true && value.ok) {
      const separator = statement.scope === 'make' ? ' ' : '';
      value = {
        ok: true,
        text: `${before.text}${separator}${value.text}`,
        via: [...before.via, ...value.via],
        refs: true,
      };
    } else if (before?.ok === false) {
      value = before;
    }
  }
  const shown = value.ok ? `"${value.text}"` : statement.value.raw;
  const operator = statement.append === true ? '+=' : '=';
  env.set(key, { value, range, written: `${name} ${operator} ${shown}` });
}

/** A word being read: its parts so far, and whether it has any content (an empty '' is a word). */
export interface Builder {
  parts: WordPart[];
  content: boolean;
}

/** Appends text, merging it into the last part when that is text of the same quoting. */
export function addText(builder: Builder, text: string, quoted: boolean): void {
  builder.content = true;
  if (text.length === 0) return;
  const last = builder.parts[builder.parts.length - 1];
  if (last?.kind === 'text' && last.quoted === quoted) {
    last.text += text;
    return;
  }
  builder.parts.push({ kind: 'text', text, quoted });
}

export function addPart(builder: Builder, part: WordPart): void {
  builder.content = true;
  builder.parts.push(part);
}
