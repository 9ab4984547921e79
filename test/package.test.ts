import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What a newcomer does: `npm pack`, install the tarball into an empty folder, `npx netguide scan`. It needs
 * `lib/` built (npm test builds it first) and the registry or npm's cache for the dependencies.
 */
const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'netguide-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

describe('the published package', () => {
  it('installs from its tarball and `npx netguide scan` runs', () => {
    npm(['pack', '--ignore-scripts', '--pack-destination', dir], repoRoot);
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz')) ?? '';
    writeFileSync(path.join(dir, 'package.json'), '{"name":"empty","version":"1.0.0","private":true}\n');
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], dir);
    mkdirSync(path.join(dir, 'infra'));
    writeFileSync(
      path.join(dir, 'infra', 'main.tf'),
      'resource "azurerm_kubernetes_cluster" "a" {\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n',
    );

    let output = '';
    let status = 0;
    try {
      npm(['exec', '--', 'netguide', 'scan', 'infra', '--format', 'json', '--today', '2026-12-05'], dir);
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      output = failed.stdout;
    }

    const report = JSON.parse(output) as { findings: { ruleId: string }[] };
    expect(status).toBe(1);
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(['kubenet-retirement']);
  }, 300_000);
});
