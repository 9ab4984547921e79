import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { analyze, formatFor, isContextFile, isRelevant } from '../engine/analyze.js';
import type { Report } from '../engine/analyze.js';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../engine/config-file.js';
import type { LoadedConfig } from '../engine/config-file.js';
import { isIsoDate, todayUtc } from '../engine/config.js';
import type { FailOn } from '../engine/config.js';
import { gates } from '../engine/gate.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderSarif } from '../render/sarif.js';
import { renderText } from '../render/text.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { UsageError, collect } from '../fs/walk.js';
import { isSlashCommand, migrationPlans, slashCommand } from './commands.js';
import { inventoryCommand } from './inventory.js';
import { drift } from './drift.js';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that shows colour. */
  color: boolean;
  env: Record<string, string | undefined>;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const OUTPUT_FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;

const HELP = `${TOOL_NAME} ${VERSION}: reviews infrastructure-as-code for AKS networking.

Usage:
  netguide scan [PATH...]   analyze files and folders (default: .)
  netguide migrate [PATH...] [--cluster NAME]
                            the migration plan for each cluster found (the pull request's plan)
  netguide explain <rule-id | model>
                            what a rule or network model is: limits, status and dates, links
  netguide compare [model...]
                            the network models side by side, with sources
  netguide plan --nodes N --max-pods M [--surge S] [--model overlay] [--subnet CIDR]
                [--pod-cidr CIDR] [--service-cidr CIDR]
                            the IP planner: addresses needed, smallest prefixes, CIDR problems
  netguide inventory [PATH...] [--org NAME | --repos FILE]
                            every cluster in many repositories: local folders (each one a
                            repository) or the default branches of an organisation's repositories
  netguide drift --live FILE [PATH...] [-f text|json|markdown]
                            live clusters (az aks list/show -o json, a Resource Graph export)
                            against their code: matched by name and resource group, the
                            differences the next apply acts on, clusters with no code
  netguide --help           show this help
  netguide --version        show the version

migrate, explain, compare and plan are the App's /netguide commands; they print Markdown.

Options for scan (--today and --config also for migrate):
  -f, --format text|json|markdown|sarif
                                      output format (default: text)
  --fail-on error|warning|notice|never
                                      exit 1 when a finding is at least this severe (default: error)
  --today YYYY-MM-DD                  the date retirement countdowns start from (default: today, UTC)
  -c, --config FILE                   configuration file (default: the first of netguide.yml,
                                      .netguide.yml, .github/netguide.yml that exists in the
                                      repository root of the first PATH, else in the current folder)
  --color / --no-color                force colour on or off (default: on for a terminal)

Folders are walked, skipping .git, .terraform, node_modules and what .gitignore ignores; links
met in a folder are not followed, a link named as a PATH is. A .tfvars or parameters file named
alone is analyzed with the files of its folder that use it.
Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error.

Options for inventory:
  --org NAME                          every repository of the organisation, through the GitHub API
  --repos FILE                        the repositories listed in FILE, one owner/name[@ref] a line
  --api-url URL                       the REST API (default: GITHUB_API_URL, else https://api.github.com;
                                      GitHub Enterprise Server: https://HOST/api/v3)
  -f, --format json|csv|markdown|html output format (default: from --output's extension, else json)
  -o, --output FILE                   write the report to FILE instead of stdout
  --resume FILE                       keep each repository read in FILE; a re-run skips them
  --today YYYY-MM-DD                  the date the kubenet countdown starts from (default: today, UTC)
The API token comes from GITHUB_TOKEN or GH_TOKEN (read access to contents and metadata). Exit status:
0 every repository read, 1 some could not be read (they are listed with the reason), 2 usage error.
Rules: https://github.com/aks-netguide/aks-netguide/tree/main/docs/rules
`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  // The slash commands take their own options (`plan --nodes 3`), so they are routed before scan's parser.
  if (first !== undefined && isSlashCommand(first)) {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return EXIT_CLEAN;
    }
    const result = await slashCommand(first, rest);
    if (result.ok) {
      io.stdout(`${result.body}\n`);
      return EXIT_CLEAN;
    }
    // plan's body lists what is wrong with the CIDRs given: a finding, not a usage error.
    if (result.body.includes('Usage: `'))
      return usage(io, `${result.body.split('\n')[0] ?? ''}\nUsage: ${result.usage}`);
    io.stdout(`${result.body}\n`);
    return EXIT_FINDINGS;
  }
  if (first === 'migrate') return migrate(rest, io);
  if (first === 'inventory') return inventoryCommand(rest, io, HELP);
  if (first === 'drift') return drift(rest, io);
  const parsed = parseCommandLine(
    argv,
    {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      format: { type: 'string', short: 'f' },
      'fail-on': { type: 'string' },
      today: { type: 'string' },
      config: { type: 'string', short: 'c' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return EXIT_CLEAN;
  }
  if (values.version === true) {
    io.stdout(`${VERSION}\n`);
    return EXIT_CLEAN;
  }
  const [command, ...paths] = positionals;
  if (command === undefined) {
    io.stdout(HELP);
    return EXIT_USAGE;
  }
  if (command !== 'scan') return usage(io, `unknown command "${command}"`);

  // Every option and configuration error is reported in one go, not one per run.
  const errors: string[] = [];
  const format = values.format ?? 'text';
  if (!isOneOf(OUTPUT_FORMATS, format))
    errors.push(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${format}"`);
  if (values['fail-on'] !== undefined && !isOneOf(FAIL_ON, values['fail-on'])) {
    errors.push(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}"`);
  }
  if (values.today !== undefined && !isIsoDate(values.today)) {
    errors.push(`--today must be a date written YYYY-MM-DD, not "${values.today}"`);
  }
  const color = values['no-color'] === true ? false : values.color === true ? true : colorFromEnv(io);

  const scanned = await scan(paths, { config: values.config, today: values.today }, io, errors);
  if (typeof scanned === 'number' || !isOneOf(OUTPUT_FORMATS, format)) return EXIT_USAGE;
  const failOn: FailOn = (values['fail-on'] as FailOn | undefined) ?? scanned.failOn ?? 'error';
  io.stdout(render(scanned.report, format, color));
  return exitCode(scanned.report, failOn);
}

/**
 * Loads the configuration, walks the paths and analyzes them. The option errors found so far are printed
 * together with a configuration error, and end the run with the usage status.
 */
export async function scan(
  paths: readonly string[],
  options: { config: string | undefined; today: string | undefined },
  io: CliIo,
  errors: string[] = [],
): Promise<{ report: Report; failOn: FailOn | undefined } | number> {
  const inputs = paths.length === 0 ? ['.'] : paths;
  const configRoot = repositoryRoot(path.resolve(io.cwd, inputs[0] ?? '.')) ?? io.cwd;
  const loaded = await loadConfig(io.cwd, configRoot, options.config);
  if (!loaded.ok) {
    errors.push(`${loaded.file}: invalid configuration\n${loaded.errors.map((e) => `  ${e}`).join('\n')}`);
  }
  if (errors.length > 0 || !loaded.ok) {
    io.stderr(`${errors.map((error) => `netguide: ${error}`).join('\n')}\nRun "netguide --help" for usage.\n`);
    return EXIT_USAGE;
  }
  const { config: fileConfig } = loaded;
  // Include/exclude globs are written relative to the folder the configuration file is in.
  const includes = (relative: string) =>
    fileConfig.includes(path.relative(configRoot, path.resolve(io.cwd, relative)).split(path.sep).join('/'));
  const config = { ...fileConfig.analyze, today: options.today ?? fileConfig.analyze.today };
  try {
    const collected = await collect(inputs, {
      cwd: io.cwd,
      maxFileBytes: config.maxFileBytes,
      isRelevant: (file) => isRelevant(file),
      isTarget: (file) => formatFor(file) !== undefined && includes(file),
      isContext: (file) => isContextFile(file),
    });
    if (collected.targets.length === 0) {
      io.stderr(
        `netguide: nothing to analyze in ${inputs.join(', ')}: no file there is one a format reads ` +
          '(Terraform, Bicep, ARM, Azure CLI, PowerShell, Pulumi, Kubernetes manifests), or the configuration excludes them\n',
      );
    }
    const report = await analyze({ files: collected.files, targets: collected.targets }, config);
    return { report, failOn: fileConfig.failOn };
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
}

/** `netguide migrate [PATH...] [--cluster NAME]`: the pull request's migration plan for each cluster found. */
async function migrate(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      help: { type: 'boolean', short: 'h' },
      cluster: { type: 'string' },
      today: { type: 'string' },
      config: { type: 'string', short: 'c' },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(HELP);
    return EXIT_CLEAN;
  }
  if (values.today !== undefined && !isIsoDate(values.today)) {
    return usage(io, `--today must be a date written YYYY-MM-DD, not "${values.today}"`);
  }
  const scanned = await scan(positionals, { config: values.config, today: values.today }, io);
  if (typeof scanned === 'number') return scanned;
  const outcome = migrationPlans(scanned.report, values.cluster);
  if (outcome.kind === 'no-such-cluster') return usage(io, outcome.text);
  io.stdout(outcome.text);
  return EXIT_CLEAN;
}

function render(report: Report, format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, { color });
  }
}

/** 1 when any finding is at least as severe as `failOn`; `never` always passes. */
export function exitCode(report: Report, failOn: FailOn): number {
  return report.findings.some((finding) => gates(finding, failOn)) ? EXIT_FINDINGS : EXIT_CLEAN;
}

const CONFIG_CANDIDATES = ['netguide.yml', '.netguide.yml', '.github/netguide.yml'];

type LoadResult = { ok: true; config: LoadedConfig } | { ok: false; file: string; errors: string[] };

/** The nearest folder at or above `start` (a file's folder, for a file) that holds `.git`. */
function repositoryRoot(start: string): string | undefined {
  let dir = start;
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** An explicit --config is relative to the current folder; the default names are looked up in `root`. */
async function loadConfig(cwd: string, root: string, explicit: string | undefined): Promise<LoadResult> {
  const candidates = explicit === undefined ? CONFIG_CANDIDATES : [explicit];
  for (const candidate of candidates) {
    const file = explicit === undefined ? path.join(root, candidate) : path.resolve(cwd, candidate);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) {
      if (explicit !== undefined) return { ok: false, file: candidate, errors: ['cannot be read'] };
      continue;
    }
    const result = parseConfig(text, todayUtc());
    const shown = explicit === undefined ? path.relative(cwd, file).split(path.sep).join('/') || candidate : candidate;
    return result.ok ? result : { ok: false, file: shown, errors: result.errors };
  }
  const none = parseConfig('', todayUtc());
  if (!none.ok) throw new Error('the empty configuration must be valid');
  return none;
}

function colorFromEnv(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.color;
}

/**
 * A command's flags: positionals allowed, an unknown flag or a missing value refused. A refusal is written
 * as a usage error and comes back as its exit code, which the command returns.
 */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
  io: CliIo,
) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true as const, strict: true as const, options });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
}

export function usage(io: CliIo, message: string): number {
  io.stderr(`netguide: ${message}\nRun "netguide --help" for usage.\n`);
  return EXIT_USAGE;
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}
