import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileSet, sourceFile } from '../../../test/support/files.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import { settingValue } from '../../model/index.js';
import { arm } from '../arm/index.js';
import { terraformPlan } from '../terraform-plan/index.js';
import { extract } from './extract.js';
import { azureLive } from './index.js';

const fixture = (name: string): string => readFileSync(new URL(`__fixtures__/${name}`, import.meta.url), 'utf8');

function run(text: string, path = 'live.json') {
  return extract(sourceFile({ [path]: text }, path), fileSet({ [path]: text }));
}

describe('azure-live extract', () => {
  it.each([
    ['az-aks-show-kubenet.json', [['rg-legacy/aks-legacy', 'kubenet', undefined, '10.244.0.0/16', 1]]],
    [
      'az-aks-list.json',
      [
        ['rg-shop/aks-shop', 'azure', 'cilium', '192.168.0.0/16', 1],
        ['rg-batch/aks-batch', 'azure', 'azure', undefined, 2],
      ],
    ],
    [
      'resource-graph.json',
      [
        ['rg-legacy/aks-legacy', 'kubenet', undefined, '10.244.0.0/16', 1],
        ['rg-shop/aks-shop', 'azure', 'cilium', '192.168.0.0/16', 1],
      ],
    ],
  ])('%s', (name, expected) => {
    // Arrange
    const text = fixture(name);
    // Act
    const result = run(text);
    // Assert
    expect(result.problems).toEqual([]);
    expect(
      result.clusters.map((c) => [
        c.id,
        settingValue(c.network.plugin),
        settingValue(c.network.dataplane),
        settingValue(c.network.podCidr),
        c.nodePools.length,
      ]),
    ).toEqual(expected);
  });

  it('reads the resource group from the id when the export has none, and settings at their lines', () => {
    const text = JSON.stringify(
      {
        id: '/subscriptions/0/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/aks-x',
        name: 'aks-x',
        properties: { networkProfile: { networkPlugin: 'kubenet' } },
        type: 'Microsoft.ContainerService/managedClusters',
      },
      null,
      2,
    );
    const [cluster] = run(text).clusters;
    expect(settingValue(cluster?.resourceGroup)).toEqual('rg-x');
    expect(cluster?.network.plugin).toEqual({
      how: 'literal',
      value: 'kubenet',
      range: { file: 'live.json', startLine: 6, endLine: 6, startColumn: 24, endColumn: 32 },
    });
  });

  it.each([
    [
      '[\n  {\n    "name": "aks",\n    "networkProfile": { "networkPlugin": "kubenet", }\n  }\n]',
      4,
      '$[0].networkProfile',
    ],
    ['{\n  "count": 1,\n  "data": [\n    { "name": "a" \n', 5, '$.data[0]'],
    // What the docs print with its middle elided (learn.microsoft.com's aks-migration output).
    ['{\n  "agentPoolProfiles": [],\n  ...\n  "provisioningState": "Succeeded"\n}', 3, '$:'],
  ])('malformed JSON names the line and the JSON path (%#)', (text, line, path) => {
    const result = run(text);
    expect(result.clusters).toEqual([]);
    expect(result.problems[0]?.kind).toEqual('parse-error');
    expect(result.problems[0]?.range.startLine).toEqual(line);
    expect(result.problems[0]?.message).toContain(`at ${path}`);
  });
});

describe('azure-live sniff', () => {
  const armTemplate = readFileSync(new URL('../../../test/corpus/kubenet/azuredeploy.json', import.meta.url), 'utf8');
  const plan = readFileSync(new URL('../../../test/corpus/kubenet/plan.json', import.meta.url), 'utf8');
  it.each([
    ['az aks show', fixture('az-aks-show-kubenet.json'), true],
    ['az aks list', fixture('az-aks-list.json'), true],
    ['az graph query', fixture('resource-graph.json'), true],
    ['an ARM template', armTemplate, false],
    ['a Terraform plan', plan, false],
    ['unrelated JSON', '{ "name": "aks", "type": "something" }', false],
    [
      'a resource list without clusters',
      '[{ "id": "/subscriptions/0/resourceGroups/rg/x", "type": "Microsoft.Network/virtualNetworks" }]',
      false,
    ],
  ])('%s → %s', (_label, text, expected) => {
    expect(azureLive.sniff?.({ path: 'x.json', text })).toEqual(expected);
  });

  it('leaves ARM templates and plans to their own formats', () => {
    expect([
      arm.sniff?.({ path: 'a.json', text: armTemplate }),
      terraformPlan.sniff?.({ path: 'p.json', text: plan }),
    ]).toEqual([true, true]);
  });
});

describe('azure-live through the rules', () => {
  it.each([
    ['az-aks-show-kubenet.json', ['kubenet-retirement']],
    ['resource-graph.json', ['basic-load-balancer', 'kubenet-retirement']],
    ['az-aks-list.json', ['legacy-node-subnet', 'npm-retirement']],
  ])('%s', async (name, rules) => {
    const report = await analyze({ files: [{ path: name, content: fixture(name) }] }, defaultConfig('2026-12-05'));
    expect([...new Set(report.findings.map((f) => f.ruleId))].sort()).toEqual(rules);
  });

  it('tells a live Basic cluster to upgrade with az aks update, not to edit a line', async () => {
    const report = await analyze(
      { files: [{ path: 'rg.json', content: fixture('resource-graph.json') }] },
      defaultConfig('2026-12-05'),
    );
    const basic = report.findings.find((f) => f.ruleId === 'basic-load-balancer');
    expect(basic?.messageId).toEqual('basicLive');
    expect(basic?.message).toContain('az aks update -n aks-legacy -g rg-legacy --load-balancer-sku standard');
  });

  it.each([
    ['az-aks-show-kubenet.json', 'kubenet-retirement', 'kubenet'],
    ['resource-graph.json', 'basic-load-balancer', 'basicLive'],
  ])('a live export new in a pull request adds no cluster: %s says %s/%s', async (name, rule, messageId) => {
    const report = await analyze(
      { files: [{ path: name, content: fixture(name) }], base: { files: [] } },
      defaultConfig('2026-12-05'),
    );
    expect(report.clusters.map((c) => c.change)).not.toContain('added');
    expect(report.findings.find((f) => f.ruleId === rule)?.messageId).toEqual(messageId);
  });

  it('reports a truncated az aks list as a parse error with the file, line and JSON path', async () => {
    // Arrange: the first cluster whole, the second cut off mid-object (a copy interrupted).
    const text = fixture('az-aks-list.json');
    const truncated = text.slice(0, text.indexOf('"networkDataplane": "azure"'));
    // Act
    const report = await analyze({ files: [{ path: 'list.json', content: truncated }] }, defaultConfig('2026-12-05'));
    // Assert
    const errors = report.findings.filter((f) => f.ruleId === 'parse-error');
    expect(report.clusters).toEqual([]);
    expect(errors[0]?.range.file).toEqual('list.json');
    expect(errors[0]?.message).toContain('at $[1].networkProfile');
  });

  it('says a network profile flattened by ConvertTo-Json is unresolved, never the platform default', async () => {
    // Arrange: Search-AzGraph | ConvertTo-Json without -Depth prints nested objects as their type name.
    const row = {
      id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
      name: 'aks',
      properties: { networkProfile: 'System.Collections.Hashtable', agentPoolProfiles: 'System.Object[]' },
      resourceGroup: 'rg',
      type: 'microsoft.containerservice/managedclusters',
    };
    // Act
    const report = await analyze(
      { files: [{ path: 'graph.json', content: JSON.stringify([row], null, 2) }] },
      defaultConfig('2026-12-05'),
    );
    // Assert
    expect(report.clusters.map((c) => c.classification.model)).toEqual(['unresolved']);
  });
});
