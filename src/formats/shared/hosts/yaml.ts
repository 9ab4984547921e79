import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { MAX_YAML_NESTING, blankTooDeepYaml } from '../../nesting.js';
import type { Problem } from '../../../model/index.js';
import type { MacroHost } from '../script/shell.js';
import type { EmbeddedScript, ScriptShell } from './embedded.js';

/**
 * The only file that touches the `yaml` package: finds the inline scripts of CI steps (GitHub Actions
 * `run:`, `azure/cli` and `azure/powershell` `with.inlineScript`; Azure Pipelines `script:`, `bash:`,
 * `pwsh:`, `powershell:`, `AzureCLI@2` / `AzurePowerShell@5` `inputs.inlineScript` / `Inline`) with
 * their lines in the YAML file. Never throws.
 */

type YamlScripts = { ok: true; scripts: EmbeddedScript[]; problems: Problem[] } | { ok: false; problems: Problem[] };

/** Nodes nested deeper than this are not walked (a problem says so). */
const MAX_YAML_DEPTH = 200;

const SCRIPT_KEYS: Record<string, ScriptShell | 'hint'> = {
  run: 'hint',
  script: 'sh',
  bash: 'sh',
  pwsh: 'pwsh',
  powershell: 'pwsh',
  inlineScript: 'hint',
  Inline: 'pwsh',
};

interface Walk {
  path: string;
  host: MacroHost;
  lines: LineCounter;
  text: string;
  scripts: EmbeddedScript[];
  problems: Problem[];
  tooDeep: boolean;
}

export function parseYamlScripts(original: string, path: string, host: MacroHost): YamlScripts {
  // Deep nesting is blanked, not parsed: the parser's recursion overflows the stack at a depth that
  // depends on the JIT's state, which made the same file read differently twice (test/fuzz/mutation).
  const bounded = blankTooDeepYaml(original);
  const text = bounded.text;
  try {
    const lines = new LineCounter();
    const documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
    const walk: Walk = { path, host, lines, text, scripts: [], problems: [], tooDeep: false };
    const list = Array.isArray(documents) ? documents : [];
    for (const document of list) {
      for (const error of document.errors) {
        const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
        walk.problems.push({
          kind: 'parse-error',
          range: { file: path, startLine: line, endLine: line },
          message: `YAML: ${error.message.split('\n')[0] ?? error.code}`,
        });
      }
      visit(document.contents, walk, 0, undefined);
    }
    if (bounded.line !== undefined) {
      walk.problems.push({
        kind: 'parse-error',
        range: { file: path, startLine: bounded.line, endLine: bounded.line },
        message: `YAML nested deeper than ${MAX_YAML_NESTING} levels: the nested part was not read`,
      });
    }
    return { ok: true, scripts: walk.scripts, problems: walk.problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        {
          kind: 'parse-error',
          range: { file: path, startLine: 1, endLine: 1 },
          message: `YAML could not be read: ${message}`,
        },
      ],
    };
  }
}

function visit(node: unknown, walk: Walk, depth: number, inherited: ScriptShell | undefined): void {
  if (node === null || node === undefined || isAlias(node) || isScalar(node)) return;
  if (depth > MAX_YAML_DEPTH) {
    if (!walk.tooDeep) {
      walk.tooDeep = true;
      const line = lineOf(node, walk);
      walk.problems.push({
        kind: 'parse-error',
        range: { file: walk.path, startLine: line, endLine: line },
        message: `YAML nested deeper than ${MAX_YAML_DEPTH} levels is not read`,
      });
    }
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) visit(item, walk, depth + 1, undefined);
    return;
  }
  if (!isMap(node)) return;
  const hint = shellHint(node) ?? inherited;
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = scalarString(pair.key);
    const kind = key === undefined ? undefined : SCRIPT_KEYS[key];
    if (kind !== undefined && isScalar(pair.value) && typeof pair.value.value === 'string') {
      addScript(pair, kind === 'hint' ? (hint ?? 'sh') : kind, walk);
      continue;
    }
    // `with:` / `inputs:` of a step inherit what the step says about its shell.
    visit(pair.value, walk, depth + 1, key === 'with' || key === 'inputs' ? hint : undefined);
  }
}

/** What a step (or its inputs) says about the shell of its inline script. */
function shellHint(map: YAMLMap): ScriptShell | undefined {
  const get = (name: string): string | undefined => scalarString(map.get(name, true));
  const scriptType = get('scriptType')?.toLowerCase();
  if (scriptType === 'ps' || scriptType === 'pscore') return 'pwsh';
  if (scriptType === 'bash') return 'sh';
  const shell = get('shell')?.toLowerCase();
  if (shell !== undefined) return shell.startsWith('pwsh') || shell.startsWith('powershell') ? 'pwsh' : 'sh';
  const uses = get('uses')?.toLowerCase();
  if (uses?.startsWith('azure/powershell') === true) return 'pwsh';
  const task = get('task')?.toLowerCase();
  if (task?.startsWith('azurepowershell') === true || task?.startsWith('powershell') === true) return 'pwsh';
  return undefined;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'string' ? node.value : undefined;
}

function lineOf(node: unknown, walk: Walk): number {
  const range = isNode(node) ? node.range : undefined;
  return range === undefined || range === null ? 1 : walk.lines.linePos(range[0]).line;
}

function addScript(pair: Pair, shell: ScriptShell, walk: Walk): void {
  const scalar = pair.value;
  if (!isScalar(scalar) || typeof scalar.value !== 'string' || scalar.range === undefined || scalar.range === null)
    return;
  const script = scalar.value;
  const headerLine = walk.lines.linePos(scalar.range[0]).line;
  // A block scalar's content starts on the line after its `|` or `>` header.
  const block = scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED';
  const first = block ? headerLine + 1 : headerLine;
  const last = walk.lines.linePos(Math.max(scalar.range[0], scalar.range[1] - 1)).line;
  let count = 1;
  for (let index = script.indexOf('\n'); index >= 0; index = script.indexOf('\n', index + 1)) count += 1;
  const lines = Array.from({ length: count }, (_, index) => Math.min(first + index, Math.max(first, last)));
  walk.scripts.push({ source: { text: script, lines }, shell, host: walk.host });
}
