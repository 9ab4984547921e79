import { testRule } from '../../test/support/rule-tester.js';
import { windowsNodePool } from './windows-node-pool.js';

const tfCluster = (networkProfile: string) => `resource "azurerm_kubernetes_cluster" "aks" {
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

// os_type is on line 5.
const tfPool = (osType: string, name = 'win') => `resource "azurerm_kubernetes_cluster_node_pool" "${name}" {
  name                  = "${name}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
  os_type               = ${osType}
  node_count            = 2
}
`;

// The Windows pool's osType is on line 17.
const bicep = (
  networkProfile: string,
  osType = "'Windows'",
) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4s_v5'
        mode: 'System'
      }
      {
        name: 'win'
        count: 2
        vmSize: 'Standard_D4s_v5'
        mode: 'User'
        osType: ${osType}
      }
    ]
    networkProfile: {
${networkProfile}
    }
  }
}
`;

const az = (createFlags: string, poolFlags: string) =>
  `az aks create -g rg-demo -n aks-demo ${createFlags}\naz aks nodepool add -g rg-demo --cluster-name aks-demo -n win ${poolFlags}\n`;

testRule(windowsNodePool, {
  valid: [
    {
      name: 'Windows pool on Azure CNI Overlay',
      files: {
        'main.tf': tfCluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"'),
        'pools.tf': tfPool('"Windows"'),
      },
    },
    {
      name: 'Linux pool on kubenet',
      files: { 'main.tf': tfCluster('    network_plugin = "kubenet"'), 'pools.tf': tfPool('"Linux"', 'lin') },
    },
    {
      name: 'unresolved os_type on kubenet',
      files: {
        'main.tf': tfCluster('    network_plugin = "kubenet"'),
        'pools.tf': tfPool('var.os'),
        'variables.tf': 'variable "os" {}\n',
      },
    },
    {
      name: 'Bicep Windows pool on Azure CNI Node Subnet',
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'") },
    },
    {
      name: 'az CLI Windows pool on Overlay',
      files: { 'deploy.sh': az('--network-plugin azure --network-plugin-mode overlay', '--os-type Windows') },
    },
  ],
  invalid: [
    {
      name: 'Terraform Windows pool on kubenet, at os_type',
      files: { 'main.tf': tfCluster('    network_plugin = "kubenet"'), 'pools.tf': tfPool('"Windows"') },
      errors: [{ messageId: 'windowsKubenet', line: 5, file: 'pools.tf', message: /"win".*kubenet/ }],
    },
    {
      name: 'Terraform Windows pool on the Cilium dataplane',
      files: {
        'main.tf': tfCluster(
          '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane  = "cilium"',
        ),
        'pools.tf': tfPool('"Windows"'),
      },
      errors: [{ messageId: 'windowsCilium', line: 5, file: 'pools.tf', message: /Linux/ }],
    },
    {
      name: 'Bicep Windows pool on kubenet (mixed case)',
      files: { 'main.bicep': bicep("      networkPlugin: 'kubenet'", "'windows'") },
      errors: [{ messageId: 'windowsKubenet', line: 17 }],
    },
    {
      name: 'Bicep Windows pool with Cilium',
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      networkDataplane: 'cilium'") },
      errors: [{ messageId: 'windowsCilium', line: 17 }],
    },
    {
      name: 'az CLI nodepool add --os-type Windows to a kubenet cluster',
      files: { 'deploy.sh': az('--network-plugin kubenet', '--os-type Windows') },
      errors: [{ messageId: 'windowsKubenet', line: 2 }],
    },
    {
      name: 'two Windows pools, two findings',
      files: {
        'main.tf': tfCluster('    network_plugin = "kubenet"'),
        'pools.tf': tfPool('"Windows"', 'win1') + tfPool('"Windows"', 'win2'),
      },
      errors: [
        { messageId: 'windowsKubenet', line: 5, file: 'pools.tf' },
        { messageId: 'windowsKubenet', line: 12, file: 'pools.tf' },
      ],
    },
  ],
});
