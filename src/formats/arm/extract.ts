import { withAutomaticDefaults } from '../shared/automatic.js';
import { namesFor } from '../../knowledge/names.js';
import type {
  AddressSpace,
  Cluster,
  ClusterUpdate,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NodePool,
  RemovedSetting,
  ResolutionStep,
  Setting,
  SourceFile,
  SourceRange,
  UnresolvedSetting,
} from '../../model/index.js';
import type { Evaluated, ParameterSource, Scope, Value } from './evaluate.js';
import type { EvaluateOptions } from './evaluate.js';
import {
  RESOURCE_ID_RESOURCE_GROUP,
  RESOURCE_ID_SUBSCRIPTION,
  evaluateExpression,
  evaluateNode,
  membersByName,
  scopeOf,
  show,
  withVia,
} from './evaluate.js';
import { isExpression, parseExpression } from './expression.js';
import type { JsonNode, JsonObject } from './parse.js';
import { findMember, objectMember, parseJson, stringMember } from './parse.js';

const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
const POOL_TYPE = 'Microsoft.ContainerService/managedClusters/agentPools';
const DEPLOYMENT_TYPE = 'microsoft.resources/deployments';
const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';

/** Nested deployments inside nested deployments: deeper than any real template. */
const MAX_DEPLOYMENT_DEPTH = 16;

/**
 * Could this text hold an AKS cluster, or a virtual network a cluster's pools may use, at all? A linear
 * test before any parsing.
 */
const MIGHT_HOLD_AKS = /managedClusters|Microsoft\.Network\/virtualNetworks/i;

const NETWORK_PROPERTIES = namesFor('api');

export function extract(file: SourceFile, files: FileSet): ExtractResult {
  try {
    return extractTemplate(file, files);
  } catch (error) {
    // A last resort: an unexpected error is a problem on the file, never an exception for the engine.
    return {
      clusters: [],
      problems: [
        {
          kind: 'parse-error',
          range: { file: file.path, startLine: 1, endLine: 1 },
          message: `unexpected error while reading the ARM template: ${String(error)}`,
        },
      ],
    };
  }
}

function extractTemplate(file: SourceFile, files: FileSet): ExtractResult {
  if (!MIGHT_HOLD_AKS.test(file.text)) return { clusters: [], problems: [] };
  const parsed = parseJson(file.text, file.path);
  if (!parsed.ok) return { clusters: [], problems: parsed.problems };
  if (parsed.root.kind !== 'object') return { clusters: [], problems: parsed.problems };
  const collector = new Collector(file.path);
  collector.template(parsed.root, scopeOf(parsed.root, 'template', parameterFiles(file, files)), [], 0);
  const { clusters, updates, addressSpaces } = collector.finish();
  const result: ExtractResult = { clusters, problems: parsed.problems, updates };
  if (addressSpaces.length > 0) result.addressSpaces = addressSpaces;
  return result;
}

/**
 * The parameters files that go with a template: `<base>.parameters.json` and `<base>.parameters.*.json`
 * in the same directory (`azuredeploy.parameters.json` for `azuredeploy.json`).
 */
export function parameterFiles(file: SourceFile, files: FileSet): ParameterSource[] {
  const slash = file.path.lastIndexOf('/');
  const dir = slash < 0 ? '' : file.path.slice(0, slash);
  const name = file.path.slice(slash + 1).toLowerCase();
  const base = name.replace(/\.jsonc?$/, '');
  const sources: ParameterSource[] = [];
  for (const sibling of files.inDirectory(dir)) {
    const siblingName = sibling.path.slice(sibling.path.lastIndexOf('/') + 1).toLowerCase();
    if (siblingName === name) continue;
    const matches =
      siblingName === `${base}.parameters.json` ||
      (siblingName.startsWith(`${base}.parameters.`) && siblingName.endsWith('.json'));
    if (!matches) continue;
    sources.push(files.memo(`arm:parameters:${sibling.path}`, () => readParameterFile(sibling)));
  }
  return sources;
}

function readParameterFile(file: SourceFile): ParameterSource {
  const label = file.path.slice(file.path.lastIndexOf('/') + 1);
  const parsed = parseJson(file.text, file.path);
  const broken = parsed.problems[0];
  if (broken !== undefined) {
    return {
      label,
      values: new Map(),
      scope: undefined,
      unreadable: `${broken.message} at line ${broken.range.startLine}`,
    };
  }
  if (!parsed.ok || parsed.root.kind !== 'object') {
    return { label, values: new Map(), scope: undefined, unreadable: 'it is not a JSON object' };
  }
  return { label, values: membersByName(findMember(parsed.root, 'parameters')?.value), scope: undefined };
}

/** An object reached while reading a resource, with how it was reached. */
interface Slot {
  node: JsonObject;
  scope: Scope | undefined;
  via: ResolutionStep[];
  /** Set when the object came from an expression: settings inside it are reported where that expression is. */
  at?: { range: SourceRange; expression: string };
}

/** A value read from a slot: its evaluation, where a reviewer should look, and what is written there. */
interface Located {
  result: Evaluated;
  range: SourceRange;
  /** The expression as written (or the path into an expression's value); undefined for a plain literal. */
  expression: string | undefined;
}

type Reached =
  | { kind: 'object'; slot: Slot }
  | { kind: 'array'; items: Located[] }
  | { kind: 'unresolved'; setting: UnresolvedSetting }
  | { kind: 'other' };

interface ClusterEntry {
  cluster: Cluster;
  existing: boolean;
  nameSetting: Setting<string> | undefined;
  symbolic: string | undefined;
  /** The cluster's name with unknown parameters as stand-ins, lower-cased: what a pool's name or dependsOn matches. */
  key: string | undefined;
}

interface PoolEntry {
  resource: JsonObject;
  scope: Scope;
  pool: NodePool;
  apiVersion: string | undefined;
  written: string;
}

/** A virtual network's name, as far as it is known, for the subnets inside it. */
interface VnetName {
  /** The name when it is known. */
  value: string | undefined;
  /** The name with unknown parameters as stand-ins (`⟨parameters('vnetName')⟩`), for references. */
  symbolic: string | undefined;
}

class Collector {
  private readonly clusters: ClusterEntry[] = [];
  private readonly pools: PoolEntry[] = [];
  private readonly spaces: AddressSpace[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly path: string) {}

  template(template: JsonObject, scope: Scope, chain: string[], depth: number): void {
    const resources = findMember(template, 'resources')?.value;
    if (resources?.kind === 'array') {
      for (const item of resources.items)
        if (item.kind === 'object') this.resource(item, undefined, scope, chain, depth);
    } else if (resources?.kind === 'object') {
      // languageVersion 2.0: resources keyed by symbolic name.
      for (const member of resources.members) {
        if (member.value.kind === 'object') this.resource(member.value, member.key, scope, chain, depth);
      }
    }
  }

  finish(): { clusters: Cluster[]; updates: ClusterUpdate[]; addressSpaces: AddressSpace[] } {
    const updates: ClusterUpdate[] = [];
    for (const entry of this.pools) {
      const target = this.clusterFor(entry);
      if (target !== undefined && !target.existing) {
        target.cluster.nodePools.push(entry.pool);
        continue;
      }
      updates.push({
        id: this.uniqueId(`${POOL_TYPE} ${entry.written}`),
        format: 'arm',
        definition: entry.apiVersion === undefined ? POOL_TYPE : `${POOL_TYPE}@${entry.apiVersion}`,
        range: entry.resource.range,
        name: target?.nameSetting ?? parentName(entry),
        network: {},
        nodePools: [entry.pool],
      });
    }
    return {
      clusters: this.clusters.filter((entry) => !entry.existing).map((entry) => entry.cluster),
      updates,
      addressSpaces: this.spaces,
    };
  }

  private resource(node: JsonObject, symbolic: string | undefined, scope: Scope, chain: string[], depth: number): void {
    const typeNode = findMember(node, 'type')?.value;
    if (typeNode === undefined) return;
    const type = evaluateNode(typeNode, scope);
    if (!type.known || typeof type.value !== 'string') return;
    const lower = type.value.toLowerCase();
    if (lower === CLUSTER_TYPE.toLowerCase()) this.cluster(node, symbolic, scope, chain);
    else if (lower === POOL_TYPE.toLowerCase()) this.topLevelPool(node, scope);
    else if (lower === DEPLOYMENT_TYPE) this.deployment(node, symbolic, scope, chain, depth);
    else if (lower === VNET_TYPE.toLowerCase()) this.virtualNetwork(node, symbolic, scope, chain);
    else if (lower === SUBNET_TYPE.toLowerCase()) this.subnetResource(node, symbolic, scope, chain, undefined);
  }

  /**
   * A virtual network: its address space, its inline `properties.subnets[]` and its `subnets` child
   * resources. An `existing` one has no prefixes written here, so only its subnets are read; a `copy` loop
   * is skipped (its names differ per copy).
   */
  private virtualNetwork(node: JsonObject, symbolic: string | undefined, scope: Scope, chain: string[]): void {
    if (findMember(node, 'copy') !== undefined) return;
    const root: Slot = { node, scope, via: [] };
    const name = resourceName(node, scope);
    const vnet: VnetName = { value: name.value, symbolic: name.symbolic };
    const written = symbolic ?? writtenText(findMember(node, 'name')?.value) ?? `at line ${node.range.startLine}`;
    const id = this.spaceId(chain, `${VNET_TYPE} ${written}`);
    const properties = reachMember(root, 'properties');
    if (!isExisting(node)) {
      const space: AddressSpace = { kind: 'virtual-network', id, prefixes: [], range: node.range, references: [] };
      if (vnet.value !== undefined) space.name = vnet.value;
      if (properties.kind === 'object') {
        const addressSpace = reachMember(properties.slot, 'addressSpace');
        if (addressSpace.kind === 'object') space.prefixes = prefixesOf(addressSpace.slot, 'addressPrefixes');
        if (addressSpace.kind === 'unresolved') space.prefixes = [addressSpace.setting];
      }
      this.spaces.push(space);
      if (properties.kind === 'object') {
        const subnets = reachMember(properties.slot, 'subnets');
        if (subnets.kind === 'array') {
          subnets.items.forEach((item, index) => {
            const reached = reach(item);
            if (reached.kind !== 'object') return;
            this.inlineSubnet(reached.slot, vnet, `${id} > properties.subnets[${index}]`, item.range);
          });
        }
      }
    }
    for (const child of childResources(node)) {
      const type = evaluateNode(findMember(child, 'type')?.value ?? { kind: 'null', range: child.range }, scope);
      if (!type.known || typeof type.value !== 'string') continue;
      const lower = type.value.toLowerCase();
      if (lower === 'subnets' || lower === SUBNET_TYPE.toLowerCase())
        this.subnetResource(child, undefined, scope, [...chain, `${VNET_TYPE} ${written}`], vnet);
    }
  }

  private inlineSubnet(slot: Slot, vnet: VnetName, id: string, range: SourceRange): void {
    const space: AddressSpace = { kind: 'subnet', id: this.uniqueId(id), prefixes: [], range, references: [] };
    const nameMember = findMember(slot.node, 'name');
    const name = nameMember === undefined ? undefined : resourceName(slot.node, slot.scope);
    if (name?.value !== undefined) space.name = name.value;
    if (vnet.value !== undefined) space.virtualNetwork = vnet.value;
    const properties = reachMember(slot, 'properties');
    if (properties.kind === 'object') space.prefixes = subnetPrefixes(properties.slot);
    space.references = subnetReferences(vnet.symbolic, name?.symbolic);
    this.spaces.push(space);
  }

  /**
   * A `subnets` resource: top level with the name `<vnet>/<subnet>`, or a child of a virtual network
   * (`parent`) with its own name. An `existing` subnet has no prefixes written here and is skipped.
   */
  private subnetResource(
    node: JsonObject,
    symbolic: string | undefined,
    scope: Scope,
    chain: string[],
    parent: VnetName | undefined,
  ): void {
    if (isExisting(node) || findMember(node, 'copy') !== undefined) return;
    const name = resourceName(node, scope);
    let subnet: VnetName;
    let vnet: VnetName = parent ?? { value: undefined, symbolic: undefined };
    if (parent === undefined) {
      // `vnet/subnet`: split the known name, and the stand-in name, at the slash.
      const value = splitName(name.value);
      const stand = splitName(name.symbolic);
      vnet = { value: value?.[0], symbolic: stand?.[0] };
      subnet = { value: value?.[1], symbolic: stand?.[1] };
      if (subnet.value === undefined && stand !== undefined && !stand[1].includes('⟨')) subnet.value = stand[1];
    } else {
      subnet = { value: lastSegment(name.value), symbolic: lastSegment(name.symbolic) };
    }
    const written = symbolic ?? writtenText(findMember(node, 'name')?.value) ?? `at line ${node.range.startLine}`;
    const space: AddressSpace = {
      kind: 'subnet',
      id: this.spaceId(chain, `${SUBNET_TYPE} ${written}`),
      prefixes: [],
      range: node.range,
      references: subnetReferences(vnet.symbolic, subnet.symbolic),
    };
    if (subnet.value !== undefined) space.name = subnet.value;
    if (vnet.value !== undefined) space.virtualNetwork = vnet.value;
    const properties = reachMember({ node, scope, via: [] }, 'properties');
    if (properties.kind === 'object') space.prefixes = subnetPrefixes(properties.slot);
    this.spaces.push(space);
  }

  /** Unique within the analysis: the file path, then the deployments and the resource. */
  private spaceId(chain: string[], resource: string): string {
    return this.uniqueId(`${this.path}: ${[...chain, resource].join(' > ')}`);
  }

  /**
   * A nested deployment with an inline template. `expressionEvaluationOptions.scope: inner` evaluates the
   * inner template with its own parameters (given by the deployment's `parameters`) and variables; otherwise
   * (`outer`, the default) its expressions use the parent template's parameters and variables.
   */
  private deployment(
    node: JsonObject,
    symbolic: string | undefined,
    scope: Scope,
    chain: string[],
    depth: number,
  ): void {
    if (depth >= MAX_DEPLOYMENT_DEPTH) return;
    const properties = objectMember(node, 'properties');
    const template = properties === undefined ? undefined : objectMember(properties, 'template');
    if (properties === undefined || template === undefined) return;
    const name = symbolic ?? writtenText(findMember(node, 'name')?.value) ?? `at line ${node.range.startLine}`;
    const options = objectMember(properties, 'expressionEvaluationOptions');
    const inner = options !== undefined && stringMember(options, 'scope')?.toLowerCase() === 'inner';
    const innerScope = inner
      ? scopeOf(template, `nested deployment '${name}'`, [
          {
            label: `the parameters of nested deployment '${name}'`,
            values: membersByName(findMember(properties, 'parameters')?.value),
            scope,
          },
        ])
      : scope;
    this.template(template, innerScope, [...chain, `Microsoft.Resources/deployments ${name}`], depth + 1);
  }

  private cluster(node: JsonObject, symbolic: string | undefined, scope: Scope, chain: string[]): void {
    const root: Slot = { node, scope, via: [] };
    const apiVersion = stringMember(node, 'apiVersion');
    const apiVersionValue = apiVersionOf(node, scope);
    const nameNode = findMember(node, 'name')?.value;
    const nameSetting = stringSetting(locate(root, 'name'));
    const written = symbolic ?? writtenText(nameNode) ?? `at line ${node.range.startLine}`;
    const existing = findMember(node, 'existing')?.value;
    const definition = apiVersion === undefined ? CLUSTER_TYPE : `${CLUSTER_TYPE}@${apiVersion}`;
    const lastDeployment = chain.at(-1);
    const cluster: Cluster = {
      id: this.uniqueId([...chain, `${CLUSTER_TYPE} ${written}`].join(' > ')),
      format: 'arm',
      definition: lastDeployment === undefined ? definition : `${definition} in ${lastDeployment}`,
      range: node.range,
      network: {},
      nodePools: [],
    };
    if (nameSetting !== undefined) cluster.name = nameSetting;
    if (apiVersionValue !== undefined) cluster.apiVersion = apiVersionValue;

    const properties = reachMember(root, 'properties');
    if (properties.kind === 'unresolved') {
      cluster.network.plugin = properties.setting;
    } else if (properties.kind === 'object') {
      readClusterProperties(cluster, properties.slot);
    }
    const sku = reachMember(root, 'sku');
    if (sku.kind === 'object') withAutomaticDefaults(cluster, stringSetting(locate(sku.slot, 'name')));
    for (const child of childPools(node, scope)) cluster.nodePools.push(child);

    this.clusters.push({
      cluster,
      existing: existing?.kind === 'boolean' && existing.value,
      nameSetting,
      symbolic,
      key: nameNode === undefined ? undefined : symbolicKey(evaluateNode(nameNode, scope, { symbolic: true })),
    });
  }

  private topLevelPool(node: JsonObject, scope: Scope): void {
    const written = writtenText(findMember(node, 'name')?.value) ?? `at line ${node.range.startLine}`;
    this.pools.push({
      resource: node,
      scope,
      pool: poolResource(node, scope),
      apiVersion: stringMember(node, 'apiVersion'),
      written,
    });
  }

  /** The cluster a top-level agent pool belongs to: by its `<cluster>/<pool>` name, else by `dependsOn`. */
  private clusterFor(entry: PoolEntry): ClusterEntry | undefined {
    const nameNode = findMember(entry.resource, 'name')?.value;
    const name =
      nameNode === undefined ? undefined : symbolicKey(evaluateNode(nameNode, entry.scope, { symbolic: true }));
    const slash = name?.indexOf('/') ?? -1;
    if (name !== undefined && slash > 0) {
      const parent = name.slice(0, slash);
      const byName = this.clusters.find((cluster) => cluster.key === parent);
      if (byName !== undefined) return byName;
    }
    const dependsOn = findMember(entry.resource, 'dependsOn')?.value;
    if (dependsOn?.kind !== 'array') return undefined;
    for (const item of dependsOn.items) {
      if (item.kind !== 'string') continue;
      const found = this.dependency(item.value, entry.scope);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private dependency(text: string, scope: Scope): ClusterEntry | undefined {
    const lower = text.toLowerCase();
    const bySymbol = this.clusters.find((cluster) => cluster.symbolic?.toLowerCase() === lower);
    if (bySymbol !== undefined) return bySymbol;
    let target: string | undefined = lower;
    if (isExpression(text)) {
      const parsed = parseExpression(text);
      if (!parsed.ok) return undefined;
      target = undefined;
      const expr = parsed.expr;
      if (expr.kind === 'call' && expr.name.toLowerCase() === 'resourceid') {
        // resourceId([subscriptionId], [resourceGroup], type, name...): the name after the cluster type.
        const args = expr.args.map((arg) => symbolicKey(evaluateExpression(arg, scope, { symbolic: true })));
        const typeAt = args.indexOf(CLUSTER_TYPE.toLowerCase());
        if (typeAt >= 0 && typeAt === args.length - 2) target = args[typeAt + 1];
      } else {
        target = symbolicKey(evaluateExpression(expr, scope, { symbolic: true }));
      }
    }
    if (target === undefined) return undefined;
    const suffix = `${CLUSTER_TYPE.toLowerCase()}/`;
    const clusterName = target.startsWith(suffix) ? target.slice(suffix.length) : target;
    return this.clusters.find((cluster) => cluster.key !== undefined && cluster.key === clusterName);
  }

  private uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id} #${n}`;
    this.ids.add(unique);
    return unique;
  }
}

function readClusterProperties(cluster: Cluster, properties: Slot): void {
  const version = stringSetting(locate(properties, 'kubernetesVersion'));
  if (version !== undefined) cluster.kubernetesVersion = version;

  const profileLocated = locate(properties, 'networkProfile');
  if (profileLocated !== undefined) {
    cluster.networkProfileRange = profileLocated.range;
    const profile = reach(profileLocated);
    if (profile.kind === 'unresolved') cluster.network.plugin = profile.setting;
    if (profile.kind === 'object') {
      cluster.network = networkProfile(profile.slot);
      const ipFamilies = stringsSetting(locate(profile.slot, 'ipFamilies'));
      if (ipFamilies !== undefined) cluster.ipFamilies = ipFamilies;
      const removed = removedSettings(profile.slot);
      if (removed.length > 0) cluster.removedSettings = removed;
    }
  }

  const profiles = reachMember(properties, 'agentPoolProfiles');
  // An unresolvable `agentPoolProfiles` gives no pools: the model has no way to say "pools unknown".
  if (profiles.kind === 'array') {
    profiles.items.forEach((item, index) => {
      const reached = reach(item);
      if (reached.kind !== 'object') return;
      const named = locate(reached.slot, 'name');
      const name =
        named?.result.known === true && typeof named.result.value === 'string'
          ? named.result.value
          : (named?.expression ?? `agentPoolProfiles[${index}]`);
      const range = reached.slot.at?.range ?? reached.slot.node.range;
      cluster.nodePools.push(pool(reached.slot, name, range, index === 0));
    });
  }
}

function networkProfile(slot: Slot): NetworkProfile {
  const network: NetworkProfile = {};
  for (const [key, property] of NETWORK_PROPERTIES) {
    const setting = stringSetting(locate(slot, property));
    if (setting !== undefined) network[key] = setting;
  }
  return network;
}

function pool(slot: Slot, name: string, range: SourceRange, isDefault: boolean): NodePool {
  const result: NodePool = { name, range, isDefault };
  const osType = stringSetting(locate(slot, 'osType'));
  if (osType !== undefined) result.osType = osType;
  const nodeCount = numberSetting(locate(slot, 'count'));
  if (nodeCount !== undefined) result.nodeCount = nodeCount;
  const autoScaling = booleanSetting(locate(slot, 'enableAutoScaling'));
  if (autoScaling !== undefined) result.autoScaling = autoScaling;
  const minCount = numberSetting(locate(slot, 'minCount'));
  if (minCount !== undefined) result.minCount = minCount;
  const maxCount = numberSetting(locate(slot, 'maxCount'));
  if (maxCount !== undefined) result.maxCount = maxCount;
  const maxPods = numberSetting(locate(slot, 'maxPods'));
  if (maxPods !== undefined) result.maxPods = maxPods;
  const vnetSubnetId = subnetIdSetting(slot, 'vnetSubnetID');
  if (vnetSubnetId !== undefined) result.vnetSubnetId = vnetSubnetId;
  const podSubnetId = subnetIdSetting(slot, 'podSubnetID');
  if (podSubnetId !== undefined) result.podSubnetId = podSubnetId;
  const podIpAllocationMode = stringSetting(locate(slot, 'podIPAllocationMode'));
  if (podIpAllocationMode !== undefined) result.podIpAllocationMode = podIpAllocationMode;
  return result;
}

/** Pools declared as child resources of the cluster (`"resources": [{ "type": "agentPools", ... }]`). */
function childPools(cluster: JsonObject, scope: Scope): NodePool[] {
  const pools: NodePool[] = [];
  for (const child of childResources(cluster)) {
    const type = evaluateNode(findMember(child, 'type')?.value ?? { kind: 'null', range: child.range }, scope);
    if (!type.known || typeof type.value !== 'string') continue;
    const lower = type.value.toLowerCase();
    if (lower !== 'agentpools' && lower !== POOL_TYPE.toLowerCase()) continue;
    pools.push(poolResource(child, scope));
  }
  return pools;
}

/** An `agentPools` resource: its name's last segment, its `properties`. */
function poolResource(node: JsonObject, scope: Scope): NodePool {
  const root: Slot = { node, scope, via: [] };
  const named = locate(root, 'name');
  let name = named?.expression ?? `agent pool at line ${node.range.startLine}`;
  if (named?.result.known === true && typeof named.result.value === 'string') {
    name = named.result.value.slice(named.result.value.lastIndexOf('/') + 1);
  }
  const properties = reachMember(root, 'properties');
  if (properties.kind === 'object') return pool(properties.slot, name, node.range, false);
  return { name, range: node.range, isDefault: false };
}

/** The cluster name an agent pool's `<cluster>/<pool>` name gives, when its cluster is not in this template. */
function parentName(entry: PoolEntry): Setting<string> | undefined {
  const named = locate({ node: entry.resource, scope: entry.scope, via: [] }, 'name');
  if (named === undefined) return undefined;
  const setting = stringSetting(named);
  if (setting === undefined || setting.how === 'unresolved' || setting.how === 'default') return setting;
  const slash = setting.value.indexOf('/');
  return slash < 0 ? undefined : { ...setting, value: setting.value.slice(0, slash) };
}

function symbolicKey(result: Evaluated): string | undefined {
  return result.known && typeof result.value === 'string' ? result.value.toLowerCase() : undefined;
}

/** The text of a value as written, for ids and names: a string as is, anything else as JSON-ish text. */
function writtenText(node: JsonNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number' || node.kind === 'boolean') return String(node.value);
  return undefined;
}

function locate(slot: Slot, key: string, options: EvaluateOptions = {}): Located | undefined {
  const member = findMember(slot.node, key);
  if (member === undefined) return undefined;
  const result = withVia(evaluateNode(member.value, slot.scope, options), slot.via);
  if (slot.at !== undefined)
    return { result, range: slot.at.range, expression: extend(slot.at.expression, `.${member.key}`) };
  const value = member.value;
  const expression =
    value.kind === 'string' && slot.scope !== undefined && isExpression(value.value) ? value.value : undefined;
  return { result, range: value.range, expression };
}

/** `[variables('np')]` + `.networkPlugin` -> `[variables('np').networkPlugin]`. */
function extend(expression: string, suffix: string): string {
  return isExpression(expression) ? `${expression.slice(0, -1)}${suffix}]` : `${expression}${suffix}`;
}

function reachMember(slot: Slot, key: string): Reached {
  const located = locate(slot, key);
  return located === undefined ? { kind: 'other' } : reach(located);
}

function reach(located: Located): Reached {
  const { result } = located;
  if (!result.known) return { kind: 'unresolved', setting: unresolved(located, result.reason) };
  const value = result.value;
  if (value === null || typeof value !== 'object') return { kind: 'other' };
  const at = located.expression === undefined ? undefined : { range: located.range, expression: located.expression };
  if (value.node.kind === 'object') {
    const slot: Slot = { node: value.node, scope: value.scope, via: result.via };
    if (at !== undefined) slot.at = at;
    return { kind: 'object', slot };
  }
  const items = value.node.items.map((item, index): Located => {
    const itemResult = withVia(evaluateNode(item, value.scope), result.via);
    if (at !== undefined)
      return { result: itemResult, range: at.range, expression: extend(at.expression, `[${index}]`) };
    const expression =
      item.kind === 'string' && value.scope !== undefined && isExpression(item.value) ? item.value : undefined;
    return { result: itemResult, range: item.range, expression };
  });
  return { kind: 'array', items };
}

function unresolved(located: Located, reason: string): UnresolvedSetting {
  return { how: 'unresolved', range: located.range, expression: located.expression ?? '', reason };
}

function stringSetting(located: Located | undefined): Setting<string> | undefined {
  return settingOf(located, (value): value is string => typeof value === 'string', 'a string');
}

function numberSetting(located: Located | undefined): Setting<number> | undefined {
  return settingOf(located, (value): value is number => typeof value === 'number', 'a number');
}

function booleanSetting(located: Located | undefined): Setting<boolean> | undefined {
  return settingOf(located, (value): value is boolean => typeof value === 'boolean', 'true or false');
}

/** A setting from a located value; a null value (ARM's "not given") is no setting at all. */
function settingOf<T extends Value>(
  located: Located | undefined,
  is: (value: Value) => value is T,
  expected: string,
): Setting<T> | undefined {
  if (located === undefined) return undefined;
  const { result, range, expression } = located;
  if (!result.known) return unresolved(located, result.reason);
  if (result.value === null) return undefined;
  if (!is(result.value)) {
    return {
      how: 'unresolved',
      range,
      expression: expression ?? show(result.value),
      reason: `the value ${show(result.value)} is not ${expected}`,
    };
  }
  if (expression === undefined && result.via.length === 0) return { how: 'literal', value: result.value, range };
  return { how: 'resolved', value: result.value, range, expression: expression ?? show(result.value), via: result.via };
}

/** The cluster's `apiVersion`, when it is known. */
function apiVersionOf(node: JsonObject, scope: Scope): string | undefined {
  const member = findMember(node, 'apiVersion');
  if (member === undefined) return undefined;
  const result = evaluateNode(member.value, scope);
  return result.known && typeof result.value === 'string' && result.value !== '' ? result.value : undefined;
}

/** Settings AKS no longer accepts, where their names are written (`dockerBridgeCidr`: removed in API 2023-04-01). */
function removedSettings(profile: Slot): RemovedSetting[] {
  const removed: RemovedSetting[] = [];
  const member = findMember(profile.node, 'dockerBridgeCidr');
  if (member === undefined) return removed;
  // `null` is ARM's "not given".
  const value = evaluateNode(member.value, profile.scope);
  if (value.known && value.value === null) return removed;
  removed.push({
    kind: 'docker-bridge-cidr',
    name: member.key,
    range: { file: member.keyRange.file, startLine: member.keyRange.startLine, endLine: member.value.range.endLine },
  });
  return removed;
}

/**
 * A pool's `vnetSubnetID` / `podSubnetID`. A `resourceId()` that the plain evaluation leaves unknown is read
 * as the ID it builds when its type and names are known (the subscription and resource group become
 * stand-ins), so that the engine can match `.../virtualNetworks/<vnet>/subnets/<subnet>` to the subnet.
 */
function subnetIdSetting(slot: Slot, key: string): Setting<string> | undefined {
  const located = locate(slot, key);
  const setting = stringSetting(located);
  if (located === undefined || setting?.how !== 'unresolved') return setting;
  const symbolic = locate(slot, key, { resourceIds: true });
  if (symbolic === undefined || !symbolic.result.known || typeof symbolic.result.value !== 'string') return setting;
  const step: ResolutionStep = {
    description: `resourceId() builds the ID of ${symbolic.result.value.slice(symbolic.result.value.indexOf('/providers/') + '/providers/'.length)}; ${RESOURCE_ID_SUBSCRIPTION} and ${RESOURCE_ID_RESOURCE_GROUP} stand for the deployment's subscription and resource group`,
    range: located.range,
  };
  return {
    how: 'resolved',
    value: symbolic.result.value,
    range: located.range,
    expression: located.expression ?? setting.expression,
    via: [...symbolic.result.via, step],
  };
}

/** A list of strings (`ipFamilies`): known only when every item is. */
function stringsSetting(located: Located | undefined): Setting<string[]> | undefined {
  if (located === undefined) return undefined;
  const reached = reach(located);
  if (reached.kind === 'unresolved') return reached.setting;
  if (located.result.known && located.result.value === null) return undefined;
  if (reached.kind !== 'array') {
    return {
      how: 'unresolved',
      range: located.range,
      expression: located.expression ?? (located.result.known ? show(located.result.value) : ''),
      reason: 'the value is not a list of strings',
    };
  }
  const values: string[] = [];
  const via: ResolutionStep[] = [];
  // Each item's steps start with the list's own: keep every step once.
  const seen = new Set<ResolutionStep>();
  for (const item of reached.items) {
    const setting = stringSetting(item);
    if (setting === undefined) continue;
    if (setting.how === 'unresolved') {
      const expression = located.expression ?? setting.expression;
      return { how: 'unresolved', range: located.range, expression, reason: setting.reason };
    }
    values.push(setting.value);
    if (setting.how !== 'resolved') continue;
    for (const step of setting.via) {
      if (seen.has(step)) continue;
      seen.add(step);
      via.push(step);
    }
  }
  if (located.expression === undefined && via.length === 0)
    return { how: 'literal', value: values, range: located.range };
  return {
    how: 'resolved',
    value: values,
    range: located.range,
    expression: located.expression ?? JSON.stringify(values),
    via,
  };
}

// ---- virtual networks and subnets ----

function isExisting(node: JsonObject): boolean {
  const existing = findMember(node, 'existing')?.value;
  return existing?.kind === 'boolean' && existing.value;
}

/** A resource's name when known, and with unknown parameters as stand-ins. */
function resourceName(node: JsonObject, scope: Scope | undefined): VnetName {
  const member = findMember(node, 'name');
  if (member === undefined) return { value: undefined, symbolic: undefined };
  const known = evaluateNode(member.value, scope);
  const symbolic = evaluateNode(member.value, scope, { symbolic: true });
  return {
    value: known.known && typeof known.value === 'string' && known.value !== '' ? known.value : undefined,
    symbolic:
      symbolic.known && typeof symbolic.value === 'string' && symbolic.value !== '' ? symbolic.value : undefined,
  };
}

/** `vnet/subnet` -> [`vnet`, `subnet`]; undefined for any other shape. */
function splitName(name: string | undefined): [string, string] | undefined {
  const parts = name?.split('/');
  if (parts?.length !== 2) return undefined;
  const [vnet = '', subnet = ''] = parts;
  return vnet === '' || subnet === '' ? undefined : [vnet, subnet];
}

/** A child resource's name may also be written in full (`vnet/subnet`). */
function lastSegment(name: string | undefined): string | undefined {
  return name?.slice(name.lastIndexOf('/') + 1);
}

/** The child resources of a resource, in an array or (languageVersion 2.0) keyed by symbolic name. */
function childResources(node: JsonObject): JsonObject[] {
  const children = findMember(node, 'resources')?.value;
  const items =
    children?.kind === 'array'
      ? children.items
      : children?.kind === 'object'
        ? children.members.map((member) => member.value)
        : [];
  return items.filter((item): item is JsonObject => item.kind === 'object');
}

/** A subnet's `addressPrefix` and `addressPrefixes[]`. */
function subnetPrefixes(properties: Slot): Setting<string>[] {
  const prefixes: Setting<string>[] = [];
  const single = stringSetting(locate(properties, 'addressPrefix'));
  if (single !== undefined) prefixes.push(single);
  prefixes.push(...prefixesOf(properties, 'addressPrefixes'));
  return prefixes;
}

/** One setting per item of a list of prefixes; the whole list when it can't be resolved. */
function prefixesOf(slot: Slot, key: string): Setting<string>[] {
  const located = locate(slot, key);
  if (located === undefined) return [];
  const reached = reach(located);
  if (reached.kind === 'unresolved') return [reached.setting];
  if (reached.kind === 'array') {
    return reached.items.flatMap((item) => {
      const setting = stringSetting(item);
      return setting === undefined ? [] : [setting];
    });
  }
  const single = stringSetting(located);
  return single === undefined ? [] : [single];
}

/**
 * What a pool's unresolved `vnetSubnetID` may say for this subnet when its names are not both known:
 * `[resourceId('Microsoft.Network/virtualNetworks/subnets', <vnet>, <subnet>)]` with each name as a
 * literal or as the unresolved `parameters('x')` that gives it. When both names are known, the pool's
 * `resourceId()` is read as the ID it builds instead (see `subnetIdSetting`).
 */
function subnetReferences(vnet: string | undefined, subnet: string | undefined): string[] {
  const vnetArgument = resourceIdArgument(vnet);
  const subnetArgument = resourceIdArgument(subnet);
  if (vnetArgument === undefined || subnetArgument === undefined) return [];
  return [`[resourceId('${SUBNET_TYPE}', ${vnetArgument}, ${subnetArgument})]`];
}

/** A name as a `resourceId()` argument: `'nodes'`, or `parameters('x')` for a stand-in; else undefined. */
function resourceIdArgument(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const stand = /^⟨(?<expression>[^⟨⟩]+)⟩$/.exec(name);
  if (stand?.groups?.expression !== undefined) return stand.groups.expression;
  if (name.includes('⟨')) return undefined;
  return `'${name.replaceAll("'", "''")}'`;
}
