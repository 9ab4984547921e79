import { testRule } from '../../test/support/rule-tester.js';
import { unsupportedCombination } from './unsupported-combination.js';

// Line 14 is the first line inside network_profile.
const tf = (networkProfile: string) => `resource "azurerm_kubernetes_cluster" "aks" {
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

// Line 6 is the first line inside networkProfile.
const bicep = (networkProfile: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    networkProfile: {
${networkProfile}
    }
  }
}
`;

const az = (flags: string) => `az aks create -g rg-demo -n aks-demo \\\n${flags}\n`;

testRule(unsupportedCombination, {
  valid: [
    {
      name: 'Overlay with Cilium',
      files: {
        'main.tf': tf(
          '    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane = "cilium"\n    network_policy = "cilium"',
        ),
      },
    },
    {
      name: 'kubenet with Calico',
      files: { 'main.tf': tf('    network_plugin = "kubenet"\n    network_policy = "calico"') },
    },
    {
      name: 'Azure NPM on Azure CNI',
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      networkPolicy: 'azure'") },
    },
    {
      name: 'the Cilium dataplane with no policy is left alone (unconfirmed)',
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      networkDataplane: 'cilium'") },
    },
    {
      name: 'pod_cidr with overlay',
      files: {
        'main.tf': tf(
          '    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr = "192.168.0.0/16"',
        ),
      },
    },
    {
      name: 'pod_cidr with kubenet',
      files: { 'main.tf': tf('    network_plugin = "kubenet"\n    pod_cidr = "10.244.0.0/16"') },
    },
    {
      name: 'podCidr on node subnet outside Terraform is not judged',
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      podCidr: '10.244.0.0/16'") },
    },
    {
      name: 'unresolved plugin mode',
      files: {
        'main.tf': tf(
          '    network_plugin = "azure"\n    network_plugin_mode = var.mode\n    pod_cidr = "192.168.0.0/16"',
        ),
        'variables.tf': 'variable "mode" {}\n',
      },
    },
    {
      name: 'unresolved dataplane with Cilium policy',
      files: {
        'main.tf': tf('    network_plugin = "azure"\n    network_data_plane = var.dp\n    network_policy = "cilium"'),
        'variables.tf': 'variable "dp" {}\n',
      },
    },
    {
      name: 'dual-stack Overlay without policy',
      files: {
        'main.tf': tf(
          '    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    ip_versions = ["IPv4", "IPv6"]',
        ),
      },
    },
    {
      name: 'dual-stack on kubenet is a conflict and left out',
      files: { 'main.tf': tf('    network_plugin = "kubenet"\n    ip_versions = ["IPv4", "IPv6"]') },
    },
    {
      name: 'IPv4 only on node subnet',
      files: {
        'main.tf': tf('    network_plugin = "azure"\n    network_policy = "calico"\n    ip_versions = ["IPv4"]'),
      },
    },
    {
      name: 'az CLI: Overlay with Calico',
      files: { 'deploy.sh': az('  --network-plugin azure --network-plugin-mode overlay --network-policy calico') },
    },
  ],
  invalid: [
    {
      name: 'kubenet + Azure NPM, at the policy line',
      files: { 'main.tf': tf('    network_plugin = "kubenet"\n    network_policy = "azure"') },
      errors: [{ messageId: 'kubenetAzurePolicy', line: 15, message: /Calico/ }],
    },
    {
      name: 'mixed case still counts',
      files: { 'main.bicep': bicep("      networkPlugin: 'Kubenet'\n      networkPolicy: 'Azure'") },
      errors: [{ messageId: 'kubenetAzurePolicy', line: 7 }],
    },
    {
      name: 'az CLI kubenet + Azure NPM',
      files: { 'deploy.sh': az('  --network-plugin kubenet \\\n  --network-policy azure') },
      errors: [{ messageId: 'kubenetAzurePolicy', line: 3 }],
    },
    {
      name: 'kubenet from the Azure/aks/azurerm module default + Azure NPM',
      files: {
        'main.tf':
          'module "aks" {\n  source              = "Azure/aks/azurerm"\n  version             = "10.0.0"\n  resource_group_name = "rg"\n  prefix              = "demo"\n  network_policy      = "azure"\n}\n',
      },
      errors: [{ messageId: 'kubenetAzurePolicy', line: 6, message: /module/ }],
    },
    {
      name: 'kubenet + overlay, at the mode line',
      files: { 'main.bicep': bicep("      networkPlugin: 'kubenet'\n      networkPluginMode: 'overlay'") },
      errors: [{ messageId: 'kubenetOverlay', line: 7 }],
    },
    {
      name: 'kubenet + Cilium dataplane, at the dataplane line',
      files: { 'main.tf': tf('    network_plugin = "kubenet"\n    network_data_plane = "cilium"') },
      errors: [{ messageId: 'ciliumDataplaneKubenet', line: 15 }],
    },
    {
      name: 'Cilium policy with no dataplane',
      files: {
        'main.tf': tf(
          '    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    network_policy = "cilium"',
        ),
      },
      errors: [{ messageId: 'ciliumPolicyWithoutDataplane', line: 16, message: /not set/ }],
    },
    {
      name: 'Cilium policy with the azure dataplane',
      files: {
        'main.bicep': bicep(
          "      networkPlugin: 'azure'\n      networkDataplane: 'azure'\n      networkPolicy: 'cilium'",
        ),
      },
      errors: [{ messageId: 'ciliumPolicyWithoutDataplane', line: 8, message: /is "azure"/ }],
    },
    {
      name: 'pod_cidr on Azure CNI Node Subnet (Terraform)',
      files: { 'main.tf': tf('    network_plugin = "azure"\n    pod_cidr       = "10.244.0.0/16"') },
      errors: [{ messageId: 'podCidrWithoutOverlay', line: 15 }],
    },
    {
      name: 'dual-stack with Calico on Overlay',
      files: {
        'main.tf': tf(
          '    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    network_policy = "calico"\n    ip_versions = ["IPv4", "IPv6"]',
        ),
      },
      errors: [{ messageId: 'dualStackPolicy', line: 16 }],
    },
    {
      name: 'dual-stack without overlay, at the IP families line',
      files: { 'main.tf': tf('    network_plugin = "azure"\n    ip_versions = ["IPv4", "IPv6"]') },
      errors: [{ messageId: 'dualStackWithoutOverlay', line: 15 }],
    },
    {
      name: 'az CLI dual-stack with Azure NPM and no overlay: two findings',
      files: { 'deploy.sh': az('  --network-plugin azure \\\n  --network-policy azure \\\n  --ip-families IPv4,IPv6') },
      errors: [
        { messageId: 'dualStackPolicy', line: 3 },
        { messageId: 'dualStackWithoutOverlay', line: 4 },
      ],
    },
  ],
});
