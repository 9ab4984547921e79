import { cluster } from '../action/harness.js';

/**
 * Pull requests that change only the line a value is *written* on, not the line that uses it: the finding
 * is new, it must gate, and its inline comment must land on the changed line. Shared by the Action and App
 * end-to-end tests.
 */
export interface DecidingPull {
  name: string;
  base: Record<string, string>;
  head: Record<string, string>;
  /** Where the kubenet-retirement comment must go: the changed line. */
  comment: [string, number];
  /** The line the finding is about, as the comment names it. */
  reads: string;
}

const TF_MAIN = cluster('aks', '    network_plugin = var.network_plugin');
const variables = (plugin: string) => `variable "network_plugin" {\n  type    = string\n  default = "${plugin}"\n}\n`;

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
const armParameters = (plugin: string) =>
  `${JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { plugin: { value: plugin } },
    },
    null,
    2,
  )}\n`;

const BICEP_MODULE = `param plugin string
resource aks 'Microsoft.ContainerService/managedClusters@2024-05-01' = {
  name: 'aks'
  location: 'westeurope'
  properties: {
    networkProfile: {
      networkPlugin: plugin
    }
  }
}
`;
const bicepCaller = (plugin: string) =>
  `module aks 'aks.bicep' = {\n  name: 'aks'\n  params: {\n    plugin: '${plugin}'\n  }\n}\n`;

export const DECIDING_PULLS: DecidingPull[] = [
  {
    name: 'a terraform.tfvars-only PR',
    base: {
      'infra/main.tf': TF_MAIN,
      'infra/variables.tf': variables('azure'),
      'infra/terraform.tfvars': 'network_plugin = "azure"\n',
    },
    head: {
      'infra/main.tf': TF_MAIN,
      'infra/variables.tf': variables('azure'),
      'infra/terraform.tfvars': 'network_plugin = "kubenet"\n',
    },
    comment: ['infra/terraform.tfvars', 1],
    reads: '`infra/main.tf:14` reads it through `var.network_plugin`',
  },
  {
    name: 'a variables.tf-only PR',
    base: { 'infra/main.tf': TF_MAIN, 'infra/variables.tf': variables('azure') },
    head: { 'infra/main.tf': TF_MAIN, 'infra/variables.tf': variables('kubenet') },
    comment: ['infra/variables.tf', 3],
    reads: '`infra/main.tf:14` reads it through `var.network_plugin`',
  },
  {
    name: 'an ARM parameters-file-only PR',
    base: { 'arm/azuredeploy.json': ARM_TEMPLATE, 'arm/azuredeploy.parameters.json': armParameters('azure') },
    head: { 'arm/azuredeploy.json': ARM_TEMPLATE, 'arm/azuredeploy.parameters.json': armParameters('kubenet') },
    comment: ['arm/azuredeploy.parameters.json', 6],
    reads: "`arm/azuredeploy.json:18` reads it through `[parameters('plugin')]`",
  },
  {
    name: 'a Bicep module-argument-only PR',
    base: { 'bicep/main.bicep': bicepCaller('azure'), 'bicep/aks.bicep': BICEP_MODULE },
    head: { 'bicep/main.bicep': bicepCaller('kubenet'), 'bicep/aks.bicep': BICEP_MODULE },
    comment: ['bicep/main.bicep', 4],
    reads: '`bicep/aks.bicep:7` reads it through `plugin`',
  },
];

/** Touches unrelated lines of the same files while kubenet was already there: must not gate. */
export const UNRELATED_PULL = {
  base: {
    'infra/main.tf': TF_MAIN,
    'infra/variables.tf': variables('kubenet'),
    'infra/terraform.tfvars': '# network\nnetwork_plugin = "kubenet"\n',
  },
  head: {
    'infra/main.tf': TF_MAIN.replace('node_count = 3', 'node_count = 4'),
    'infra/variables.tf': variables('kubenet').replace('type    = string', 'type    = string # azure or kubenet'),
    'infra/terraform.tfvars': '# network settings\nnetwork_plugin = "kubenet"\n',
  },
};
