import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeGitHub } from '../fake-github/server.js';
import { webhookPayload } from '../fake-github/webhooks.js';

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  ms: number;
}

export interface RunOptions {
  event: 'pull_request' | 'pull_request_target' | 'push' | 'workflow_dispatch' | 'issue_comment' | 'schedule';
  payload: unknown;
  inputs?: Record<string, string>;
  workspace?: string;
  apiPrefix?: string;
  timeoutMs?: number;
  /** More runner variables (GITHUB_REF, GITHUB_SHA, …); they win over the defaults. */
  env?: Record<string, string>;
}

/**
 * Runs the bundled Action exactly as the runner does: `node dist/index.js` with GITHUB_* variables, an
 * event file, INPUT_* inputs, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, against the fake GitHub.
 */
export async function runAction(fake: FakeGitHub, repo: string, options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netguide-action-'));
  const eventPath = path.join(dir, 'event.json');
  const outputPath = path.join(dir, 'output');
  const summaryPath = path.join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const workspace = options.workspace ?? mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: `${fake.url}${options.apiPrefix ?? ''}`,
    GITHUB_GRAPHQL_URL: `${fake.url}${options.apiPrefix === '/api/v3' ? '/api/graphql' : '/graphql'}`,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repo,
    GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    NO_PROXY: '*',
    'INPUT_GITHUB-TOKEN': 'ghs_action',
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, options.env);
  const started = Date.now();
  const child = spawn(process.execPath, [DIST], { env, cwd: workspace });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve(exit);
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    ms: Date.now() - started,
  };
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^(?<name>[^<]+)<<(?<delimiter>.+)$/.exec(lines[index] ?? '');
    if (match?.groups === undefined) continue;
    const value: string[] = [];
    for (index++; index < lines.length && lines[index] !== match.groups.delimiter; index++)
      value.push(lines[index] ?? '');
    outputs[match.groups.name ?? ''] = value.join('\n');
  }
  return outputs;
}

export function pullRequestEvent(
  fake: FakeGitHub,
  repo: string,
  number: number,
  head: string,
  base: string,
  extra: { headRepo?: string } = {},
) {
  return webhookPayload('pull_request', 'opened', {
    repo,
    apiUrl: fake.url,
    number,
    headSha: head,
    baseSha: base,
    ...(extra.headRepo === undefined ? {} : { headRepo: extra.headRepo }),
  });
}

export function cluster(name: string, profile: string): string {
  return `resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "aks-${name}"
  location            = "westeurope"
  resource_group_name = "rg-${name}"
  dns_prefix          = "${name}"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
${profile}
  }
}
`;
}

export const KUBENET = '    network_plugin = "kubenet"';
export const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';
