import {
  firstIpv4Prefix,
  ipamModeOf,
  poolNodes,
  smallestSubnetPrefix,
  staticBlockAddressesPerNode,
  usableSubnetAddresses,
} from '../domain/ip-plan.js';
import type { IpamMode, PoolNodes } from '../domain/ip-plan.js';
import { LINKS } from '../knowledge/index.js';
import { IP_PLANNING } from '../knowledge/ip-planning.js';
import type { AddressSpace, NodePool, SourceRange } from '../model/index.js';
import { createRule } from './rule.js';
import type { PoolSubnets, RuleContext } from './rule.js';

const facts = IP_PLANNING;
const SURGE = facts.assumedSurgePerPool.value;
const RESERVED = facts.azureReservedPerSubnet.value;
const BATCH = facts.podSubnetBatch.value;

type MessageId = 'nodeSubnet' | 'nodeAddresses' | 'podSubnetDynamic' | 'podSubnetStatic';

export const subnetCapacity = createRule({
  meta: {
    id: 'subnet-capacity',
    description: 'Flags node and pod subnets too small for the node pools that use them, upgrade surge included.',
    defaultSeverity: 'error',
    messages: {
      nodeSubnet:
        'Subnet {{subnet}} ({{prefix}}) is too small for Azure CNI Node Subnet: it must hold (nodes + surge) × (maxPods + 1) = {{arithmetic}} addresses for {{pools}}, but {{prefix}} has {{usable}} usable ({{size}} − {{reserved}} that Azure reserves). Every node takes one address and maxPods more for its pods up front. {{notes}}. Without enough addresses, upgrades fail. Use a /{{smallest}} or larger subnet, fewer nodes or a lower maxPods, or Azure CNI Overlay, see {{docs}}',
      nodeAddresses:
        'Subnet {{subnet}} ({{prefix}}) is too small for the nodes: it must hold nodes + surge = {{arithmetic}} addresses for {{pools}}, but {{prefix}} has {{usable}} usable ({{size}} − {{reserved}} that Azure reserves). {{notes}}. Without enough addresses, upgrades fail. Use a /{{smallest}} or larger subnet or fewer nodes, see {{docs}}',
      podSubnetDynamic:
        'Pod subnet {{subnet}} ({{prefix}}) is too small: with dynamic IP allocation every node takes pod IPs in batches of {{batch}}, so it must hold at least (nodes + surge) × {{batch}} = {{arithmetic}} addresses for {{pools}}, but {{prefix}} has {{usable}} usable ({{size}} − {{reserved}} that Azure reserves). {{notes}}. Use a /{{smallest}} or larger pod subnet or fewer nodes, see {{docs}}',
      podSubnetStatic:
        'Pod subnet {{subnet}} ({{prefix}}) is too small: with static block allocation every node takes ceil((maxPods + 1) / 16) blocks of a /28, so it must hold (nodes + surge) × blocks × 16 = {{arithmetic}} addresses for {{pools}}, but {{prefix}} has {{usable}} usable ({{size}} − {{reserved}} that Azure reserves). {{notes}}. Use a /{{smallest}} or larger pod subnet, fewer nodes or a lower maxPods, see {{docs}}',
    },
  },
  checkCluster({ cluster, classification, subnets }, context) {
    const mode = ipamModeOf(cluster, classification);
    if (mode === undefined) return;
    for (const group of groupBy(subnets, (link) => link.node)) {
      checkNodeSubnet(group, mode, context);
    }
    if (mode !== 'pod-subnet') return;
    for (const group of groupBy(subnets, (link) => link.pod)) {
      checkPodSubnet(group, context);
    }
  },
});

interface Group {
  subnet: AddressSpace;
  pools: NodePool[];
}

/** Pools by the subnet they share, in the order first met; pools whose subnet isn't in the analysis are left out. */
function groupBy(links: readonly PoolSubnets[], subnetOf: (link: PoolSubnets) => AddressSpace | undefined): Group[] {
  const groups = new Map<string, Group>();
  for (const link of links) {
    const subnet = subnetOf(link);
    if (subnet === undefined) continue;
    const group = groups.get(subnet.id) ?? { subnet, pools: [] };
    group.pools.push(link.pool);
    groups.set(subnet.id, group);
  }
  return [...groups.values()];
}

/** One pool's share of a subnet: its term in the sum, and what it assumes. */
interface Term {
  pool: NodePool;
  nodes: PoolNodes;
  /** The arithmetic, e.g. "(10 + 1) × (30 + 1)". */
  text: string;
  value: number;
  defaultMaxPods?: boolean;
}

function checkNodeSubnet(group: Group, mode: IpamMode, context: RuleContext<MessageId>): void {
  const terms: Term[] = [];
  for (const pool of group.pools) {
    const nodes = poolNodes(pool);
    if (nodes === undefined) return;
    const count = nodes.nodes + SURGE;
    if (mode !== 'node-subnet') {
      // Only the nodes take node subnet addresses (kubenet, Overlay, or pods in a pod subnet).
      terms.push({ pool, nodes, text: `(${nodes.nodes} + ${SURGE})`, value: count });
      continue;
    }
    const maxPods = pool.maxPods;
    if (maxPods?.how === 'unresolved') return;
    const pods = maxPods?.value ?? facts.nodeSubnetDefaultMaxPods.value;
    const term: Term = { pool, nodes, text: `(${nodes.nodes} + ${SURGE}) × (${pods} + 1)`, value: count * (pods + 1) };
    if (maxPods === undefined) term.defaultMaxPods = true;
    terms.push(term);
  }
  const messageId = mode === 'node-subnet' ? 'nodeSubnet' : 'nodeAddresses';
  report(group, terms, (pool) => pool.vnetSubnetId?.range, messageId, LINKS.ipPlanning.url, context);
}

function checkPodSubnet(group: Group, context: RuleContext<MessageId>): void {
  const terms: Term[] = [];
  let staticBlock = false;
  for (const pool of group.pools) {
    const nodes = poolNodes(pool);
    if (nodes === undefined) return;
    const count = nodes.nodes + SURGE;
    const allocation = pool.podIpAllocationMode;
    if (allocation?.how === 'unresolved') return;
    if (allocation?.value.toLowerCase() !== 'staticblock') {
      terms.push({ pool, nodes, text: `(${nodes.nodes} + ${SURGE}) × ${BATCH}`, value: count * BATCH });
      continue;
    }
    // The default maxPods for pod subnet clusters is in conflict in Microsoft's docs (110 or 250): not guessed.
    const maxPods = pool.maxPods;
    if (maxPods === undefined || maxPods.how === 'unresolved') return;
    const perNode = staticBlockAddressesPerNode(maxPods.value);
    staticBlock = true;
    terms.push({
      pool,
      nodes,
      text: `(${nodes.nodes} + ${SURGE}) × ${perNode / BATCH} × ${BATCH}`,
      value: count * perNode,
    });
  }
  const messageId = staticBlock ? 'podSubnetStatic' : 'podSubnetDynamic';
  const docs = staticBlock ? LINKS.staticBlock.url : LINKS.dynamicIp.url;
  report(group, terms, (pool) => pool.podSubnetId?.range, messageId, docs, context);
}

function report(
  group: Group,
  terms: readonly Term[],
  settingOf: (pool: NodePool) => SourceRange | undefined,
  messageId: MessageId,
  docs: string,
  context: RuleContext<MessageId>,
): void {
  if (terms.length === 0) return;
  const prefix = firstIpv4Prefix(group.subnet);
  if (prefix === undefined) return;
  const needed = terms.reduce((sum, term) => sum + term.value, 0);
  const usable = usableSubnetAddresses(prefix.cidr);
  if (BigInt(needed) <= usable) return;
  // The pool whose subnet setting is written last: where a reviewer decides (often the pool a change adds).
  const last = terms[terms.length - 1]?.pool;
  const range = (last === undefined ? undefined : settingOf(last)) ?? last?.range;
  if (range === undefined) return;
  context.report({
    messageId,
    range,
    key: group.subnet.id,
    data: {
      subnet: group.subnet.name ?? group.subnet.id,
      prefix: prefix.cidr.text,
      pools: describePools(terms),
      arithmetic: arithmetic(terms, needed),
      usable: format(Number(usable)),
      size: format(Number(prefix.cidr.size)),
      reserved: RESERVED,
      notes: notes(terms),
      batch: BATCH,
      smallest: smallestSubnetPrefix(needed) ?? 8,
      docs,
    },
  });
}

function describePools(terms: readonly Term[]): string {
  const names = terms.map((term) => term.pool.name);
  return names.length === 1 ? `node pool ${names[0] ?? ''}` : `node pools ${names.join(', ')}`;
}

/** "(10 + 1) × (30 + 1) = 341", or "system (10 + 1) × (30 + 1) + user (3 + 1) × (30 + 1) = 465". */
function arithmetic(terms: readonly Term[], needed: number): string {
  if (terms.length === 1) return `${terms[0]?.text ?? ''} = ${format(needed)}`;
  return `${terms.map((term) => `${term.pool.name} ${term.text}`).join(' + ')} = ${format(needed)}`;
}

/** What the numbers assume: autoscaler maximums, default maxPods, one surge node per pool. */
function notes(terms: readonly Term[]): string {
  const result: string[] = [];
  const autoscaled = terms.filter((term) => term.nodes.autoscaled).map((term) => term.pool.name);
  if (autoscaled.length > 0) result.push(`nodes are the autoscaler maximum for ${autoscaled.join(', ')}`);
  const defaults = terms.filter((term) => term.defaultMaxPods === true).map((term) => term.pool.name);
  if (defaults.length > 0) {
    result.push(
      `maxPods is not set for ${defaults.join(', ')}, so the Node Subnet default of ${facts.nodeSubnetDefaultMaxPods.value} applies`,
    );
  }
  result.push(
    'surge is +1 node per pool, the minimum the docs give for upgrades (n + 1, or n + maxSurge); a larger max surge needs more',
  );
  return `Assumed: ${result.join('; ')}`;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}
