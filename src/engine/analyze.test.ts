import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { defaultConfig } from './config.js';

const DOC = 'Create a cluster:\n\n```bash\naz aks create -g rg -n aks --network-plugin kubenet\n```\n';
const TF =
  'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n';

describe('analyze: severities', () => {
  it.each([
    {
      name: 'a cluster only in documentation is capped at notice',
      files: { 'docs/setup.md': DOC },
      config: {},
      severity: 'notice',
    },
    {
      name: 'the documentation cap is configurable',
      files: { 'docs/setup.md': DOC },
      config: { documentationSeverity: 'warning' as const },
      severity: 'warning',
    },
    { name: 'a real definition keeps the rule severity', files: { 'main.tf': TF }, config: {}, severity: 'error' },
    {
      name: 'the configuration overrides a rule',
      files: { 'main.tf': TF },
      config: { rules: { 'kubenet-retirement': 'warning' as const } },
      severity: 'warning',
    },
  ])('$name', async ({ files, config, severity }) => {
    const report = await analyze(
      { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
      { ...defaultConfig('2026-11-27'), ...config },
    );
    expect(report.findings.filter((f) => f.ruleId === 'kubenet-retirement').map((f) => f.severity)).toEqual([severity]);
  });

  it('documentation off drops findings on documentation clusters', async () => {
    const report = await analyze(
      { files: [{ path: 'docs/setup.md', content: DOC }] },
      { ...defaultConfig('2026-11-27'), documentationSeverity: 'off' },
    );
    expect(report.clusters).toHaveLength(1);
    expect(report.findings).toEqual([]);
  });

  it('a rule turned off reports nothing', async () => {
    const report = await analyze(
      { files: [{ path: 'main.tf', content: TF }] },
      { ...defaultConfig('2026-11-27'), rules: { 'kubenet-retirement': 'off' } },
    );
    expect(report.findings.filter((f) => f.ruleId === 'kubenet-retirement')).toEqual([]);
  });

  it('with a base, marks clusters added or changed and keeps the previous classification', async () => {
    const overlay = TF.replace(
      'network_plugin = "kubenet"',
      'network_plugin = "azure"\n    network_plugin_mode = "overlay"',
    );
    const report = await analyze(
      {
        files: [
          { path: 'main.tf', content: overlay },
          { path: 'new.tf', content: TF.replace('"aks"', '"other"') },
        ],
        base: { files: [{ path: 'main.tf', content: TF }] },
      },
      defaultConfig('2026-11-27'),
    );
    expect(
      report.clusters.map((c) => [c.cluster.id, c.change, c.previousClassification?.model, c.classification.model]),
    ).toEqual([
      ['azurerm_kubernetes_cluster.aks', 'changed', 'kubenet', 'azure-cni-overlay'],
      ['azurerm_kubernetes_cluster.other', 'added', undefined, 'kubenet'],
    ]);
    expect(report.base?.findings.map((f) => f.ruleId)).toContain('kubenet-retirement');
  });
});

const TF_VAR_CLUSTER =
  'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n  network_profile {\n    network_plugin = var.network_plugin\n  }\n}\n';
const BICEP_CLUSTER = (param: string) =>
  `${param}\nresource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {\n  name: 'aks'\n  location: 'westeurope'\n  properties: {\n    networkProfile: {\n      networkPlugin: plugin\n    }\n  }\n}\n`;
const ARM_TEMPLATE = `${JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { plugin: { type: 'string', defaultValue: 'azure' } },
    resources: [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2024-05-01',
        name: 'aks',
        location: 'westeurope',
        properties: { networkProfile: { networkPlugin: "[parameters('plugin')]" } },
      },
    ],
  },
  null,
  2,
)}\n`;
const ARM_PARAMETERS = `${JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: { plugin: { value: 'kubenet' } },
  },
  null,
  2,
)}\n`;

describe('analyze: the locations that decide a finding', () => {
  it.each([
    {
      name: 'Terraform: terraform.tfvars',
      files: {
        'main.tf': TF_VAR_CLUSTER,
        'variables.tf': 'variable "network_plugin" {\n  default = "azure"\n}\n',
        'terraform.tfvars': 'network_plugin = "kubenet"\n',
      },
      at: 'main.tf:4',
      related: [{ at: 'terraform.tfvars:1', readThrough: 'var.network_plugin' }],
    },
    {
      name: 'Terraform: a variable default',
      files: { 'main.tf': TF_VAR_CLUSTER, 'variables.tf': 'variable "network_plugin" {\n  default = "kubenet"\n}\n' },
      at: 'main.tf:4',
      related: [{ at: 'variables.tf:2', readThrough: 'var.network_plugin' }],
    },
    {
      name: 'Terraform: a local',
      files: { 'main.tf': `locals {\n  plugin = "kubenet"\n}\n${TF.replace('"kubenet"', 'local.plugin')}` },
      at: 'main.tf:7',
      related: [{ at: 'main.tf:2', readThrough: 'local.plugin' }],
    },
    {
      name: 'Terraform: a registry module argument from a variable',
      files: {
        'main.tf':
          'module "aks" {\n  source  = "Azure/aks/azurerm"\n  version = "9.0.0"\n  network_plugin = var.plugin\n}\n',
        'variables.tf': 'variable "plugin" {\n  default = "kubenet"\n}\n',
      },
      at: 'main.tf:4',
      related: [{ at: 'variables.tf:2', readThrough: 'var.plugin' }],
    },
    {
      name: 'Bicep: a parameter default',
      files: { 'main.bicep': BICEP_CLUSTER("param plugin string = 'kubenet'") },
      at: 'main.bicep:7',
      related: [{ at: 'main.bicep:1', readThrough: 'plugin' }],
    },
    {
      name: 'Bicep: a .bicepparam file',
      files: {
        'main.bicep': BICEP_CLUSTER("param plugin string = 'azure'"),
        'main.bicepparam': "using 'main.bicep'\n\nparam plugin = 'kubenet'\n",
      },
      at: 'main.bicep:7',
      related: [{ at: 'main.bicepparam:3', readThrough: 'plugin' }],
    },
    {
      name: 'Bicep: a module argument',
      files: {
        'main.bicep': "module aks 'aks.bicep' = {\n  name: 'aks'\n  params: {\n    plugin: 'kubenet'\n  }\n}\n",
        'aks.bicep': BICEP_CLUSTER('param plugin string'),
      },
      at: 'aks.bicep:7',
      related: [{ at: 'main.bicep:4', readThrough: 'plugin' }],
    },
    {
      name: 'ARM: a parameters file',
      files: { 'azuredeploy.json': ARM_TEMPLATE, 'azuredeploy.parameters.json': ARM_PARAMETERS },
      at: 'azuredeploy.json:18',
      related: [{ at: 'azuredeploy.parameters.json:6', readThrough: "[parameters('plugin')]" }],
    },
    {
      name: 'az CLI: a shell variable',
      files: { 'create.sh': '#!/bin/bash\nPLUGIN=kubenet\naz aks create -g rg -n aks --network-plugin "$PLUGIN"\n' },
      at: 'create.sh:3',
      related: [{ at: 'create.sh:2', readThrough: '"$PLUGIN"' }],
    },
    { name: 'a literal has none', files: { 'main.tf': TF }, at: 'main.tf:4', related: [] },
  ])('$name', async ({ files, at, related }) => {
    const report = await analyze(
      { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
      defaultConfig('2026-11-27'),
    );

    const findings = report.findings
      .filter((f) => f.ruleId === 'kubenet-retirement')
      .map((f) => ({
        at: `${f.range.file}:${f.range.startLine}`,
        related: (f.related ?? []).map((r) => ({
          at: `${r.range.file}:${r.range.startLine}`,
          readThrough: r.readThrough,
        })),
      }));

    expect(findings).toEqual([{ at, related }]);
  });

  it('related locations leave the fingerprint alone', async () => {
    const literal = await analyze({ files: [{ path: 'main.tf', content: TF }] }, defaultConfig('2026-11-27'));
    const fromVariable = await analyze(
      {
        files: [
          { path: 'main.tf', content: TF.replace('"kubenet"', 'var.network_plugin') },
          { path: 'variables.tf', content: 'variable "network_plugin" {\n  default = "kubenet"\n}\n' },
        ],
      },
      defaultConfig('2026-11-27'),
    );

    const fingerprints = [literal, fromVariable].map((report) => report.findings.map((f) => f.fingerprint));

    expect(fromVariable.findings[0]?.related).toHaveLength(1);
    expect(fingerprints[1]).toEqual(fingerprints[0]);
  });
});
