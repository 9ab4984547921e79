import type { AddressSpace, Setting } from '../model/index.js';

const SUBNET_ID = /\/virtualNetworks\/(?<vnet>[^/\s]+)\/subnets\/(?<subnet>[^/\s]+)\/?$/i;

/**
 * The subnet of the configuration that a pool's `vnetSubnetId` / `podSubnetId` names: by the expression
 * that refers to it (`azurerm_subnet.nodes.id`), or by a literal subnet ID whose virtual network and subnet
 * names match. Undefined when the subnet is not defined in what was analyzed.
 */
export function findSubnet(
  setting: Setting<string> | undefined,
  spaces: readonly AddressSpace[],
): AddressSpace | undefined {
  if (setting === undefined) return undefined;
  const subnets = spaces.filter((space) => space.kind === 'subnet');
  const written = setting.how === 'unresolved' || setting.how === 'resolved' ? setting.expression : undefined;
  const value = setting.how === 'unresolved' ? undefined : setting.value;
  for (const candidate of [written, value]) {
    if (candidate === undefined) continue;
    const key = normalizeReference(candidate);
    const byReference = subnets.find((subnet) =>
      subnet.references.some((reference) => normalizeReference(reference) === key),
    );
    if (byReference !== undefined) return byReference;
  }
  const match = value === undefined ? undefined : SUBNET_ID.exec(value.trim());
  if (match?.groups === undefined) return undefined;
  const { vnet = '', subnet = '' } = match.groups;
  return subnets.find(
    (candidate) =>
      candidate.name?.toLowerCase() === subnet.toLowerCase() &&
      candidate.virtualNetwork?.toLowerCase() === vnet.toLowerCase(),
  );
}

/** The virtual network a subnet belongs to, when it is defined in what was analyzed. */
export function findVirtualNetwork(subnet: AddressSpace, spaces: readonly AddressSpace[]): AddressSpace | undefined {
  if (subnet.virtualNetwork === undefined) return undefined;
  const name = subnet.virtualNetwork.toLowerCase();
  return spaces.find((space) => space.kind === 'virtual-network' && space.name?.toLowerCase() === name);
}

function normalizeReference(text: string): string {
  return text.replace(/\s+/g, '');
}
