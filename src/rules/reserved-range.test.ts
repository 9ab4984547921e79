import { testRule } from '../../test/support/rule-tester.js';
import { reservedRange } from './reserved-range.js';

/** A Terraform cluster: line 13 is the first network_profile line. */
const terraform = (network: string, pool = '    node_count = 3') => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
${pool}
  }
  network_profile {
${network}
  }
}
`;

const overlay = (podCidr: string, extra = '') =>
  `    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "${podCidr}"${extra}`;

/** A Bicep cluster: line 9 is the pod CIDR, line 10 the service CIDR. */
const bicep = (
  plugin: string,
  podCidr: string,
  serviceCidr: string,
) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: '${plugin}'
      networkPluginMode: 'overlay'
      podCidr: '${podCidr}'
      serviceCidr: '${serviceCidr}'
      dnsServiceIP: '10.0.0.10'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
      }
    ]
  }
}
`;

const tfNetwork = (space: string, prefix: string) => `resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = [${space}]
}

resource "azurerm_subnet" "nodes" {
  name                 = "nodes"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["${prefix}"]
}

`;
const tfLinked = (space: string, prefix: string) =>
  tfNetwork(space, prefix) +
  terraform(overlay('192.168.0.0/16'), '    node_count     = 3\n    vnet_subnet_id = azurerm_subnet.nodes.id');
const tfReservedSubnet = tfLinked('"10.1.0.0/16", "172.31.0.0/16"', '172.31.1.0/24');

const bicepNetwork = `resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['192.0.2.0/24']
    }
    subnets: [
      {
        name: 'nodes'
        properties: {
          addressPrefix: '192.0.2.0/26'
        }
      }
    ]
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vnetSubnetID: vnet.properties.subnets[0].id
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
    }
  }
}
`;

testRule(reservedRange, {
  valid: [
    {
      name: 'Terraform: a linked subnet and its VNet in private ranges',
      files: { 'main.tf': tfLinked('"10.1.0.0/16"', '10.1.0.0/24') },
    },
    {
      name: "Terraform: a reserved subnet that no cluster uses is not this rule's business",
      files: { 'main.tf': tfNetwork('"10.1.0.0/16"', '10.1.0.0/24') + terraform(overlay('192.168.0.0/16')) },
    },
    { name: 'Terraform Overlay with a private pod CIDR', files: { 'main.tf': terraform(overlay('192.168.0.0/16')) } },
    {
      name: 'Terraform: 172.16.0.0/13 stops short of 172.30.0.0/16',
      files: { 'main.tf': terraform(overlay('172.16.0.0/13')) },
    },
    {
      name: 'Terraform: next to 169.254.0.0/16 but outside it',
      files: { 'main.tf': terraform(overlay('169.255.0.0/16')) },
    },
    {
      name: 'Bicep Overlay with the usual ranges',
      files: { 'main.bicep': bicep('azure', '10.244.0.0/16', '10.0.0.0/16') },
    },
    {
      name: 'an unresolved pod CIDR is not guessed',
      files: {
        'main.tf': terraform(
          '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = var.pod_cidr',
        ),
        'variables.tf': 'variable "pod_cidr" {}\n',
      },
    },
    {
      name: 'az CLI node subnet mode: no pod CIDR in use',
      files: { 'deploy.sh': 'az aks create -n aks -g rg --network-plugin azure --service-cidr 10.0.0.0/16\n' },
    },
  ],
  invalid: [
    {
      name: 'az aks update --pod-cidr into a reserved range (a migration AKS validates)',
      files: {
        'deploy.sh':
          'az aks update -n aks -g rg --network-plugin azure --network-plugin-mode overlay \\\n  --pod-cidr 172.16.0.0/12\n',
      },
      errors: [{ messageId: 'podCidrRejected', line: 2 }],
    },
    {
      name: 'Terraform: the VNet and the linked subnet use 172.31.0.0/16',
      files: { 'main.tf': tfReservedSubnet },
      errors: [
        {
          messageId: 'reserved',
          line: 5,
          message: /^The virtual network vnet range 172\.31\.0\.0\/16 overlaps 172\.31\.0\.0\/16/,
        },
        {
          messageId: 'reserved',
          line: 12,
          message: /^The subnet nodes range 172\.31\.1\.0\/24 overlaps 172\.31\.0\.0\/16/,
        },
      ],
    },
    {
      name: 'Bicep: the VNet and its inline subnet in 192.0.2.0/24',
      files: { 'main.bicep': bicepNetwork },
      errors: [
        { messageId: 'reserved', line: 6, message: /virtual network vnet .*192\.0\.2\.0\/24/ },
        { messageId: 'reserved', line: 12, message: /subnet nodes .*192\.0\.2\.0\/26/ },
      ],
    },
    {
      name: 'Terraform Overlay: 172.16.0.0/12 covers 172.30.0.0/16 and 172.31.0.0/16 (rejected since 2026-05-29)',
      files: { 'main.tf': terraform(overlay('172.16.0.0/12')) },
      errors: [
        {
          messageId: 'podCidrRejected',
          line: 15,
          message:
            /172\.30\.0\.0\/16, 172\.31\.0\.0\/16.*2026-05-29.*existing clusters are unaffected.*172\.16\.0\.0\/12/,
        },
      ],
    },
    {
      name: 'Terraform kubenet: a pod CIDR inside 169.254.0.0/16 is reserved (no rejection date is claimed)',
      files: { 'main.tf': terraform('    network_plugin = "kubenet"\n    pod_cidr       = "169.254.0.0/17"') },
      errors: [
        { messageId: 'reserved', line: 14, message: /^The pod CIDR 169\.254\.0\.0\/17 overlaps 169\.254\.0\.0\/16/ },
      ],
    },
    {
      name: 'Terraform kubenet: 169.254.0.0/16 itself as the pod CIDR is rejected at create (release 2025-01-30)',
      files: { 'main.tf': terraform('    network_plugin = "kubenet"\n    pod_cidr       = "169.254.0.0/16"') },
      errors: [
        {
          messageId: 'linkLocalRejected',
          line: 14,
          message:
            /^The pod CIDR 169\.254\.0\.0\/16 overlaps 169\.254\.0\.0\/16.*Since AKS release 2025-01-30, AKS rejects 169\.254\.0\.0\/16 as a pod or service CIDR when a cluster is created/,
        },
      ],
    },
    {
      name: 'Terraform: 169.254.0.0/16 as the service CIDR is rejected at create',
      files: {
        'main.tf': terraform(
          overlay(
            '10.244.0.0/16',
            '\n    service_cidr        = "169.254.0.0/16"\n    dns_service_ip      = "169.254.0.10"',
          ),
        ),
      },
      errors: [{ messageId: 'linkLocalRejected', line: 16, message: /service CIDR 169\.254\.0\.0\/16.*2025-01-30/ }],
    },
    {
      name: 'Terraform: a service CIDR in 192.0.2.0/24',
      files: {
        'main.tf': terraform(
          overlay(
            '10.244.0.0/16',
            '\n    service_cidr        = "192.0.2.0/24"\n    dns_service_ip      = "192.0.2.10"',
          ),
        ),
      },
      errors: [{ messageId: 'reserved', line: 16, message: /service CIDR 192\.0\.2\.0\/24 overlaps 192\.0\.2\.0\/24/ }],
    },
    {
      name: 'Bicep Overlay: the pod CIDR and the service CIDR both reserved',
      files: { 'main.bicep': bicep('azure', '172.31.0.0/16', '172.30.0.0/16') },
      errors: [
        { messageId: 'podCidrRejected', line: 9 },
        { messageId: 'reserved', line: 10, message: /service CIDR 172\.30\.0\.0\/16/ },
      ],
    },
    {
      name: 'az CLI kubenet with a reserved pod CIDR',
      files: { 'deploy.sh': 'az aks create -n aks -g rg --network-plugin kubenet --pod-cidr 172.30.0.0/16\n' },
      errors: [{ messageId: 'podCidrRejected', line: 1 }],
    },
  ],
});
