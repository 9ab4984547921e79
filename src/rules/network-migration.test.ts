import { testRule } from '../../test/support/rule-tester.js';
import { networkMigration } from './network-migration.js';

const tf = (profile: string, extra = '', version = '~> 4.66') => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${version}"
    }
  }
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  dns_prefix          = "prod"
  kubernetes_version  = "1.30"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
${profile}
  }
}
${extra}`;
/** The first line inside `network_profile`. */
const FIRST = 24;

const KUBENET = '    network_plugin = "kubenet"';
const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';
const NODE_SUBNET = '    network_plugin = "azure"';
const WINDOWS_POOL = `
resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
}
`;

const bicep = (profile: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  properties: {
    kubernetesVersion: '1.30'
    networkProfile: {
${profile}
    }
  }
}
`;

testRule(networkMigration, {
  valid: [
    { name: 'no base: nothing migrates', files: { 'main.tf': tf(KUBENET) } },
    { name: 'unchanged', base: { 'main.tf': tf(OVERLAY) }, files: { 'main.tf': tf(OVERLAY) } },
    {
      name: 'kubenet -> Overlay where every allowed provider replaces: cluster-replacement reports it',
      base: { 'main.tf': tf(KUBENET, '', '~> 4.40.1') },
      files: { 'main.tf': tf(OVERLAY, '', '~> 4.40.1') },
    },
    {
      name: 'Overlay -> Node Subnet in Terraform replaces the cluster: cluster-replacement reports it',
      base: { 'main.tf': tf(OVERLAY) },
      files: { 'main.tf': tf(NODE_SUBNET) },
    },
    {
      name: 'a plan that replaces the cluster',
      files: {
        'plan.json': JSON.stringify({
          format_version: '1.2',
          terraform_version: '1.9.5',
          resource_changes: [
            {
              address: 'azurerm_kubernetes_cluster.aks',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster',
              name: 'aks',
              change: {
                actions: ['delete', 'create'],
                before: { network_profile: [{ network_plugin: 'kubenet' }] },
                after: { network_profile: [{ network_plugin: 'azure', network_plugin_mode: 'overlay' }] },
                after_unknown: {},
              },
            },
          ],
        }),
      },
    },
    {
      name: 'an az aks update of the outbound type only',
      files: { 'deploy.sh': 'az aks update -n aks-prod -g rg-prod --outbound-type userDefinedRouting\n' },
    },
  ],
  invalid: [
    {
      name: 'kubenet -> Overlay in Terraform: the checklist, at the overlay line',
      base: { 'main.tf': tf(KUBENET) },
      files: { 'main.tf': tf(OVERLAY) },
      errors: [
        {
          messageId: 'migration',
          line: FIRST + 1,
          message:
            /from kubenet to Azure CNI Overlay\. The migration is irreversible, and all node pools are reimaged at the same time\.[\s\S]*- \[ \] Kubernetes 1\.27 or later\.[\s\S]*- \[ \] No network policy enabled: uninstall Calico first\. \(Sources disagree[\s\S]*- \[ \] The cluster uses a user-assigned managed identity/,
        },
      ],
    },
    {
      name: 'kubenet with Calico -> Overlay: BLOCKED',
      base: { 'main.tf': tf(`${KUBENET}\n    network_policy = "calico"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "calico"`) },
      errors: [
        { messageId: 'migration', line: FIRST + 1, message: /BLOCKED: the cluster has network policy "calico"/ },
      ],
    },
    {
      name: 'kubenet -> Overlay on Kubernetes 1.26: BLOCKED',
      base: { 'main.tf': tf(KUBENET).replace('"1.30"', '"1.26.6"') },
      files: { 'main.tf': tf(OVERLAY).replace('"1.30"', '"1.26.6"') },
      errors: [{ messageId: 'migration', line: FIRST + 1, message: /BLOCKED: Kubernetes 1\.26 is older than 1\.27\./ }],
    },
    {
      name: 'kubenet -> Overlay where the provider version is unknown (cluster-replacement warns too)',
      base: { 'main.tf': tf(KUBENET, '', '>= 3.0') },
      files: { 'main.tf': tf(OVERLAY, '', '>= 3.0') },
      errors: [{ messageId: 'migration', line: FIRST + 1 }],
    },
    {
      name: 'Node Subnet -> Overlay',
      base: { 'main.tf': tf(NODE_SUBNET) },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr            = "192.168.0.0/16"`) },
      errors: [{ messageId: 'migration', line: FIRST + 1, message: /A new pod CIDR \(--pod-cidr\)/ }],
    },
    {
      name: 'Overlay -> Cilium: no Windows pool, the Cilium checklist',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "azure"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "cilium"\n    network_data_plane = "cilium"`) },
      errors: [
        {
          messageId: 'migration',
          line: FIRST + 3,
          message:
            /to Azure CNI Overlay with the Cilium data plane[\s\S]*- \[ \] No Windows node pools[\s\S]*- \[ \] Node auto-provisioning \(NAP\) is disabled/,
        },
      ],
    },
    {
      name: 'Overlay -> Cilium with a Windows pool: BLOCKED',
      base: { 'main.tf': tf(OVERLAY, WINDOWS_POOL) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_data_plane = "cilium"`, WINDOWS_POOL) },
      errors: [{ messageId: 'ciliumBlocked', line: FIRST + 2, message: /^BLOCKED: .*node pool win is Windows/ }],
    },
    {
      name: 'kubenet -> Overlay with Cilium in one change: unsupported, with the route',
      base: { 'main.tf': tf(KUBENET) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_data_plane = "cilium"`) },
      errors: [
        {
          messageId: 'unsupported',
          line: FIRST + 2,
          message:
            /The route: kubenet → Azure CNI Overlay → Azure CNI Overlay with the Cilium data plane, one change per step: `az aks update .*--network-plugin-mode overlay`, then `az aks update .*--network-dataplane cilium`/,
        },
      ],
    },
    {
      name: 'Pod Subnet -> Overlay: unsupported',
      base: {
        'main.tf': tf(NODE_SUBNET).replace(
          'vm_size    = "Standard_D4s_v5"',
          'vm_size    = "Standard_D4s_v5"\n    pod_subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods"',
        ),
      },
      files: {
        'main.tf': tf(OVERLAY).replace(
          'vm_size    = "Standard_D4s_v5"',
          'vm_size    = "Standard_D4s_v5"\n    pod_subnet_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods"',
        ),
      },
      errors: [
        {
          messageId: 'noRoute',
          line: FIRST + 2,
          message:
            /^There is no in-place route from Azure CNI Pod Subnet to Azure CNI Overlay: .*cannot migrate to Overlay[\s\S]*needs a new cluster[\s\S]*new resource name/,
        },
      ],
    },
    {
      name: 'a plan that migrates kubenet -> Overlay in place',
      files: {
        'plan.json': JSON.stringify({
          format_version: '1.2',
          terraform_version: '1.9.5',
          resource_changes: [
            {
              address: 'azurerm_kubernetes_cluster.aks',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster',
              name: 'aks',
              change: {
                actions: ['update'],
                before: { network_profile: [{ network_plugin: 'kubenet' }] },
                after: { network_profile: [{ network_plugin: 'azure', network_plugin_mode: 'overlay' }] },
                after_unknown: {},
              },
            },
          ],
        }),
      },
      errors: [{ messageId: 'migration', line: 1, message: /from kubenet to Azure CNI Overlay/ }],
    },
    {
      name: 'Bicep: kubenet -> Overlay',
      base: { 'main.bicep': bicep("      networkPlugin: 'kubenet'") },
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'") },
      errors: [{ messageId: 'migration', line: 8 }],
    },
    {
      name: 'Bicep: Overlay -> Node Subnet has no route: a new cluster under a new name',
      base: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'") },
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'") },
      errors: [
        {
          messageId: 'noRoute',
          line: 7,
          message:
            /forward-only and irreversible[\s\S]*needs a new cluster[\s\S]*second Microsoft\.ContainerService\/managedClusters resource with a new name/,
        },
      ],
    },
    {
      name: 'Bicep: Node Subnet -> kubenet: no route, kubenet retires',
      base: { 'main.bicep': bicep("      networkPlugin: 'azure'") },
      files: { 'main.bicep': bicep("      networkPlugin: 'kubenet'") },
      errors: [
        {
          messageId: 'noRoute',
          line: 7,
          message:
            /^There is no in-place route from Azure CNI Node Subnet to kubenet: No in-place route leads to kubenet[\s\S]*kubenet retires on 2028-03-31/,
        },
      ],
    },
    {
      name: 'Bicep: Overlay with Cilium -> Overlay: no route leaves the Cilium data plane',
      base: {
        'main.bicep': bicep(
          "      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'\n      networkDataplane: 'cilium'",
        ),
      },
      files: { 'main.bicep': bicep("      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'") },
      errors: [{ messageId: 'noRoute', line: 8, message: /No route leaves the Cilium data plane/ }],
    },
    {
      name: 'az aks update to Overlay: both checklists, and the pod CIDR note',
      files: {
        'deploy.sh':
          'az aks update -n aks-prod -g rg-prod \\\n  --network-plugin azure \\\n  --network-plugin-mode overlay\n',
      },
      errors: [
        {
          messageId: 'updateToOverlay',
          line: 3,
          message:
            /If the cluster is kubenet today:\n- \[ \] Kubernetes 1\.27[\s\S]*If it is Azure CNI Node Subnet today:\n- \[ \] A new pod CIDR[\s\S]*gives no --pod-cidr/,
        },
      ],
    },
    {
      name: 'az aks update to Cilium',
      files: { 'deploy.sh': 'az aks update -n aks-prod -g rg-prod --network-dataplane cilium\n' },
      errors: [
        {
          messageId: 'updateToCilium',
          line: 1,
          message:
            /- \[ \] No Windows node pools[\s\S]*If the cluster is kubenet today: kubenet cannot move to the Cilium data plane directly/,
        },
      ],
    },
    {
      name: 'az aks update of IPAM and data plane at once: unsupported',
      files: {
        'deploy.sh':
          'az aks update -n aks-prod -g rg-prod --network-plugin azure --network-plugin-mode overlay --network-dataplane cilium\n',
      },
      errors: [{ messageId: 'unsupported', line: 1, message: /separate operations/ }],
    },
    {
      name: 'Set-AzAksCluster to Cilium',
      files: {
        'deploy.ps1': "Set-AzAksCluster -ResourceGroupName 'rg-prod' -Name 'aks-prod' -NetworkDataplane cilium\n",
      },
      errors: [{ messageId: 'updateToCilium', line: 1 }],
    },
  ],
});
