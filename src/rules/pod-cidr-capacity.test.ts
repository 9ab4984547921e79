import { testRule } from '../../test/support/rule-tester.js';
import { podCidrCapacity } from './pod-cidr-capacity.js';

/** A Terraform cluster: line 13 is the first network_profile line. */
const terraform = (pool: string, network: string, extra = '') => `resource "azurerm_kubernetes_cluster" "aks" {
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
${extra}`;

const KUBENET = '    network_plugin = "kubenet"';
const overlay = (podCidr: string) =>
  `    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = "${podCidr}"`;

/** A Bicep cluster: line 9 is the pod CIDR. */
const bicep = (
  count: string,
  podCidr: string,
) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      podCidr: '${podCidr}'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        ${count}
      }
    ]
  }
}
`;

const userPool = (count: string) => `resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
${count}
}
`;

testRule(podCidrCapacity, {
  valid: [
    {
      name: 'az aks update --pod-cidr with a /16',
      files: {
        'deploy.sh':
          'az aks update -n aks -g rg --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16\n',
      },
    },
    {
      name: 'Terraform kubenet, default /16: 255 nodes + 1 surge is exactly full',
      files: { 'main.tf': terraform('    node_count = 255', KUBENET) },
    },
    {
      name: 'Terraform Overlay /20: 16 nodes, two pools, exactly full with surge',
      files: {
        'main.tf': terraform('    node_count = 7', overlay('192.168.0.0/20'), userPool('  node_count = 7')),
      },
    },
    {
      name: 'Bicep Overlay /22: 3 nodes + 1 surge fit in 4',
      files: { 'main.bicep': bicep('count: 3', '192.168.0.0/22') },
    },
    {
      name: 'az CLI kubenet, the autoscaler maximum fits',
      files: {
        'deploy.sh':
          'az aks create -n aks -g rg --network-plugin kubenet --pod-cidr 10.244.0.0/23 \\\n  --enable-cluster-autoscaler --min-count 1 --max-count 1\n',
      },
    },
    {
      name: 'Azure CNI Node Subnet does not use the pod CIDR',
      files: { 'main.tf': terraform('    node_count = 300', '    network_plugin = "azure"') },
    },
    {
      name: 'an unresolved node count is not guessed',
      files: {
        'main.tf': terraform('    node_count = var.nodes', overlay('192.168.0.0/24')),
        'variables.tf': 'variable "nodes" {}\n',
      },
    },
    {
      name: 'an unresolved pod CIDR is not guessed',
      files: {
        'main.tf': terraform(
          '    node_count = 300',
          '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    pod_cidr            = var.pod_cidr',
        ),
        'variables.tf': 'variable "pod_cidr" {}\n',
      },
    },
    {
      name: 'an autoscaled pool whose maximum is unresolved',
      files: {
        'main.tf': terraform(
          '    auto_scaling_enabled = true\n    min_count            = 1\n    max_count            = var.max',
          overlay('192.168.0.0/24'),
        ),
        'variables.tf': 'variable "max" {}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'az aks update --pod-cidr longer than /24',
      files: {
        'deploy.sh':
          'az aks update -n aks -g rg --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/26\n',
      },
      errors: [{ messageId: 'tooLong', line: 1, message: /192\.168\.0\.0\/26/ }],
    },
    {
      name: 'Terraform kubenet, default /16: 256 nodes leave no surge room',
      files: { 'main.tf': terraform('    node_count = 256', KUBENET) },
      errors: [{ messageId: 'noSurgeRoom', line: 13, message: /10\.244\.0\.0\/16 \(the default.*\(256 \+ 1\) = 257/ }],
    },
    {
      name: 'Terraform kubenet, default /16: 257 nodes are rejected',
      files: { 'main.tf': terraform('    node_count = 257', KUBENET) },
      errors: [
        {
          messageId: 'exceeded',
          line: 13,
          message: /2\^\(24 − 16\) = 256 nodes.*\(257 \+ 1\) = 258.*InsufficientSubnetSize.*2023-05-07.*\/15/,
        },
      ],
    },
    {
      name: 'Terraform Overlay /20: two pools one over with surge',
      files: {
        'main.tf': terraform('    node_count = 7', overlay('192.168.0.0/20'), userPool('  node_count = 8')),
      },
      errors: [{ messageId: 'noSurgeRoom', line: 15, message: /system \(7 \+ 1\) \+ user \(8 \+ 1\) = 17/ }],
    },
    {
      name: 'Terraform Overlay: the autoscaler maximum counts, not the node count',
      files: {
        'main.tf': terraform(
          '    node_count           = 1\n    auto_scaling_enabled = true\n    min_count            = 1\n    max_count            = 20',
          overlay('192.168.0.0/20'),
        ),
      },
      errors: [{ messageId: 'exceeded', line: 18, message: /\(20 \+ 1\) = 21.*autoscaler maximums.*\/19/ }],
    },
    {
      name: 'Terraform Overlay: a pod CIDR longer than /24',
      files: { 'main.tf': terraform('    node_count = 1', overlay('192.168.0.0/25')) },
      errors: [{ messageId: 'tooLong', line: 15, message: /192\.168\.0\.0\/25.*\/24/ }],
    },
    {
      name: 'Bicep Overlay /22: 4 nodes + 1 surge',
      files: { 'main.bicep': bicep('count: 4', '192.168.0.0/22') },
      errors: [{ messageId: 'noSurgeRoom', line: 9, message: /\(4 \+ 1\) = 5/ }],
    },
    {
      name: 'Bicep Overlay /22: 5 nodes',
      files: { 'main.bicep': bicep('count: 5', '192.168.0.0/22') },
      errors: [{ messageId: 'exceeded', line: 9, message: /= 4 nodes.*\/21/ }],
    },
    {
      name: 'az CLI kubenet, the autoscaler maximum is one over',
      files: {
        'deploy.sh':
          'az aks create -n aks -g rg --network-plugin kubenet --pod-cidr 10.244.0.0/23 \\\n  --enable-cluster-autoscaler --min-count 1 --max-count 2\n',
      },
      errors: [{ messageId: 'noSurgeRoom', line: 1, message: /\(2 \+ 1\) = 3/ }],
    },
    {
      name: 'no network plugin: AKS picks kubenet or Overlay, both a /24 per node of the default pod CIDR',
      files: {
        'main.tf': `resource "azurerm_kubernetes_cluster" "aks" {
  name       = "aks"
  dns_prefix = "aks"
  default_node_pool {
    name       = "system"
    node_count = 300
  }
}
`,
      },
      errors: [{ messageId: 'exceeded', line: 1, message: /the default/ }],
    },
  ],
});
