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
  ],
});
