import { testRule } from '../../test/support/rule-tester.js';
import { legacyNodeSubnet } from './legacy-node-subnet.js';

/** A Terraform cluster: line 11 is free for a default pool argument, line 15 is the first network_profile line. */
const terraform = (
  networkProfile: string,
  pool = '    max_pods   = 30',
) => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
${pool}
  }

  network_profile {
${networkProfile}
  }
}
`;

/** A Bicep cluster: line 7 is the network plugin. */
const bicep = (profile: string, pool = '') => `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: 'azure'
${profile}
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 3
${pool}
      }
    ]
  }
}
`;

const capz = (plugin: string) => `apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: AzureManagedControlPlane
metadata:
  name: aks-demo
spec:
  version: v1.31.2
  resourceGroupName: rg-demo
${plugin}
`;

testRule(legacyNodeSubnet, {
  valid: [
    {
      name: 'Terraform: Overlay',
      files: { 'main.tf': terraform('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"') },
    },
    {
      name: 'Terraform: Pod Subnet',
      files: {
        'main.tf': terraform(
          '    network_plugin = "azure"',
          '    pod_subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pods"',
        ),
      },
    },
    {
      name: 'Terraform: Cilium on node subnet IPAM is reported as Cilium',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    network_data_plane = "cilium"') },
    },
    { name: 'Terraform: kubenet is another rule', files: { 'main.tf': terraform('    network_plugin = "kubenet"') } },
    {
      name: 'Terraform: an unresolved plugin mode is not guessed',
      files: {
        'main.tf': terraform('    network_plugin = "azure"\n    network_plugin_mode = var.mode'),
        'variables.tf': 'variable "mode" {}\n',
      },
    },
    { name: 'Bicep: Overlay', files: { 'main.bicep': bicep("      networkPluginMode: 'overlay'") } },
    {
      name: 'Bicep: Pod Subnet',
      files: {
        'main.bicep': bicep(
          '',
          "        podSubnetID: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pods'",
        ),
      },
    },
    { name: 'CAPZ: overlay', files: { 'cluster.yaml': capz('  networkPluginMode: overlay') } },
  ],
  invalid: [
    {
      name: "Terraform: the pools' own maxPods decide what a /24 holds: floor(251 / 51) = 4 nodes at 50 pods",
      files: { 'main.tf': terraform('    network_plugin = "azure"', '    max_pods   = 50') },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: 15,
          message: /\(maxPods 50 here\), so a \/24 holds only 4 nodes \(200 pods\)/,
        },
      ],
    },
    {
      name: 'Terraform: without maxPods the documented default is used',
      files: { 'main.tf': terraform('    network_plugin = "azure"', '') },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: 15,
          message: /\(default 30 pods\), so a \/24 holds only 8 nodes \(240 pods\)/,
        },
      ],
    },
    {
      name: 'Terraform: azure without a mode, pointing at the plugin line',
      files: { 'main.tf': terraform('    network_plugin = "azure"') },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: 15,
          message:
            /Azure CNI Node Subnet.*maxPods 30 here.*a \/24 holds only 8 nodes \(240 pods\).*backward compatibility.*network_plugin_mode = "overlay" with a new pod_cidr.*azurerm 4\.66\.0 or later updates an existing cluster in place, older providers destroy and recreate it/,
        },
      ],
    },
    {
      name: 'Terraform: mixed case',
      files: { 'main.tf': terraform('    network_plugin = "Azure"') },
      errors: [{ messageId: 'nodeSubnet', line: 15 }],
    },
    {
      name: 'Terraform: a plugin from a variable default',
      files: {
        'main.tf': terraform('    network_plugin = var.plugin'),
        'variables.tf': 'variable "plugin" {\n  default = "azure"\n}\n',
      },
      errors: [{ messageId: 'nodeSubnet', line: 15, file: 'main.tf' }],
    },
    {
      name: 'Bicep: azure without a mode, with the CLI migration',
      files: { 'main.bicep': bicep('') },
      errors: [
        {
          messageId: 'nodeSubnet',
          line: 7,
          message:
            /networkPluginMode: 'overlay' with a new podCidr: '<cidr>'.*`az aks update -n aks-demo -g \$RG --network-plugin azure --network-plugin-mode overlay --pod-cidr \$POD_CIDR`/,
        },
      ],
    },
    {
      name: 'az CLI: --network-plugin azure alone',
      files: { 'deploy.sh': 'az aks create -n aks-prod -g rg-prod \\\n  --network-plugin azure\n' },
      errors: [
        { messageId: 'nodeSubnet', line: 2, message: /--network-plugin-mode overlay with a new --pod-cidr <cidr>/ },
      ],
    },
    {
      name: 'CAPZ: the kubebuilder default azure is node subnet, on the kind line',
      files: { 'cluster.yaml': capz('') },
      errors: [{ messageId: 'nodeSubnetDefault', line: 2, message: /without saying so/ }],
    },
  ],
});
