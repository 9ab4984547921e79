import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import type { AnalyzeInput } from '../engine/analyze.js';
import { defaultConfig } from '../engine/config.js';
import { kubenetRetirement } from '../rules/kubenet-retirement.js';
import type { FormatId } from '../model/index.js';
import { FORMATS, writerFor } from './index.js';

const TF = (version: string) => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${version}"
    }
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
  network_profile {
    network_plugin = "kubenet"
    pod_cidr       = "10.244.0.0/16"
  }
}
`;

const BICEP = `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks'
  location: 'westeurope'
  properties: {
    networkProfile: {
      networkPlugin: 'kubenet'
    }
  }
}
`;

const ARM = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2025-10-01',
        name: 'aks',
        properties: { networkProfile: { networkPlugin: 'kubenet' } },
      },
    ],
  },
  null,
  2,
);

const CLI =
  'az aks create \\\n  --resource-group rg \\\n  --name aks \\\n  --network-plugin kubenet \\\n  --generate-ssh-keys\n';
const PS = 'New-AzAksCluster -ResourceGroupName rg -Name aks `\n  -NetworkPlugin kubenet `\n  -NodeCount 3\n';
const ASO =
  'apiVersion: containerservice.azure.com/v1api20240901\nkind: ManagedCluster\nmetadata:\n  name: aks\nspec:\n  networkProfile:\n    networkPlugin: kubenet\n';
const PULUMI =
  'import * as azure_native from "@pulumi/azure-native";\nnew azure_native.containerservice.ManagedCluster("aks", {\n    resourceGroupName: "rg",\n    networkProfile: {\n        networkPlugin: "kubenet"\n    },\n});\n';

async function suggestionFor(path: string, text: string, added: boolean) {
  const input: AnalyzeInput = { files: [{ path, content: text }] };
  if (added) input.base = { files: [] };
  const report = await analyze(input, defaultConfig('2026-11-27'), { rules: [kubenetRetirement] });
  return report.findings.find((f) => f.suggestion !== undefined)?.suggestion;
}

/** Applies the suggestion to the file and analyzes it again: the edit must parse and mean Overlay. */
async function modelAfter(
  path: string,
  text: string,
  suggestion: { range: { startLine: number; endLine: number }; replacement: string },
) {
  const lines = text.split('\n');
  lines.splice(
    suggestion.range.startLine - 1,
    suggestion.range.endLine - suggestion.range.startLine + 1,
    ...suggestion.replacement.split('\n'),
  );
  const report = await analyze({ files: [{ path, content: lines.join('\n') }] }, defaultConfig('2026-11-27'));
  return {
    models: report.clusters.map((c) => c.classification.model),
    problems: report.findings.filter((f) => f.ruleId === 'parse-error'),
  };
}

describe('kubenet-retirement suggestions', () => {
  it.each([
    {
      name: 'Terraform, azurerm >= 4.66 (in place)',
      path: 'main.tf',
      text: TF('>= 4.66.0, < 5.0.0'),
      added: false,
      replacement: '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"',
    },
    {
      name: 'Terraform, new cluster on any provider',
      path: 'main.tf',
      text: TF('~> 4.40'),
      added: true,
      replacement: '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"',
    },
    {
      name: 'Bicep, new cluster',
      path: 'main.bicep',
      text: BICEP,
      added: true,
      replacement: "      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'",
    },
    {
      name: 'ARM, new cluster (comma added)',
      path: 'azuredeploy.json',
      text: ARM,
      added: true,
      replacement: '          "networkPlugin": "azure",\n          "networkPluginMode": "overlay"',
    },
    {
      name: 'az aks create (always a creation)',
      path: 'deploy.sh',
      text: CLI,
      added: false,
      replacement: '  --network-plugin azure --network-plugin-mode overlay \\',
    },
    {
      name: 'New-AzAksCluster',
      path: 'deploy.ps1',
      text: PS,
      added: false,
      replacement: '  -NetworkPlugin azure -NetworkPluginMode overlay `',
    },
    {
      name: 'ASO YAML, new cluster',
      path: 'cluster.yaml',
      text: ASO,
      added: true,
      replacement: '    networkPlugin: azure\n    networkPluginMode: overlay',
    },
    {
      name: 'Pulumi TypeScript, new cluster',
      path: 'index.ts',
      text: PULUMI,
      added: true,
      replacement: '        networkPlugin: "azure",\n        networkPluginMode: "overlay"',
    },
  ])('$name', async ({ path, text, added, replacement }) => {
    const suggestion = await suggestionFor(path, text, added);
    expect(suggestion?.replacement).toBe(replacement);
    if (suggestion === undefined) return;
    expect(await modelAfter(path, text, suggestion)).toEqual({ models: ['azure-cni-overlay'], problems: [] });
  });

  it.each([
    {
      name: 'Terraform, an existing cluster whose provider may be older than 4.66 (it would be replaced)',
      path: 'main.tf',
      text: TF('~> 4.40'),
    },
    {
      name: 'Terraform without a provider constraint',
      path: 'main.tf',
      text: TF('~> 4.40').replace(/terraform \{[\s\S]*?\n\}\n/, ''),
    },
    { name: 'an existing Bicep cluster (no documented in-place template path)', path: 'main.bicep', text: BICEP },
  ])('not offered: $name', async ({ path, text }) => {
    const base = await analyze(
      { files: [{ path, content: text }], base: { files: [{ path, content: text }] } },
      defaultConfig('2026-11-27'),
      { rules: [kubenetRetirement] },
    );
    expect(base.findings.filter((f) => f.suggestion !== undefined)).toEqual([]);
  });
});

describe('format writers', () => {
  it('registers every format under its own id', () => {
    const ids = FORMATS.map((format) => format.id);

    expect(new Set(ids).size).toBe(FORMATS.length);
    expect(FORMATS.map((format) => writerFor(format.id) === format.write)).toEqual(FORMATS.map(() => true));
  });

  it.each<{ format: FormatId; spelled: string; edit: string | undefined; terraform?: 'configuration' | 'plan' }>([
    {
      format: 'terraform',
      spelled: 'network_plugin_mode = "overlay"',
      edit: 'network_plugin      = "azure"\nnetwork_plugin_mode = "overlay"',
      terraform: 'configuration',
    },
    // A plan is regenerated from its configuration: spelled as Terraform, no edit of its own.
    { format: 'terraform-plan', spelled: 'network_plugin_mode = "overlay"', edit: undefined, terraform: 'plan' },
    {
      format: 'bicep',
      spelled: "networkPluginMode: 'overlay'",
      edit: "networkPlugin: 'azure'\nnetworkPluginMode: 'overlay'",
    },
    {
      format: 'arm',
      spelled: '"networkPluginMode": "overlay"',
      edit: '"networkPlugin": "azure",\n"networkPluginMode": "overlay"',
    },
    {
      format: 'pulumi',
      spelled: 'networkPluginMode: "overlay"',
      edit: 'networkPlugin: "azure",\nnetworkPluginMode: "overlay",',
    },
    {
      format: 'kubernetes',
      spelled: 'networkPluginMode: overlay',
      edit: 'networkPlugin: azure\nnetworkPluginMode: overlay',
    },
    {
      format: 'azure-cli',
      spelled: '--network-plugin-mode overlay',
      edit: '--network-plugin azure --network-plugin-mode overlay',
    },
    {
      format: 'azure-powershell',
      spelled: '-NetworkPluginMode overlay',
      edit: '-NetworkPlugin azure -NetworkPluginMode overlay',
    },
  ])('$format spells the plugin mode, writes the Overlay edit', ({ format, spelled, edit, terraform }) => {
    const writer = writerFor(format);

    const written = {
      spelled: writer.spell('pluginMode', 'overlay'),
      edit: writer.overlayEdit(),
      terraform: writer.terraform,
    };

    expect(written).toEqual({ spelled, edit, terraform });
  });

  it.each<[FormatId, string]>([
    ['terraform', 'dns_service_ip = "10.0.0.10"'],
    ['bicep', "dnsServiceIP: '10.0.0.10'"],
    ['arm', '"dnsServiceIP": "10.0.0.10"'],
    ['kubernetes', 'dnsServiceIP: 10.0.0.10'],
    ['azure-cli', '--dns-service-ip 10.0.0.10'],
    ['azure-powershell', '-DnsServiceIP 10.0.0.10'],
  ])('%s spells a name that is not a plain case change of the others: %s', (format, spelled) => {
    expect(writerFor(format).spell('dnsServiceIp', '10.0.0.10')).toBe(spelled);
  });
});
