import { findVirtualNetwork } from '../domain/links.js';
import { ipamModeOf, parseCidr, reservedOverlaps } from '../domain/ip-plan.js';
import { LINKS } from '../knowledge/index.js';
import { IP_PLANNING } from '../knowledge/ip-planning.js';
import type { AddressSpace, Setting } from '../model/index.js';
import { createRule } from './rule.js';
import type { RuleContext } from './rule.js';

const facts = IP_PLANNING;
const rejected = facts.reservedPodCidrRejected.value;
const linkLocal = facts.linkLocalRejected.value;
const reserved = facts.reservedRanges.value.join(', ');
const docs = LINKS.cniOverview.url;
const linkLocalData = { release: linkLocal.release, linkLocal: linkLocal.range };

export const reservedRange = createRule({
  meta: {
    id: 'reserved-range',
    description:
      'Flags pod, service, subnet and virtual network ranges that overlap the address ranges AKS reserves for every cluster.',
    defaultSeverity: 'error',
    messages: {
      podCidrRejected:
        'Pod CIDR {{cidr}} overlaps {{ranges}}, which AKS reserves for every cluster ({{reserved}}). Since AKS release {{release}}, AKS rejects kubenet and Azure CNI Overlay pod CIDRs that overlap {{rejectedRanges}} when a cluster is created or updated (existing clusters are unaffected); {{example}}, for one, is invalid. Choose a pod CIDR outside the reserved ranges, see {{docs}}',
      linkLocalRejected:
        'The {{what}} {{cidr}} overlaps {{ranges}}, which AKS reserves for every cluster ({{reserved}}). Since AKS release {{release}}, AKS rejects {{linkLocal}} as a pod or service CIDR when a cluster is created. Choose a range outside the reserved ones, see {{docs}}',
      reserved:
        'The {{what}} {{cidr}} overlaps {{ranges}}, which AKS reserves for every cluster: pod, service and virtual network ranges must stay out of {{reserved}}. Choose a range outside them, see {{docs}}',
    },
  },
  // `az aks update --pod-cidr` (kubenet -> Overlay, or Overlay pod CIDR expansion) is an update AKS validates.
  checkUpdate(update, context) {
    checkPodCidr(update.network.podCidr, context);
  },
  checkCluster({ cluster, classification, subnets, addressSpaces }, context) {
    const { podCidr, serviceCidr } = cluster.network;
    // The pod CIDR is used only where pods take a /24 of it per node; node and pod subnet modes ignore it.
    if (ipamModeOf(cluster, classification) === 'pod-cidr') checkPodCidr(podCidr, context);
    if (serviceCidr !== undefined && serviceCidr.how !== 'unresolved') {
      const ranges = overlapsOf(serviceCidr.value);
      if (ranges.length > 0) {
        context.report({
          messageId: isLinkLocal(serviceCidr.value) ? 'linkLocalRejected' : 'reserved',
          range: serviceCidr.range,
          decidedBy: [serviceCidr],
          data: {
            ...linkLocalData,
            what: 'service CIDR',
            cidr: serviceCidr.value,
            ranges: ranges.join(', '),
            reserved,
            docs,
          },
        });
      }
    }
    for (const space of linkedSpaces(subnets, addressSpaces)) {
      for (const prefix of space.prefixes) {
        const ranges = prefix.how === 'unresolved' ? [] : overlapsOf(prefix.value);
        if (prefix.how === 'unresolved' || ranges.length === 0) continue;
        context.report({
          messageId: 'reserved',
          range: prefix.range,
          decidedBy: [prefix],
          key: `${space.id} ${prefix.value}`,
          data: { what: describeSpace(space), cidr: prefix.value, ranges: ranges.join(', '), reserved, docs },
        });
      }
    }
  },
});

function checkPodCidr(
  podCidr: Setting<string> | undefined,
  context: RuleContext<'podCidrRejected' | 'linkLocalRejected' | 'reserved'>,
): void {
  if (podCidr === undefined || podCidr.how === 'unresolved') return;
  const ranges = overlapsOf(podCidr.value);
  if (ranges.length === 0) return;
  if (ranges.some((range) => rejected.ranges.includes(range))) {
    context.report({
      messageId: 'podCidrRejected',
      range: podCidr.range,
      decidedBy: [podCidr],
      data: {
        cidr: podCidr.value,
        ranges: ranges.join(', '),
        reserved,
        release: rejected.release,
        rejectedRanges: rejected.ranges.join(' or '),
        example: rejected.example,
        docs,
      },
    });
    return;
  }
  context.report({
    messageId: isLinkLocal(podCidr.value) ? 'linkLocalRejected' : 'reserved',
    range: podCidr.range,
    decidedBy: [podCidr],
    data: { ...linkLocalData, what: 'pod CIDR', cidr: podCidr.value, ranges: ranges.join(', '), reserved, docs },
  });
}

/**
 * The release note names 169.254.0.0/16 itself as a pod or service CIDR (fact base §1.8); a smaller range
 * inside it is reserved too, but no rejection is claimed for it.
 */
function isLinkLocal(text: string): boolean {
  const [cidr, range] = [parseCidr(text), parseCidr(linkLocal.range)];
  return cidr !== undefined && range !== undefined && cidr.prefix === range.prefix && cidr.network === range.network;
}

function overlapsOf(text: string): string[] {
  const cidr = parseCidr(text);
  return cidr === undefined ? [] : reservedOverlaps(cidr);
}

/** The cluster's node and pod subnets and their virtual networks, each once, in the order first met. */
function linkedSpaces(
  subnets: readonly { node?: AddressSpace; pod?: AddressSpace }[],
  spaces: readonly AddressSpace[],
): AddressSpace[] {
  const result = new Map<string, AddressSpace>();
  for (const link of subnets) {
    for (const subnet of [link.node, link.pod]) {
      if (subnet === undefined) continue;
      result.set(subnet.id, subnet);
      const network = findVirtualNetwork(subnet, spaces);
      if (network !== undefined) result.set(network.id, network);
    }
  }
  return [...result.values()];
}

function describeSpace(space: AddressSpace): string {
  const kind = space.kind === 'subnet' ? 'subnet' : 'virtual network';
  return `${kind} ${space.name ?? space.id} range`;
}
