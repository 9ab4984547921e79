import { readMakeValue } from '../script/shell.js';
import type { ReadProblem, ScriptSource, Statement } from '../script/words.js';

/** A Makefile as a host: its variables as make assignments, its recipes as one shell script. */

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
