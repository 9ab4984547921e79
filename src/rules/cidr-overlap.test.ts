import { testRule } from '../../test/support/rule-tester.js';
import { cidrOverlap } from './cidr-overlap.js';

/** The 1-based line of the first line containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after = ''): number {
  const start = after === '' ? 0 : text.indexOf(after);
  const index = text.indexOf(needle, start);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

interface NetworkOptions {
  vnet?: string;
  nodes?: string;
  pods?: string;
  other?: string;
}

/** A virtual network with a node subnet, optionally a pod subnet and another subnet, in Terraform. */
function terraformNetwork({ vnet = '10.1.0.0/16', nodes = '10.1.1.0/24', pods, other }: NetworkOptions): string {
  const subnet = (name: string, prefix: string) => `resource "azurerm_subnet" "${name}" {
  name                 = "${name}"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["${prefix}"]
}
`;
  return [
    `resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["${vnet}"]
}
`,
    subnet('nodes', nodes),
    pods === undefined ? '' : subnet('pods', pods),
    other === undefined ? '' : subnet('other', other),
  ].join('\n');
}

function terraformCluster(network: string, pool = ''): string {
  return `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "demo"

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.nodes.id
${pool}
  }

  network_profile {
${network}
  }
}
`;
}

const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';
const overlay = (podCidr: string, extra = '') => `${OVERLAY}\n    pod_cidr            = "${podCidr}"${extra}`;
const SERVICE = (cidr: string, dns: string) =>
  `\n    service_cidr        = "${cidr}"\n    dns_service_ip      = "${dns}"`;

/** A Bicep cluster without a virtual network: line 8 is the pod CIDR, line 9 the service CIDR. */
const bicep = (
  podCidr: string,
  serviceCidr: string,
  dns = '10.0.0.10',
) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: 'kubenet'
      podCidr: '${podCidr}'
      serviceCidr: '${serviceCidr}'
      dnsServiceIP: '${dns}'
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

const podInSubnet = terraformNetwork({}) + '\n' + terraformCluster(overlay('10.1.0.0/20'));
const podInOtherSubnet =
  terraformNetwork({ other: '10.1.128.0/24' }) + '\n' + terraformCluster(overlay('10.1.128.0/17'));
const defaultServiceInVnet =
  terraformNetwork({ vnet: '10.0.0.0/16', nodes: '10.0.0.0/24' }) + '\n' + terraformCluster(overlay('192.168.0.0/16'));
const serviceInSubnet =
  terraformNetwork({}) + '\n' + terraformCluster(overlay('192.168.0.0/16', SERVICE('10.1.0.0/20', '10.1.0.10')));
const podSubnetPool = (pods: string, podSubnetRef: string) =>
  terraformNetwork({ pods }) +
  '\n' +
  terraformCluster('    network_plugin = "azure"', `    pod_subnet_id  = ${podSubnetRef}`);
const sameSubnet = podSubnetPool('10.1.2.0/24', 'azurerm_subnet.nodes.id');
const overlappingSubnets = podSubnetPool('10.1.1.128/25', 'azurerm_subnet.pods.id');

/** A Bicep virtual network with inline subnets and a cluster whose pool uses them. */
const bicepWithVnet = (
  nodes: string,
  pool: string,
  network: string,
) => `resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
    subnets: [
      {
        name: 'nodes'
        properties: {
          addressPrefix: '${nodes}'
        }
      }
      {
        name: 'pods'
        properties: {
          addressPrefix: '10.0.8.0/22'
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
${pool}
      }
    ]
    networkProfile: {
${network}
    }
  }
}
`;
const BICEP_OVERLAY =
  "      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'\n      podCidr: '192.168.0.0/16'";
const BICEP_SERVICE = "\n      serviceCidr: '172.16.0.0/16'\n      dnsServiceIP: '172.16.0.10'";
const bicepDefaultService = bicepWithVnet('10.0.0.0/22', '', BICEP_OVERLAY);
const bicepSameSubnet = bicepWithVnet(
  '10.0.0.0/22',
  '        podSubnetID: vnet.properties.subnets[0].id',
  "      networkPlugin: 'azure'" + BICEP_SERVICE,
);

const SUBNET_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets';
const azCli = (podCidr: string) => `az network vnet create -g rg -n vnet --address-prefixes 10.1.0.0/16 \\
  --subnet-name nodes --subnet-prefixes 10.1.0.0/24
az aks create -g rg -n aks --network-plugin kubenet --node-count 3 \\
  --vnet-subnet-id ${SUBNET_ID}/nodes \\
  --pod-cidr ${podCidr}
`;

const migration = terraformNetwork({}) + '\n' + terraformCluster(overlay('10.1.200.0/21'));

testRule(cidrOverlap, {
  valid: [
    {
      name: 'Bicep Overlay: every range apart',
      files: { 'main.bicep': bicepWithVnet('10.0.0.0/22', '', BICEP_OVERLAY + BICEP_SERVICE) },
    },
    {
      name: 'az CLI kubenet: the pod CIDR outside the subnets',
      files: { 'deploy.sh': azCli('10.244.0.0/16') },
    },
    {
      name: 'Terraform Overlay: pod CIDR outside the VNet, default service CIDR outside the subnets',
      files: {
        'main.tf':
          terraformNetwork({ vnet: '10.1.0.0/16', nodes: '10.1.0.0/24' }) +
          '\n' +
          terraformCluster(overlay('192.168.0.0/16')),
      },
    },
    {
      name: 'Terraform Overlay: a pod CIDR in the VNet address space but in no subnet (AKS checks subnets since 2024-10-25)',
      files: {
        'main.tf':
          terraformNetwork({ vnet: '10.0.0.0/8' }) +
          '\n' +
          terraformCluster(overlay('10.200.0.0/16', SERVICE('10.201.0.0/16', '10.201.0.10'))),
      },
    },
    {
      name: 'Terraform node subnet mode: the pod CIDR is not used',
      files: {
        'main.tf':
          terraformNetwork({ vnet: '10.1.0.0/16', nodes: '10.1.0.0/24' }) +
          '\n' +
          terraformCluster('    network_plugin = "azure"\n    pod_cidr       = "10.1.0.0/16"'),
      },
    },
    {
      name: 'Terraform pod subnet mode: separate node and pod subnets',
      files: { 'main.tf': podSubnetPool('10.1.2.0/24', 'azurerm_subnet.pods.id') },
    },
    {
      name: 'Bicep kubenet with separate pod and service CIDRs',
      files: { 'main.bicep': bicep('10.244.0.0/16', '10.0.0.0/16') },
    },
    {
      name: 'az CLI Overlay: an unresolved pod CIDR is not guessed',
      files: {
        'deploy.sh':
          'az aks create -n aks -g rg --network-plugin azure --network-plugin-mode overlay --pod-cidr "$POD_CIDR" --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10\n',
      },
    },
  ],
  invalid: [
    {
      name: 'Bicep: the default service CIDR covers the node subnet, at the network profile',
      files: { 'main.bicep': bicepDefaultService },
      errors: [
        {
          messageId: 'serviceSubnet',
          line: lineOf(bicepDefaultService, 'networkProfile'),
          message: /service CIDR 10\.0\.0\.0\/16 \(the default.*subnet nodes \(10\.0\.0\.0\/22\)/,
        },
      ],
    },
    {
      name: 'Bicep pod subnet mode: one subnet for nodes and pods',
      files: { 'main.bicep': bicepSameSubnet },
      errors: [{ messageId: 'sameSubnet', line: lineOf(bicepSameSubnet, 'podSubnetID') }],
    },
    {
      name: 'az CLI kubenet: the pod CIDR covers the node subnet',
      files: { 'deploy.sh': azCli('10.1.0.0/16') },
      errors: [{ messageId: 'podSubnet', line: 5, message: /pod CIDR 10\.1\.0\.0\/16 overlaps subnet nodes/ }],
    },
    {
      name: 'Terraform: a Node Subnet -> Overlay change whose pod CIDR is in the VNet address space',
      base: { 'main.tf': terraformNetwork({}) + '\n' + terraformCluster('    network_plugin = "azure"') },
      files: { 'main.tf': migration },
      errors: [
        {
          messageId: 'podNetworkMigration',
          line: lineOf(migration, 'pod_cidr'),
          message: /pod CIDR 10\.1\.200\.0\/21, which overlaps virtual network vnet \(10\.1\.0\.0\/16\)/,
        },
      ],
    },
    {
      name: 'Bicep kubenet: pod CIDR and service CIDR overlap, at the later line',
      files: { 'main.bicep': bicep('10.0.0.0/8', '10.0.0.0/16') },
      errors: [
        { messageId: 'podService', line: 9, message: /pod CIDR 10\.0\.0\.0\/8 and the service CIDR 10\.0\.0\.0\/16/ },
      ],
    },
    {
      name: 'Terraform Overlay: a pod CIDR over the default service CIDR',
      files: { 'main.tf': terraformCluster(overlay('10.0.0.0/12')) },
      errors: [
        {
          messageId: 'podService',
          line: lineOf(terraformCluster(overlay('10.0.0.0/12')), 'pod_cidr'),
          message: /service CIDR 10\.0\.0\.0\/16 \(the default, as no service CIDR is set\)/,
        },
      ],
    },
    {
      name: 'az CLI kubenet: a service CIDR over the default pod CIDR, at the command',
      files: {
        'deploy.sh':
          'az aks create -n aks -g rg --network-plugin kubenet --service-cidr 10.244.0.0/16 --dns-service-ip 10.244.0.10\n',
      },
      errors: [{ messageId: 'podService', line: 1, message: /pod CIDR 10\.244\.0\.0\/16 \(the default/ }],
    },
    {
      name: 'Terraform Overlay: the pod CIDR covers the node subnet',
      files: { 'main.tf': podInSubnet },
      errors: [
        {
          messageId: 'podSubnet',
          line: lineOf(podInSubnet, 'pod_cidr'),
          message: /pod CIDR 10\.1\.0\.0\/20 overlaps subnet nodes \(10\.1\.1\.0\/24\).*2024-10-25/,
        },
      ],
    },
    {
      name: 'Terraform Overlay: the pod CIDR covers another subnet of the same VNet',
      files: { 'main.tf': podInOtherSubnet },
      errors: [{ messageId: 'podSubnet', line: lineOf(podInOtherSubnet, 'pod_cidr'), message: /subnet other/ }],
    },
    {
      name: 'Terraform: the default service CIDR 10.0.0.0/16 covers the node subnet 10.0.0.0/24',
      files: { 'main.tf': defaultServiceInVnet },
      errors: [
        {
          messageId: 'serviceSubnet',
          line: lineOf(defaultServiceInVnet, 'network_profile'),
          message: /service CIDR 10\.0\.0\.0\/16 \(the default.*subnet nodes \(10\.0\.0\.0\/24\)/,
        },
      ],
    },
    {
      name: 'Terraform: a written service CIDR over the node subnet',
      files: { 'main.tf': serviceInSubnet },
      errors: [{ messageId: 'serviceSubnet', line: lineOf(serviceInSubnet, 'service_cidr') }],
    },
    {
      name: 'Terraform pod subnet mode: the same subnet for nodes and pods',
      files: { 'main.tf': sameSubnet },
      errors: [
        {
          messageId: 'sameSubnet',
          line: lineOf(sameSubnet, 'pod_subnet_id'),
          message: /pool system uses subnet nodes/,
        },
      ],
    },
    {
      name: 'Terraform pod subnet mode: node and pod subnets overlap, at the later prefix',
      files: { 'main.tf': overlappingSubnets },
      errors: [
        {
          messageId: 'nodePodSubnet',
          line: lineOf(overlappingSubnets, 'address_prefixes', 'resource "azurerm_subnet" "pods"'),
          message:
            /subnet nodes \(10\.1\.1\.0\/24\), a node subnet, overlaps subnet pods \(10\.1\.1\.128\/25\), a pod subnet/,
        },
      ],
    },
  ],
});
