import { describe, expect, it } from 'vitest';
import {
  containsAddress,
  nodeSubnetAddressesNeeded,
  overlaps,
  parseCidr,
  podCidrNodeCapacity,
  reservedOverlaps,
  smallestPodCidrPrefix,
  smallestSubnetPrefix,
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
