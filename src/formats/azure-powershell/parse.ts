import type { Problem } from '../../model/index.js';
import { readPowerShell } from '../shared/script/pwsh.js';
import { plainSource } from '../shared/script/words.js';
import type { Statement } from '../shared/script/words.js';

/**
 * Reads a PowerShell script into statements with the hand-written reader shared with the Azure CLI
 * format (`shared/script/pwsh.ts`): no maintained PowerShell grammar ships a WebAssembly build on npm.
 * Never throws; what it cannot read is a `parse-error` problem and the rest is still returned.
 */

export interface ParsedScript {
  ok: true;
  statements: Statement[];
  problems: Problem[];
}

export type ParseResult = ParsedScript | { ok: false; problems: Problem[] };

export function parse(text: string, path: string): ParseResult {
  try {
    const read = readPowerShell(plainSource(text));
    const problems = read.problems.map((problem): Problem => ({
      kind: 'parse-error',
      range: { file: path, startLine: problem.line, endLine: problem.line },
      message: problem.message,
    }));
    return { ok: true, statements: read.statements, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        {
          kind: 'parse-error',
          range: { file: path, startLine: 1, endLine: 1 },
          message: `PowerShell could not be read: ${message}`,
        },
      ],
    };
  }
}
