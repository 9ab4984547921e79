import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

let dir = '';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: dir,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
    env: {},
  });
  return { code, stdout, stderr };
}

function cluster(name: string, group: string, network: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `/subscriptions/0000/resourcegroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name,
    networkProfile: network,
    resourceGroup: group,
    type: 'Microsoft.ContainerService/ManagedClusters',
  };
}

const TERRAFORM = (name: string, group: string, profile: string) => `
resource "azurerm_kubernetes_cluster" "${name.replace(/[^a-z]/g, '_')}" {
  name                = "${name}"
  resource_group_name = "${group}"
  network_profile {
${profile}
  }
}
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netguide-drift-'));
  writeFileSync(
    path.join(dir, 'main.tf'),
    [
      'terraform {\n  required_providers {\n    azurerm = { source = "hashicorp/azurerm", version = "~> 4.10" }\n  }\n}',
      TERRAFORM('aks-legacy', 'rg-legacy', '    network_plugin = "kubenet"'),
      TERRAFORM('aks-shop', 'rg-shop', '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"'),
      TERRAFORM('aks-gone', 'rg-gone', '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"'),
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'live.json'),
    JSON.stringify(
      [
        cluster('aks-legacy', 'rg-legacy', { networkPlugin: 'azure', networkPluginMode: 'overlay' }),
        cluster('aks-shop', 'rg-shop', {
          networkPlugin: 'azure',
          networkPluginMode: 'overlay',
          networkDataplane: 'cilium',
        }),
        cluster('aks-batch', 'rg-batch', { networkPlugin: 'azure' }),
        cluster('aks-\u001b[31m<b>@team', 'rg-x', { networkPlugin: 'azure' }),
      ],
      null,
      2,
    ),
  );
  writeFileSync(
    path.join(dir, 'broken.json'),
    '[\n  {\n    "name": "aks",\n    "networkProfile": { "networkPlugin": }\n  }\n]',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface DriftJson {
  problems: { file: string; line: number; message: string }[];
  matches: {
    live: { id: string };
    code: { id: string };
    matchedBy: string;
    differences: { setting: string; live: string; code?: string; consequence: string }[];
  }[];
  liveOnly: { id: string }[];
  codeOnly: { id: string }[];
}

describe('netguide drift', () => {
  it('matches live clusters to their code and says what the next apply does', async () => {
    // Act
    const { code, stdout } = await run(['drift', '--live', 'live.json', '-f', 'json', 'main.tf']);
    // Assert
    const report = JSON.parse(stdout) as DriftJson;
    expect(code).toEqual(1);
    expect(
      report.matches.map((m) => [
        m.live.id,
        m.code.id,
        m.matchedBy,
        m.differences.map((d) => [d.setting, d.live, d.code]),
      ]),
    ).toEqual([
      [
        'rg-legacy/aks-legacy',
        'azurerm_kubernetes_cluster.aks_legacy',
        'name and resource group',
        [['plugin', 'azure', 'kubenet']],
      ],
      [
        'rg-shop/aks-shop',
        'azurerm_kubernetes_cluster.aks_shop',
        'name and resource group',
        [['dataplane', 'cilium', undefined]],
      ],
    ]);
    expect(report.matches[0]?.differences[0]?.consequence).toContain(
      'plans azure → kubenet, which replaces the cluster',
    );
    expect(report.matches[1]?.differences[0]?.consequence).toContain('defaults to "azure" from azurerm 4.0.0');
    expect(report.liveOnly.map((e) => e.id)).toEqual(['rg-batch/aks-batch', 'rg-x/aks-\u001b[31m<b>@team']);
    expect(report.codeOnly.map((e) => e.id)).toEqual(['azurerm_kubernetes_cluster.aks_gone']);
  });

  it.each([
    ['text', (out: string) => !out.includes('\u001b') && out.includes('aks- [31m<b>@team')],
    ['markdown', (out: string) => !out.includes('\u001b') && out.includes('`rg-x/aks- [31m<b>@team`')],
  ])('escapes hostile names in %s', async (format, check) => {
    const { stdout } = await run(['drift', '--live', 'live.json', '-f', format, 'main.tf']);
    expect(check(stdout)).toEqual(true);
  });

  it('names the line and JSON path of a malformed live file', async () => {
    const { code, stdout } = await run(['drift', '--live', 'broken.json', '-f', 'json', 'main.tf']);
    const report = JSON.parse(stdout) as DriftJson;
    expect(code).toEqual(1);
    expect(report.problems[0]?.file).toEqual('broken.json');
    expect(report.problems[0]?.line).toEqual(4);
    expect(report.problems[0]?.message).toContain('$[0].networkProfile.networkPlugin');
  });

  it.each([
    [['drift', 'main.tf'], 'drift needs --live FILE'],
    [['drift', '--live', 'missing.json'], '--live missing.json: cannot be read'],
    [['drift', '--live', 'live.json', '-f', 'sarif'], '--format must be one of text, json, markdown'],
  ])('usage error for %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect([code, stderr.includes(message)]).toEqual([2, true]);
  });

  it('says what a deployment of a non-Terraform definition asks AKS to change', async () => {
    // Arrange: an ARM template that still says kubenet for a cluster that runs Overlay.
    writeFileSync(
      path.join(dir, 'arm.json'),
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [
          {
            type: 'Microsoft.ContainerService/managedClusters',
            apiVersion: '2025-10-01',
            name: 'aks-legacy',
            location: 'westeurope',
            properties: { networkProfile: { networkPlugin: 'kubenet' } },
          },
        ],
      }),
    );
    // Act
    const { stdout } = await run(['drift', '--live', 'live.json', '-f', 'json', 'arm.json']);
    // Assert
    const report = JSON.parse(stdout) as DriftJson;
    expect(report.matches.map((m) => [m.matchedBy, m.differences.map((d) => d.consequence)])).toEqual([
      [
        'name',
        [
          'the next deployment asks AKS to change plugin azure → kubenet; make the code say azure, or check that AKS can make that change in place (netguide migrate)',
        ],
      ],
    ]);
  });
});
