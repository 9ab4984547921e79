import type { AddressSpace, Setting } from '../model/index.js';
import { directoryOf } from './paths.js';

const SUBNET_ID = /\/virtualNetworks\/(?<vnet>[^/\s]+)\/subnets\/(?<subnet>[^/\s]+)\/?$/i;

/**
 * The subnet of the configuration that a pool's `vnetSubnetId` / `podSubnetId` names: by the expression
 * that refers to it (`azurerm_subnet.nodes.id`), or by a literal subnet ID whose virtual network and subnet
 * names match. Names like `azurerm_subnet.nodes` or `vnet::nodes` only mean something within a file or a
 * Terraform module, so when several subnets match, the one in the same file wins, then the same directory.
 * Undefined when the subnet is not defined in what was analyzed.
 */
export function findSubnet(
  setting: Setting<string> | undefined,
  spaces: readonly AddressSpace[],
  fromFile?: string,
): AddressSpace | undefined {
  if (setting === undefined) return undefined;
  const subnets = spaces.filter((space) => space.kind === 'subnet');
  const written = setting.how === 'unresolved' || setting.how === 'resolved' ? setting.expression : undefined;
  const value = setting.how === 'unresolved' ? undefined : setting.value;
  for (const candidate of [written, value]) {
    if (candidate === undefined) continue;
    const key = normalizeReference(candidate);
    const matches = subnets.filter((subnet) =>
      subnet.references.some((reference) => normalizeReference(reference) === key),
    );
    if (matches.length > 0) return nearest(matches, fromFile);
  }
  const match = value === undefined ? undefined : SUBNET_ID.exec(value.trim());
  if (match?.groups === undefined) return undefined;
  const { vnet = '', subnet = '' } = match.groups;
  const byName = subnets.filter(
    (candidate) =>
      candidate.name?.toLowerCase() === subnet.toLowerCase() &&
      candidate.virtualNetwork?.toLowerCase() === vnet.toLowerCase(),
  );
  return byName.length === 0 ? undefined : nearest(byName, fromFile);
}

function nearest(candidates: readonly AddressSpace[], fromFile: string | undefined): AddressSpace | undefined {
  if (fromFile === undefined) return candidates[0];
  const directory = directoryOf(fromFile);
  return (
    candidates.find((space) => space.range.file === fromFile) ??
    candidates.find((space) => directoryOf(space.range.file) === directory) ??
    candidates[0]
  );
}

/** The virtual network a subnet belongs to, when it is defined in what was analyzed (nearest first). */
export function findVirtualNetwork(subnet: AddressSpace, spaces: readonly AddressSpace[]): AddressSpace | undefined {
  if (subnet.virtualNetwork === undefined) return undefined;
  const name = subnet.virtualNetwork.toLowerCase();
  const matches = spaces.filter((space) => space.kind === 'virtual-network' && space.name?.toLowerCase() === name);
  return nearest(matches, subnet.range.file);
}

function normalizeReference(text: string): string {
  return text.replace(/\s+/g, '');
}
