import { UNSUPPORTED_COMBINATIONS } from '../knowledge/limits.js';
import type { CombinationId } from '../knowledge/limits.js';
import type { Setting } from '../model/index.js';
import { writerFor } from '../formats/index.js';
import { createRule } from './rule.js';

export const unsupportedCombination = createRule({
  meta: {
    id: 'unsupported-combination',
    description: 'Flags network settings that AKS or the Terraform provider does not support together.',
    defaultSeverity: 'error',
    messages: {
      kubenetAzurePolicy:
        'Network policy "azure" (Azure Network Policy Manager) on a cluster that uses {{plugin}}: {{fact}} Use network policy "calico", or migrate to Azure CNI Overlay first. Source: {{source}}',
      kubenetOverlay:
        'Plugin mode "overlay" on a cluster that uses {{plugin}}: {{fact}} For Azure CNI Overlay set the network plugin to "azure" as well. Source: {{source}}',
      ciliumDataplaneKubenet:
        'The Cilium dataplane on a cluster that uses {{plugin}}: {{fact}} Set the network plugin to "azure" with plugin mode "overlay". Source: {{source}}',
      ciliumPolicyWithoutDataplane:
        'Network policy "cilium" while {{dataplane}}: {{fact}} Set the network dataplane to "cilium" too (Azure CNI only: kubenet moves to Azure CNI Overlay first), or choose another policy engine. Source: {{source}}',
      podCidrWithoutOverlay:
        'pod_cidr is set with network_plugin "azure" but without network_plugin_mode "overlay": {{fact}} Azure CNI Node Subnet and Pod Subnet take pod IPs from subnets, not from a pod CIDR: remove pod_cidr, or add network_plugin_mode = "overlay". Source: {{source}}',
      dualStackPolicy:
        'Network policy "{{policy}}" on a dual-stack (IPv4/IPv6) cluster: {{fact}} Remove the network policy, or use the Cilium dataplane with network policy "cilium". Source: {{source}}',
      dualStackWithoutOverlay:
        'Dual-stack (IPv4/IPv6) on {{model}}: {{fact}} Set the network plugin mode to "overlay". Source: {{source}}',
    },
  },
  checkCluster({ cluster }, context) {
    const { plugin, pluginMode, dataplane, policy, podCidr } = cluster.network;
    const pluginValue = lower(plugin);
    const modeValue = lower(pluginMode);
    const dataplaneValue = lower(dataplane);
    const policyValue = lower(policy);
    const kubenet = pluginValue === 'kubenet' && plugin !== undefined ? describePlugin(plugin) : undefined;

    if (kubenet !== undefined && policyValue === 'azure' && policy !== undefined) {
      context.report({
        messageId: 'kubenetAzurePolicy',
        range: policy.range,
        decidedBy: [policy],
        data: { plugin: kubenet, ...cite('kubenet-azure-policy') },
      });
    }
    if (kubenet !== undefined && modeValue === 'overlay' && pluginMode !== undefined) {
      context.report({
        messageId: 'kubenetOverlay',
        range: pluginMode.range,
        decidedBy: [pluginMode],
        data: { plugin: kubenet, ...cite('kubenet-overlay') },
      });
    }
    if (kubenet !== undefined && dataplaneValue === 'cilium' && dataplane !== undefined) {
      context.report({
        messageId: 'ciliumDataplaneKubenet',
        range: dataplane.range,
        decidedBy: [dataplane],
        data: { plugin: kubenet, ...cite('cilium-dataplane-kubenet') },
      });
    }
    if (policyValue === 'cilium' && policy !== undefined && dataplaneValue !== 'cilium' && !isUnknown(dataplane)) {
      context.report({
        messageId: 'ciliumPolicyWithoutDataplane',
        range: policy.range,
        decidedBy: [policy],
        data: {
          dataplane:
            dataplaneValue === undefined
              ? 'the network dataplane is not set'
              : `the network dataplane is "${dataplaneValue}"`,
          ...cite('cilium-policy-without-cilium-dataplane'),
        },
      });
    }
    // The provider's validation, not AKS's: for other formats the fact base does not say what AKS does.
    if (
      writerFor(cluster.format).terraform === 'configuration' &&
      cluster.definition === 'azurerm_kubernetes_cluster' &&
      pluginValue === 'azure' &&
      modeValue !== 'overlay' &&
      !isUnknown(pluginMode) &&
      podCidr !== undefined &&
      !isUnknown(podCidr)
    ) {
      context.report({
        messageId: 'podCidrWithoutOverlay',
        range: podCidr.range,
        decidedBy: [podCidr],
        data: cite('terraform-pod-cidr-without-overlay'),
      });
    }

    const families = cluster.ipFamilies;
    const dualStack =
      families !== undefined &&
      families.how !== 'unresolved' &&
      families.value.some((family) => family.toLowerCase() === 'ipv6');
    if (!dualStack) return;
    if ((policyValue === 'azure' || policyValue === 'calico') && policy !== undefined) {
      context.report({
        messageId: 'dualStackPolicy',
        range: policy.range,
        decidedBy: [policy],
        data: { policy: policyValue, ...cite('dual-stack-policy') },
      });
    }
    // kubenet dual-stack is a conflict in the fact base (GA in 2023, the current page requires Overlay): left out.
    if (pluginValue === 'azure' && modeValue !== 'overlay' && !isUnknown(pluginMode)) {
      context.report({
        messageId: 'dualStackWithoutOverlay',
        range: families.range,
        decidedBy: [families],
        data: {
          model:
            dataplaneValue === 'cilium' ? 'Azure CNI Powered by Cilium without Overlay' : 'Azure CNI without Overlay',
          ...cite('dual-stack-without-overlay'),
        },
      });
    }
  },
});

function cite(id: CombinationId): { fact: string; source: string } {
  const fact = UNSUPPORTED_COMBINATIONS[id];
  return { fact: fact.value, source: fact.source };
}

/** The value, lower-cased (AKS accepts mixed case); undefined when absent or unresolved. */
function lower(setting: Setting<string> | undefined): string | undefined {
  if (setting === undefined || setting.how === 'unresolved') return undefined;
  return setting.value.toLowerCase();
}

function isUnknown(setting: Setting<string> | undefined): boolean {
  return setting?.how === 'unresolved';
}

function describePlugin(plugin: Setting<string>): string {
  if (plugin.how === 'default') return `kubenet (${plugin.note})`;
  if (plugin.how === 'resolved') return `kubenet (from \`${plugin.expression}\`)`;
  return 'kubenet';
}
