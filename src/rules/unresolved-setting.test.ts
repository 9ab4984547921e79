import { testRule } from '../../test/support/rule-tester.js';
import { unresolvedSetting } from './unresolved-setting.js';

const cluster = (networkProfile: string) => `resource "azurerm_kubernetes_cluster" "aks" {
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
`;

testRule(unresolvedSetting, {
  valid: [
    { name: 'a literal plugin', files: { 'main.tf': cluster('    network_plugin = "kubenet"') } },
    {
      name: 'kubenet decides even when the dataplane is unknown',
      files: { 'main.tf': cluster('    network_plugin = "kubenet"\n    network_data_plane = data.x.y') },
    },
    {
      name: 'a variable with a default',
      files: {
        'main.tf': cluster('    network_plugin = var.p'),
        'variables.tf': 'variable "p" {\n  default = "azure"\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a variable without a default',
      files: {
        'main.tf': cluster('    network_plugin = var.p'),
        'variables.tf': 'variable "p" {\n  type = string\n}\n',
      },
      errors: [{ messageId: 'unresolved', line: 14, message: /`var\.p`/ }],
    },
    {
      name: 'a function call',
      files: { 'main.tf': cluster('    network_plugin = lower(data.external.cfg.result.plugin)') },
      errors: [{ messageId: 'unresolved', line: 14, message: /terraform show -json/ }],
    },
    {
      name: 'the plugin mode decides for azure',
      files: {
        'main.tf': cluster('    network_plugin = "azure"\n    network_plugin_mode = var.mode'),
        'variables.tf': 'variable "mode" {}\n',
      },
      errors: [{ messageId: 'unresolved', line: 15, message: /network plugin mode/ }],
    },
    {
      name: 'a plugin value AKS does not accept',
      files: { 'main.tf': cluster('    network_plugin = "calico"') },
      errors: [{ messageId: 'invalidValue', line: 14, message: /"calico" is not one AKS accepts/ }],
    },
  ],
});
