import { testRule } from '../../test/support/rule-tester.js';
import { terraformCluster } from '../../test/support/terraform.js';
import { driftTrap } from './drift-trap.js';

const tf = terraformCluster;
/** The `network_profile` line and the first line inside it, without and with a `terraform` block. */
const PROFILE = 13;
const FIRST = 14;
const PROFILE_PINNED = 21;

const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';
const CILIUM = `${OVERLAY}\n    network_policy      = "cilium"\n    network_data_plane  = "cilium"`;
const TO_CILIUM = 'az aks update -n aks-prod -g rg-prod --network-dataplane cilium\n';
const TO_OVERLAY = 'az aks update -n aks-prod -g rg-prod --network-plugin azure --network-plugin-mode overlay\n';

testRule(driftTrap, {
  valid: [
    { name: 'Cilium kept', base: { 'main.tf': tf(CILIUM) }, files: { 'main.tf': tf(CILIUM) } },
    {
      name: 'network_data_plane dropped on azurerm 3.x (Computed: nothing changes)',
      base: { 'main.tf': tf(CILIUM, '~> 3.110') },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_policy      = "cilium"`, '~> 3.110') },
    },
    {
      name: 'a Cilium update for another cluster',
      files: { 'main.tf': tf(OVERLAY), 'deploy.sh': TO_CILIUM.replace('aks-prod', 'aks-dev') },
    },
    {
      name: 'a Cilium update in another resource group',
      files: { 'main.tf': tf(OVERLAY), 'deploy.sh': TO_CILIUM.replace('rg-prod', 'rg-other') },
    },
    {
      name: 'a Cilium update, and the configuration says cilium',
      files: { 'main.tf': tf(CILIUM), 'deploy.sh': TO_CILIUM },
    },
    {
      name: 'an Overlay update, and the configuration says overlay',
      files: { 'main.tf': tf(OVERLAY), 'deploy.sh': TO_OVERLAY },
    },
    {
      name: 'an Overlay pod CIDR moved, not expanded (cluster-replacement reports it)',
      base: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/16"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.100.0.0/16"`) },
    },
    {
      name: 'an Overlay pod CIDR shrunk',
      base: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/15"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/16"`) },
    },
    {
      name: 'a Bicep cluster and a Cilium update (the hazard is Terraform’s default)',
      files: {
        'main.bicep':
          "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'aks-prod'\n  location: 'westeurope'\n  properties: {\n    networkProfile: {\n      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'\n    }\n  }\n}\n",
        'deploy.sh': TO_CILIUM,
      },
    },
  ],
  invalid: [
    {
      name: 'network_data_plane = "cilium" dropped, no provider version',
      base: { 'main.tf': tf(CILIUM) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_policy      = "cilium"`) },
      errors: [
        {
          messageId: 'dataplaneDropped',
          line: PROFILE,
          message: /From azurerm 4\.0\.0 the attribute defaults to "azure".*no azurerm version constraint was found/,
        },
      ],
    },
    {
      name: 'network_data_plane = "cilium" dropped on ~> 4.0',
      base: { 'main.tf': tf(CILIUM, '~> 4.0') },
      files: { 'main.tf': tf(OVERLAY, '~> 4.0') },
      errors: [{ messageId: 'dataplaneDropped', line: PROFILE_PINNED, message: /replaces the cluster\. Keep/ }],
    },
    {
      name: 'network_data_plane = "cilium" dropped on >= 3.0 (spans 4.0)',
      base: { 'main.tf': tf(CILIUM, '>= 3.0') },
      files: { 'main.tf': tf(OVERLAY, '>= 3.0') },
      errors: [
        { messageId: 'dataplaneDropped', line: PROFILE_PINNED, message: /which your constraint `>= 3\.0` allows/ },
      ],
    },
    {
      name: 'Cilium enabled by az aks update, network_data_plane omitted',
      files: { 'main.tf': tf(OVERLAY), 'deploy.sh': TO_CILIUM },
      errors: [
        {
          messageId: 'dataplaneOutOfBand',
          line: PROFILE,
          file: 'main.tf',
          message:
            /`az aks update` \(deploy\.sh:1\) moves cluster aks-prod to the Cilium data plane.*omits network_data_plane/,
        },
      ],
    },
    {
      name: 'Cilium enabled by az aks update, network_data_plane = "azure"',
      files: { 'main.tf': tf(`${OVERLAY}\n    network_data_plane  = "azure"`), 'deploy.sh': TO_CILIUM },
      errors: [{ messageId: 'dataplaneOutOfBand', line: FIRST + 2, message: /sets network_data_plane = "azure"/ }],
    },
    {
      name: 'kubenet in Terraform, Overlay by az aks update',
      files: { 'main.tf': tf('    network_plugin = "kubenet"'), 'deploy.sh': TO_OVERLAY },
      errors: [{ messageId: 'kubenetAfterMigration', line: FIRST, message: /migrates cluster aks-prod from kubenet/ }],
    },
    {
      name: 'kubenet in Terraform, Overlay by Set-AzAksCluster (names compare without case)',
      files: {
        'main.tf': tf('    network_plugin = "kubenet"'),
        'migrate.ps1':
          "Set-AzAksCluster -ResourceGroupName 'RG-PROD' -Name 'AKS-PROD' -NetworkPlugin azure -NetworkPluginMode overlay\n",
      },
      errors: [{ messageId: 'kubenetAfterMigration', line: FIRST }],
    },
    {
      name: 'the Azure/aks/azurerm module defaults to kubenet: the module line',
      files: {
        'main.tf':
          'module "aks" {\n  source              = "Azure/aks/azurerm"\n  version             = "10.0.0"\n  cluster_name        = "aks-prod"\n  resource_group_name = "rg-prod"\n  prefix              = "prod"\n}\n',
        'deploy.sh': TO_OVERLAY,
      },
      errors: [{ messageId: 'kubenetAfterMigration', line: 1 }],
    },
    {
      name: 'an Overlay pod CIDR expanded: the az aks update route',
      base: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/16"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/15"`) },
      errors: [
        {
          messageId: 'podCidrExpanded',
          line: FIRST + 2,
          message:
            /"10\.244\.0\.0\/16" → "10\.244\.0\.0\/15".*az aks update -n aks-prod -g rg-prod --pod-cidr 10\.244\.0\.0\/15/,
        },
      ],
    },
    {
      name: 'a kubenet pod CIDR expanded: no documented route',
      base: { 'main.tf': tf('    network_plugin = "kubenet"\n    pod_cidr = "10.244.0.0/16"') },
      files: { 'main.tf': tf('    network_plugin = "kubenet"\n    pod_cidr = "10.244.0.0/14"') },
      errors: [{ messageId: 'podCidrExpanded', line: FIRST + 1, message: /for Azure CNI Overlay only/ }],
    },
  ],
});
