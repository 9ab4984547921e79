import { testRule } from '../../test/support/rule-tester.js';
import { subnetCapacity } from './subnet-capacity.js';

/** The 1-based line of the first line containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after = ''): number {
  const start = after === '' ? 0 : text.indexOf(after);
  const index = text.indexOf(needle, start);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

const subnet = (name: string, prefix: string) => `resource "azurerm_subnet" "${name}" {
  name                 = "${name}"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["${prefix}"]
}
`;

/** A Terraform virtual network with a node subnet (and a pod subnet), a cluster, and optional extra pools. */
function terraform(options: { nodes: string; pods?: string; pool: string; network: string; extra?: string }): string {
  return `resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.1.0.0/16"]
}

${subnet('nodes', options.nodes)}
${options.pods === undefined ? '' : subnet('pods', options.pods)}
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "demo"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.nodes.id
${options.pool}
  }

  network_profile {
${options.network}
  }
}
${options.extra ?? ''}`;
}

const userPool = (settings: string) => `
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
  vnet_subnet_id        = azurerm_subnet.nodes.id
${settings}
}
`;

const NODE_SUBNET = '    network_plugin = "azure"';
const CILIUM_NODE_SUBNET = '    network_plugin     = "azure"\n    network_data_plane = "cilium"';
const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';

const briefExample = terraform({ nodes: '10.1.0.0/24', pool: '    node_count     = 10', network: NODE_SUBNET });
const slash25Over = terraform({
  nodes: '10.1.0.0/25',
  pool: '    node_count     = 2\n    max_pods       = 41',
  network: NODE_SUBNET,
});
const sharedOver = terraform({
  nodes: '10.1.0.0/24',
  pool: '    node_count     = 3',
  network: NODE_SUBNET,
  extra: userPool('  node_count            = 4'),
});
const autoscaled = terraform({
  nodes: '10.1.0.0/22',
  pool: '    auto_scaling_enabled = true\n    min_count            = 3\n    max_count            = 40\n    max_pods             = 30',
  network: NODE_SUBNET,
});
const cilium = terraform({ nodes: '10.1.0.0/24', pool: '    node_count     = 8', network: CILIUM_NODE_SUBNET });
const overlayOver = terraform({ nodes: '10.1.0.0/24', pool: '    node_count     = 251', network: OVERLAY });
const podSubnet = (count: number) =>
  terraform({
    nodes: '10.1.0.0/24',
    pods: '10.1.1.0/25',
    pool: `    node_count     = ${count}\n    pod_subnet_id  = azurerm_subnet.pods.id`,
    network: NODE_SUBNET,
  });

/** A Bicep virtual network with node and pod subnets, and a cluster whose one pool uses them. */
const bicep = (
  pool: string,
  plugin = "networkPlugin: 'azure'",
) => `resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: ['10.1.0.0/16']
    }
  }
}

resource nodes 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'nodes'
  properties: {
    addressPrefix: '10.1.0.0/24'
  }
}

resource pods 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'pods'
  properties: {
    addressPrefix: '10.1.1.0/24'
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
        mode: 'System'
        vnetSubnetID: nodes.id
${pool}
      }
    ]
    networkProfile: {
      ${plugin}
    }
  }
}
`;

const staticBlock = (count: number, maxPods: number) =>
  bicep(
    `        count: ${count}\n        podSubnetID: pods.id\n        podIPAllocationMode: 'StaticBlock'\n        maxPods: ${maxPods}`,
  );
const bicepNodeSubnetOver = bicep('        count: 8');
const staticOver = staticBlock(7, 30);
const staticMorePods = staticBlock(5, 32);

/** An ARM template: a virtual network with an inline subnet, and a cluster naming it by resourceId(). */
const arm = (count: number) =>
  JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2023-09-01',
          name: 'vnet',
          location: 'westeurope',
          properties: {
            addressSpace: { addressPrefixes: ['10.1.0.0/16'] },
            subnets: [{ name: 'nodes', properties: { addressPrefix: '10.1.0.0/24' } }],
          },
        },
        {
          type: 'Microsoft.ContainerService/managedClusters',
          apiVersion: '2025-10-01',
          name: 'aks-demo',
          location: 'westeurope',
          properties: {
            dnsPrefix: 'demo',
            agentPoolProfiles: [
              {
                name: 'system',
                count,
                vnetSubnetID: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'nodes')]",
              },
            ],
            networkProfile: { networkPlugin: 'azure' },
          },
        },
      ],
    },
    null,
    2,
  ) + '\n';

const SUBNET_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets';
const azCli = (count: number) => `az network vnet create -g rg -n vnet --address-prefixes 10.1.0.0/16 \\
  --subnet-name nodes --subnet-prefixes 10.1.0.0/24
az network vnet subnet create -g rg --vnet-name vnet -n pods --address-prefixes 10.1.1.0/26
az aks create -g rg -n aks --network-plugin azure --node-count ${count} \\
  --vnet-subnet-id ${SUBNET_ID}/nodes \\
  --pod-subnet-id ${SUBNET_ID}/pods
`;

testRule(subnetCapacity, {
  valid: [
    {
      name: 'Bicep node subnet /24: (7 + 1) × (30 + 1) = 248',
      files: { 'main.bicep': bicep('        count: 7') },
    },
    {
      name: 'Bicep static block /24: (6 + 1) × 2 × 16 = 224 of 251',
      files: { 'main.bicep': staticBlock(6, 30) },
    },
    {
      name: 'Bicep static block without maxPods: the Pod Subnet default is in conflict, so not guessed',
      files: {
        'main.bicep': bicep(
          "        count: 20\n        podSubnetID: pods.id\n        podIPAllocationMode: 'StaticBlock'",
        ),
      },
    },
    {
      name: 'ARM node subnet /24: 7 nodes fit',
      files: { 'azuredeploy.json': arm(7) },
    },
    {
      name: 'az CLI pod subnet /26: (2 + 1) × 16 = 48 of 59',
      files: { 'deploy.sh': azCli(2) },
    },
    {
      name: 'Terraform node subnet /24: (7 + 1) × (30 + 1) = 248 of 251',
      files: { 'main.tf': terraform({ nodes: '10.1.0.0/24', pool: '    node_count     = 7', network: NODE_SUBNET }) },
    },
    {
      name: 'Terraform node subnet /25 exactly full: (2 + 1) × (40 + 1) = 123 of 123',
      files: {
        'main.tf': terraform({
          nodes: '10.1.0.0/25',
          pool: '    node_count     = 2\n    max_pods       = 40',
          network: NODE_SUBNET,
        }),
      },
    },
    {
      name: 'Terraform: two pools sharing a /24, 124 + 124 = 248',
      files: {
        'main.tf': terraform({
          nodes: '10.1.0.0/24',
          pool: '    node_count     = 3',
          network: NODE_SUBNET,
          extra: userPool('  node_count            = 3'),
        }),
      },
    },
    {
      name: 'Terraform Overlay /24 exactly full: 250 + 1 = 251',
      files: { 'main.tf': terraform({ nodes: '10.1.0.0/24', pool: '    node_count     = 250', network: OVERLAY }) },
    },
    {
      name: 'Terraform pod subnet /25: (6 + 1) × 16 = 112 of 123',
      files: { 'main.tf': podSubnet(6) },
    },
    {
      name: 'an unresolved node count is not guessed',
      files: {
        'main.tf': terraform({ nodes: '10.1.0.0/28', pool: '    node_count     = var.nodes', network: NODE_SUBNET }),
        'variables.tf': 'variable "nodes" {}\n',
      },
    },
    {
      name: 'an unresolved maxPods is not guessed',
      files: {
        'main.tf': terraform({
          nodes: '10.1.0.0/28',
          pool: '    node_count     = 3\n    max_pods       = var.pods',
          network: NODE_SUBNET,
        }),
        'variables.tf': 'variable "pods" {}\n',
      },
    },
    {
      name: 'a subnet that is not in the files is not guessed',
      files: {
        'main.tf': `resource "azurerm_kubernetes_cluster" "aks" {
  name       = "aks"
  dns_prefix = "aks"
  default_node_pool {
    name           = "system"
    node_count     = 50
    vnet_subnet_id = var.subnet_id
  }
  network_profile {
    network_plugin = "azure"
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'Bicep node subnet /24: (8 + 1) × (30 + 1) = 279',
      files: { 'main.bicep': bicepNodeSubnetOver },
      errors: [
        { messageId: 'nodeSubnet', line: lineOf(bicepNodeSubnetOver, 'vnetSubnetID'), message: /= 279 addresses/ },
      ],
    },
    {
      name: 'Bicep static block /24: (7 + 1) × 2 × 16 = 256 against 251',
      files: { 'main.bicep': staticOver },
      errors: [
        {
          messageId: 'podSubnetStatic',
          line: lineOf(staticOver, 'podSubnetID'),
          message: /\(7 \+ 1\) × 2 × 16 = 256 addresses.*251 usable.*\/23/,
        },
      ],
    },
    {
      name: 'Bicep static block: maxPods 32 takes three /28s per node',
      files: { 'main.bicep': staticMorePods },
      errors: [
        {
          messageId: 'podSubnetStatic',
          line: lineOf(staticMorePods, 'podSubnetID'),
          message: /\(5 \+ 1\) × 3 × 16 = 288/,
        },
      ],
    },
    {
      name: 'ARM node subnet /24: 8 nodes are one pool too many',
      files: { 'azuredeploy.json': arm(8) },
      errors: [
        { messageId: 'nodeSubnet', line: lineOf(arm(8), 'vnetSubnetID'), message: /\(8 \+ 1\) × \(30 \+ 1\) = 279/ },
      ],
    },
    {
      name: 'az CLI pod subnet /26: (3 + 1) × 16 = 64 against 59',
      files: { 'deploy.sh': azCli(3) },
      errors: [{ messageId: 'podSubnetDynamic', line: 6, message: /\(3 \+ 1\) × 16 = 64.*59 usable/ }],
    },
    {
      name: 'Terraform node subnet: the worked example, (10 + 1) × (30 + 1) = 341 against 251',
      files: { 'main.tf': briefExample },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: lineOf(briefExample, 'vnet_subnet_id'),
          message:
            /Subnet nodes \(10\.1\.0\.0\/24\).*\(10 \+ 1\) × \(30 \+ 1\) = 341 addresses for node pool system, but 10\.1\.0\.0\/24 has 251 usable \(256 − 5.*default of 30.*\/23/,
        },
      ],
    },
    {
      name: 'Terraform node subnet /25 one over: (2 + 1) × (41 + 1) = 126 against 123',
      files: { 'main.tf': slash25Over },
      errors: [{ messageId: 'nodeSubnet', line: lineOf(slash25Over, 'vnet_subnet_id'), message: /= 126 addresses/ }],
    },
    {
      name: 'Terraform: two pools sharing a /24, reported once at the later pool',
      files: { 'main.tf': sharedOver },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: lineOf(sharedOver, 'vnet_subnet_id', 'azurerm_kubernetes_cluster_node_pool'),
          message:
            /= system \(3 \+ 1\) × \(30 \+ 1\) \+ user \(4 \+ 1\) × \(30 \+ 1\) = 279 addresses for node pools system, user/,
        },
      ],
    },
    {
      name: 'Terraform: the autoscaler maximum counts',
      files: { 'main.tf': autoscaled },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: lineOf(autoscaled, 'vnet_subnet_id'),
          message:
            /\(40 \+ 1\) × \(30 \+ 1\) = 1,271 addresses for node pool system, but 10\.1\.0\.0\/22 has 1,019 usable.*autoscaler maximum.*\/21/,
        },
      ],
    },
    {
      name: 'Terraform Cilium on the node subnet: the same formula',
      files: { 'main.tf': cilium },
      errors: [{ messageId: 'nodeSubnet', line: lineOf(cilium, 'vnet_subnet_id'), message: /= 279 addresses/ }],
    },
    {
      name: 'Terraform Overlay /24 one over: 251 + 1 = 252',
      files: { 'main.tf': overlayOver },
      errors: [
        {
          messageId: 'nodeAddresses',
          line: lineOf(overlayOver, 'vnet_subnet_id'),
          message: /nodes \+ surge = \(251 \+ 1\) = 252 addresses.*\/23/,
        },
      ],
    },
    {
      name: 'Terraform pod subnet /25 over: (7 + 1) × 16 = 128 against 123',
      files: { 'main.tf': podSubnet(7) },
      errors: [
        {
          messageId: 'podSubnetDynamic',
          line: lineOf(podSubnet(7), 'pod_subnet_id'),
          message: /Pod subnet pods \(10\.1\.1\.0\/25\).*\(7 \+ 1\) × 16 = 128.*\/24/,
        },
      ],
    },
  ],
});
