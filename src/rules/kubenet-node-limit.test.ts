import { testRule } from '../../test/support/rule-tester.js';
import { kubenetNodeLimit } from './kubenet-node-limit.js';

// The default pool's count lines start at line 9.
const tf = (poolLines: string, plugin = 'kubenet') => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
${poolLines}
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin = "${plugin}"
  }
}
`;

// node_count or max_count on line 5.
const tfPool = (name: string, countLines: string) => `resource "azurerm_kubernetes_cluster_node_pool" "${name}" {
  name                  = "${name}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
${countLines}
}
`;

// count of the first pool on line 8, of the second on line 13.
const bicep = (
  first: string,
  second: string,
) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    agentPoolProfiles: [
      {
        name: 'system'
${first}
        mode: 'System'
      }
      {
        name: 'user'
${second}
        mode: 'User'
      }
    ]
    networkProfile: {
      networkPlugin: 'kubenet'
    }
  }
}
`;

testRule(kubenetNodeLimit, {
  valid: [
    { name: 'exactly 400 in one pool', files: { 'main.tf': tf('    node_count = 400') } },
    {
      name: 'exactly 400 over three pools',
      files: {
        'main.tf': tf('    node_count = 300'),
        'pools.tf': tfPool('user', '  node_count = 80') + tfPool('gpu', '  node_count = 20'),
      },
    },
    {
      name: 'autoscaling: max_count 400 (node_count ignored)',
      files: {
        'main.tf': tf('    auto_scaling_enabled = true\n    min_count = 1\n    max_count = 400\n    node_count = 10'),
      },
    },
    { name: 'not kubenet', files: { 'main.tf': tf('    node_count = 1000', 'azure') } },
    {
      name: 'an unresolved count: say nothing',
      files: {
        'main.tf': tf('    node_count = 300'),
        'pools.tf': tfPool('user', '  node_count = var.n'),
        'variables.tf': 'variable "n" {}\n',
      },
    },
    { name: 'a missing count: say nothing', files: { 'main.tf': tf('    max_pods = 30') } },
    { name: 'Bicep 200 + 200', files: { 'main.bicep': bicep('        count: 200', '        count: 200') } },
  ],
  invalid: [
    {
      name: '401 in one pool',
      files: { 'main.tf': tf('    node_count = 401') },
      errors: [{ messageId: 'overLimit', line: 9, message: /1 pool: 401 \(system\) > 400/ }],
    },
    {
      name: 'three pools: 300 + 80 + 30 = 410, at the pool that crosses the limit',
      files: {
        'main.tf': tf('    auto_scaling_enabled = true\n    min_count = 3\n    max_count = 300'),
        'pools.tf': tfPool('user', '  node_count = 80') + tfPool('gpu', '  node_count = 30'),
      },
      errors: [
        {
          messageId: 'overLimit',
          line: 11,
          file: 'pools.tf',
          message: /3 pools: 300 \(system, autoscaler max\) \+ 80 \(user\) \+ 30 \(gpu\) = 410 > 400/,
        },
      ],
    },
    {
      name: 'Bicep 200 + 201',
      files: { 'main.bicep': bicep('        count: 200', '        count: 201') },
      errors: [{ messageId: 'overLimit', line: 13, message: /= 401 > 400/ }],
    },
    {
      name: 'Bicep autoscaler maximum',
      files: {
        'main.bicep': bicep(
          '        count: 3\n        enableAutoScaling: true\n        minCount: 3\n        maxCount: 350',
          '        count: 51',
        ),
      },
      errors: [{ messageId: 'overLimit', line: 16, message: /350 \(system, autoscaler max\) \+ 51 \(user\) = 401/ }],
    },
    {
      name: 'az CLI autoscaler',
      files: {
        'deploy.sh':
          'az aks create -g rg -n aks --network-plugin kubenet --enable-cluster-autoscaler --min-count 3 --max-count 500\n',
      },
      errors: [
        { messageId: 'overLimit', line: 1, message: /500 \(default, autoscaler max\)|500 \(\w+, autoscaler max\)/ },
      ],
    },
  ],
});
