import { testRule } from '../../test/support/rule-tester.js';
import { removedSetting } from './removed-setting.js';

/** A Terraform cluster: line 5 is free for a top-level argument, line 14 is the first network_profile line. */
const terraform = (
  networkProfile: string,
  topLevel = '  sku_tier            = "Free"',
) => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
${topLevel}

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

const provider = (version: string) => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${version}"
    }
  }
}
`;

const DOCKER = '    network_plugin     = "azure"\n    docker_bridge_cidr = "172.17.0.1/16"';

/** An ARM template: line 9 is the docker bridge CIDR. */
const arm = (apiVersion: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "${apiVersion}",
      "name": "aks-demo",
      "location": "westeurope",
      "properties": {
        "dnsPrefix": "demo",
        "networkProfile": {
          "networkPlugin": "azure",
          "dockerBridgeCidr": "172.17.0.1/16"
        }
      }
    }
  ]
}
`;

/** A Bicep cluster: line 8 is the network mode. */
const bicep = (mode: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: 'azure'
      networkMode: '${mode}'
    }
  }
}
`;

testRule(removedSetting, {
  valid: [
    {
      name: 'Terraform: none of the removed settings',
      files: { 'main.tf': terraform('    network_plugin = "azure"') },
    },
    {
      name: 'Terraform: the replacements',
      files: {
        'main.tf': terraform(
          '    network_plugin     = "azure"\n    network_data_plane = "cilium"',
          '  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }',
        ),
      },
    },
    {
      name: 'Terraform: transparent network mode',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    network_mode = "transparent"') },
    },
    {
      name: 'Terraform: the Azure/aks/azurerm module input ebpf_data_plane is current',
      files: {
        'main.tf':
          'module "aks" {\n  source              = "Azure/aks/azurerm"\n  version             = "10.0.0"\n  resource_group_name = "rg"\n  prefix              = "demo"\n  network_plugin      = "azure"\n  ebpf_data_plane     = "cilium"\n}\n',
      },
    },
    { name: 'Bicep: transparent', files: { 'main.bicep': bicep('transparent') } },
    {
      name: 'ARM: no dockerBridgeCidr',
      files: { 'azuredeploy.json': arm('2025-10-01').replace(',\n          "dockerBridgeCidr": "172.17.0.1/16"', '') },
    },
  ],
  invalid: [
    {
      name: 'Terraform: docker_bridge_cidr without a provider constraint',
      files: { 'main.tf': terraform(DOCKER) },
      errors: [
        {
          messageId: 'removed',
          line: 15,
          message:
            /^`docker_bridge_cidr` was deprecated in azurerm 3\.49\.0 and removed in 4\.0\.0.*Delete it\. Nothing replaces it/,
        },
      ],
    },
    {
      name: 'Terraform: docker_bridge_cidr on azurerm 3.x is a warning about the upgrade',
      files: { 'main.tf': terraform(DOCKER), 'versions.tf': provider('~> 3.117') },
      errors: [
        { messageId: 'removed', line: 15, file: 'main.tf', message: /upgrading the provider to 4\.0\.0 or later/ },
      ],
    },
    {
      name: 'Terraform: a constraint spanning 3.x and 4.x is not sure to fail',
      files: { 'main.tf': terraform(DOCKER), 'versions.tf': provider('>= 3.90, < 5.0') },
      errors: [{ messageId: 'removed', line: 15 }],
    },
    {
      name: 'Terraform: on azurerm 4.x it fails',
      files: { 'main.tf': terraform(DOCKER), 'versions.tf': provider('~> 4.10') },
      errors: [
        {
          messageId: 'removedFails',
          line: 15,
          message:
            /makes this configuration fail: azurerm removed it in 4\.0\.0 \(deprecated in 3\.49\.0\).*"~> 4\.10"/,
        },
      ],
    },
    {
      name: 'Terraform: exactly 4.0.0 fails',
      files: { 'main.tf': terraform(DOCKER), 'versions.tf': provider('4.0.0') },
      errors: [{ messageId: 'removedFails', line: 15 }],
    },
    {
      name: 'Terraform: the last 3.x release does not',
      files: { 'main.tf': terraform(DOCKER), 'versions.tf': provider('3.117.1') },
      errors: [{ messageId: 'removed', line: 15 }],
    },
    {
      name: 'Terraform: ebpf_data_plane, replaced by network_data_plane',
      files: { 'main.tf': terraform('    network_plugin  = "azure"\n    ebpf_data_plane = "cilium"') },
      errors: [
        {
          messageId: 'removed',
          line: 15,
          message: /deprecated in azurerm 3\.108\.0.*Use network_data_plane = "cilium" instead/,
        },
      ],
    },
    {
      name: 'Terraform: api_server_authorized_ip_ranges on azurerm 4.x',
      files: {
        'main.tf': terraform('    network_plugin = "azure"', '  api_server_authorized_ip_ranges = ["203.0.113.0/24"]'),
        'versions.tf': provider('>= 4.0'),
      },
      errors: [{ messageId: 'removedFails', line: 5, message: /api_server_access_profile \{ authorized_ip_ranges/ }],
    },
    {
      name: 'Terraform: network_mode bridge warns that changing it replaces the cluster',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    network_mode   = "bridge"') },
      errors: [
        {
          messageId: 'bridge',
          line: 15,
          message:
            /no longer supported.*2021-01-04.*network_mode = "transparent".*Changing network_mode replaces the cluster in every azurerm version\. The provider accepts "bridge" only for existing clusters\./,
        },
      ],
    },
    {
      name: 'Terraform: several at once, in line order',
      files: {
        'main.tf': terraform(`${DOCKER}\n    network_mode       = "Bridge"`, '  api_server_authorized_ip_ranges = []'),
      },
      errors: [
        { messageId: 'removed', line: 5 },
        { messageId: 'removed', line: 15 },
        { messageId: 'bridge', line: 16 },
      ],
    },
    {
      name: 'ARM: dockerBridgeCidr with an API version that no longer has it',
      files: { 'azuredeploy.json': arm('2024-09-01') },
      errors: [
        {
          messageId: 'notInApi',
          line: 14,
          message: /not a property of API version 2024-09-01.*starting with API version 2023-04-01/,
        },
      ],
    },
    {
      name: 'ARM: the first API version without it',
      files: { 'azuredeploy.json': arm('2023-04-01') },
      errors: [{ messageId: 'notInApi', line: 14 }],
    },
    {
      name: 'ARM: an older API version ignores it',
      files: { 'azuredeploy.json': arm('2023-03-01') },
      errors: [
        {
          messageId: 'removed',
          line: 14,
          message: /is ignored by AKS and no longer exists from API version 2023-04-01/,
        },
      ],
    },
    {
      name: 'Bicep: bridge network mode, any case',
      files: { 'main.bicep': bicep('Bridge') },
      errors: [{ messageId: 'bridge', line: 8, message: /^(?![\s\S]*replaces the cluster)Network mode "Bridge"/ }],
    },
  ],
});
