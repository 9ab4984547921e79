import { testRule } from '../../test/support/rule-tester.js';
import { terraformCluster } from '../../test/support/terraform.js';
import { clusterReplacement } from './cluster-replacement.js';

const tf = terraformCluster;
/** The first line inside `network_profile`: 14 without a `terraform` block, 22 with one. */
const FIRST = 14;
const FIRST_PINNED = 22;

const KUBENET = '    network_plugin = "kubenet"';
const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';
const NODE_SUBNET = '    network_plugin = "azure"';

const MODULE = (inputs: string) => `module "aks" {
  source              = "Azure/aks/azurerm"
  version             = "10.0.0"
  cluster_name        = "aks-prod"
  resource_group_name = "rg-prod"
  prefix              = "prod"
${inputs}}
`;

/** A one-line plan (as `terraform show -json` prints it) with one cluster change. */
const plan = (actions: string[], before: object, after: object) =>
  JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: [
      {
        address: 'azurerm_kubernetes_cluster.aks',
        mode: 'managed',
        type: 'azurerm_kubernetes_cluster',
        name: 'aks',
        provider_name: 'registry.terraform.io/hashicorp/azurerm',
        change: {
          actions,
          before: { name: 'aks-prod', resource_group_name: 'rg-prod', network_profile: [before] },
          after: { name: 'aks-prod', resource_group_name: 'rg-prod', network_profile: [after] },
          after_unknown: {},
        },
      },
    ],
  });

testRule(clusterReplacement, {
  valid: [
    { name: 'no base: nothing changes', files: { 'main.tf': tf(KUBENET) } },
    { name: 'unchanged', base: { 'main.tf': tf(KUBENET) }, files: { 'main.tf': tf(KUBENET) } },
    {
      name: 'kubenet -> Overlay on ~> 4.66 (every allowed version is in place)',
      base: { 'main.tf': tf(KUBENET, '~> 4.66') },
      files: { 'main.tf': tf(OVERLAY, '~> 4.66') },
    },
    {
      name: 'kubenet -> Overlay on exactly 4.66.0 (the boundary)',
      base: { 'main.tf': tf(KUBENET, '4.66.0') },
      files: { 'main.tf': tf(OVERLAY, '4.66.0') },
    },
    {
      name: 'Node Subnet -> Overlay with a pod CIDR on ~> 4.66 (in place from 4.66.0)',
      base: { 'main.tf': tf(NODE_SUBNET, '~> 4.66') },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr            = "192.168.0.0/16"`, '~> 4.66') },
    },
    {
      name: 'azure -> Cilium data plane and policy on >= 4.58.0, < 5.0',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "azure"`, '>= 4.58.0, < 5.0') },
      files: {
        'main.tf': tf(
          `${OVERLAY}\n    network_policy = "cilium"\n    network_data_plane = "cilium"`,
          '>= 4.58.0, < 5.0',
        ),
      },
    },
    {
      name: 'calico -> cilium on exactly 4.59.0 (the boundary)',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "calico"`, '4.59.0') },
      files: {
        'main.tf': tf(`${OVERLAY}\n    network_policy = "cilium"\n    network_data_plane = "cilium"`, '4.59.0'),
      },
    },
    {
      name: 'outbound_type changes in place on ~> 4.0',
      base: { 'main.tf': tf(OVERLAY, '~> 4.0') },
      files: { 'main.tf': tf(`${OVERLAY}\n    outbound_type = "userDefinedRouting"`, '~> 4.0') },
    },
    {
      name: 'removing network_policy is no edit (Computed: the engine stays)',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "calico"`) },
      files: { 'main.tf': tf(OVERLAY) },
    },
    {
      name: 'values compare without case',
      base: { 'main.tf': tf('    network_plugin = "Azure"\n    network_plugin_mode = "Overlay"') },
      files: { 'main.tf': tf(OVERLAY) },
    },
    {
      name: 'an unresolved value is not guessed',
      base: { 'main.tf': tf(KUBENET), 'variables.tf': 'variable "plugin" {}\n' },
      files: { 'main.tf': tf('    network_plugin = var.plugin'), 'variables.tf': 'variable "plugin" {}\n' },
    },
    {
      name: 'an Overlay pod CIDR expanded is left to drift-trap',
      base: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/16"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/15"`) },
    },
    {
      name: 'network_data_plane = "cilium" dropped is left to drift-trap',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_data_plane = "cilium"`) },
      files: { 'main.tf': tf(OVERLAY) },
    },
    {
      name: 'a Bicep change is no Terraform change',
      base: {
        'main.bicep':
          "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'aks-prod'\n  location: 'westeurope'\n  properties: {\n    networkProfile: {\n      networkPlugin: 'kubenet'\n    }\n  }\n}\n",
      },
      files: {
        'main.bicep':
          "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'aks-prod'\n  location: 'westeurope'\n  properties: {\n    networkProfile: {\n      networkPlugin: 'azure'\n    }\n  }\n}\n",
      },
    },
    {
      name: 'a plan that updates in place',
      files: {
        'plan.json': plan(
          ['update'],
          { network_plugin: 'kubenet' },
          { network_plugin: 'azure', network_plugin_mode: 'overlay' },
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'kubenet -> Overlay on ~> 4.40: older versions replace',
      base: { 'main.tf': tf(KUBENET, '~> 4.40') },
      files: { 'main.tf': tf(OVERLAY, '~> 4.40') },
      errors: [
        {
          messageId: 'replaceOlderProvider',
          line: FIRST_PINNED,
          message:
            /in place only from 4\.66\.0, and your constraint `~> 4\.40` allows older versions.*az aks update -n aks-prod -g rg-prod --network-plugin azure --network-plugin-mode overlay/,
        },
      ],
    },
    {
      name: 'kubenet -> Overlay on ~> 4.40.1: no allowed version is in place',
      base: { 'main.tf': tf(KUBENET, '~> 4.40.1') },
      files: { 'main.tf': tf(OVERLAY, '~> 4.40.1') },
      errors: [{ messageId: 'replaceOlderProvider', line: FIRST_PINNED, message: /allows none of those versions/ }],
    },
    {
      name: 'kubenet -> Overlay on exactly 4.65.0 (one below the boundary)',
      base: { 'main.tf': tf(KUBENET, '4.65.0') },
      files: { 'main.tf': tf(OVERLAY, '4.65.0') },
      errors: [{ messageId: 'replaceOlderProvider', line: FIRST_PINNED }],
    },
    {
      // pod_cidr was ForceNew up to 4.65.0 (hashicorp/terraform-provider-azurerm#26259), not 3.72.0.
      name: 'Node Subnet -> Overlay with a pod CIDR on ~> 4.0: replaced before 4.66.0, one finding',
      base: { 'main.tf': tf(NODE_SUBNET, '~> 4.0') },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr            = "192.168.0.0/16"`, '~> 4.0') },
      errors: [
        {
          messageId: 'replaceOlderProvider',
          line: FIRST_PINNED + 1,
          message:
            /network_plugin_mode unset → "overlay".*in place only from 4\.66\.0, and your constraint `~> 4\.0` allows older versions.*--pod-cidr/,
        },
      ],
    },
    {
      name: 'Node Subnet -> Overlay on exactly 4.65.0 (one below the boundary)',
      base: { 'main.tf': tf(NODE_SUBNET, '4.65.0') },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr            = "192.168.0.0/16"`, '4.65.0') },
      errors: [{ messageId: 'replaceOlderProvider', line: FIRST_PINNED + 1, message: /allows none of those versions/ }],
    },
    {
      name: 'kubenet -> Overlay without a version constraint',
      base: { 'main.tf': tf(KUBENET) },
      files: { 'main.tf': tf(OVERLAY) },
      errors: [{ messageId: 'replaceUnknownVersion', line: FIRST, message: /depends on the provider version/ }],
    },
    {
      name: 'kubenet -> azure without overlay replaces in every version',
      base: { 'main.tf': tf(KUBENET, '~> 4.66') },
      files: { 'main.tf': tf(NODE_SUBNET, '~> 4.66') },
      errors: [{ messageId: 'replace', line: FIRST_PINNED, message: /network_plugin "kubenet" → "azure"/ }],
    },
    {
      name: 'azure -> kubenet',
      base: { 'main.tf': tf(OVERLAY) },
      files: { 'main.tf': tf(KUBENET) },
      errors: [
        {
          messageId: 'replace',
          line: FIRST,
          message:
            /To keep the cluster, you cannot: there is no in-place route from Azure CNI Overlay to kubenet[\s\S]*kubenet retires on 2028-03-31\. Plan a replacement instead: create the new cluster beside the old one[\s\S]*A moved block only renames/,
        },
      ],
    },
    {
      name: 'overlay removed: the network_profile line',
      base: { 'main.tf': tf(OVERLAY) },
      files: { 'main.tf': tf(NODE_SUBNET) },
      errors: [{ messageId: 'replace', line: FIRST - 1, message: /network_plugin_mode "overlay" → unset/ }],
    },
    {
      name: 'network_data_plane cilium -> azure',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_data_plane = "cilium"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_data_plane = "azure"`) },
      errors: [{ messageId: 'replace', line: FIRST + 2 }],
    },
    {
      name: 'network_policy azure -> calico, with the uninstall-then-install route',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "azure"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "calico"`) },
      errors: [
        {
          messageId: 'replace',
          line: FIRST + 2,
          message:
            /run `az aks update -n aks-prod -g rg-prod --network-policy none`, then `az aks update -n aks-prod -g rg-prod --network-policy calico` first/,
        },
      ],
    },
    {
      name: 'network_policy calico -> cilium on exactly 4.58.0 (one version short)',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "calico"`, '4.58.0') },
      files: {
        'main.tf': tf(`${OVERLAY}\n    network_policy = "cilium"\n    network_data_plane = "cilium"`, '4.58.0'),
      },
      errors: [
        {
          messageId: 'replaceOlderProvider',
          line: FIRST_PINNED + 2,
          message: /from 4\.59\.0.*--network-dataplane cilium/,
        },
      ],
    },
    {
      name: 'a pod CIDR moved (not an expansion)',
      base: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.244.0.0/16"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    pod_cidr = "10.100.0.0/16"`) },
      errors: [
        { messageId: 'replace', line: FIRST + 2, message: /pod_cidr "10\.244\.0\.0\/16" → "10\.100\.0\.0\/16"/ },
      ],
    },
    {
      name: 'a pod CIDR added to a kubenet cluster without a version',
      base: { 'main.tf': tf(KUBENET) },
      files: { 'main.tf': tf(`${KUBENET}\n    pod_cidr = "10.244.0.0/16"`) },
      errors: [{ messageId: 'replaceUnknownVersion', line: FIRST + 1, message: /from 4\.66\.0/ }],
    },
    {
      name: 'service_cidr and dns_service_ip added',
      base: { 'main.tf': tf(OVERLAY) },
      files: {
        'main.tf': tf(`${OVERLAY}\n    service_cidr   = "10.1.0.0/16"\n    dns_service_ip = "10.1.0.10"`),
      },
      errors: [
        { messageId: 'replace', line: FIRST + 2, message: /service_cidr unset → "10\.1\.0\.0\/16"/ },
        { messageId: 'replace', line: FIRST + 3, message: /dns_service_ip/ },
      ],
    },
    {
      name: 'load_balancer_sku basic -> standard: the out-of-band upgrade',
      base: { 'main.tf': tf(`${OVERLAY}\n    load_balancer_sku = "basic"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    load_balancer_sku = "standard"`) },
      errors: [
        {
          messageId: 'loadBalancerSku',
          line: FIRST + 2,
          message: /az aks update -n aks-prod -g rg-prod --load-balancer-sku standard.*2\.76\.0/,
        },
      ],
    },
    {
      name: 'outbound_type on ~> 3.90.0 (before 3.94.0)',
      base: { 'main.tf': tf(OVERLAY, '~> 3.90.0') },
      files: { 'main.tf': tf(`${OVERLAY}\n    outbound_type = "userDefinedRouting"`, '~> 3.90.0') },
      errors: [{ messageId: 'replaceOlderProvider', line: FIRST_PINNED + 2, message: /from 3\.94\.0/ }],
    },
    {
      name: 'two edits, two findings',
      base: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "azure"\n    service_cidr = "10.0.0.0/16"`) },
      files: { 'main.tf': tf(`${OVERLAY}\n    network_policy = "calico"\n    service_cidr = "10.2.0.0/16"`) },
      errors: [
        { messageId: 'replace', line: FIRST + 2 },
        { messageId: 'replace', line: FIRST + 3 },
      ],
    },
    {
      name: 'a plan that deletes and recreates the cluster',
      files: {
        'plan.json': plan(
          ['delete', 'create'],
          { network_plugin: 'kubenet' },
          { network_plugin: 'azure', network_plugin_mode: null },
        ),
      },
      errors: [{ messageId: 'replacePlan', line: 1, message: /network_plugin "kubenet" → "azure"/ }],
    },
    {
      name: 'a plan lists a pod CIDR expansion too: the plan has decided',
      files: {
        'plan.json': plan(
          ['delete', 'create'],
          { network_plugin: 'azure', network_plugin_mode: 'overlay', pod_cidr: '10.244.0.0/16' },
          { network_plugin: 'azure', network_plugin_mode: 'overlay', pod_cidr: '10.244.0.0/15' },
        ),
      },
      errors: [{ messageId: 'replacePlan', line: 1, message: /pod_cidr "10\.244\.0\.0\/16" → "10\.244\.0\.0\/15"/ }],
    },
    {
      name: 'the Azure/aks/azurerm module: its kubenet default moved to Overlay, version unknown',
      base: { 'main.tf': MODULE('') },
      files: { 'main.tf': MODULE('  network_plugin      = "azure"\n  network_plugin_mode = "overlay"\n') },
      errors: [
        { messageId: 'replaceUnknownVersion', line: 7, message: /no azurerm version was found for this cluster/ },
      ],
    },
    {
      name: 'a plan that replaces the cluster for another attribute',
      files: {
        'plan.json': plan(
          ['create', 'delete'],
          { network_plugin: 'azure', network_plugin_mode: 'overlay' },
          { network_plugin: 'azure', network_plugin_mode: 'overlay' },
        ),
      },
      errors: [{ messageId: 'replacePlan', line: 1, message: /no network_profile change found/ }],
    },
  ],
});
