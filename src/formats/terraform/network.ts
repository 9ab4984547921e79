import type { AddressSpace } from '../../model/index.js';
import type { HclBlock, HclBody, HclExpr } from './parse.js';
import { elements, locate, member } from './resolve.js';
import type { Located, Scope } from './resolve.js';
import {
  attribute,
  azapiBody,
  bodyObject,
  compact,
  pick,
  resolvedString,
  stringSetting,
  stringSettings,
} from './settings.js';

/**
 * Virtual networks and subnets: `azurerm_virtual_network` (with inline `subnet` blocks), `azurerm_subnet`,
 * and AzAPI `Microsoft.Network/virtualNetworks` (with `properties.subnets[]`) and
 * `Microsoft.Network/virtualNetworks/subnets`. The engine links a node pool to a subnet by an expression
 * in `references` or by a literal subnet ID; see readme.md.
 */

/** Cheap check before parsing: could this text define a virtual network or subnet? */
const NETWORK_HINT = /azurerm_subnet|azurerm_virtual_network|Microsoft\.Network\/virtualNetworks/i;
/** A sibling that may define a virtual network whose name a subnet refers to. */
export const VIRTUAL_NETWORK_HINT = /azurerm_virtual_network|Microsoft\.Network\/virtualNetworks/i;

const AZAPI_VIRTUAL_NETWORK = /^Microsoft\.Network\/virtualNetworks@/i;
const AZAPI_SUBNET = /^Microsoft\.Network\/virtualNetworks\/subnets@/i;
const VIRTUAL_NETWORK_ID = /\/virtualNetworks\/(?<name>[^/\s]+)\/?$/i;

export function couldHoldAddressSpace(text: string): boolean {
  return NETWORK_HINT.test(text);
}

export function isNetworkCandidate(block: HclBlock): boolean {
  if (block.type !== 'resource' || block.labels.length !== 2) return false;
  const type = block.labels[0];
  return type === 'azurerm_virtual_network' || type === 'azurerm_subnet' || type === 'azapi_resource';
}

/**
 * `azurerm_virtual_network.<n>` and `azapi_resource.<n>` (of type virtualNetworks) of a directory, by
 * address, with their names when those are known: what `virtual_network_name` and `parent_id` refer to.
 */
export type VirtualNetworkNames = ReadonlyMap<string, string | undefined>;

export function virtualNetworkNames(bodies: readonly HclBody[], scope: Scope): VirtualNetworkNames {
  const names = new Map<string, string | undefined>();
  for (const body of bodies) {
    for (const block of body.blocks) {
      if (!isNetworkCandidate(block)) continue;
      const [type = '', label = ''] = block.labels;
      const isVirtualNetwork =
        type === 'azurerm_virtual_network' ||
        (type === 'azapi_resource' && AZAPI_VIRTUAL_NETWORK.test(resolvedString(block.body, 'type', scope) ?? ''));
      if (!isVirtualNetwork || instanceSuffix(block, scope) === undefined) continue;
      const address = `${type}.${label}`;
      if (!names.has(address)) names.set(address, resolvedString(block.body, 'name', scope));
    }
  }
  return names;
}

/** The address spaces `blocks` of the file at `path` define. */
export function addressSpacesFrom(
  blocks: readonly HclBlock[],
  path: string,
  scope: Scope,
  networks: VirtualNetworkNames,
): AddressSpace[] {
  const spaces: AddressSpace[] = [];
  for (const block of blocks) {
    const suffix = instanceSuffix(block, scope);
    // A resource repeated by for_each or count (other than exactly 1) has no single name or prefix.
    if (suffix === undefined) continue;
    const [type = '', label = ''] = block.labels;
    const address = `${type}.${label}`;
    const context: Context = { path, address, suffix, scope, networks };
    if (type === 'azurerm_virtual_network') spaces.push(...azurermVirtualNetwork(block, context));
    else if (type === 'azurerm_subnet') spaces.push(azurermSubnet(block, context));
    else {
      const azapiType = resolvedString(block.body, 'type', scope) ?? '';
      if (AZAPI_VIRTUAL_NETWORK.test(azapiType)) spaces.push(...azapiVirtualNetwork(block, context));
      else if (AZAPI_SUBNET.test(azapiType)) spaces.push(azapiSubnet(block, context));
    }
  }
  return spaces;
}

interface Context {
  path: string;
  /** `type.label` */
  address: string;
  /** `[0]` for a resource with `count = 1`, else empty. */
  suffix: string;
  scope: Scope;
  networks: VirtualNetworkNames;
}

/**
 * `''` for a single resource, `'[0]'` for one with `count = 1` (its only instance), undefined when the
 * resource is repeated (`for_each`, another or an unknown `count`) and so has no one name or prefix.
 */
function instanceSuffix(block: HclBlock, scope: Scope): string | undefined {
  if (attribute(block.body, 'for_each') !== undefined) return undefined;
  const count = attribute(block.body, 'count');
  if (count === undefined) return '';
  const { result } = locate(count, scope);
  return result.known && (result.value === 1 || result.value === '1') ? '[0]' : undefined;
}

function knownName(located: Located | undefined): string | undefined {
  const setting = stringSetting(located);
  return setting === undefined || setting.how === 'unresolved' ? undefined : setting.value;
}

/** The expression a node pool writes for the ID of an inline subnet: `"${<vnet>.id}/subnets/<name>"`. */
function inlineReferences(context: Context, name: string | undefined): string[] {
  if (name === undefined) return [];
  return [`"\${${context.address}${context.suffix}.id}/subnets/${name}"`];
}

function azurermVirtualNetwork(block: HclBlock, context: Context): AddressSpace[] {
  const self = bodyObject(block.body, block.range, context.scope);
  const name = knownName(member(self, 'name'));
  const id = `${context.path}#${context.address}`;
  const spaces: AddressSpace[] = [
    compact<AddressSpace>({
      kind: 'virtual-network',
      id,
      prefixes: stringSettings(member(self, 'address_space')),
      range: block.range,
      references: [`${context.address}${context.suffix}.id`],
      name,
    }),
  ];
  const inline = block.body.blocks.filter((b) => b.type === 'subnet');
  for (const [index, subnet] of inline.entries()) {
    const fields = bodyObject(subnet.body, subnet.range, context.scope);
    const subnetName = knownName(member(fields, 'name'));
    spaces.push(
      compact<AddressSpace>({
        kind: 'subnet',
        id: `${id}.subnet[${index}]`,
        // address_prefix is the 3.x name (a single string).
        prefixes: stringSettings(pick(fields, ['address_prefixes', 'address_prefix'])),
        range: subnet.range,
        references: inlineReferences(context, subnetName),
        name: subnetName,
        virtualNetwork: name,
      }),
    );
  }
  return spaces;
}

function azurermSubnet(block: HclBlock, context: Context): AddressSpace {
  const self = bodyObject(block.body, block.range, context.scope);
  const written = `${context.address}${context.suffix}`;
  return compact<AddressSpace>({
    kind: 'subnet',
    id: `${context.path}#${context.address}`,
    prefixes: stringSettings(pick(self, ['address_prefixes', 'address_prefix'])),
    range: block.range,
    references: [`${written}.id`, written],
    name: knownName(member(self, 'name')),
    virtualNetwork: virtualNetworkName(attribute(block.body, 'virtual_network_name')?.value, 'name', context),
  });
}

function azapiVirtualNetwork(block: HclBlock, context: Context): AddressSpace[] {
  const self = bodyObject(block.body, block.range, context.scope);
  const properties = member(azapiBody(block.body, context.scope), 'properties', true);
  const name = knownName(member(self, 'name'));
  const id = `${context.path}#${context.address}`;
  const spaces: AddressSpace[] = [
    compact<AddressSpace>({
      kind: 'virtual-network',
      id,
      prefixes: stringSettings(pick(properties, ['addressSpace.addressPrefixes'], true)),
      range: block.range,
      references: [`${context.address}${context.suffix}.id`],
      name,
    }),
  ];
  for (const { key, located } of elements(member(properties, 'subnets', true))) {
    const subnetName = knownName(member(located, 'name', true));
    const subnetProperties = member(located, 'properties', true);
    spaces.push(
      compact<AddressSpace>({
        kind: 'subnet',
        id: `${id}.subnets[${key}]`,
        prefixes: stringSettings(pick(subnetProperties, ['addressPrefixes', 'addressPrefix'], true)),
        range: located.range,
        references: inlineReferences(context, subnetName),
        name: subnetName,
        virtualNetwork: name,
      }),
    );
  }
  return spaces;
}

function azapiSubnet(block: HclBlock, context: Context): AddressSpace {
  const self = bodyObject(block.body, block.range, context.scope);
  const properties = member(azapiBody(block.body, context.scope), 'properties', true);
  return compact<AddressSpace>({
    kind: 'subnet',
    id: `${context.path}#${context.address}`,
    prefixes: stringSettings(pick(properties, ['addressPrefixes', 'addressPrefix'], true)),
    range: block.range,
    references: [`${context.address}${context.suffix}.id`],
    name: knownName(member(self, 'name')),
    virtualNetwork: virtualNetworkName(attribute(block.body, 'parent_id')?.value, 'id', context),
  });
}

/**
 * The virtual network a subnet names: `virtual_network_name` (`attribute` = `name`) or AzAPI `parent_id`
 * (`attribute` = `id`), written as a value, a variable or local, a literal ID, or a reference to a virtual
 * network of the same directory whose own name is known.
 */
function virtualNetworkName(expr: HclExpr | undefined, attribute: 'name' | 'id', context: Context): string | undefined {
  if (expr === undefined) return undefined;
  const { result } = locate({ name: '', value: expr, range: expr.range }, context.scope);
  if (result.known && typeof result.value === 'string') {
    if (attribute === 'name') return result.value;
    return VIRTUAL_NETWORK_ID.exec(result.value.trim())?.groups?.name;
  }
  const address = referencedNetwork(expr, attribute);
  return address === undefined ? undefined : context.networks.get(address);
}

/** `azurerm_virtual_network.x.name`, `azapi_resource.x.id`, also with `[0]`: the address `type.x`. */
function referencedNetwork(expr: HclExpr, attribute: 'name' | 'id'): string | undefined {
  if (expr.kind === 'template' && expr.parts.length === 1) {
    const [only] = expr.parts;
    if (only !== undefined && 'expr' in only) return referencedNetwork(only.expr, attribute);
  }
  if (expr.kind !== 'traversal' || expr.base.kind !== 'variable') return undefined;
  const steps = [...expr.steps];
  const [first] = steps;
  const last = steps[steps.length - 1];
  if (first?.kind !== 'attr' || last?.kind !== 'attr' || last.name !== attribute) return undefined;
  const middle = steps.slice(1, -1);
  const onlyInstance =
    middle.length === 0 ||
    (middle.length === 1 &&
      middle[0]?.kind === 'index' &&
      middle[0].key.kind === 'literal' &&
      (middle[0].key.value === 0 || middle[0].key.value === '0'));
  if (!onlyInstance) return undefined;
  const type = expr.base.name;
  if (type !== 'azurerm_virtual_network' && type !== 'azapi_resource') return undefined;
  return `${type}.${first.name}`;
}
