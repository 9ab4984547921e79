import type { ScriptSource } from '../script/words.js';
import type { EmbeddedScript, ScriptShell } from './embedded.js';

/**
 * Markdown as a host: every fenced code block of a file with its info string and its lines mapped back to
 * the file (`markdownFences`), and the shell and PowerShell ones as scripts (`markdownScripts`). A format
 * that reads another language from documentation asks for the fences and picks its own info strings.
 */

export interface MarkdownFence {
  /** The first word of the info string, lower-cased, without `{.` (`bash`, `terraform`, `json`, or ''). */
  info: string;
  /** The body, each line without the fence's own indentation; `source.lines` are the file's line numbers. */
  source: ScriptSource;
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

/** Every fenced code block with a body, in file order; an unclosed fence runs to the end of the file. */
export function markdownFences(text: string): MarkdownFence[] {
  const lines = text.split('\n');
  const fences: MarkdownFence[] = [];
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
    const body: string[] = [];
    const fileLines: number[] = [];
    while (index < lines.length) {
      const line = lines[index] ?? '';
      const trimmed = line.trim();
      if (trimmed.length >= fence.length && trimmed.startsWith(fence) && CLOSING_FENCE.test(trimmed)) {
        index += 1;
        break;
      }
      body.push(stripIndent(line, indent));
      fileLines.push(index + 1);
      index += 1;
    }
    if (body.length > 0) fences.push({ info, source: { text: body.join('\n'), lines: fileLines } });
  }
  return fences;
}

/**
 * The shell and PowerShell code fences of a Markdown file, each as a script whose lines map back to
 * the file. A leading `$ ` (or `PS> `, `PS C:\> `) prompt is dropped.
 */
export function markdownScripts(text: string): EmbeddedScript[] {
  const scripts: EmbeddedScript[] = [];
  for (const fence of markdownFences(text)) {
    const shell = fenceShell(fence.info);
    if (shell === undefined) continue;
    const body = fence.source.text
      .split('\n')
      .map((line) => stripPrompt(line, shell))
      .join('\n');
    scripts.push({ source: { text: body, lines: fence.source.lines }, shell, host: 'none' });
  }
  return scripts;
}

/** The shell that runs a fence with this info string, if it is a script at all. */
function fenceShell(info: string): ScriptShell | undefined {
  return SHELL_FENCES.has(info) ? 'sh' : PWSH_FENCES.has(info) ? 'pwsh' : undefined;
}

function stripIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && (line[cut] === ' ' || line[cut] === '\t')) cut += 1;
  return line.slice(cut);
}

function stripPrompt(line: string, shell: ScriptShell): string {
  if (line.startsWith('$ ')) return line.slice(2);
  if (shell === 'pwsh') {
    const prompt = /^PS(?: [A-Za-z]:[^>\n]{0,200})?> /.exec(line);
    if (prompt !== null) return line.slice(prompt[0].length);
  }
  return line;
}
