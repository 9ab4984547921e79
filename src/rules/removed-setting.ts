import { comparePosition } from '../domain/version-range.js';
import { aksModule } from '../knowledge/terraform-modules.js';
import {
  AKS_API_SPEC_2026_01_01,
  API_SERVER_AUTHORIZED_IP_RANGES,
  BRIDGE_NETWORK_MODE,
  DOCKER_BRIDGE_CIDR,
  EBPF_DATA_PLANE,
} from '../knowledge/settings.js';
import type { RemovedSettingFacts } from '../knowledge/settings.js';
import type { Cluster, RemovedSetting, RemovedSettingKind } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { writerFor } from '../formats/index.js';
import { createRule } from './rule.js';
import type { RuleContext } from './rule.js';

const FACTS: Record<RemovedSettingKind, RemovedSettingFacts> = {
  'docker-bridge-cidr': DOCKER_BRIDGE_CIDR,
  'ebpf-data-plane': EBPF_DATA_PLANE,
  'api-server-authorized-ip-ranges': API_SERVER_AUTHORIZED_IP_RANGES,
};

type MessageId = 'removed' | 'removedFails' | 'notInApi' | 'bridge';

export const removedSetting = createRule({
  meta: {
    id: 'removed-setting',
    description:
      'Flags settings that AKS or the azurerm provider removed or no longer supports: docker_bridge_cidr, ebpf_data_plane, api_server_authorized_ip_ranges and network mode "bridge".',
    defaultSeverity: 'warning',
    // Terraform rejects an argument its provider removed: with azurerm 4.0 or later that is certain.
    messageSeverity: { removedFails: 'error' },
    messages: {
      removed: '`{{name}}` {{history}}. {{fix}}, see {{docs}}',
      removedFails:
        '`{{name}}` makes this configuration fail: azurerm removed it in {{removedIn}} (deprecated in {{deprecatedIn}}), and the azurerm version this configuration uses ("{{constraint}}") is {{removedIn}} or later. {{fix}}, see {{docs}}',
      notInApi:
        '`{{name}}` is not a property of API version {{apiVersion}}: the AKS API removed dockerBridgeCidr starting with API version {{apiRemoved}} (earlier versions accept it and ignore it). {{fix}}, see {{docs}}',
      bridge:
        'Network mode "{{value}}" is no longer supported by AKS (the API spec: "This is no longer supported"); Azure CNI has used transparent mode by default since AKS release {{since}}. Use {{transparent}}, or leave the setting out to get it.{{terraform}} See {{docs}}',
    },
  },
  checkCluster({ cluster }, context) {
    for (const removed of cluster.removedSettings ?? []) reportRemoved(cluster, removed, context);
    const mode = cluster.network.networkMode;
    const value = settingValue(mode);
    if (mode === undefined || value === undefined || value.toLowerCase() !== 'bridge') return;
    const terraform = isTerraform(cluster);
    context.report({
      messageId: 'bridge',
      range: mode.range,
      decidedBy: [mode],
      data: {
        value,
        since: BRIDGE_NETWORK_MODE.transparentDefaultSince.value,
        transparent: terraform ? 'network_mode = "transparent"' : 'networkMode "transparent"',
        terraform: terraform
          ? ` ${BRIDGE_NETWORK_MODE.terraformForceNew.value} ${BRIDGE_NETWORK_MODE.terraformForceNew.note ?? ''}`.trimEnd()
          : '',
        docs: AKS_API_SPEC_2026_01_01,
      },
    });
  },
});

function reportRemoved(cluster: Cluster, removed: RemovedSetting, context: RuleContext<MessageId>): void {
  // The Azure/aks/azurerm module's own `ebpf_data_plane` variable is current: the module maps it to
  // `network_data_plane`.
  if (removed.kind === 'ebpf-data-plane' && cluster.definition === `module "${aksModule.source}"`) return;
  const facts = FACTS[removed.kind];
  const fix = fixFor(cluster, removed.kind);
  const isProviderAttribute = facts.terraformName !== undefined && removed.name === facts.terraformName;
  if (isProviderAttribute && facts.azurermRemoved !== undefined) {
    const constraint = settingValue(cluster.providerVersion);
    if (constraint !== undefined && comparePosition(constraint, facts.azurermRemoved.value) === 'at-least') {
      context.report({
        messageId: 'removedFails',
        range: removed.range,
        data: {
          name: removed.name,
          removedIn: facts.azurermRemoved.value,
          deprecatedIn: facts.azurermDeprecated?.value ?? 'an earlier version',
          constraint,
          fix,
          docs: facts.docs,
        },
      });
      return;
    }
  }
  const apiVersion = cluster.apiVersion;
  if (!isProviderAttribute && facts.apiRemoved !== undefined && apiVersion !== undefined) {
    const date = /^\d{4}-\d{2}-\d{2}/.exec(apiVersion)?.[0];
    if (date !== undefined && date >= facts.apiRemoved.value) {
      context.report({
        messageId: 'notInApi',
        range: removed.range,
        data: { name: removed.name, apiVersion, apiRemoved: facts.apiRemoved.value, fix, docs: facts.docs },
      });
      return;
    }
  }
  context.report({
    messageId: 'removed',
    range: removed.range,
    data: { name: removed.name, history: history(facts, isProviderAttribute), fix, docs: facts.docs },
  });
}

/** When it stopped working: the provider's history for a Terraform attribute, else the API's when known. */
function history(facts: RemovedSettingFacts, isProviderAttribute: boolean): string {
  const provider =
    facts.azurermDeprecated !== undefined && facts.azurermRemoved !== undefined
      ? `was deprecated in azurerm ${facts.azurermDeprecated.value} and removed in ${facts.azurermRemoved.value}, so ` +
        `upgrading the provider to ${facts.azurermRemoved.value} or later makes the configuration fail`
      : undefined;
  const api =
    facts.apiRemoved === undefined
      ? undefined
      : `is ignored by AKS and no longer exists from API version ${facts.apiRemoved.value}`;
  if (isProviderAttribute) return provider ?? api ?? 'is no longer supported';
  return api ?? (provider === undefined ? 'is no longer supported' : `maps to azurerm's attribute, which ${provider}`);
}

function fixFor(cluster: Cluster, kind: RemovedSettingKind): string {
  if (kind === 'docker-bridge-cidr') return `Delete it. ${DOCKER_BRIDGE_CIDR.replacement.value.replace(/\.$/, '')}`;
  if (kind === 'ebpf-data-plane') return `Use ${writerFor(cluster.format).spell('dataplane', 'cilium')} instead`;
  return `Move the ranges to ${API_SERVER_AUTHORIZED_IP_RANGES.replacement.value}`;
}

function isTerraform(cluster: Cluster): boolean {
  return writerFor(cluster.format).terraform !== undefined;
}
