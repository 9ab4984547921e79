import { testRule } from '../../test/support/rule-tester.js';
import { platformDefault } from './platform-default.js';

/** A Terraform cluster with no network_profile; line 5 is free for the Kubernetes version. */
const terraform = (version = '', networkProfile = '') => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
${version}
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
${networkProfile}
}
`;

/** A Bicep cluster: line 6 is free for a network profile. */
const bicep = (
  version: string,
  networkProfile = '',
) => `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    kubernetesVersion: '${version}'
${networkProfile}
    dnsPrefix: 'demo'
  }
}
`;

testRule(platformDefault, {
  valid: [
    {
      name: 'Terraform: a plugin is given',
      files: {
        'main.tf': terraform(
          '',
          '  network_profile {\n    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n  }',
        ),
      },
    },
    {
      name: 'Terraform: the Azure/aks/azurerm module has its own default (kubenet-retirement reports it)',
      files: {
        'main.tf':
          'module "aks" {\n  source              = "Azure/aks/azurerm"\n  version             = "10.0.0"\n  resource_group_name = "rg"\n  prefix              = "demo"\n}\n',
      },
    },
    {
      name: 'Terraform: an unresolved plugin is not a platform default',
      files: {
        'main.tf': terraform('', '  network_profile {\n    network_plugin = var.plugin\n  }'),
        'variables.tf': 'variable "plugin" {}\n',
      },
    },
    {
      name: 'Bicep: a plugin is given',
      files: {
        'main.bicep': bicep(
          '1.31.2',
          "    networkProfile: {\n      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'\n    }",
        ),
      },
    },
    {
      name: 'az CLI: a plugin is given',
      files: { 'deploy.sh': 'az aks create -n aks -g rg --network-plugin azure --network-plugin-mode overlay\n' },
    },
  ],
  invalid: [
    {
      name: 'Terraform: no network_profile, Kubernetes 1.31: Overlay, on the resource line',
      files: { 'main.tf': terraform('  kubernetes_version  = "1.31.2"') },
      errors: [
        {
          messageId: 'platformDefault',
          line: 1,
          message:
            /Kubernetes 1\.31 is 1\.30 or later: Azure CNI Overlay.*a network_profile block with network_plugin = "azure" and network_plugin_mode = "overlay"/,
        },
      ],
    },
    {
      name: 'Terraform: exactly 1.30 is Overlay',
      files: { 'main.tf': terraform('  kubernetes_version  = "1.30"') },
      errors: [{ messageId: 'platformDefault', line: 1, message: /Kubernetes 1\.30 is 1\.30 or later/ }],
    },
    {
      name: 'Terraform: 1.29 gets kubenet per the spec PR, which is unconfirmed',
      files: { 'main.tf': terraform('  kubernetes_version  = "1.29.9"') },
      errors: [
        {
          messageId: 'platformDefaultUnconfirmed',
          line: 1,
          message:
            /Kubernetes 1\.29 is below 1\.30: kubenet\. Unconfirmed: only the AKS API spec pull request \(azure-rest-api-specs #30844\) says kubenet below 1\.30; the current AKS docs say AKS defaults to Azure CNI Overlay\..*kubenet itself retires on 2028-03-31/,
        },
      ],
    },
    {
      name: 'Terraform: no version: what the docs say',
      files: { 'main.tf': terraform() },
      errors: [
        {
          messageId: 'platformDefault',
          line: 1,
          message: /Kubernetes version unknown: the current AKS docs say AKS defaults to Azure CNI Overlay\./,
        },
      ],
    },
    {
      name: 'Terraform: an unresolved version is said to be unresolved',
      files: { 'main.tf': terraform('  kubernetes_version  = var.k8s'), 'variables.tf': 'variable "k8s" {}\n' },
      errors: [{ messageId: 'platformDefault', line: 1, message: /the Kubernetes version is not resolved/ }],
    },
    {
      name: 'Terraform: a network_profile block without network_plugin fails to validate',
      files: { 'main.tf': terraform('', '  network_profile {\n    outbound_type = "loadBalancer"\n  }') },
      errors: [
        {
          messageId: 'terraformPluginRequired',
          line: 13,
          message: /requires inside the block.*network_plugin = "azure" and network_plugin_mode = "overlay"/,
        },
      ],
    },
    {
      name: 'Bicep: no network profile: the resource line',
      files: { 'main.bicep': bicep('1.31.2') },
      errors: [
        { messageId: 'platformDefault', line: 1, message: /networkPlugin: 'azure' and networkPluginMode: 'overlay'/ },
      ],
    },
    {
      name: 'Bicep: a network profile without a plugin: the profile',
      files: { 'main.bicep': bicep('1.29.4', "    networkProfile: {\n      outboundType: 'loadBalancer'\n    }") },
      errors: [{ messageId: 'platformDefaultUnconfirmed', line: 6 }],
    },
    {
      name: 'az CLI: no --network-plugin',
      files: { 'deploy.sh': 'az aks create -n aks-prod -g rg-prod -k 1.31.2\n' },
      errors: [
        { messageId: 'platformDefault', line: 1, message: /--network-plugin azure and --network-plugin-mode overlay/ },
      ],
    },
  ],
});
