import ipaddr from 'ipaddr.js';
import type { AddressSpace, Cluster, NodePool } from '../model/index.js';
import type { Classification } from './classify.js';

/**
 * IP planning for AKS, on ipaddr.js (IPv4 and IPv6) rather than hand-written bit arithmetic. The formulas
 * are Microsoft's (concepts-network-ip-address-planning, concepts-network-azure-cni-overlay):
 * - Azure reserves 5 addresses in every subnet;
 * - node subnet (flat) mode: (nodes + surge) × (maxPods + 1) addresses in the node subnet;
 * - pod subnet (dynamic): pod IPs are handed to nodes in batches of 16, so at least 16 per node;
 * - kubenet and Overlay: every node gets a /24 of the pod CIDR, so a /N holds 2^(24 − N) nodes.
 */
export interface Cidr {
  text: string;
  family: 'ipv4' | 'ipv6';
  /** The network address, normalized. */
  network: string;
  prefix: number;
  /** Addresses in the range, as a bigint (IPv6 ranges are large). */
  size: bigint;
}

export const AZURE_RESERVED_PER_SUBNET = 5;
export const POD_SUBNET_BATCH = 16;
export const OVERLAY_NODE_PREFIX = 24;

/** Ranges AKS reserves for every cluster (concepts-network-cni-overview). */
export const AKS_RESERVED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'] as const;

/** A CIDR written `a.b.c.d/n` (IPv4, strictly four parts) or an IPv6 prefix; undefined when it is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 64) return undefined;
  const isV4 = ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed);
  if (!isV4 && !ipaddr.IPv6.isValidCIDR(trimmed)) return undefined;
  const [address, prefix] = ipaddr.parseCIDR(trimmed);
  const family = address.kind();
  const bits = family === 'ipv4' ? 32 : 128;
  const network =
    family === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(trimmed) : ipaddr.IPv6.networkAddressFromCIDR(trimmed);
  return { text: trimmed, family, network: network.toString(), prefix, size: 1n << BigInt(bits - prefix) };
}

/** True when the two ranges share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const left = ipaddr.parse(a.network);
  const right = ipaddr.parse(b.network);
  return left.match(right, Math.min(a.prefix, b.prefix));
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix && overlaps(outer, inner);
}

/** True when the IP address lies in the range. */
export function containsAddress(range: Cidr, address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === range.family && parsed.match(ipaddr.parse(range.network), range.prefix);
}

/** Usable addresses of an Azure subnet: its size less the 5 Azure reserves. */
export function usableSubnetAddresses(subnet: Cidr): bigint {
  const usable = subnet.size - BigInt(AZURE_RESERVED_PER_SUBNET);
  return usable > 0n ? usable : 0n;
}

/** Node subnet (flat) mode: every node and every pod it may run needs a subnet address. */
export function nodeSubnetAddressesNeeded(nodes: number, surge: number, maxPods: number): number {
  return (nodes + surge) * (maxPods + 1);
}

/** Pod subnet (dynamic IP allocation): at least one batch of 16 pod IPs per node. */
export function podSubnetAddressesNeeded(nodes: number, surge: number): number {
  return (nodes + surge) * POD_SUBNET_BATCH;
}

/** kubenet and Overlay: how many nodes (surge included) a pod CIDR holds at a /24 each. */
export function podCidrNodeCapacity(podCidr: Cidr): number {
  if (podCidr.family !== 'ipv4' || podCidr.prefix > OVERLAY_NODE_PREFIX)
    return podCidr.prefix > OVERLAY_NODE_PREFIX ? 0 : Infinity;
  return 2 ** (OVERLAY_NODE_PREFIX - podCidr.prefix);
}

/** The longest IPv4 prefix (smallest subnet) whose usable addresses cover the need; undefined when none does. */
export function smallestSubnetPrefix(addressesNeeded: number): number | undefined {
  for (let prefix = 29; prefix >= 8; prefix--) {
    if (2 ** (32 - prefix) - AZURE_RESERVED_PER_SUBNET >= addressesNeeded) return prefix;
  }
  return undefined;
}

/** The longest pod CIDR prefix that gives `nodes` nodes a /24 each. */
export function smallestPodCidrPrefix(nodes: number): number | undefined {
  for (let prefix = OVERLAY_NODE_PREFIX; prefix >= 8; prefix--) {
    if (2 ** (OVERLAY_NODE_PREFIX - prefix) >= nodes) return prefix;
  }
  return undefined;
}

/** The AKS-reserved ranges a CIDR overlaps. */
export function reservedOverlaps(cidr: Cidr): string[] {
  return AKS_RESERVED_RANGES.filter((range) => {
    const reserved = parseCidr(range);
    return reserved !== undefined && overlaps(cidr, reserved);
  });
}

/** Pod subnet (static block allocation): each node takes ceil((maxPods + 1) / 16) blocks of a /28 (16 addresses). */
export function staticBlockAddressesPerNode(maxPods: number): number {
  return Math.ceil((maxPods + 1) / POD_SUBNET_BATCH) * POD_SUBNET_BATCH;
}

/**
 * Where a cluster's pods take their addresses from:
 * - `node-subnet`: the node subnet, maxPods + 1 per node (Azure CNI Node Subnet, and Cilium on it);
 * - `pod-subnet`: a pod subnet (dynamic or static block), the node subnet holds only nodes;
 * - `pod-cidr`: a /24 per node of the pod CIDR (kubenet, Overlay, Cilium on Overlay, and what AKS picks when no
 *   plugin is set, which is one of those two).
 * Undefined when a deciding value is unresolved or the cluster brings its own CNI.
 */
export type IpamMode = 'node-subnet' | 'pod-subnet' | 'pod-cidr';

export function ipamModeOf(cluster: Cluster, classification: Classification): IpamMode | undefined {
  switch (classification.model) {
    case 'kubenet':
    case 'azure-cni-overlay':
    case 'platform-default':
      return 'pod-cidr';
    case 'azure-cni-node-subnet':
      return 'node-subnet';
    case 'azure-cni-pod-subnet':
      return 'pod-subnet';
    case 'azure-cni-cilium': {
      // Cilium is a dataplane over one of the Azure CNI IP modes; the same precedence as classify().
      const mode = cluster.network.pluginMode;
      if (mode?.how === 'unresolved') return undefined;
      if (mode !== undefined && mode.value.toLowerCase() === 'overlay') return 'pod-cidr';
      return cluster.nodePools.some((pool) => pool.podSubnetId !== undefined) ? 'pod-subnet' : 'node-subnet';
    }
    default:
      return undefined;
  }
}

/** How many nodes a pool can have: the autoscaler's maximum when it scales, else its node count. */
export interface PoolNodes {
  nodes: number;
  autoscaled: boolean;
}

/** Undefined when the count (or whether the pool autoscales) is not known. */
export function poolNodes(pool: NodePool): PoolNodes | undefined {
  const scaling = pool.autoScaling;
  if (scaling?.how === 'unresolved') return undefined;
  if (scaling?.value === true) {
    const max = pool.maxCount;
    return max === undefined || max.how === 'unresolved' ? undefined : { nodes: max.value, autoscaled: true };
  }
  const count = pool.nodeCount;
  return count === undefined || count.how === 'unresolved' ? undefined : { nodes: count.value, autoscaled: false };
}

/** The first IPv4 prefix of a virtual network or subnet; undefined when there is none or one before it is unresolved. */
export function firstIpv4Prefix(
  space: AddressSpace,
): { cidr: Cidr; setting: AddressSpace['prefixes'][number] } | undefined {
  for (const setting of space.prefixes) {
    if (setting.how === 'unresolved') return undefined;
    const cidr = parseCidr(setting.value);
    if (cidr?.family === 'ipv4') return { cidr, setting };
  }
  return undefined;
}
