import { headerRange } from '../domain/classify.js';
import { ipamModeOf, overlaps, parseCidr } from '../domain/ip-plan.js';
import type { Cidr } from '../domain/ip-plan.js';
import { findVirtualNetwork } from '../domain/links.js';
import { LINKS } from '../knowledge/index.js';
import { IP_PLANNING } from '../knowledge/ip-planning.js';
import type { AddressSpace, Setting, SourceRange } from '../model/index.js';
import { createRule } from './rule.js';
import type { AnalyzedCluster, PoolSubnets, RuleContext } from './rule.js';

const facts = IP_PLANNING;

export const cidrOverlap = createRule({
  meta: {
    id: 'cidr-overlap',
    description:
      'Flags pod CIDRs, service CIDRs and subnets of a cluster that overlap where AKS requires them to be separate.',
    defaultSeverity: 'error',
    messages: {
      podService:
        'The {{pod}} and the {{service}} overlap. The service CIDR must not overlap the pod CIDR. Choose two ranges that do not overlap, see {{docs}}',
      podSubnet:
        'The {{pod}} overlaps {{subnet}}. The pod CIDR must not overlap the cluster subnet, and since AKS release {{release}} Azure CNI Overlay checks it against every subnet in the virtual network. Choose a pod CIDR that overlaps none of the subnets, see {{docs}}',
      serviceSubnet:
        'The {{service}} overlaps {{subnet}}. The service CIDR must not overlap the cluster subnet or any other subnet IP range. Choose a service CIDR that overlaps none of the subnets, see {{docs}}',
      podNetworkMigration:
        'This change moves the cluster from Azure CNI Node Subnet to Overlay with the {{pod}}, which overlaps {{network}}. For this migration the pod CIDR must not overlap the virtual network address space. Choose a pod CIDR outside it, see {{docs}}',
      sameSubnet:
        'Node pool {{pool}} uses {{subnet}} as both its node subnet and its pod subnet. VMs, so nodes, cannot be deployed in the pod subnet. Give the pods a subnet of their own, see {{docs}}',
      nodePodSubnet:
        '{{node}}, a node subnet, overlaps {{podSubnet}}, a pod subnet of this cluster. VMs, so nodes, cannot be deployed in the pod subnet; the two must be separate ranges. Give them ranges that do not overlap, see {{docs}}',
    },
  },
  checkCluster(analyzed, context) {
    const { cluster } = analyzed;
    const usesPodCidr = ipamModeOf(cluster, analyzed.classification) === 'pod-cidr';
    const pod = usesPodCidr
      ? cidrSetting(cluster.network.podCidr, facts.defaultPodCidr.value, 'pod', analyzed)
      : undefined;
    const service = cidrSetting(cluster.network.serviceCidr, facts.defaultServiceCidr.value, 'service', analyzed);
    const subnets = subnetRanges(analyzed);

    if (pod !== undefined && service !== undefined && overlaps(pod.cidr, service.cidr)) {
      context.report({
        messageId: 'podService',
        range: laterOf(pod.range, service.range),
        data: { pod: pod.label, service: service.label, docs: LINKS.ipPlanning.url },
      });
    }
    const podOverlaps = pod === undefined ? [] : subnets.filter((subnet) => overlaps(pod.cidr, subnet.cidr));
    if (pod !== undefined && podOverlaps.length > 0) {
      context.report({
        messageId: 'podSubnet',
        range: podOverlaps.reduce((range, subnet) => laterOf(range, subnet.range), pod.range),
        key: 'pod subnets',
        data: {
          pod: pod.label,
          subnet: listOf(podOverlaps),
          release: facts.overlaySubnetCheck.value.release,
          docs: LINKS.overlayConcepts.url,
        },
      });
    }
    const serviceOverlaps =
      service === undefined ? [] : subnets.filter((subnet) => overlaps(service.cidr, subnet.cidr));
    if (service !== undefined && serviceOverlaps.length > 0) {
      context.report({
        messageId: 'serviceSubnet',
        range: serviceOverlaps.reduce((range, subnet) => laterOf(range, subnet.range), service.range),
        key: 'service subnets',
        data: { service: service.label, subnet: listOf(serviceOverlaps), docs: LINKS.ipPlanning.url },
      });
    }
    if (pod !== undefined && analyzed.previousClassification?.model === 'azure-cni-node-subnet') {
      for (const network of networkRanges(analyzed)) {
        if (!overlaps(pod.cidr, network.cidr)) continue;
        context.report({
          messageId: 'podNetworkMigration',
          range: pod.range,
          key: `migration ${network.key}`,
          data: { pod: pod.label, network: network.label, docs: LINKS.updateAzureCni.url },
        });
      }
    }
    checkNodeAndPodSubnets(analyzed.subnets, context);
  },
});

function checkNodeAndPodSubnets(
  links: readonly PoolSubnets[],
  context: RuleContext<'sameSubnet' | 'nodePodSubnet'>,
): void {
  const docs = LINKS.podSubnetConcepts.url;
  for (const link of links) {
    if (link.node === undefined || link.pod === undefined || link.node.id !== link.pod.id) continue;
    const range = link.pool.podSubnetId?.range ?? link.pool.range;
    context.report({
      messageId: 'sameSubnet',
      range,
      key: `same ${link.pool.name}`,
      data: { pool: link.pool.name, subnet: describeSpace(link.node), docs },
    });
  }
  const nodeSubnets = unique(links.map((link) => link.node));
  const podSubnets = unique(links.map((link) => link.pod));
  for (const node of nodeSubnets) {
    for (const podSubnet of podSubnets) {
      if (node.id === podSubnet.id) continue;
      const overlap = firstOverlap(prefixRanges(node), prefixRanges(podSubnet));
      if (overlap === undefined) continue;
      context.report({
        messageId: 'nodePodSubnet',
        range: laterOf(overlap[1].range, overlap[0].range),
        key: `subnets ${node.id} ${podSubnet.id}`,
        data: { node: overlap[0].label, podSubnet: overlap[1].label, docs },
      });
    }
  }
}

interface Labeled {
  cidr: Cidr;
  /** How the message names it, e.g. "pod CIDR 10.244.0.0/16 (the default, as no pod CIDR is set)". */
  label: string;
  range: SourceRange;
  key: string;
}

/** The pod or service CIDR as set, or AKS's default at the line that implies it; undefined when unresolved or not IPv4/IPv6. */
function cidrSetting(
  setting: Setting<string> | undefined,
  fallback: string,
  kind: 'pod' | 'service',
  analyzed: AnalyzedCluster,
): Labeled | undefined {
  if (setting?.how === 'unresolved') return undefined;
  const text = setting?.value ?? fallback;
  const cidr = parseCidr(text);
  if (cidr === undefined) return undefined;
  const label =
    setting === undefined ? `${kind} CIDR ${text} (the default, as no ${kind} CIDR is set)` : `${kind} CIDR ${text}`;
  const range = setting?.range ?? defaultLine(analyzed, kind);
  return { cidr, label, range, key: kind };
}

/** The line that implies a default: the line selecting the model (pod CIDR) or the network profile (service CIDR). */
function defaultLine(analyzed: AnalyzedCluster, kind: 'pod' | 'service'): SourceRange {
  const { cluster, classification } = analyzed;
  const range = kind === 'pod' ? classification.range : (cluster.networkProfileRange ?? headerRange(cluster));
  return { file: range.file, startLine: range.startLine, endLine: range.startLine };
}

/** The cluster's node and pod subnets and every other subnet of their virtual networks, each prefix once. */
function subnetRanges(analyzed: AnalyzedCluster): Labeled[] {
  const linked = unique(analyzed.subnets.flatMap((link) => [link.node, link.pod]));
  const networks = new Set(
    linked.map((subnet) => subnet.virtualNetwork?.toLowerCase()).filter((name) => name !== undefined),
  );
  const siblings = analyzed.addressSpaces.filter(
    (space) =>
      space.kind === 'subnet' && space.virtualNetwork !== undefined && networks.has(space.virtualNetwork.toLowerCase()),
  );
  return unique([...linked, ...siblings]).flatMap(prefixRanges);
}

function networkRanges(analyzed: AnalyzedCluster): Labeled[] {
  const linked = unique(analyzed.subnets.flatMap((link) => [link.node, link.pod]));
  const networks = unique(linked.map((subnet) => findVirtualNetwork(subnet, analyzed.addressSpaces)));
  return networks.flatMap(prefixRanges);
}

function prefixRanges(space: AddressSpace): Labeled[] {
  const result: Labeled[] = [];
  for (const prefix of space.prefixes) {
    if (prefix.how === 'unresolved') continue;
    const cidr = parseCidr(prefix.value);
    if (cidr === undefined) continue;
    result.push({
      cidr,
      label: `${describeSpace(space)} (${prefix.value})`,
      range: prefix.range,
      key: `${space.id} ${prefix.value}`,
    });
  }
  return result;
}

/** "subnet a (10.0.0.0/24)", "subnet a (…) and subnet b (…)", "subnet a (…), subnet b (…) and subnet c (…)". */
function listOf(ranges: readonly Labeled[]): string {
  const labels = ranges.map((range) => range.label);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}

function firstOverlap(left: readonly Labeled[], right: readonly Labeled[]): [Labeled, Labeled] | undefined {
  for (const a of left) {
    for (const b of right) if (overlaps(a.cidr, b.cidr)) return [a, b];
  }
  return undefined;
}

function describeSpace(space: AddressSpace): string {
  const kind = space.kind === 'subnet' ? 'subnet' : 'virtual network';
  return `${kind} ${space.name ?? space.id}`;
}

function unique(spaces: readonly (AddressSpace | undefined)[]): AddressSpace[] {
  const byId = new Map<string, AddressSpace>();
  for (const space of spaces) if (space !== undefined && !byId.has(space.id)) byId.set(space.id, space);
  return [...byId.values()];
}

/**
 * Where a finding about two settings goes: the one written later in the same file (the reviewer meets both
 * by then); across files, the first (by convention the cluster's own setting).
 */
function laterOf(first: SourceRange, second: SourceRange): SourceRange {
  if (first.file !== second.file) return first;
  return second.startLine > first.startLine ? second : first;
}
