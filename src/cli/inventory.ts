import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultConfig, isIsoDate, todayUtc } from '../engine/config.js';
import { octokitPort } from '../github/octokit.js';
import type { RepositoryPort } from '../github/port.js';
import { CODEOWNERS_PATHS, scanRepository } from '../github/repository-scan.js';
import { createRestClient } from '../github/rest-client.js';
import {
  buildInventory,
  renderInventoryCsv,
  renderInventoryHtml,
  renderInventoryJson,
  renderInventoryMarkdown,
} from '../inventory/index.js';
import type { Inventory, InventoryInput } from '../inventory/index.js';
import type { CliIo } from './main.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, scan, parseCommandLine, usage } from './main.js';
import { withoutTrailingSlashes } from '../domain/paths.js';

const FORMATS = ['json', 'csv', 'markdown', 'html'] as const;
type InventoryFormat = (typeof FORMATS)[number];
/** Repositories read at once; @octokit/plugin-throttling paces the requests themselves. */
const CONCURRENCY = 4;
const STATE_VERSION = 1;

interface ResumeState {
  version: number;
  /** `owner/name` → the repository as it was read (a repository that could not be read is not kept). */
  done: Record<string, InventoryInput>;
}

/**
 * `netguide inventory [PATH…] [--org NAME | --repos FILE]`: every cluster in many repositories, as JSON, CSV,
 * Markdown or a self-contained HTML report. Local folders are each one repository; `--org`/`--repos` read the
 * default branch of each repository through the GitHub API (GITHUB_TOKEN or GH_TOKEN; GHES via --api-url or
 * GITHUB_API_URL). `--resume FILE` keeps each repository read; a re-run skips them without a request.
 */
export async function inventoryCommand(argv: readonly string[], io: CliIo, help: string): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      help: { type: 'boolean', short: 'h' },
      org: { type: 'string' },
      repos: { type: 'string' },
      'api-url': { type: 'string' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      resume: { type: 'string' },
      today: { type: 'string' },
    },
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(help);
    return EXIT_CLEAN;
  }
  const errors: string[] = [];
  const format = values.format ?? formatFromOutput(values.output) ?? 'json';
  if (!isFormat(format)) errors.push(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  if (values.today !== undefined && !isIsoDate(values.today))
    errors.push(`--today must be a date written YYYY-MM-DD, not "${values.today}"`);
  const remote = values.org !== undefined || values.repos !== undefined;
  if (values.org !== undefined && values.repos !== undefined) errors.push('give --org or --repos, not both');
  if (remote && positionals.length > 0) errors.push('give local PATHs or --org/--repos, not both');
  if (!remote && values.resume !== undefined) errors.push('--resume is for --org and --repos');
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (remote && (token === undefined || token === ''))
    errors.push('--org and --repos read through the GitHub API: set GITHUB_TOKEN or GH_TOKEN');
  if (errors.length > 0 || !isFormat(format)) {
    io.stderr(`${errors.map((error) => `netguide: ${error}`).join('\n')}\nRun "netguide --help" for usage.\n`);
    return EXIT_USAGE;
  }
  const today = values.today ?? todayUtc();

  let inputs: InventoryInput[];
  if (remote) {
    const apiUrl = values['api-url'] || io.env.GITHUB_API_URL || 'https://api.github.com';
    const client = createRestClient({
      token: token as string,
      baseUrl: apiUrl,
      log: (message) => io.stderr(`netguide: ${message}\n`),
    });
    const port = octokitPort(client.octokit);
    const targets = await listTargets(port, values.org, values.repos, io);
    if (typeof targets === 'number') return targets;
    inputs = await scanRemote(port, targets, { today, resume: values.resume }, io);
    io.stderr(`netguide: ${inputs.length} repositories, ${client.requests()} API requests\n`);
  } else {
    const scanned = await scanLocal(positionals.length === 0 ? ['.'] : positionals, today, io);
    if (typeof scanned === 'number') return scanned;
    inputs = scanned;
  }

  const inventory = buildInventory(inputs, { today });
  const text = render(inventory, format);
  if (values.output === undefined) io.stdout(text);
  else {
    const file = path.resolve(io.cwd, values.output);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    io.stderr(`netguide: wrote ${values.output}\n`);
  }
  return inventory.totals.unreadableRepositories > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

interface Target {
  owner: string;
  repo: string;
  ref?: string;
}

async function listTargets(
  port: RepositoryPort,
  org: string | undefined,
  reposFile: string | undefined,
  io: CliIo,
): Promise<Target[] | number> {
  if (org !== undefined) {
    try {
      const repositories = await port.listOrgRepositories(org);
      return repositories.map((repository) => ({
        owner: repository.owner,
        repo: repository.repo,
        ref: repository.defaultBranch,
      }));
    } catch (error) {
      io.stderr(`netguide: cannot list the repositories of ${org}: ${error instanceof Error ? error.message : ''}\n`);
      return EXIT_USAGE;
    }
  }
  const file = reposFile as string;
  const text = await readFile(path.resolve(io.cwd, file), 'utf8').catch(() => undefined);
  if (text === undefined) return usage(io, `--repos ${file} cannot be read`);
  const targets: Target[] = [];
  const bad: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const hash = raw.indexOf('#');
    const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (line === '') continue;
    const match = /^(?<owner>[A-Za-z0-9][\w.-]*)\/(?<repo>[\w.-]+)(?:@(?<ref>\S+))?$/.exec(line);
    if (match?.groups === undefined) bad.push(`${file}:${index + 1}: "${line}" is not owner/name or owner/name@ref`);
    else {
      const { owner = '', repo = '', ref } = match.groups;
      targets.push(ref === undefined ? { owner, repo } : { owner, repo, ref });
    }
  }
  if (bad.length > 0) return usage(io, bad.join('\nnetguide: '));
  return targets;
}

async function scanRemote(
  port: RepositoryPort,
  targets: readonly Target[],
  options: { today: string; resume: string | undefined },
  io: CliIo,
): Promise<InventoryInput[]> {
  const stateFile = options.resume === undefined ? undefined : path.resolve(io.cwd, options.resume);
  const state = stateFile === undefined ? undefined : await readState(stateFile, io);
  const config = defaultConfig(options.today);
  const results: InventoryInput[] = new Array<InventoryInput>(targets.length);
  let next = 0;
  let finished = 0;
  let writing = Promise.resolve();
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next;
      next += 1;
      const target = targets[index] as Target;
      const name = `${target.owner}/${target.repo}`;
      const kept = state?.done[name];
      if (kept !== undefined) {
        results[index] = kept;
        finished += 1;
        io.stderr(`netguide: [${finished}/${targets.length}] ${name}@${(kept.sha ?? '').slice(0, 12)}: done before\n`);
        continue;
      }
      const scanned = await scanRepository(port, target, { config });
      const input: InventoryInput = {
        name,
        ref: scanned.ref,
        sha: scanned.sha,
        requests: scanned.requests,
        ...(scanned.report === undefined ? {} : { report: scanned.report }),
        ...(scanned.error === undefined ? {} : { error: scanned.error }),
        ...(scanned.codeowners === undefined ? {} : { codeowners: scanned.codeowners }),
        ...(scanned.config === undefined ? {} : { config: scanned.config }),
      };
      results[index] = input;
      finished += 1;
      io.stderr(
        `netguide: [${finished}/${targets.length}] ${name}@${scanned.sha.slice(0, 12)}: ` +
          (scanned.report === undefined
            ? `cannot be read: ${scanned.error ?? ''}`
            : `${scanned.report.clusters.length} clusters`) +
          ` (${scanned.requests} requests)\n`,
      );
      if (state !== undefined && stateFile !== undefined && scanned.report !== undefined) {
        state.done[name] = input;
        // Written after every repository, one write at a time, through a temporary file: an interrupted run
        // leaves the state of the last repository finished.
        writing = writing.then(() => writeState(stateFile, state));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, () => worker()));
  await writing;
  return results;
}

async function readState(file: string, io: CliIo): Promise<ResumeState> {
  if (!existsSync(file)) return { version: STATE_VERSION, done: {} };
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ResumeState>;
    if (parsed.version === STATE_VERSION && parsed.done !== undefined && typeof parsed.done === 'object') {
      return { version: STATE_VERSION, done: parsed.done };
    }
    io.stderr(`netguide: ${file} is not a state file of this version; starting over\n`);
  } catch {
    io.stderr(`netguide: ${file} is not valid JSON; starting over\n`);
  }
  return { version: STATE_VERSION, done: {} };
}

async function writeState(file: string, state: ResumeState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(state));
  await rename(temporary, file);
}

/** Each PATH is one repository: scanned as `netguide scan` would from inside it, with its CODEOWNERS. */
async function scanLocal(paths: readonly string[], today: string, io: CliIo): Promise<InventoryInput[] | number> {
  const inputs: InventoryInput[] = [];
  for (const given of paths) {
    const root = path.resolve(io.cwd, given);
    const name = withoutTrailingSlashes(given) || given;
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      inputs.push({ name, error: existsSync(root) ? 'not a folder' : 'no such folder' });
      continue;
    }
    const scanned = await scan(['.'], { config: undefined, today }, { ...io, cwd: root });
    if (typeof scanned === 'number') return scanned;
    const input: InventoryInput = { name, report: scanned.report };
    for (const candidate of CODEOWNERS_PATHS) {
      const text = await readFile(path.join(root, candidate), 'utf8').catch(() => undefined);
      if (text !== undefined) {
        input.codeowners = { path: candidate, text };
        break;
      }
    }
    inputs.push(input);
  }
  return inputs;
}

function render(inventory: Inventory, format: InventoryFormat): string {
  switch (format) {
    case 'json':
      return renderInventoryJson(inventory);
    case 'csv':
      return renderInventoryCsv(inventory);
    case 'markdown':
      return renderInventoryMarkdown(inventory);
    case 'html':
      return renderInventoryHtml(inventory);
  }
}

function formatFromOutput(output: string | undefined): string | undefined {
  const extension = output === undefined ? '' : path.extname(output).toLowerCase();
  return { '.json': 'json', '.csv': 'csv', '.md': 'markdown', '.html': 'html', '.htm': 'html' }[extension];
}

function isFormat(value: string): value is InventoryFormat {
  return (FORMATS as readonly string[]).includes(value);
}
