import { testRule } from '../../test/support/rule-tester.js';
import { kubenetRetirement } from './kubenet-retirement.js';

const cluster = (networkProfile: string, extra = '') => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
${networkProfile}
  }
}
${extra}`;

const USER_POOL =
  'resource "azurerm_kubernetes_cluster_node_pool" "user" {\n  name                  = "user"\n  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id\n  vm_size               = "Standard_D4s_v5"\n  node_count            = 2\n}\n';

/** A Bicep kubenet cluster: line 6 is the plugin; `pools` start at line 14. */
const bicep = (pools: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    networkProfile: {
      networkPlugin: 'kubenet'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
      }
${pools}
    ]
  }
}
`;

const BICEP_POOL = "      {\n        name: 'user'\n        mode: 'User'\n        count: 2\n      }";

testRule(kubenetRetirement, {
  valid: [
    {
      name: 'Azure CNI Overlay',
      files: { 'main.tf': cluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"') },
    },
    { name: 'Azure CNI node subnet', files: { 'main.tf': cluster('    network_plugin = "azure"') } },
    {
      name: 'Cilium',
      files: { 'main.tf': cluster('    network_plugin = "azure"\n    network_data_plane = "cilium"') },
    },
    {
      name: 'commented-out kubenet',
      files: { 'main.tf': cluster('    # network_plugin = "kubenet"\n    network_plugin = "azure"') },
    },
    {
      name: 'kubenet only in a tag',
      files: {
        'main.tf': cluster('    network_plugin = "azure"').replace(
          'dns_prefix',
          'tags = { note = "was kubenet" }\n  dns_prefix',
        ),
      },
    },
    {
      name: 'a variable that resolves to azure',
      files: {
        'main.tf': cluster('    network_plugin = var.plugin'),
        'variables.tf': 'variable "plugin" {\n  default = "azure"\n}\n',
      },
    },
    {
      name: 'unresolved plugin is not kubenet',
      files: { 'main.tf': cluster('    network_plugin = var.plugin'), 'variables.tf': 'variable "plugin" {}\n' },
    },
  ],
  invalid: [
    {
      name: 'literal kubenet, pointing at the plugin line',
      files: { 'main.tf': cluster('    network_plugin = "kubenet"') },
      errors: [{ messageId: 'kubenet', line: 14, message: /2028-03-31 \(490 days left\)/ }],
    },
    {
      name: 'the countdown follows --today',
      files: { 'main.tf': cluster('    network_plugin = "kubenet"') },
      today: '2028-03-30',
      errors: [{ messageId: 'kubenet', line: 14, message: /\(1 day left\)/ }],
    },
    {
      name: 'after the date it says retired',
      files: { 'main.tf': cluster('    network_plugin = "kubenet"') },
      today: '2028-04-02',
      errors: [{ messageId: 'kubenet', line: 14, message: /retired 2 days ago/ }],
    },
    {
      name: 'kubenet from terraform.tfvars',
      files: {
        'main.tf': cluster('    network_plugin = var.network_plugin'),
        'variables.tf': 'variable "network_plugin" {\n  type    = string\n  default = "azure"\n}\n',
        'terraform.tfvars': 'network_plugin = "kubenet"\n',
      },
      errors: [{ messageId: 'kubenet', line: 14, file: 'main.tf' }],
    },
    {
      name: 'the Azure/aks/azurerm module defaults to kubenet: the module line',
      files: {
        'aks.tf':
          'module "aks" {\n  source              = "Azure/aks/azurerm"\n  version             = "10.0.0"\n  resource_group_name = "rg"\n  prefix              = "demo"\n}\n',
      },
      errors: [{ messageId: 'kubenetDefault', line: 1, message: /kubenet/ }],
    },
    {
      name: 'a node pool added to a kubenet cluster in another file',
      files: {
        'main.tf': cluster('    network_plugin = "kubenet"'),
        'pools.tf':
          'resource "azurerm_kubernetes_cluster_node_pool" "user" {\n  name                  = "user"\n  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id\n  vm_size               = "Standard_D4s_v5"\n  node_count            = 2\n}\n',
      },
      errors: [
        { messageId: 'kubenet', line: 14, file: 'main.tf' },
        { messageId: 'kubenetPool', line: 1, file: 'pools.tf' },
      ],
    },
    {
      name: 'with a base: a change that adds a kubenet cluster',
      base: { 'other.tf': 'locals {\n  x = 1\n}\n' },
      files: { 'main.tf': cluster('    network_plugin = "kubenet"') },
      errors: [
        {
          messageId: 'kubenetAdded',
          line: 14,
          message:
            /adds a new kubenet cluster \(network plugin "kubenet"\): creating kubenet clusters is exactly what Microsoft removes by 2028-03-31/,
        },
      ],
    },
    {
      name: 'with a base: a new cluster from the module default',
      base: {},
      files: {
        'aks.tf':
          'module "aks" {\n  source              = "Azure/aks/azurerm"\n  version             = "10.0.0"\n  resource_group_name = "rg"\n  prefix              = "demo"\n}\n',
      },
      errors: [{ messageId: 'kubenetAdded', line: 1, message: /defaults to \\?"kubenet/ }],
    },
    {
      name: 'with a base: a node pool added to an existing kubenet cluster',
      base: { 'main.tf': cluster('    network_plugin = "kubenet"') },
      files: { 'main.tf': cluster('    network_plugin = "kubenet"'), 'pools.tf': USER_POOL },
      errors: [
        { messageId: 'kubenet', line: 14, file: 'main.tf' },
        {
          messageId: 'kubenetPoolAdded',
          line: 1,
          file: 'pools.tf',
          message: /adds node pool user to kubenet cluster azurerm_kubernetes_cluster\.aks/,
        },
      ],
    },
    {
      name: 'with a base: an unchanged kubenet cluster keeps the plain messages',
      base: { 'main.tf': cluster('    network_plugin = "kubenet"'), 'pools.tf': USER_POOL },
      files: { 'main.tf': cluster('    network_plugin = "kubenet"'), 'pools.tf': USER_POOL },
      errors: [
        { messageId: 'kubenet', line: 14, file: 'main.tf' },
        { messageId: 'kubenetPool', line: 1, file: 'pools.tf' },
      ],
    },
    {
      name: 'with a base: a pool added in the same change as the cluster is part of the new cluster',
      base: {},
      files: { 'main.tf': cluster('    network_plugin = "kubenet"'), 'pools.tf': USER_POOL },
      errors: [
        { messageId: 'kubenetAdded', line: 14, file: 'main.tf' },
        { messageId: 'kubenetPool', line: 1, file: 'pools.tf' },
      ],
    },
    {
      name: 'Bicep with a base: an agent pool added to an existing kubenet cluster',
      base: { 'main.bicep': bicep('') },
      files: { 'main.bicep': bicep(BICEP_POOL) },
      errors: [
        { messageId: 'kubenet', line: 6, file: 'main.bicep' },
        { messageId: 'kubenetPoolAdded', line: 14, file: 'main.bicep' },
      ],
    },
    {
      name: 'Bicep with a base: a new kubenet cluster',
      base: {},
      files: { 'main.bicep': bicep('') },
      errors: [{ messageId: 'kubenetAdded', line: 6 }],
    },
  ],
});
