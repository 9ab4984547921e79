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
