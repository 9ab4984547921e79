import { readMakeValue } from './shell.js';
import type { MacroHost } from './shell.js';
import type { ReadProblem, ScriptSource, Statement } from './words.js';

/** Where az commands can live besides a plain script: Markdown fences, make recipes, CI steps. */

export type ScriptShell = 'sh' | 'pwsh';

export interface EmbeddedScript {
  source: ScriptSource;
  shell: ScriptShell;
  host: MacroHost;
}

function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45
  );
}

/** Past blanks and line continuations (`\`, PowerShell's backtick) from `pos`; -1 when there are none. */
function skipGap(haystack: string, from: number): number {
  let pos = from;
  while (pos < haystack.length) {
    const code = haystack.charCodeAt(pos);
    if (code === 32 || code === 9 || code === 13 || code === 10) pos += 1;
    else if (
      (code === 92 || code === 96) &&
      (haystack.charCodeAt(pos + 1) === 10 || haystack.charCodeAt(pos + 1) === 13)
    )
      pos += 2;
    else break;
  }
  return pos === from ? -1 : pos;
}

function wordAt(haystack: string, pos: number, word: string): boolean {
  return pos >= 0 && haystack.startsWith(word, pos) && !isWordCode(haystack.charCodeAt(pos + word.length));
}

/**
 * Whether the text holds `az` then blanks or line continuations then `aks` (or, with `network`, then
 * `network vnet`). Linear: each `az` is followed by a skip that ends at the first other character.
 */
function hasAz(text: string, caseInsensitive: boolean, network: boolean): boolean {
  const haystack = caseInsensitive ? text.toLowerCase() : text;
  for (let index = haystack.indexOf('az'); index >= 0; index = haystack.indexOf('az', index + 2)) {
    if (index > 0 && isWordCode(haystack.charCodeAt(index - 1))) continue;
    const pos = skipGap(haystack, index + 2);
    if (wordAt(haystack, pos, 'aks')) return true;
    if (network && wordAt(haystack, pos, 'network') && wordAt(haystack, skipGap(haystack, pos + 7), 'vnet'))
      return true;
  }
  return false;
}

/** Whether the text holds an `az aks` command. */
export function hasAzAks(text: string, caseInsensitive = false): boolean {
  return hasAz(text, caseInsensitive, false);
}

/** Whether the text holds an `az aks` or `az network vnet` command (the cheap pre-check). */
export function hasAzCommand(text: string, caseInsensitive = false): boolean {
  return hasAz(text, caseInsensitive, true);
}

const SHELL_FENCES = new Set([
  '',
  'bash',
  'sh',
  'shell',
  'zsh',
  'azurecli',
  'azurecli-interactive',
  'azure-cli',
  'azcli',
  'console',
  'terminal',
  'cli',
]);
const PWSH_FENCES = new Set(['powershell', 'pwsh', 'ps', 'ps1', 'azurepowershell', 'azurepowershell-interactive']);
const CLOSING_FENCE = /^(?:`+|~+)$/;
// The info string runs to the end of the line (lines come split on `\n`); `[\s\S]*` cannot fail at `$`, so
// a long run of backticks does not backtrack quadratically.
const FENCE = /^(?<indent>[ \t]*)(?<fence>`{3,}|~{3,})(?<info>[\s\S]*)$/;

/**
 * The shell and PowerShell code fences of a Markdown file, each as a script whose lines map back to
 * the file. A leading `$ ` (or `PS> `, `PS C:\> `) prompt is dropped.
 */
export function markdownScripts(text: string): EmbeddedScript[] {
  const lines = text.split('\n');
  const scripts: EmbeddedScript[] = [];
  let index = 0;
  while (index < lines.length) {
    const open = FENCE.exec(lines[index] ?? '');
    index += 1;
    if (open?.groups === undefined) continue;
    const indent = open.groups['indent']?.length ?? 0;
    const fence = open.groups['fence'] ?? '```';
    const info =
      (open.groups['info'] ?? '')
        .trim()
        .replace(/^\{\.?/, '')
        .split(/[\s,{}]/)[0]
        ?.toLowerCase() ?? '';
    if (fence.startsWith('`') && info.includes('`')) continue;
    const shell: ScriptShell | undefined = SHELL_FENCES.has(info) ? 'sh' : PWSH_FENCES.has(info) ? 'pwsh' : undefined;
    const body: string[] = [];
    const fileLines: number[] = [];
    while (index < lines.length) {
      const line = lines[index] ?? '';
      const trimmed = line.trim();
      if (trimmed.length >= fence.length && trimmed.startsWith(fence) && CLOSING_FENCE.test(trimmed)) {
        index += 1;
        break;
      }
      body.push(stripPrompt(stripIndent(line, indent), shell));
      fileLines.push(index + 1);
      index += 1;
    }
    if (shell === undefined || body.length === 0) continue;
    scripts.push({ source: { text: body.join('\n'), lines: fileLines }, shell, host: 'none' });
  }
  return scripts;
}

function stripIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && (line[cut] === ' ' || line[cut] === '\t')) cut += 1;
  return line.slice(cut);
}

function stripPrompt(line: string, shell: ScriptShell | undefined): string {
  if (line.startsWith('$ ')) return line.slice(2);
  if (shell === 'pwsh') {
    const prompt = /^PS(?: [A-Za-z]:[^>\n]{0,200})?> /.exec(line);
    if (prompt !== null) return line.slice(prompt[0].length);
  }
  return line;
}

const MAKE_ASSIGNMENT =
  /^(?:(?:export|override)[ \t]+)*(?<name>[A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(?<op>::=|:=|\?=|\+=|!=|=)(?<value>.*)$/;
const MAKE_RULE = /^[^\t#=]*[^\t#=:]:(?!=)/;

export interface Makefile {
  /** The recipe lines as one shell script (every other line blank), lines mapped 1:1. */
  recipes: ScriptSource;
  /** The make variable assignments, in file order, to run before the recipes. */
  variables: Statement[];
  problems: ReadProblem[];
}

/** Splits a Makefile into its variables and its recipes (tab-indented lines after a rule). */
export function readMakefile(text: string): Makefile {
  const lines = text.split('\n');
  const script: string[] = [];
  const variables: Statement[] = [];
  const problems: ReadProblem[] = [];
  const defined = new Set<string>();
  let inRule = false;
  let inDefine = false;
  let recipeContinues = false;
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    if (recipeContinues || (inRule && line.startsWith('\t'))) {
      const body: string = recipeContinues ? line.replace(/^\t/, '') : line.slice(1).replace(/^[ \t@+-]*/, '');
      script.push(body);
      recipeContinues = body.endsWith('\\');
      continue;
    }
    script.push('');
    const trimmed = line.trim();
    if (inDefine) {
      if (trimmed === 'endef') inDefine = false;
      continue;
    }
    if (/^(?:(?:export|override)[ \t]+)*define[ \t]/.test(trimmed)) {
      inDefine = true;
      continue;
    }
    const assignment = MAKE_ASSIGNMENT.exec(line);
    if (assignment?.groups !== undefined && !line.startsWith('\t')) {
      let value = assignment.groups['value'] ?? '';
      const startLine = index + 1;
      let endIndex = index;
      while (value.endsWith('\\') && endIndex + 1 < lines.length) {
        endIndex += 1;
        value = `${value.slice(0, -1)} ${(lines[endIndex] ?? '').replace(/\r$/, '').trim()}`;
        script.push('');
      }
      index = endIndex;
      const statement = makeAssignment(
        assignment.groups['name'] ?? '',
        assignment.groups['op'] ?? '=',
        value,
        startLine,
        endIndex + 1,
        problems,
      );
      const name = assignment.groups['name'] ?? '';
      if (statement !== undefined && !(assignment.groups['op'] === '?=' && defined.has(name))) {
        variables.push(statement);
        defined.add(name);
      }
      continue;
    }
    if (MAKE_RULE.test(line)) inRule = true;
  }
  return { recipes: { text: script.join('\n'), lines: script.map((_, index) => index + 1) }, variables, problems };
}

function makeAssignment(
  name: string,
  operator: string,
  rawValue: string,
  line: number,
  endLine: number,
  problems: ReadProblem[],
): Statement | undefined {
  const value = cutComment(rawValue).trim();
  if (operator === '!=') {
    return {
      kind: 'assign',
      scope: 'make',
      name,
      opaque: { expression: value, reason: `$(${name}) is the output of a shell command run by make` },
      line,
      endLine,
    };
  }
  const read = readMakeValue({ text: value, lines: [line] });
  for (const problem of read.problems) problems.push(problem);
  const word = read.word ?? { parts: [], raw: '', startLine: line, endLine };
  word.endLine = endLine;
  return {
    kind: 'assign',
    scope: 'make',
    name,
    value: word,
    lazy: operator === '=' || operator === '?=',
    append: operator === '+=',
    line,
    endLine,
  };
}

/** Make comments start at an unescaped `#`. */
function cutComment(value: string): string {
  for (let index = value.indexOf('#'); index >= 0; index = value.indexOf('#', index + 1)) {
    if (value[index - 1] !== '\\') return value.slice(0, index);
  }
  return value;
}
