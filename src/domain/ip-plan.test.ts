import { describe, expect, it } from 'vitest';
import { IP_PLANNING } from '../knowledge/ip-planning.js';
import type { AddressSpace, Cluster, NodePool, Setting } from '../model/index.js';
import { classify } from './classify.js';
import {
  AKS_RESERVED_RANGES,
  AZURE_RESERVED_PER_SUBNET,
  OVERLAY_NODE_PREFIX,
  POD_SUBNET_BATCH,
  containsAddress,
  firstIpv4Prefix,
  ipamModeOf,
  nodeSubnetAddressesNeeded,
  overlaps,
  parseCidr,
  podCidrNodeCapacity,
  poolNodes,
  reservedOverlaps,
  smallestPodCidrPrefix,
  smallestSubnetPrefix,
  staticBlockAddressesPerNode,
  usableSubnetAddresses,
} from './ip-plan.js';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (parsed === undefined) throw new Error(`not a CIDR: ${text}`);
  return parsed;
}

describe('ip-plan', () => {
  it.each([
    { text: '10.0.0.0/16', network: '10.0.0.0', prefix: 16, size: 65536n },
    { text: '10.0.1.7/24', network: '10.0.1.0', prefix: 24, size: 256n },
    { text: 'fd00::/64', network: 'fd00::', prefix: 64, size: 2n ** 64n },
  ])('parses $text', ({ text, network, prefix, size }) => {
    expect(parseCidr(text)).toMatchObject({ network, prefix, size });
  });

  it.each(['10.0.0/16', '10.0.0.0', '10.0.0.0/33', 'banana', '0x0a.0.0.0/8', `${'1'.repeat(100)}/8`])(
    'rejects %s',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );

  it.each([
    { a: '10.0.0.0/16', b: '10.0.255.0/24', overlap: true },
    { a: '10.0.0.0/16', b: '10.1.0.0/16', overlap: false },
    { a: '172.16.0.0/12', b: '172.31.0.0/16', overlap: true },
    { a: '10.244.0.0/16', b: '10.0.0.0/8', overlap: true },
    { a: '10.0.0.0/8', b: 'fd00::/8', overlap: false },
  ])('$a overlaps $b: $overlap', ({ a, b, overlap }) => {
    expect(overlaps(cidr(a), cidr(b))).toBe(overlap);
    expect(overlaps(cidr(b), cidr(a))).toBe(overlap);
  });

  it('knows which addresses are inside', () => {
    expect(containsAddress(cidr('10.0.0.0/16'), '10.0.0.10')).toBe(true);
    expect(containsAddress(cidr('10.0.0.0/16'), '10.1.0.10')).toBe(false);
    expect(containsAddress(cidr('10.0.0.0/16'), 'not-an-ip')).toBe(false);
  });

  it("uses Microsoft's worked example: 50 nodes + 1 surge at 30 pods needs 1,581 addresses, a /21", () => {
    const needed = nodeSubnetAddressesNeeded(50, 1, 30);
    expect(needed).toBe(1581);
    expect(smallestSubnetPrefix(needed)).toBe(21);
  });

  it('a /24 has 251 usable addresses: 8 nodes at 30 pods fit (248), 9 do not', () => {
    expect(usableSubnetAddresses(cidr('10.0.1.0/24'))).toBe(251n);
    expect(nodeSubnetAddressesNeeded(8, 0, 30)).toBe(248);
    expect(nodeSubnetAddressesNeeded(9, 0, 30)).toBe(279);
  });

  it('a /16 pod CIDR holds 256 nodes, a /14 1,024', () => {
    expect(podCidrNodeCapacity(cidr('10.244.0.0/16'))).toBe(256);
    expect(podCidrNodeCapacity(cidr('10.244.0.0/14'))).toBe(1024);
    expect(podCidrNodeCapacity(cidr('10.244.0.0/25'))).toBe(0);
    expect(smallestPodCidrPrefix(257)).toBe(15);
    expect(smallestPodCidrPrefix(256)).toBe(16);
  });

  it('finds the AKS-reserved ranges a CIDR overlaps', () => {
    expect(reservedOverlaps(cidr('172.16.0.0/12'))).toEqual(['172.30.0.0/16', '172.31.0.0/16']);
    expect(reservedOverlaps(cidr('10.244.0.0/16'))).toEqual([]);
  });
});

const RANGE = { file: 'main.tf', startLine: 1, endLine: 1 };
const literal = <T>(value: T): Setting<T> => ({ how: 'literal', value, range: RANGE });
const unresolved: Setting<never> = { how: 'unresolved', range: RANGE, expression: 'var.x', reason: 'no value' };

function pool(settings: Partial<NodePool> = {}): NodePool {
  return { name: 'system', range: RANGE, isDefault: true, ...settings };
}

function cluster(network: Cluster['network'], pools: NodePool[] = [pool()]): Cluster {
  return {
    id: 'aks',
    format: 'terraform',
    definition: 'azurerm_kubernetes_cluster',
    range: RANGE,
    network,
    nodePools: pools,
  };
}

describe('ip-plan for rules', () => {
  it('states the same numbers as the knowledge base', () => {
    expect(IP_PLANNING.azureReservedPerSubnet.value).toBe(AZURE_RESERVED_PER_SUBNET);
    expect(IP_PLANNING.podSubnetBatch.value).toBe(POD_SUBNET_BATCH);
    expect(IP_PLANNING.podCidrPerNodePrefix.value).toBe(OVERLAY_NODE_PREFIX);
    expect(IP_PLANNING.reservedRanges.value).toEqual([...AKS_RESERVED_RANGES]);
    expect(IP_PLANNING.staticBlock.value.blockSize).toBe(POD_SUBNET_BATCH);
  });

  it.each([
    { maxPods: 15, perNode: 16 },
    { maxPods: 16, perNode: 32 },
    { maxPods: 30, perNode: 32 },
    { maxPods: 31, perNode: 32 },
    { maxPods: 32, perNode: 48 },
    { maxPods: 250, perNode: 256 },
  ])('static block: maxPods $maxPods takes $perNode addresses per node', ({ maxPods, perNode }) => {
    expect(staticBlockAddressesPerNode(maxPods)).toBe(perNode);
  });

  it.each([
    { name: 'kubenet', network: { plugin: literal('kubenet') }, mode: 'pod-cidr' },
    { name: 'Overlay', network: { plugin: literal('azure'), pluginMode: literal('overlay') }, mode: 'pod-cidr' },
    { name: 'no plugin (AKS picks kubenet or Overlay)', network: {}, mode: 'pod-cidr' },
    { name: 'node subnet', network: { plugin: literal('azure') }, mode: 'node-subnet' },
    {
      name: 'Cilium on the node subnet',
      network: { plugin: literal('azure'), dataplane: literal('cilium') },
      mode: 'node-subnet',
    },
    {
      name: 'Cilium on Overlay',
      network: { plugin: literal('Azure'), dataplane: literal('cilium'), pluginMode: literal('Overlay') },
      mode: 'pod-cidr',
    },
    {
      name: 'Cilium with an unresolved plugin mode',
      network: { plugin: literal('azure'), dataplane: literal('cilium'), pluginMode: unresolved },
      mode: undefined,
    },
    { name: 'BYO CNI', network: { plugin: literal('none') }, mode: undefined },
    { name: 'an unresolved plugin', network: { plugin: unresolved }, mode: undefined },
  ] as const)('IP mode of $name: $mode', ({ network, mode }) => {
    const subject = cluster(network);
    expect(ipamModeOf(subject, classify(subject))).toBe(mode);
  });

  it('a pod subnet on any pool makes a pod-subnet cluster, with Cilium too', () => {
    const pools = [
      pool(),
      pool({ name: 'user', isDefault: false, podSubnetId: literal('/subscriptions/x/subnets/pods') }),
    ];
    const plain = cluster({ plugin: literal('azure') }, pools);
    const cilium = cluster({ plugin: literal('azure'), dataplane: literal('cilium') }, pools);
    expect(ipamModeOf(plain, classify(plain))).toBe('pod-subnet');
    expect(ipamModeOf(cilium, classify(cilium))).toBe('pod-subnet');
  });

  it.each([
    { name: 'a node count', settings: { nodeCount: literal(3) }, expected: { nodes: 3, autoscaled: false } },
    {
      name: 'the autoscaler maximum, not the node count',
      settings: { nodeCount: literal(3), autoScaling: literal(true), maxCount: literal(10) },
      expected: { nodes: 10, autoscaled: true },
    },
    {
      name: 'autoscaling off: the node count',
      settings: { nodeCount: literal(3), autoScaling: literal(false), maxCount: literal(10) },
      expected: { nodes: 3, autoscaled: false },
    },
    { name: 'no count', settings: {}, expected: undefined },
    { name: 'an unresolved count', settings: { nodeCount: unresolved }, expected: undefined },
    {
      name: 'an unresolved maximum',
      settings: { autoScaling: literal(true), maxCount: unresolved },
      expected: undefined,
    },
    {
      name: 'unresolved autoscaling',
      settings: { nodeCount: literal(3), autoScaling: unresolved },
      expected: undefined,
    },
  ])('pool nodes: $name', ({ settings, expected }) => {
    expect(poolNodes(pool(settings as Partial<NodePool>))).toEqual(expected);
  });

  it('takes the first IPv4 prefix, and gives up at an unresolved one before it', () => {
    const space = (prefixes: Setting<string>[]): AddressSpace => ({
      kind: 'subnet',
      id: 's',
      prefixes,
      range: RANGE,
      references: [],
    });
    expect(firstIpv4Prefix(space([literal('fd00::/64'), literal('10.1.0.0/24')]))?.cidr.text).toBe('10.1.0.0/24');
    expect(firstIpv4Prefix(space([unresolved, literal('10.1.0.0/24')]))).toBeUndefined();
    expect(firstIpv4Prefix(space([literal('not a range')]))).toBeUndefined();
  });
});
