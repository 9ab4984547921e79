import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact, IsoDate } from './types.js';

/**
 * IP address planning for AKS (fact base §1.2–§1.5, §1.8, §5.5): how many addresses each network model
 * takes from which range, the defaults AKS fills in, and the ranges AKS reserves. The arithmetic itself
 * lives in `domain/ip-plan.ts`; the numbers it uses are stated here with their sources.
 */
export interface IpPlanning {
  /** Addresses Azure keeps in every subnet. */
  azureReservedPerSubnet: Fact<number>;
  /** Node subnet (flat) mode: the subnet size formula. */
  nodeSubnetFormula: Fact<string>;
  /** Upgrades need spare node IPs: n + 1, or n + maxSurge. */
  upgradeSurge: Fact<string>;
  /** The surge this tool assumes per pool (AKS's default max surge is not in the fact base). */
  assumedSurgePerPool: Fact<number>;
  /** Node subnet mode's default `maxPods`. */
  nodeSubnetDefaultMaxPods: Fact<number>;
  /** Pod subnet, dynamic IP allocation: pod IPs are handed to nodes in batches of this size. */
  podSubnetBatch: Fact<number>;
  /** Pod subnet, static block allocation: each node takes ceil((maxPods + 1) / 16) blocks of a /28. */
  staticBlock: Fact<{ blockSize: number; formula: string }>;
  /** Dynamic IP allocation and node subnet: the VNet-wide private IP limit. */
  vnetPodIpLimit: Fact<string>;
  /** kubenet and Overlay: each node gets a /24 of the pod CIDR. */
  podCidrPerNodePrefix: Fact<number>;
  /** kubenet and Overlay: a /N pod CIDR holds 2^(24 − N) nodes, surge included. */
  podCidrCapacity: Fact<string>;
  /** What AKS says when the pod CIDR is too small for the node counts. */
  insufficientPodCidr: Fact<{ error: string; release: IsoDate }>;
  defaultPodCidr: Fact<string>;
  defaultServiceCidr: Fact<string>;
  /** Overlay (and kubenet): where the pod CIDR must not be. */
  podCidrMustNotOverlap: Fact<string>;
  /** Since this AKS release, Overlay checks the pod CIDR against the VNet's subnets, not its whole address space. */
  overlaySubnetCheck: Fact<{ release: IsoDate; text: string }>;
  /** Where the service CIDR must not be. */
  serviceCidrMustNotOverlap: Fact<string>;
  /** Pod subnet: VMs (so nodes) can't be deployed in the pod subnet. */
  podSubnetNoVms: Fact<string>;
  /** Ranges AKS reserves for every cluster (service, pod and VNet ranges). */
  reservedRanges: Fact<readonly string[]>;
  /** AKS rejects pod CIDRs overlapping reserved ranges on create and update (kubenet and Overlay). */
  reservedPodCidrRejected: Fact<{ release: IsoDate; ranges: readonly string[]; example: string }>;
  /** AKS rejects the link-local range itself as a pod or service CIDR when a cluster is created. */
  linkLocalRejected: Fact<{ release: IsoDate; range: string }>;
}

const docs = SOURCE_AS_OF.aksDocs;
const changelog = SOURCE_AS_OF.aksChangelog;

export const IP_PLANNING: IpPlanning = {
  azureReservedPerSubnet: {
    value: 5,
    source: LINKS.overlayConcepts.url,
    asOf: docs,
    confidence: 'confirmed',
    note:
      '"A /24 subnet contains 256 IP addresses. Azure reserves the first four and last IP addresses, leaving 251 ' +
      'usable." configure-kubenet.md says Azure reserves "the first three" (conflict), but the same page gives a ' +
      '/24 node subnet 251 nodes, and Azure reserves 5 per subnet per the Azure virtual network docs.',
  },
  nodeSubnetFormula: {
    value: '(nodes + max surge) + ((nodes + max surge) × maxPods)',
    source: LINKS.ipPlanning.url,
    asOf: docs,
    confidence: 'confirmed',
    note: 'Worked example: 50 nodes at the default 30 pods: 51 + 51 × 30 = 1,581 addresses, a /21 or larger.',
  },
  upgradeSurge: {
    value: 'Upgrades need at least n + 1 (or n + maxSurge) node IP addresses.',
    source: LINKS.ipPlanning.url,
    asOf: docs,
    confidence: 'confirmed',
  },
  assumedSurgePerPool: {
    value: 1,
    source: LINKS.ipPlanning.url,
    asOf: docs,
    // The docs give "n + 1 (or n + maxSurge)"; AKS's default max surge is not in the fact base.
    confidence: 'inferred',
    note: 'The minimum the docs name ("n + 1"); a larger max surge needs more.',
  },
  nodeSubnetDefaultMaxPods: {
    value: 30,
    source: LINKS.ipPlanning.url,
    asOf: docs,
    confidence: 'confirmed',
    note: 'Azure CNI Node Subnet: default 30, maximum 250 (IP planning max-pods table; AKS quotas page).',
  },
  podSubnetBatch: {
    value: 16,
    source: LINKS.dynamicIp.url,
    asOf: docs,
    confidence: 'confirmed',
    note: '"IPs are allocated to nodes in batches of 16 … plan with a minimum of 16 IPs per node."',
  },
  staticBlock: {
    value: { blockSize: 16, formula: 'ceil((maxPods + 1) / 16) blocks of a /28 per node' },
    source: LINKS.staticBlock.url,
    asOf: docs,
    // /28 blocks per node and "max_pods = (16 × N) − 1 for no waste" are confirmed; the ceiling is their arithmetic.
    confidence: 'inferred',
    note: 'Static block allocation hands each node /28 blocks; maxPods = 16 × N − 1 wastes none.',
  },
  vnetPodIpLimit: {
    value: 'About 64,000 private IP addresses per virtual network (dynamic IP allocation and node subnet).',
    source: LINKS.podSubnetConcepts.url,
    asOf: docs,
    confidence: 'confirmed',
  },
  podCidrPerNodePrefix: {
    value: 24,
    source: LINKS.overlayConcepts.url,
    asOf: docs,
    confidence: 'confirmed',
    note: '"Each node is assigned a /24 address space carved out from the same CIDR" (kubenet: configure-kubenet).',
  },
  podCidrCapacity: {
    value: 'A /N pod CIDR holds 2^(24 − N) nodes, surge nodes included (the default /16: 256 nodes).',
    source: LINKS.overlayConcepts.url,
    asOf: docs,
    confidence: 'inferred',
  },
  insufficientPodCidr: {
    value: { error: 'InsufficientSubnetSize', release: '2023-05-07' },
    source: LINKS.aksChangelog.url,
    asOf: changelog,
    confidence: 'confirmed',
    note: 'AKS errors with InsufficientSubnetSize (target NetworkProfile_PodCIDR) when the maximum node counts exceed the pod CIDR.',
  },
  defaultPodCidr: {
    value: '10.244.0.0/16',
    source: LINKS.overlayConfigure.url,
    asOf: docs,
    confidence: 'confirmed',
  },
  defaultServiceCidr: {
    value: '10.0.0.0/16',
    source: LINKS.ipPlanning.url,
    asOf: docs,
    confidence: 'confirmed',
  },
  podCidrMustNotOverlap: {
    value: 'The pod CIDR must not overlap the cluster subnet, peered virtual networks, or ExpressRoute/VPN ranges.',
    source: LINKS.overlayConcepts.url,
    asOf: docs,
    confidence: 'confirmed',
  },
  overlaySubnetCheck: {
    value: {
      release: '2024-10-25',
      text: 'Azure CNI Overlay checks the pod CIDR against every subnet in the virtual network, not the whole address space.',
    },
    source: LINKS.aksChangelog.url,
    asOf: changelog,
    confidence: 'confirmed',
  },
  serviceCidrMustNotOverlap: {
    value: 'The service CIDR must not overlap the pod CIDR, the cluster subnet, or peered and on-premises ranges.',
    source: LINKS.ipPlanning.url,
    asOf: docs,
    confidence: 'confirmed',
    note: 'The API spec: serviceCidr "must not overlap with any Subnet IP ranges".',
  },
  podSubnetNoVms: {
    value: "VMs can't be deployed in the pod subnet.",
    source: LINKS.podSubnetConcepts.url,
    asOf: docs,
    confidence: 'confirmed',
  },
  reservedRanges: {
    value: ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'],
    source: LINKS.cniOverview.url,
    asOf: docs,
    confidence: 'confirmed',
    note: 'Reserved for all clusters: service, pod and virtual network ranges must not use them.',
  },
  /** AKS release 2025-01-30 (fact base §1.8): the link-local range as a pod or service CIDR fails at create. */
  linkLocalRejected: {
    value: { release: '2025-01-30', range: '169.254.0.0/16' },
    source: LINKS.aksChangelog.url,
    asOf: changelog,
    confidence: 'confirmed',
    note: 'Rejected as a pod or service CIDR when a cluster is created.',
  },
  reservedPodCidrRejected: {
    value: { release: '2026-05-29', ranges: ['172.30.0.0/16', '172.31.0.0/16'], example: '172.16.0.0/12' },
    source: LINKS.aksChangelog.url,
    asOf: changelog,
    confidence: 'confirmed',
    note:
      'kubenet and Overlay; existing clusters unaffected. The release-note summary names 172.30.0.0/16 and ' +
      '172.31.0.0/16; the fact base also says "pod CIDRs overlapping these" of all four reserved ranges, so only ' +
      'the two named ranges are said to be rejected.',
  },
};
