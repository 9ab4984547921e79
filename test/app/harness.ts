import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startFakeGitHub } from '../fake-github/server.js';
import type { FakeGitHub } from '../fake-github/server.js';
import { signWebhook } from '../fake-github/webhooks.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A throw-away GitHub App key pair. */
export function appKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * src/app/server.ts as one ESM file (dependencies stay in node_modules), so the child process runs the
 * current source without a prior `npm run build`; the analysis pool's worker is bundled next to it (the
 * pool loads `analyze-worker.js` from its own module's folder). Each call gets its own folder: remove it
 * with `removeBundle`.
 */
export async function bundleServer(root = ROOT): Promise<string> {
  const directory = `${root}node_modules/.cache/aks-netguide-app/${process.pid}-${randomUUID()}`;
  mkdirSync(directory, { recursive: true });
  const common = {
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  } as const;
  await Promise.all([
    build({ ...common, entryPoints: [`${root}src/app/server.ts`], outfile: `${directory}/server.mjs` }),
    build({
      ...common,
      entryPoints: [`${root}src/worker/analyze-worker.ts`],
      outfile: `${directory}/analyze-worker.js`,
    }),
  ]);
  return `${directory}/server.mjs`;
}

/** Removes what `bundleServer` wrote. */
export function removeBundle(script: string): void {
  rmSync(dirname(script), { recursive: true, force: true });
}

export interface AppProcess {
  /** The webhook URL. */
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** The app's HTTP server as a real child process on 127.0.0.1, its GitHub API the fake (as GHES). */
export async function startAppProcess(options: {
  script: string;
  githubUrl: string;
  appId: number;
  privateKeyPem: string;
  secret: string;
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const host = new URL(options.githubUrl).host;
  const child = spawn(process.execPath, [options.script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      APP_ID: String(options.appId),
      PRIVATE_KEY: options.privateKeyPem,
      WEBHOOK_SECRET: options.secret,
      GHE_HOST: host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      NO_PROXY: '*',
      ...options.env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start:\n${output}`)), 15_000);
    const onData = () => {
      const match = /listening on (?<url>http:\/\/\S+)/.exec(output);
      if (match?.groups?.url === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(match.groups.url);
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Delivery {
  status: number;
  body: string;
  ms: number;
  id: string;
}

/** POSTs a webhook as GitHub does: JSON body, event, delivery id and HMAC signature headers. */
export async function deliver(
  url: string,
  secret: string,
  event: string,
  payload: unknown,
  options: { id?: string; signature?: string } = {},
): Promise<Delivery> {
  const body = JSON.stringify(payload);
  const id = options.id ?? randomUUID();
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-hub-signature-256': options.signature ?? (await signWebhook(secret, body)),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started, id };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const NETWORK = {
  kubenet: `  network_profile {\n    network_plugin = "kubenet"\n    pod_cidr       = "10.244.0.0/16"\n    service_cidr   = "10.0.0.0/16"\n    dns_service_ip = "10.0.0.10"\n  }\n`,
  overlay: `  network_profile {\n    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "10.244.0.0/16"\n    service_cidr        = "10.0.0.0/16"\n    dns_service_ip      = "10.0.0.10"\n  }\n`,
};

/** A Terraform AKS cluster with the given network. */
export function cluster(name: string, network: keyof typeof NETWORK): string {
  return `resource "azurerm_kubernetes_cluster" "${name}" {\n  name                = "${name}"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "${name}"\n\n  default_node_pool {\n    name       = "system"\n    vm_size    = "Standard_D4s_v5"\n    node_count = 3\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n${NETWORK[network]}}\n`;
}

/**
 * Waits until the app has nothing queued, running or being handled (its `/healthz`): webhooks are answered
 * before the analysis, so a test waits here for the check runs and comments a delivery causes.
 */
export async function settled(webhookUrl: string, limitMs = 60_000): Promise<void> {
  const url = new URL('/healthz', webhookUrl);
  const until = Date.now() + limitMs;
  for (;;) {
    const stats = (await (await fetch(url)).json()) as { queued: number; running: number; handling: number };
    if (stats.queued === 0 && stats.running === 0 && stats.handling === 0) return;
    if (Date.now() > until) throw new Error(`the app is still busy after ${limitMs} ms: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A signed delivery, then the wait until the app is idle: webhooks are answered before the work they queue,
 * so what a delivery causes is only on the fake once the app is idle.
 */
export async function deliverSettled(...args: Parameters<typeof deliver>): Promise<Delivery> {
  const delivery = await deliver(...args);
  await settled(args[0]);
  return delivery;
}

/** The bundled app server as a process against a fresh validating fake GitHub, the App registered and installed. */
export async function startAppOnFake(options: {
  appId: number;
  slug: string;
  installation: number;
  secret: string;
  env?: Record<string, string>;
}): Promise<{ fake: FakeGitHub; app: AppProcess; close: () => Promise<void> }> {
  const keys = appKeys();
  const [fake, script] = await Promise.all([startFakeGitHub({ validateResponses: true }), bundleServer()]);
  fake.registerApp({
    id: options.appId,
    slug: options.slug,
    publicKeyPem: keys.publicKeyPem,
    installationIds: [options.installation],
  });
  const app = await startAppProcess({
    script,
    githubUrl: fake.url,
    appId: options.appId,
    privateKeyPem: keys.privateKeyPem,
    secret: options.secret,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  return {
    fake,
    app,
    close: async () => {
      await app.stop();
      await fake.close();
      removeBundle(script);
    },
  };
}
