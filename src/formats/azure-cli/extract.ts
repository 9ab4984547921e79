import type { ExtractResult, FileSet, Problem, SourceFile } from '../../model/index.js';
import { readAzCommand } from '../shared/az/aks.js';
import { hasAzCommand } from '../shared/az/detect.js';
import { readNetworkCommand } from '../shared/az/network.js';
import type { EmbeddedScript } from '../shared/hosts/embedded.js';
import { readMakefile } from '../shared/hosts/makefile.js';
import { markdownScripts } from '../shared/hosts/markdown.js';
import { parseYamlScripts } from '../shared/hosts/yaml.js';
import { createCollector } from '../shared/script/collector.js';
import type { Collector } from '../shared/script/collector.js';
import { readPowerShell } from '../shared/script/pwsh.js';
import { readShell } from '../shared/script/shell.js';
import { assign, plainSource } from '../shared/script/words.js';
import type { Env, ReadProblem, Statement } from '../shared/script/words.js';

/** How a claimed file holds its commands. */
type Host = 'shell' | 'makefile' | 'github-workflow' | 'azure-pipelines' | 'markdown';

function hostOf(path: string): Host {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (base === 'makefile' || base === 'gnumakefile' || base.endsWith('.mk')) return 'makefile';
  if (base.endsWith('.md') || base.endsWith('.mdx')) return 'markdown';
  if (base.endsWith('.yml') || base.endsWith('.yaml'))
    return /(?:^|\/)\.github\/workflows\//.test(lower) ? 'github-workflow' : 'azure-pipelines';
  return 'shell';
}

export function extract(file: SourceFile, _files: FileSet): ExtractResult {
  if (!hasAzCommand(file.text)) return { clusters: [], problems: [] };
  try {
    return extractCommands(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      clusters: [],
      problems: [
        {
          kind: 'parse-error',
          range: { file: file.path, startLine: 1, endLine: 1 },
          message: `unexpected error while reading az commands: ${message}`,
        },
      ],
    };
  }
}

function extractCommands(file: SourceFile): ExtractResult {
  const host = hostOf(file.path);
  const collector = createCollector({ format: 'azure-cli', path: file.path, documentation: host === 'markdown' });
  const env: Env = new Map();
  if (host === 'makefile') {
    const makefile = readMakefile(file.text);
    addProblems(collector, makefile.problems);
    runStatements(makefile.variables, env, collector);
    const read = readShell(makefile.recipes, { dialect: 'make', host: 'none' });
    addProblems(collector, read.problems);
    runStatements(read.statements, env, collector);
    return resultOf(collector);
  }
  let scripts: EmbeddedScript[];
  // PowerShell fences are read by the Azure PowerShell format (the engine hands it each fence, see
  // engine/fences.ts), which reads their `az aks` lines as well as the Az.Aks cmdlets.
  if (host === 'markdown') scripts = markdownScripts(file.text).filter((script) => script.shell === 'sh');
  else if (host === 'shell') scripts = [{ source: plainSource(file.text), shell: 'sh', host: 'none' }];
  else {
    const parsed = parseYamlScripts(
      file.text,
      file.path,
      host === 'github-workflow' ? 'github-actions' : 'azure-pipelines',
    );
    collector.problems.push(...parsed.problems);
    scripts = parsed.ok ? parsed.scripts : [];
  }
  for (const script of scripts) readScript(script, env, collector);
  return resultOf(collector);
}

/** Reads one script (shell or PowerShell) into the collector, with variables carried across scripts of a file. */
function readScript(script: EmbeddedScript, env: Env, collector: Collector): void {
  const placeholders = collector.context.documentation;
  const read =
    script.shell === 'pwsh'
      ? readPowerShell(script.source)
      : readShell(script.source, { dialect: 'sh', host: script.host, placeholders });
  addProblems(collector, read.problems);
  runStatements(read.statements, env, collector);
}

function runStatements(statements: readonly Statement[], env: Env, collector: Collector): void {
  for (const statement of statements) {
    if (statement.kind === 'assign') assign(statement, env, collector.context.path);
    else {
      readAzCommand(statement.command, env, collector);
      readNetworkCommand(statement.command, env, collector);
    }
  }
}

function addProblems(collector: Collector, problems: readonly ReadProblem[]): void {
  for (const problem of problems) {
    const issue: Problem = {
      kind: 'parse-error',
      range: { file: collector.context.path, startLine: problem.line, endLine: problem.line },
      message: problem.message,
    };
    collector.problems.push(issue);
  }
}

function resultOf(collector: Collector): ExtractResult {
  return {
    clusters: collector.clusters,
    problems: collector.problems,
    updates: collector.updates,
    addressSpaces: collector.addressSpaces,
  };
}
