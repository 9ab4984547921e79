import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { defaultConfig } from './config.js';

// Shapes seen in the real corpus (docs/accuracy.md): an `hcl` module-free resource fence
// (mlinxfeld/terraform-az-fk-aks READMEs carry `hcl` fences), an `azurepowershell-interactive` fence
// (MicrosoftDocs/azure-aks-docs quick-kubernetes-deploy-powershell.md), a CAPZ `yaml` fence
// (kubernetes-sigs/cluster-api-provider-azure docs/book/src/managed/managedcluster.md), trimmed.
const DOC = [
  '# Example', // 1
  '', // 2
  '```hcl', // 3
  'resource "azurerm_kubernetes_cluster" "aks" {', // 4
  '  name = "aks"', // 5
  '  network_profile {', // 6
  '    network_plugin = "kubenet"', // 7
  '  }', // 8
  '}', // 9
  '```', // 10
  '', // 11
  '```azurepowershell-interactive', // 12
  'New-AzAksCluster -ResourceGroupName rg -Name myAKSCluster -GenerateSshKey', // 13
  '```', // 14
  '', // 15
  '```yaml', // 16
  'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1', // 17
  'kind: AzureManagedControlPlane', // 18
  'metadata:', // 19
  '  name: my-cluster', // 20
  'spec:', // 21
  '  networkPlugin: azure', // 22
  '```', // 23
  '',
].join('\n');

describe('Markdown fences read by the format their info string names', () => {
  it('reads each fence with its format, on the document lines, as documentation', async () => {
    const report = await analyze({ files: [{ path: 'docs/README.md', content: DOC }] }, defaultConfig('2026-12-05'));

    const clusters = report.clusters.map(({ cluster, classification }) => ({
      format: cluster.format,
      file: cluster.range.file,
      line: cluster.range.startLine,
      documentation: cluster.documentation,
      model: classification.model,
    }));

    expect(clusters).toEqual([
      { format: 'terraform', file: 'docs/README.md', line: 4, documentation: true, model: 'kubenet' },
      {
        format: 'azure-powershell',
        file: 'docs/README.md',
        line: 13,
        documentation: true,
        model: 'azure-cni-node-subnet',
      },
      { format: 'kubernetes', file: 'docs/README.md', line: 17, documentation: true, model: 'azure-cni-node-subnet' },
    ]);
  });

  it.each([
    ['a variable beside the document does not resolve a fence', 'variables.tf'],
    ['a fence is its own scope', 'other.tf'],
  ])('%s', async (_name, sibling) => {
    const doc =
      '```hcl\nresource "azurerm_kubernetes_cluster" "a" {\n  network_profile {\n    network_plugin = var.p\n  }\n}\n```\n';
    const report = await analyze(
      {
        files: [
          { path: 'README.md', content: doc },
          { path: sibling, content: 'variable "p" {\n  default = "kubenet"\n}\n' },
        ],
        targets: ['README.md'],
      },
      defaultConfig('2026-12-05'),
    );

    expect(report.clusters.map(({ classification }) => classification.model)).toEqual(['unresolved']);
  });
});
