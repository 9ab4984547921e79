import { testRule } from '../../test/support/rule-tester.js';
import { npmRetirement } from './npm-retirement.js';

/** A Terraform cluster: line 14 is the first network_profile line. */
const terraform = (networkProfile: string, extra = '') => `resource "azurerm_kubernetes_cluster" "aks" {
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

const NPM = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_policy      = "azure"';

const windowsPool = `resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
}
`;

/** A Bicep cluster: line 9 is the network policy. */
const bicep = (
  policy: string,
  pools = "      {\n        name: 'system'\n        mode: 'System'\n        count: 3\n      }",
) =>
  `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: '${policy}'
    }
    agentPoolProfiles: [
${pools}
    ]
  }
}
`;

const BICEP_WINDOWS =
  "      {\n        name: 'system'\n        mode: 'System'\n        count: 3\n      }\n      {\n        name: 'win'\n        osType: 'Windows'\n        count: 2\n      }";

const avm = (version: string) => `module "aks" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "${version}"
  name      = "aks-demo"
  location  = "westeurope"
  parent_id = "/subscriptions/0000/resourceGroups/rg-demo"
}
`;

testRule(npmRetirement, {
  valid: [
    {
      name: 'Terraform: Cilium network policy',
      files: {
        'main.tf': terraform(
          '    network_plugin = "azure"\n    network_data_plane = "cilium"\n    network_policy = "cilium"',
        ),
      },
    },
    {
      name: 'Terraform: Calico',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    network_policy = "calico"') },
    },
    {
      name: 'Terraform: no network policy',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    network_plugin_mode = "overlay"') },
    },
    {
      name: 'Terraform: an unresolved policy is not guessed',
      files: {
        'main.tf': terraform('    network_plugin = "azure"\n    network_policy = var.policy'),
        'variables.tf': 'variable "policy" {}\n',
      },
    },
    {
      name: 'Terraform: kubenet with Azure NPM is an invalid combination, reported elsewhere',
      files: { 'main.tf': terraform('    network_plugin = "kubenet"\n    network_policy = "azure"') },
    },
    { name: 'Terraform: the AVM module from v0.4.0 leaves the profile to AKS', files: { 'main.tf': avm('0.4.0') } },
    { name: 'Bicep: Cilium', files: { 'main.bicep': bicep('cilium') } },
    { name: 'Bicep: none', files: { 'main.bicep': bicep('none') } },
    {
      name: 'az CLI: calico',
      files: { 'deploy.sh': 'az aks create -n aks -g rg --network-plugin azure --network-policy calico\n' },
    },
    {
      name: 'az CLI: update to Cilium',
      files: { 'deploy.sh': 'az aks update -n aks -g rg --network-dataplane cilium\n' },
    },
  ],
  invalid: [
    {
      name: 'Terraform: Linux only, pointing at the policy line',
      files: { 'main.tf': terraform(NPM) },
      errors: [
        {
          messageId: 'npm',
          line: 16,
          message:
            /Linux nodes ends on 2028-09-30 \(673 days left\).*network_data_plane = "cilium" and network_policy = "cilium" \(azurerm 4\.58\.0 or later.*ipBlock/,
        },
      ],
    },
    {
      name: 'Terraform: a Linux-only cluster does not mention Windows',
      files: { 'main.tf': terraform(NPM) },
      errors: [{ messageId: 'npm', line: 16, message: /^(?![\s\S]*Windows)/ }],
    },
    {
      name: 'Terraform: mixed case is still Azure NPM',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    network_policy = "Azure"') },
      errors: [{ messageId: 'npm', line: 15 }],
    },
    {
      name: 'Terraform: a policy from terraform.tfvars',
      files: {
        'main.tf': terraform('    network_plugin = "azure"\n    network_policy = var.policy'),
        'variables.tf': 'variable "policy" {\n  default = "calico"\n}\n',
        'terraform.tfvars': 'policy = "azure"\n',
      },
      errors: [{ messageId: 'npm', line: 15, file: 'main.tf' }],
    },
    {
      name: 'Terraform: a Windows pool brings both dates, and the Windows one has passed',
      files: { 'main.tf': terraform(NPM), 'pools.tf': windowsPool },
      errors: [
        {
          messageId: 'npmWindows',
          line: 16,
          file: 'main.tf',
          message:
            /node pool win runs Windows: NPM support on Windows nodes ended on 2026-09-30 \(new subscriptions can no longer onboard\), and on Linux nodes ends on 2028-09-30.*Calico/,
        },
      ],
    },
    {
      name: 'Terraform: before the Windows date it counts down',
      files: { 'main.tf': terraform(NPM), 'pools.tf': windowsPool },
      today: '2026-09-29',
      errors: [{ messageId: 'npmWindows', line: 16, message: /Windows nodes ends on 2026-09-30 \(1 day left\)/ }],
    },
    {
      name: 'Terraform: on the Windows date itself',
      files: { 'main.tf': terraform(NPM), 'pools.tf': windowsPool },
      today: '2026-09-30',
      errors: [{ messageId: 'npmWindows', line: 16, message: /Windows nodes ends on 2026-09-30 \(that is today\)/ }],
    },
    {
      name: 'Terraform: after the Linux date it says ended',
      files: { 'main.tf': terraform(NPM) },
      today: '2028-10-01',
      errors: [{ messageId: 'npm', line: 16, message: /Linux nodes ended on 2028-09-30/ }],
    },
    {
      name: 'Terraform: the AVM module before v0.4.0 defaults to Azure NPM: the module line',
      files: { 'main.tf': avm('0.3.1') },
      errors: [{ messageId: 'npmDefault', line: 1, message: /without saying so: .*network_policy = "azure"/ }],
    },
    {
      name: 'Bicep: Linux only',
      files: { 'main.bicep': bicep('azure') },
      errors: [{ messageId: 'npm', line: 9, message: /networkDataplane: 'cilium' and networkPolicy: 'cilium'/ }],
    },
    {
      name: 'Bicep: with a Windows agent pool',
      files: { 'main.bicep': bicep('azure', BICEP_WINDOWS) },
      errors: [{ messageId: 'npmWindows', line: 9, message: /node pool win runs Windows/ }],
    },
    {
      name: 'az CLI: create with Azure NPM',
      files: { 'deploy.sh': 'az aks create -n aks-prod -g rg-prod --network-plugin azure --network-policy azure\n' },
      errors: [
        { messageId: 'npm', line: 1, message: /az aks update -n aks-prod -g rg-prod --network-dataplane cilium/ },
      ],
    },
    {
      name: 'az CLI: an update that enables Azure NPM',
      files: { 'deploy.sh': '#!/bin/sh\naz aks update -n aks-prod -g rg-prod --network-policy azure\n' },
      errors: [
        {
          messageId: 'npmUpdate',
          line: 2,
          message: /Windows nodes ended on 2026-09-30 and on Linux nodes ends on 2028-09-30/,
        },
      ],
    },
  ],
});
