import { routeBetween } from '../knowledge/index.js';
import { NODE_SUBNET } from '../knowledge/settings.js';
import { AZURE_RESERVED_PER_SUBNET } from '../domain/ip-plan.js';
import type { Cluster } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { fillCommand } from '../domain/commands.js';
import { writerFor } from '../formats/index.js';
import { createRule } from './rule.js';

// The route table's in-place route (one leg: the `az aks update` that migrates to Overlay).
const migration = routeBetween('azure-cni-node-subnet', 'azure-cni-overlay');
const MIGRATE_COMMAND = migration?.legs.length === 1 ? migration.legs[0]?.command : undefined;

export const legacyNodeSubnet = createRule({
  meta: {
    id: 'legacy-node-subnet',
    description:
      'Flags clusters on legacy Azure CNI Node Subnet, where every pod takes an IP address from the node subnet.',
    defaultSeverity: 'warning',
    messages: {
      nodeSubnet:
        'Network plugin "azure" without a plugin mode or a pod subnet is Azure CNI Node Subnet, a legacy mode: every pod takes an IP from the node subnet and maxPods IPs are reserved per node up front ({{maxPodsText}}), so a /24 holds only {{nodes}} nodes ({{pods}} pods). AKS keeps node subnet mode for backward compatibility when "azure" is given without a mode. Use Azure CNI Overlay ({{overlay}}) or, if pods must be reachable from the network, Azure CNI Pod Subnet; {{migrate}}, see {{docs}}',
      nodeSubnetDefault:
        'This cluster gets legacy Azure CNI Node Subnet without saying so ({{note}}): every pod takes an IP from the node subnet and maxPods IPs are reserved per node up front ({{maxPodsText}}), so a /24 holds only {{nodes}} nodes ({{pods}} pods). Set {{overlay}} (Azure CNI Overlay), or give the pools a pod subnet; {{migrate}}, see {{docs}}',
    },
  },
  checkCluster({ cluster, classification }, context) {
    if (classification.model !== 'azure-cni-node-subnet') return;
    const plugin = cluster.network.plugin;
    const { spell } = writerFor(cluster.format);
    const data = {
      ...slash24(cluster),
      overlay: `${spell('pluginMode', 'overlay')} with a new ${spell('podCidr', '<cidr>')}`,
      migrate: migrateAdvice(cluster),
      docs: migration?.docs ?? NODE_SUBNET.backwardCompatibility.source,
    };
    if (plugin?.how === 'default') {
      context.report({
        messageId: 'nodeSubnetDefault',
        range: plugin.range,
        decidedBy: [plugin],
        data: { ...data, note: plugin.note },
      });
      return;
    }
    context.report({ messageId: 'nodeSubnet', range: classification.range, decidedBy: classification.decidedBy, data });
  },
});

/**
 * What a /24 holds: with the pools' own maxPods when they all give the same one, else the documented
 * default (30 pods: 8 nodes, 240 pods). Each node takes one address and maxPods more; Azure keeps 5.
 */
function slash24(cluster: Cluster): { maxPodsText: string; nodes: number; pods: number } {
  const given = new Set(cluster.nodePools.map((pool) => settingValue(pool.maxPods)));
  const [only] = given;
  if (given.size === 1 && only !== undefined && only > 0) {
    const nodes = Math.floor((256 - AZURE_RESERVED_PER_SUBNET) / (only + 1));
    return { maxPodsText: `maxPods ${only} here`, nodes, pods: nodes * only };
  }
  return {
    maxPodsText: `default ${NODE_SUBNET.defaultMaxPods.value} pods`,
    nodes: NODE_SUBNET.slash24Capacity.value.nodes,
    pods: NODE_SUBNET.slash24Capacity.value.pods,
  };
}

/** How an existing cluster moves to Overlay, for this format. */
function migrateAdvice(cluster: Cluster): string {
  const caveat =
    'the pod CIDR must overlap neither the virtual network nor the service CIDR, all node pools are reimaged, and it cannot be undone';
  if (writerFor(cluster.format).terraform !== undefined) {
    const since = NODE_SUBNET.terraformOverlayInPlaceSince.value;
    return `azurerm ${since} or later updates an existing cluster in place, older providers destroy and recreate it (${caveat})`;
  }
  const command = MIGRATE_COMMAND === undefined ? undefined : fillCommand(MIGRATE_COMMAND, cluster);
  return command === undefined
    ? `an existing cluster is updated in place (${caveat})`
    : `an existing cluster is updated in place with \`${command}\` (${caveat})`;
}
