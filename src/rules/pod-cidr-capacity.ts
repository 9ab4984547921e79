import { ipamModeOf, parseCidr, podCidrNodeCapacity, poolNodes, smallestPodCidrPrefix } from '../domain/ip-plan.js';
import type { PoolNodes } from '../domain/ip-plan.js';
import { IP_PLANNING } from '../knowledge/ip-planning.js';
import { LINKS } from '../knowledge/index.js';
import type { Cluster, SourceRange } from '../model/index.js';
import { createRule } from './rule.js';

const facts = IP_PLANNING;
const NODE_PREFIX = facts.podCidrPerNodePrefix.value;
const SURGE = facts.assumedSurgePerPool.value;

export const podCidrCapacity = createRule({
  meta: {
    id: 'pod-cidr-capacity',
    description:
      'Flags kubenet and Azure CNI Overlay pod CIDRs too small for the node pools, at a /24 of the pod CIDR per node.',
    defaultSeverity: 'error',
    messages: {
      exceeded:
        'Pod CIDR {{cidr}} is too small: kubenet and Azure CNI Overlay give every node a /24 of it, so a /{{prefix}} holds 2^(24 − {{prefix}}) = {{capacity}} nodes, but the node pools can reach {{arithmetic}} nodes ({{basis}}; surge: +1 node per pool, the minimum the docs give for upgrades). AKS rejects node counts beyond the pod CIDR with {{error}} (AKS release {{release}}). Use a /{{smallest}} or larger pod CIDR or fewer nodes, see {{docs}}',
      noSurgeRoom:
        'Pod CIDR {{cidr}} leaves no room for upgrades: kubenet and Azure CNI Overlay give every node a /24 of it, so a /{{prefix}} holds 2^(24 − {{prefix}}) = {{capacity}} nodes, and the node pools can reach {{nodes}} nodes ({{basis}}); an upgrade adds a surge node per pool ({{arithmetic}} nodes), which gets no /24. Use a /{{smallest}} or larger pod CIDR or fewer nodes, see {{docs}}',
      tooLong:
        'Pod CIDR {{cidr}} is smaller than the /24 that kubenet and Azure CNI Overlay give every node, so no node gets a pod range. Use a /{{smallest}} or larger pod CIDR, see {{docs}}',
    },
  },
  // `az aks update --pod-cidr` (kubenet -> Overlay, Overlay pod CIDR expansion): node counts are elsewhere.
  checkUpdate(update, context) {
    const setting = update.network.podCidr;
    if (setting === undefined || setting.how === 'unresolved') return;
    const cidr = parseCidr(setting.value);
    if (cidr?.family !== 'ipv4' || cidr.prefix <= NODE_PREFIX) return;
    context.report({
      messageId: 'tooLong',
      range: setting.range,
      decidedBy: [setting],
      data: { cidr: setting.value, smallest: NODE_PREFIX, docs: LINKS.overlayConcepts.url },
    });
  },
  checkCluster({ cluster, classification }, context) {
    if (ipamModeOf(cluster, classification) !== 'pod-cidr') return;
    const pod = podCidrOf(cluster, classification.range);
    if (pod === undefined) return;
    const cidr = parseCidr(pod.value);
    if (cidr?.family !== 'ipv4') return;
    const docs = LINKS.overlayConcepts.url;
    const counts = cluster.nodePools.map((pool) => ({ name: pool.name, nodes: poolNodes(pool) }));
    const known = counts.every((entry) => entry.nodes !== undefined);
    if (cidr.prefix > NODE_PREFIX) {
      const total = known ? sumNodes(counts, SURGE) : 1;
      context.report({
        messageId: 'tooLong',
        range: pod.range,
        data: { cidr: pod.text, smallest: smallestPodCidrPrefix(Math.max(total, 1)) ?? NODE_PREFIX, docs },
      });
      return;
    }
    if (!known || counts.length === 0) return;
    const capacity = podCidrNodeCapacity(cidr);
    const withSurge = sumNodes(counts, SURGE);
    if (withSurge <= capacity) return;
    const withoutSurge = sumNodes(counts, 0);
    const smallest = smallestPodCidrPrefix(withSurge);
    const data = {
      cidr: pod.text,
      prefix: cidr.prefix,
      capacity: format(capacity),
      nodes: format(withoutSurge),
      arithmetic: arithmetic(counts),
      basis: basis(counts),
      smallest: smallest ?? 8,
      docs,
    };
    if (withoutSurge > capacity) {
      context.report({
        messageId: 'exceeded',
        range: pod.range,
        data: {
          ...data,
          error: facts.insufficientPodCidr.value.error,
          release: facts.insufficientPodCidr.value.release,
        },
      });
    } else {
      context.report({ messageId: 'noSurgeRoom', range: pod.range, data });
    }
  },
});

interface PodCidr {
  value: string;
  /** As the message shows it: the value, or the value and "(the default)". */
  text: string;
  range: SourceRange;
}

/** The pod CIDR as set, or AKS's default at the line that implies it; undefined when it can't be resolved. */
function podCidrOf(cluster: Cluster, modelRange: SourceRange): PodCidr | undefined {
  const setting = cluster.network.podCidr;
  if (setting?.how === 'unresolved') return undefined;
  if (setting !== undefined) return { value: setting.value, text: setting.value, range: setting.range };
  const value = facts.defaultPodCidr.value;
  return { value, text: `${value} (the default, as no pod CIDR is set)`, range: firstLine(modelRange) };
}

function firstLine(range: SourceRange): SourceRange {
  return { file: range.file, startLine: range.startLine, endLine: range.startLine };
}

interface PoolCount {
  name: string;
  nodes: PoolNodes | undefined;
}

function sumNodes(counts: readonly PoolCount[], surge: number): number {
  let total = 0;
  for (const entry of counts) total += (entry.nodes?.nodes ?? 0) + surge;
  return total;
}

/** "(10 + 1) = 11", or "system (10 + 1) + user (3 + 1) = 15". */
function arithmetic(counts: readonly PoolCount[]): string {
  const total = format(sumNodes(counts, SURGE));
  const terms = counts.map((entry) => `(${format(entry.nodes?.nodes ?? 0)} + ${SURGE})`);
  if (counts.length === 1) return `${terms[0] ?? ''} = ${total}`;
  return `${counts.map((entry, index) => `${entry.name} ${terms[index] ?? ''}`).join(' + ')} = ${total}`;
}

/** Which count each pool contributes: its node count, or its autoscaler maximum. */
function basis(counts: readonly PoolCount[]): string {
  const autoscaled = counts.filter((entry) => entry.nodes?.autoscaled === true).map((entry) => entry.name);
  if (autoscaled.length === 0) return 'node counts';
  if (autoscaled.length === counts.length) return 'autoscaler maximums';
  return `node counts, autoscaler maximums for ${autoscaled.join(', ')}`;
}

function format(value: number): string {
  return value.toLocaleString('en-US');
}
