import { eachSetting } from '../../knowledge/names.js';
import type {
  AddressSpace,
  Cluster,
  ClusterUpdate,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NodePool,
  Problem,
  RemovedSetting,
  Setting,
  SourceFile,
  SourceRange,
} from '../../model/index.js';
import { parseEmbeddedJson, parsePlanJson } from './parse.js';
import type { JsonNode, Positions } from './parse.js';

/**
 * `terraform show -json plan.out` (and `terraform show -json` of a state). Every value in a plan is already
 * evaluated — variables, locals, module defaults — so a value is a `literal` whose range is where the plan
 * prints it. What the plan leaves for apply (`after_unknown`) is unresolved; the configuration section
 * tells which unknown values were written (a subnet id from a resource not yet created) and which are only
 * computed by the provider. https://developer.hashicorp.com/terraform/internals/json-format
 */

/** Cheap pre-check: could this text hold an AKS cluster at all? (Linear; no backtracking.) */
const AKS_HINT =
  /azurerm_kubernetes_cluster|microsoft\.containerservice\/managedclusters|azurerm_subnet|azurerm_virtual_network/i;
const MANAGED_CLUSTER_TYPE = /^microsoft\.containerservice\/managedclusters@/i;
const AGENT_POOL_TYPE = /^microsoft\.containerservice\/managedclusters\/agentpools@/i;
const CLUSTER_ID =
  /\/resourcegroups\/(?<group>[^/]+)\/providers\/microsoft\.containerservice\/managedclusters\/(?<name>[^/]+)\/?$/i;
const RESOURCE_GROUP_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/(?<group>[^/]+)\/?$/i;
const RESOURCE_REF = /^(?<type>[a-z][a-z0-9_]*)\.(?<name>[A-Za-z_][A-Za-z0-9_-]*)(?<key>\[[^\]]*\])?/;
const MODULE_OUTPUT_REF =
  /^module\.(?<call>[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?\.(?<output>[A-Za-z_][A-Za-z0-9_-]*)/;
const VARIABLE_REF = /^var\.(?<name>[A-Za-z_][A-Za-z0-9_-]*)/;
/** Following module outputs and variables from one module to another stops here. */
const MAX_REFERENCE_HOPS = 16;
const MAX_MODULE_DEPTH = 64;

export function extract(file: SourceFile, _files: FileSet): ExtractResult {
  if (!AKS_HINT.test(file.text)) return { clusters: [], problems: [] };
  try {
    return extractPlan(file);
  } catch (error) {
    // Last resort: extract never throws.
    const range: SourceRange = { file: file.path, startLine: 1, endLine: 1 };
    return {
      clusters: [],
      problems: [{ kind: 'parse-error', range, message: `could not read the Terraform plan: ${String(error)}` }],
    };
  }
}

type Step = string | number;
type Source = 'change' | 'planned' | 'state';
/** Which provider defines the resource: azurerm's own resource types, or an azapi ARM resource. */
type Kind = 'azurerm' | 'azapi';

/** One resource instance, from `resource_changes`, `planned_values` or a state's `values`. */
interface PlannedResource {
  address: string;
  /** `module.aks["x"]`, or '' in the root module. */
  moduleAddress: string;
  type: string;
  name: string;
  /** `[0]`, `["x"]` or ''. */
  instanceKey: string;
  entry: JsonNode;
  /** `change.actions`; empty for planned values and state. */
  actions: readonly string[];
  after: JsonNode | undefined;
  afterUnknown: JsonNode | undefined;
  before: JsonNode | undefined;
  source: Source;
}

/** One side (after or before) of a resource, rooted where its settings are read (`body` for azapi). */
interface Side {
  root: JsonNode | undefined;
  unknown: JsonNode | undefined;
  /** From the resource's attributes to `root`: `['body']` for azapi, `[]` otherwise. */
  prefix: readonly Step[];
  resource: PlannedResource;
  /** planned_values leave unknown values out instead of listing them in `after_unknown`. */
  omitsUnknown: boolean;
  /** An azapi `body` string that does not hold valid JSON. */
  unreadableBody?: JsonNode;
}

interface Context {
  path: string;
  text: string;
  positions: Positions;
  config: ConfigIndex;
}

interface ConfigIndex {
  /** `configuration` resources by `<module path>|<type>.<name>` (module paths carry no instance keys). */
  resources: Map<string, JsonNode>;
  /** Module outputs by `<module path>|<name>`. */
  outputs: Map<string, JsonNode>;
  /** The call of each module path, for following `var.x` to its caller. */
  calls: Map<string, JsonNode>;
  /** `configuration.provider_config`: provider configurations by key (`azurerm`, `module.aks:azurerm`). */
  providers: JsonNode | undefined;
}

interface ClusterEntry {
  resource: PlannedResource;
  cluster: Cluster;
  /** The id the plan knows for the cluster (update, no-op), for matching pools by equal id. */
  knownId: string | undefined;
}

function extractPlan(file: SourceFile): ExtractResult {
  const parsed = parsePlanJson(file.text, file.path);
  if (!parsed.ok) return { clusters: [], problems: parsed.problems };
  const { root, positions } = parsed;
  const problems: Problem[] = [...parsed.problems];
  if (root.type !== 'object') {
    problems.push(problemAt(positions.range(root.offset, 1), 'a Terraform plan JSON is an object'));
    return { clusters: [], problems };
  }
  const formatVersion = stringOf(member(root, 'format_version'));
  if (formatVersion !== undefined && !formatVersion.startsWith('1.')) {
    const node = member(root, 'format_version') ?? root;
    problems.push(
      problemAt(
        positions.range(node.offset, node.length),
        `format_version ${formatVersion} is not supported (only 1.x); the plan was not read`,
      ),
    );
    return { clusters: [], problems };
  }
  const ctx: Context = { path: file.path, text: file.text, positions, config: indexConfiguration(root) };
  const touchesError = (node: JsonNode): boolean =>
    parsed.errorOffsets.some((offset) => offset >= node.offset && offset <= node.offset + node.length);
  const resources = collectResources(root).filter((resource) => !touchesError(resource.entry));

  const entries: ClusterEntry[] = [];
  for (const resource of resources) {
    const entry = clusterEntry(ctx, resource);
    if (entry !== undefined) entries.push(entry);
  }
  const updates: ClusterUpdate[] = [];
  for (const resource of resources) {
    const poolKind = nodePoolKind(resource);
    if (poolKind === undefined) continue;
    attachNodePool(ctx, resource, poolKind, entries, updates);
  }
  const clusters = entries.map((entry) => entry.cluster);
  const result: ExtractResult = { clusters, problems };
  if (updates.length > 0) result.updates = updates;
  const addressSpaces = resources.flatMap((resource) => addressSpacesOf(ctx, resource));
  if (addressSpaces.length > 0) result.addressSpaces = addressSpaces;
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Resources

function collectResources(root: JsonNode): PlannedResource[] {
  const changes = member(root, 'resource_changes');
  if (changes?.type === 'array') return (changes.children ?? []).flatMap((entry) => fromChange(entry));
  const planned = member(member(root, 'planned_values'), 'root_module');
  if (planned !== undefined) return fromModule(planned, 'planned', 0);
  const state = member(member(root, 'values'), 'root_module');
  if (state !== undefined) return fromModule(state, 'state', 0);
  return [];
}

function fromChange(entry: JsonNode): PlannedResource[] {
  // A deposed object is an old instance waiting to be destroyed; data sources define nothing.
  if (member(entry, 'deposed') !== undefined || stringOf(member(entry, 'mode')) === 'data') return [];
  const address = stringOf(member(entry, 'address'));
  const type = stringOf(member(entry, 'type'));
  const name = stringOf(member(entry, 'name'));
  if (address === undefined || type === undefined || name === undefined) return [];
  const change = member(entry, 'change');
  const actions = (member(change, 'actions')?.children ?? []).flatMap((action) => stringOf(action) ?? []);
  return [
    {
      address,
      ...splitAddress(address, type, name, stringOf(member(entry, 'module_address'))),
      type,
      name,
      entry,
      actions,
      after: objectOnly(member(change, 'after')),
      afterUnknown: member(change, 'after_unknown'),
      before: objectOnly(member(change, 'before')),
      source: 'change',
    },
  ];
}

function fromModule(module: JsonNode, source: Source, depth: number): PlannedResource[] {
  if (depth > MAX_MODULE_DEPTH) return [];
  const moduleAddress = stringOf(member(module, 'address'));
  const resources: PlannedResource[] = [];
  for (const entry of member(module, 'resources')?.children ?? []) {
    if (stringOf(member(entry, 'mode')) === 'data') continue;
    const address = stringOf(member(entry, 'address'));
    const type = stringOf(member(entry, 'type'));
    const name = stringOf(member(entry, 'name'));
    if (address === undefined || type === undefined || name === undefined) continue;
    resources.push({
      address,
      ...splitAddress(address, type, name, moduleAddress),
      type,
      name,
      entry,
      actions: [],
      after: objectOnly(member(entry, 'values')),
      afterUnknown: undefined,
      before: undefined,
      source,
    });
  }
  for (const child of member(module, 'child_modules')?.children ?? []) {
    resources.push(...fromModule(child, source, depth + 1));
  }
  return resources;
}

/** `module.aks["x"].azurerm_kubernetes_cluster.main[0]` -> module `module.aks["x"]`, key `[0]`. */
function splitAddress(
  address: string,
  type: string,
  name: string,
  moduleAddress: string | undefined,
): { moduleAddress: string; instanceKey: string } {
  const own = `${type}.${name}`;
  const at = address.lastIndexOf(own);
  if (at < 0) return { moduleAddress: moduleAddress ?? '', instanceKey: '' };
  const prefix = address.slice(0, at).replace(/\.$/, '');
  return { moduleAddress: moduleAddress ?? prefix, instanceKey: address.slice(at + own.length) };
}

function objectOnly(node: JsonNode | undefined): JsonNode | undefined {
  return node?.type === 'object' ? node : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Clusters

function clusterKind(resource: PlannedResource): Kind | undefined {
  if (resource.type === 'azurerm_kubernetes_cluster') return 'azurerm';
  if (resource.type !== 'azapi_resource') return undefined;
  const type = stringOf(member(resource.after ?? resource.before, 'type'));
  return type !== undefined && MANAGED_CLUSTER_TYPE.test(type) ? 'azapi' : undefined;
}

function clusterEntry(ctx: Context, resource: PlannedResource): ClusterEntry | undefined {
  const kind = clusterKind(resource);
  if (kind === undefined || resource.after === undefined) return undefined;
  const { actions } = resource;
  // Going away (or leaving Terraform's management): not a cluster of this change.
  if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) return undefined;
  const replaced = actions.includes('delete') && actions.includes('create');
  const after = sideOf(ctx, resource, kind, 'after');
  const cluster: Cluster = {
    id: resource.address,
    format: 'terraform-plan',
    definition: definitionOf(resource, kind),
    range: rangeOf(ctx, resource.entry),
    ...identity(ctx, after, kind),
    network: networkOf(ctx, after, kind),
    nodePools: defaultPools(ctx, after, kind),
  };
  const profile = networkProfileNode(after, kind);
  if (profile !== undefined) cluster.networkProfileRange = rangeOf(ctx, profile);
  if (resource.before !== undefined && (actions.includes('update') || replaced)) {
    const before = sideOf(ctx, resource, kind, 'before');
    cluster.previous = { network: networkOf(ctx, before, kind), nodePools: defaultPools(ctx, before, kind), replaced };
  }
  Object.assign(cluster, versionsOf(ctx, resource, kind));
  const families = readStringList(ctx, after, [
    ...networkProfilePath(kind),
    kind === 'azurerm' ? 'ip_versions' : 'ipFamilies',
  ]);
  if (families !== undefined) cluster.ipFamilies = families;
  if (kind === 'azurerm') {
    const removed = removedSettingsOf(ctx, after);
    if (removed.length > 0) cluster.removedSettings = removed;
  }
  const knownId = stringOf(member(resource.after, 'id'));
  return { resource, cluster, knownId };
}

/**
 * azapi: the API version after the `@` of `type`. azurerm: the provider's version constraint that the
 * plan's configuration section prints for the resource's provider (`required_providers`, merged by
 * Terraform into `provider_config.<key>.version_constraint`).
 */
function versionsOf(
  ctx: Context,
  resource: PlannedResource,
  kind: Kind,
): Pick<Cluster, 'apiVersion' | 'providerVersion'> {
  if (kind === 'azapi') {
    const type = stringOf(member(resource.after ?? resource.before, 'type'));
    const version = type?.slice(type.indexOf('@') + 1);
    return version === undefined || version === '' ? {} : { apiVersion: version };
  }
  const key = stringOf(member(configResourceOf(ctx, resource), 'provider_config_key')) ?? 'azurerm';
  const provider = member(ctx.config.providers, key);
  const fullName = stringOf(member(provider, 'full_name'));
  const isAzurerm = stringOf(member(provider, 'name')) === 'azurerm' || fullName?.endsWith('/azurerm') === true;
  const constraint = member(provider, 'version_constraint');
  if (!isAzurerm || constraint?.type !== 'string' || typeof constraint.value !== 'string') return {};
  return { providerVersion: { how: 'literal', value: constraint.value, range: rangeOf(ctx, constraint) } };
}

/**
 * azurerm 3.x attributes removed in 4.0 (§4.3, §5.3). A 3.x plan prints them as null when unset, and a
 * computed one may carry a value the API returned: where the configuration section is there, only what it
 * writes counts; without it (a state), a value that is set.
 */
const REMOVED: readonly { path: readonly Step[]; kind: RemovedSetting['kind'] }[] = [
  { path: ['network_profile', 0, 'docker_bridge_cidr'], kind: 'docker-bridge-cidr' },
  { path: ['network_profile', 0, 'ebpf_data_plane'], kind: 'ebpf-data-plane' },
  { path: ['api_server_authorized_ip_ranges'], kind: 'api-server-authorized-ip-ranges' },
];

function removedSettingsOf(ctx: Context, side: Side): RemovedSetting[] {
  const removed: RemovedSetting[] = [];
  for (const { path, kind } of REMOVED) {
    const node = at(side.root, path);
    const unknown = unknownAt(side.unknown, path);
    const config = configLookup(ctx, side.resource, path);
    const isSet =
      node !== undefined && node.type !== 'null' && !(node.type === 'array' && (node.children ?? []).length === 0);
    const written = config.written === 'unknown' ? isSet : config.written === 'yes' && config.expression !== undefined;
    const where = isSet ? node : (unknown ?? (written ? side.resource.entry : undefined));
    if (!written || where === undefined) continue;
    const name = path[path.length - 1];
    removed.push({ kind, name: typeof name === 'string' ? name : String(name), range: rangeOf(ctx, where) });
  }
  return removed;
}

function definitionOf(resource: PlannedResource, kind: Kind): string {
  const apiType = stringOf(member(resource.after ?? resource.before, 'type'));
  const what = kind === 'azapi' && apiType !== undefined ? `azapi_resource ${apiType}` : resource.type;
  const planned = describeActions(resource.actions);
  return planned === undefined ? what : `${what} (${planned})`;
}

function describeActions(actions: readonly string[]): string | undefined {
  if (actions.length === 0) return undefined;
  if (actions.includes('delete') && actions.includes('create')) return 'planned replace';
  if (actions.length === 1 && actions[0] === 'no-op') return 'no change';
  return `planned ${actions.join(', ')}`;
}

function sideOf(ctx: Context, resource: PlannedResource, kind: Kind, which: 'after' | 'before'): Side {
  const values = which === 'after' ? resource.after : resource.before;
  const unknown = which === 'after' ? resource.afterUnknown : undefined;
  const omitsUnknown = which === 'after' && resource.source === 'planned';
  if (kind === 'azurerm') return { root: values, unknown, prefix: [], resource, omitsUnknown };
  const side: Side = { root: undefined, unknown: member(unknown, 'body'), prefix: ['body'], resource, omitsUnknown };
  // azapi 2.x prints `body` as an object; 1.x as a JSON string (`jsonencode(...)`).
  const body = member(values, 'body');
  if (body?.type !== 'string') return { ...side, root: body };
  const embedded = parseEmbeddedJson(ctx.text, body);
  return embedded === undefined ? { ...side, unreadableBody: body } : { ...side, root: embedded };
}

function identity(ctx: Context, side: Side, kind: Kind): Pick<Cluster, 'name' | 'resourceGroup' | 'kubernetesVersion'> {
  const result: Pick<Cluster, 'name' | 'resourceGroup' | 'kubernetesVersion'> = {};
  // azapi: the name and parent are attributes of the resource, outside the body.
  const resourceSide: Side =
    kind === 'azapi' ? { ...side, root: side.resource.after, unknown: side.resource.afterUnknown, prefix: [] } : side;
  const name = readString(ctx, resourceSide, ['name']);
  if (name !== undefined) result.name = name;
  const group =
    kind === 'azurerm'
      ? readString(ctx, resourceSide, ['resource_group_name'])
      : groupFromId(ctx, resourceSide, ['parent_id']);
  if (group !== undefined) result.resourceGroup = group;
  const version = readString(
    ctx,
    side,
    kind === 'azurerm' ? ['kubernetes_version'] : ['properties', 'kubernetesVersion'],
  );
  if (version !== undefined) result.kubernetesVersion = version;
  return result;
}

/** The resource group named in an id: a literal at the id's range (the plan prints the id, not the name). */
function groupFromId(ctx: Context, side: Side, path: Step[]): Setting<string> | undefined {
  const id = readString(ctx, side, path);
  if (id === undefined || id.how !== 'literal') return id;
  const group = RESOURCE_GROUP_ID.exec(id.value)?.groups?.group;
  return group === undefined ? undefined : { how: 'literal', value: group, range: id.range };
}

const AZURERM_NETWORK = eachSetting((names) => names.azurerm);

const API_NETWORK = eachSetting((names) => names.api);

function networkProfilePath(kind: Kind): Step[] {
  return kind === 'azurerm' ? ['network_profile', 0] : ['properties', 'networkProfile'];
}

function networkProfileNode(side: Side, kind: Kind): JsonNode | undefined {
  const node = at(side.root, networkProfilePath(kind));
  return node?.type === 'object' ? node : undefined;
}

function networkOf(ctx: Context, side: Side, kind: Kind): NetworkProfile {
  if (side.unreadableBody !== undefined) {
    const body = side.unreadableBody;
    const reason =
      'the azapi body is a string that is not valid JSON (or is nested too deeply), so its network profile ' +
      'cannot be read; check the jsonencode() in the configuration';
    return { plugin: { how: 'unresolved', range: rangeOf(ctx, body), expression: 'body', reason } };
  }
  const base = networkProfilePath(kind);
  const names = kind === 'azurerm' ? AZURERM_NETWORK : API_NETWORK;
  const network: NetworkProfile = {};
  for (const key of Object.keys(names) as (keyof NetworkProfile)[]) {
    const setting = readString(ctx, side, [...base, names[key]]);
    if (setting !== undefined) network[key] = setting;
  }
  // azurerm 3.35-3.117 spelled the dataplane `ebpf_data_plane` (removed in 4.0).
  if (kind === 'azurerm' && network.dataplane === undefined) {
    const legacy = readString(ctx, side, [...base, 'ebpf_data_plane']);
    if (legacy !== undefined) network.dataplane = legacy;
  }
  return network;
}

// ---------------------------------------------------------------------------------------------------------
// Node pools

interface PoolFields {
  name: string;
  nodeCount: string;
  autoScaling: readonly string[];
  minCount: string;
  maxCount: string;
  maxPods: string;
  vnetSubnetId: string;
  podSubnetId: string;
  osType: string | undefined;
  podIpAllocationMode: string | undefined;
}

const AZURERM_POOL: PoolFields = {
  name: 'name',
  nodeCount: 'node_count',
  // 4.x renamed `enable_auto_scaling` (3.x) to `auto_scaling_enabled`.
  autoScaling: ['auto_scaling_enabled', 'enable_auto_scaling'],
  minCount: 'min_count',
  maxCount: 'max_count',
  maxPods: 'max_pods',
  vnetSubnetId: 'vnet_subnet_id',
  podSubnetId: 'pod_subnet_id',
  osType: 'os_type',
  podIpAllocationMode: undefined,
};

const API_POOL: PoolFields = {
  name: 'name',
  nodeCount: 'count',
  autoScaling: ['enableAutoScaling'],
  minCount: 'minCount',
  maxCount: 'maxCount',
  maxPods: 'maxPods',
  vnetSubnetId: 'vnetSubnetID',
  podSubnetId: 'podSubnetID',
  osType: 'osType',
  podIpAllocationMode: 'podIPAllocationMode',
};

/** The pools defined inside the cluster: `default_node_pool`, or every `agentPoolProfiles` entry. */
function defaultPools(ctx: Context, side: Side, kind: Kind): NodePool[] {
  if (kind === 'azurerm') {
    const base = ['default_node_pool', 0];
    const node = at(side.root, base);
    if (node?.type !== 'object') return [];
    return [
      poolOf(ctx, side, base, AZURERM_POOL, { isDefault: true, range: rangeOf(ctx, node), fallbackName: 'default' }),
    ];
  }
  const profiles = at(side.root, ['properties', 'agentPoolProfiles']);
  return (profiles?.children ?? []).flatMap((node, index) =>
    node.type === 'object'
      ? [
          poolOf(ctx, side, ['properties', 'agentPoolProfiles', index], API_POOL, {
            isDefault: index === 0,
            range: rangeOf(ctx, node),
            fallbackName: `agentPoolProfiles[${index}]`,
          }),
        ]
      : [],
  );
}

function poolOf(
  ctx: Context,
  side: Side,
  base: readonly Step[],
  fields: PoolFields,
  shape: { isDefault: boolean; range: SourceRange; fallbackName: string },
): NodePool {
  const name = readString(ctx, side, [...base, fields.name]);
  const pool: NodePool = {
    name: name?.how === 'literal' ? name.value : shape.fallbackName,
    range: shape.range,
    isDefault: shape.isDefault,
  };
  const assign = <K extends keyof NodePool>(key: K, setting: NodePool[K] | undefined): void => {
    if (setting !== undefined) pool[key] = setting;
  };
  if (fields.osType !== undefined) assign('osType', readString(ctx, side, [...base, fields.osType]));
  assign('nodeCount', readNumber(ctx, side, [...base, fields.nodeCount]));
  const scalingKey = fields.autoScaling.find((key) => present(side, [...base, key])) ?? fields.autoScaling[0];
  if (scalingKey !== undefined) assign('autoScaling', readBoolean(ctx, side, [...base, scalingKey]));
  assign('minCount', readNumber(ctx, side, [...base, fields.minCount]));
  assign('maxCount', readNumber(ctx, side, [...base, fields.maxCount]));
  assign('maxPods', readNumber(ctx, side, [...base, fields.maxPods]));
  assign('vnetSubnetId', subnetReference(ctx, side, readString(ctx, side, [...base, fields.vnetSubnetId])));
  assign('podSubnetId', subnetReference(ctx, side, readString(ctx, side, [...base, fields.podSubnetId])));
  if (fields.podIpAllocationMode !== undefined) {
    assign('podIpAllocationMode', readString(ctx, side, [...base, fields.podIpAllocationMode]));
  }
  return pool;
}

function nodePoolKind(resource: PlannedResource): Kind | undefined {
  if (resource.type === 'azurerm_kubernetes_cluster_node_pool') return 'azurerm';
  if (resource.type !== 'azapi_resource') return undefined;
  const type = stringOf(member(resource.after ?? resource.before, 'type'));
  return type !== undefined && AGENT_POOL_TYPE.test(type) ? 'azapi' : undefined;
}

/** A pool resource: its own settings, attached to the cluster it names, or an update of a cluster elsewhere. */
function attachNodePool(
  ctx: Context,
  resource: PlannedResource,
  kind: Kind,
  clusters: readonly ClusterEntry[],
  updates: ClusterUpdate[],
): void {
  const { actions } = resource;
  const leaving = actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget');
  const clusterAttribute = kind === 'azurerm' ? 'kubernetes_cluster_id' : 'parent_id';
  const target = findCluster(ctx, resource, clusterAttribute, clusters);
  const range = rangeOf(ctx, resource.entry);
  if (target !== undefined) {
    if (!leaving && resource.after !== undefined) {
      target.cluster.nodePools.push(resourcePool(ctx, sideOf(ctx, resource, kind, 'after'), kind, range));
    }
    // `before` is null for a pool this plan creates: it was not part of the cluster before.
    const previous = target.cluster.previous;
    if (previous !== undefined && resource.before !== undefined) {
      previous.nodePools.push(resourcePool(ctx, sideOf(ctx, resource, kind, 'before'), kind, range));
    }
    return;
  }
  if (leaving || resource.after === undefined) return;
  // A pool added to a cluster this plan does not define: a change to a cluster elsewhere.
  const after = sideOf(ctx, resource, kind, 'after');
  const update: ClusterUpdate = {
    id: resource.address,
    format: 'terraform-plan',
    definition: definitionOf(resource, kind),
    range,
    network: {},
    nodePools: [resourcePool(ctx, after, kind, range)],
  };
  const attributes: Side = { ...after, root: resource.after, unknown: resource.afterUnknown, prefix: [] };
  const clusterId = readString(ctx, attributes, [clusterAttribute]);
  const named = clusterId?.how === 'literal' ? CLUSTER_ID.exec(clusterId.value)?.groups : undefined;
  if (clusterId?.how === 'literal' && named?.name !== undefined && named.group !== undefined) {
    update.name = { how: 'literal', value: named.name, range: clusterId.range };
    update.resourceGroup = { how: 'literal', value: named.group, range: clusterId.range };
  }
  updates.push(update);
}

function resourcePool(ctx: Context, side: Side, kind: Kind, range: SourceRange): NodePool {
  const base: Step[] = kind === 'azurerm' ? [] : ['properties'];
  const fields = kind === 'azurerm' ? AZURERM_POOL : API_POOL;
  const pool = poolOf(ctx, side, base, fields, { isDefault: false, range, fallbackName: side.resource.address });
  if (kind === 'azapi') {
    // The pool's name is the resource's `name`, outside the body.
    const name = stringOf(member(side.resource.after ?? side.resource.before, 'name'));
    pool.name = name ?? side.resource.address;
  }
  return pool;
}

// ---------------------------------------------------------------------------------------------------------
// Which cluster a pool belongs to

/**
 * By equal known id first (the cluster exists), then through the configuration's references
 * (`azurerm_kubernetes_cluster.aks.id`, a module output, a module variable): in a plan that creates the
 * cluster, the pool's `kubernetes_cluster_id` is unknown. Ambiguous matches attach nowhere.
 */
function findCluster(
  ctx: Context,
  resource: PlannedResource,
  attribute: string,
  clusters: readonly ClusterEntry[],
): ClusterEntry | undefined {
  const values = resource.after ?? resource.before;
  const id = stringOf(member(values, attribute));
  if (id !== undefined) {
    const byId = clusters.filter((entry) => entry.knownId?.toLowerCase() === id.toLowerCase());
    if (byId.length === 1) return byId[0];
  }
  const expression = configExpression(ctx, resource, [attribute]);
  const references = referencesOf(expression);
  const targets = references.flatMap((reference) =>
    resolveReference(ctx, modulePathOf(resource.moduleAddress), reference, 0),
  );
  const matches = new Set<ClusterEntry>();
  for (const target of targets) {
    for (const entry of clusters) {
      const candidate = entry.resource;
      if (candidate.type !== target.type || candidate.name !== target.name) continue;
      if (modulePathOf(candidate.moduleAddress) !== target.modulePath) continue;
      if (target.key !== undefined && candidate.instanceKey !== target.key) continue;
      if (target.sameModuleInstance && candidate.moduleAddress !== resource.moduleAddress) continue;
      matches.add(entry);
    }
  }
  return matches.size === 1 ? [...matches][0] : undefined;
}

interface ReferenceTarget {
  modulePath: string;
  type: string;
  name: string;
  key: string | undefined;
  /** A plain reference stays in the referring module's instance; one through a module output may not. */
  sameModuleInstance: boolean;
}

function resolveReference(ctx: Context, modulePath: string, reference: string, hops: number): ReferenceTarget[] {
  if (hops > MAX_REFERENCE_HOPS) return [];
  const output = MODULE_OUTPUT_REF.exec(reference)?.groups;
  if (output?.call !== undefined && output.output !== undefined) {
    const child = joinModule(modulePath, output.call);
    const node = ctx.config.outputs.get(`${child}|${output.output}`);
    return referencesOf(member(node, 'expression'))
      .flatMap((inner) => resolveReference(ctx, child, inner, hops + 1))
      .map((target) => ({ ...target, sameModuleInstance: false }));
  }
  const variable = VARIABLE_REF.exec(reference)?.groups?.name;
  if (variable !== undefined) {
    const call = ctx.config.calls.get(modulePath);
    const parent = parentModule(modulePath);
    if (call === undefined || parent === undefined) return [];
    return referencesOf(member(member(call, 'expressions'), variable))
      .flatMap((inner) => resolveReference(ctx, parent, inner, hops + 1))
      .map((target) => ({ ...target, sameModuleInstance: false }));
  }
  if (reference.startsWith('module.') || reference.startsWith('data.') || reference.startsWith('local.')) return [];
  const resource = RESOURCE_REF.exec(reference)?.groups;
  if (resource?.type === undefined || resource.name === undefined) return [];
  return [{ modulePath, type: resource.type, name: resource.name, key: resource.key, sameModuleInstance: true }];
}

/** `["a.b.id", "a.b", "var.x"]` -> the most specific of each: `a.b.id`, `var.x`. */
function referencesOf(expression: JsonNode | undefined): string[] {
  const all = (member(expression, 'references')?.children ?? []).flatMap((node) => stringOf(node) ?? []);
  return all.filter((reference, index) => !all.slice(0, index).some((earlier) => earlier.startsWith(`${reference}.`)));
}

// ---------------------------------------------------------------------------------------------------------
// The configuration section

function indexConfiguration(root: JsonNode): ConfigIndex {
  const configuration = member(root, 'configuration');
  const providers = member(configuration, 'provider_config');
  const index: ConfigIndex = { resources: new Map(), outputs: new Map(), calls: new Map(), providers };
  const rootModule = member(configuration, 'root_module');
  if (rootModule !== undefined) indexModule(index, rootModule, '', 0);
  return index;
}

function indexModule(index: ConfigIndex, module: JsonNode, path: string, depth: number): void {
  if (depth > MAX_MODULE_DEPTH) return;
  for (const resource of member(module, 'resources')?.children ?? []) {
    const type = stringOf(member(resource, 'type'));
    const name = stringOf(member(resource, 'name'));
    if (type === undefined || name === undefined || stringOf(member(resource, 'mode')) === 'data') continue;
    index.resources.set(`${path}|${type}.${name}`, resource);
  }
  for (const output of member(module, 'outputs')?.children ?? []) {
    const [key, value] = output.children ?? [];
    const name = stringOf(key);
    if (name !== undefined && value !== undefined) index.outputs.set(`${path}|${name}`, value);
  }
  for (const call of member(module, 'module_calls')?.children ?? []) {
    const [key, value] = call.children ?? [];
    const name = stringOf(key);
    if (name === undefined || value === undefined) continue;
    const child = joinModule(path, name);
    index.calls.set(child, value);
    const inner = member(value, 'module');
    if (inner !== undefined) indexModule(index, inner, child, depth + 1);
  }
}

function configResourceOf(ctx: Context, resource: PlannedResource): JsonNode | undefined {
  return ctx.config.resources.get(`${modulePathOf(resource.moduleAddress)}|${resource.type}.${resource.name}`);
}

/**
 * The configuration's expression for an attribute path, following nested blocks (`network_profile` is a
 * list of one object there too). `written: 'no'` when the resource's configuration is there but the path is
 * not; `'unknown'` when the plan has no configuration for it. `dynamic` blocks are not in the configuration
 * section (Terraform leaves them out), so an attribute inside one reads as not written.
 */
function configLookup(
  ctx: Context,
  resource: PlannedResource,
  path: readonly Step[],
): { written: 'yes' | 'no' | 'unknown'; expression: JsonNode | undefined } {
  const config = configResourceOf(ctx, resource);
  if (config === undefined) return { written: 'unknown', expression: undefined };
  let current = member(config, 'expressions');
  for (const step of path) {
    if (current === undefined) return { written: 'no', expression: undefined };
    // An attribute expression (`body = {...}`, `= var.x`) covers everything below it.
    if (member(current, 'references') !== undefined || member(current, 'constant_value') !== undefined) break;
    current = typeof step === 'number' ? element(current, step) : member(current, step);
  }
  return current === undefined ? { written: 'no', expression: undefined } : { written: 'yes', expression: current };
}

function configExpression(ctx: Context, resource: PlannedResource, path: readonly Step[]): JsonNode | undefined {
  return configLookup(ctx, resource, path).expression;
}

/** `module.aks["x"].module.net[0]` -> `module.aks.module.net`: the configuration has no instance keys. */
function modulePathOf(moduleAddress: string): string {
  let result = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < moduleAddress.length; i++) {
    const char = moduleAddress[i];
    if (depth > 0) {
      if (quoted && char === '\\') i++;
      else if (char === '"') quoted = !quoted;
      else if (!quoted && char === ']') depth--;
      continue;
    }
    if (char === '[') depth++;
    else result += char;
  }
  return result;
}

function joinModule(path: string, call: string): string {
  return path === '' ? `module.${call}` : `${path}.module.${call}`;
}

function parentModule(path: string): string | undefined {
  if (path === '') return undefined;
  const at = path.lastIndexOf('.module.');
  return at < 0 ? '' : path.slice(0, at);
}

// ---------------------------------------------------------------------------------------------------------
// Settings

function readString(ctx: Context, side: Side, path: readonly Step[]): Setting<string> | undefined {
  return readSetting<string>(ctx, side, path, 'string');
}

function readNumber(ctx: Context, side: Side, path: readonly Step[]): Setting<number> | undefined {
  return readSetting<number>(ctx, side, path, 'number');
}

function readBoolean(ctx: Context, side: Side, path: readonly Step[]): Setting<boolean> | undefined {
  return readSetting<boolean>(ctx, side, path, 'boolean');
}

/**
 * A literal where the plan prints a value; unresolved where the plan knows it only after apply and the
 * configuration writes it; undefined where it is null, or unknown only because the provider computes it.
 */
function readSetting<T extends string | number | boolean>(
  ctx: Context,
  side: Side,
  path: readonly Step[],
  kind: 'string' | 'number' | 'boolean',
): Setting<T> | undefined {
  const node = at(side.root, path);
  if (node !== undefined && node.type === kind) {
    return { how: 'literal', value: node.value as T, range: rangeOf(ctx, node) };
  }
  const attribute = describePath([...side.prefix, ...path]);
  if (node !== undefined && node.type !== 'null') {
    return {
      how: 'unresolved',
      range: rangeOf(ctx, node),
      expression: ctx.text.slice(node.offset, node.offset + Math.min(node.length, 200)),
      reason: `${attribute} is a ${node.type} in the plan where a ${kind} was expected; check the value in the configuration`,
    };
  }
  const unknown = unknownAt(side.unknown, path);
  const fromPlannedValues = node === undefined && side.omitsUnknown;
  if (unknown === undefined && !fromPlannedValues) return undefined;
  const config = configLookup(ctx, side.resource, [...side.prefix, ...path]);
  if (config.written === 'no' || (fromPlannedValues && config.written !== 'yes')) return undefined;
  const references = referencesOf(config.expression);
  const dependsOn = references.length > 0 ? ` (it depends on ${references.join(', ')})` : '';
  return {
    how: 'unresolved',
    range: rangeOf(ctx, unknown ?? side.resource.entry),
    expression: references.length > 0 ? references.join(', ') : attribute,
    reason:
      `known only after apply: the plan leaves ${attribute} unknown${dependsOn}; ` +
      'a plan made once what it depends on exists, or the state after apply, shows the value',
  };
}

/** The `true` in `after_unknown` that covers the path (a whole block can be unknown), if any. */
function unknownAt(unknown: JsonNode | undefined, path: readonly Step[]): JsonNode | undefined {
  let current = unknown;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (current.type === 'boolean') return current.value === true ? current : undefined;
    current = typeof step === 'number' ? element(current, step) : member(current, step);
  }
  return current?.type === 'boolean' && current.value === true ? current : undefined;
}

function present(side: Side, path: readonly Step[]): boolean {
  const node = at(side.root, path);
  return (node !== undefined && node.type !== 'null') || unknownAt(side.unknown, path) !== undefined;
}

/** `['network_profile', 0, 'network_plugin']` -> `network_profile[0].network_plugin`. */
function describePath(path: readonly Step[]): string {
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

// ---------------------------------------------------------------------------------------------------------
// JSON helpers

/** The value of `key` in an object node (the last one, as JSON parsers do with repeated keys). */
function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) found = value;
  }
  return found;
}

function element(node: JsonNode | undefined, index: number): JsonNode | undefined {
  return node?.type === 'array' ? node.children?.[index] : undefined;
}

function at(node: JsonNode | undefined, path: readonly Step[]): JsonNode | undefined {
  let current = node;
  for (const step of path) {
    if (current === undefined) return undefined;
    current = typeof step === 'number' ? element(current, step) : member(current, step);
  }
  return current;
}

function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

function rangeOf(ctx: Context, node: JsonNode): SourceRange {
  return ctx.positions.range(node.offset, node.length);
}

function problemAt(range: SourceRange, message: string): Problem {
  return { kind: 'parse-error', range, message };
}

// ---------------------------------------------------------------------------------------------------------
// Virtual networks and subnets

/**
 * `azurerm_virtual_network` (with its inline `subnet` blocks) and `azurerm_subnet`. Their references are the
 * resource address plus `.id` without instance keys of modules (`module.net.azurerm_subnet.nodes.id`), which
 * is what a pool whose subnet ID is known only after apply records as its expression (`subnetReference`).
 * An inline `subnet {}` block has no such reference (`azurerm_virtual_network.vnet.subnet.*.id` picks from a
 * set): it links only by a literal ID.
 */
function addressSpacesOf(ctx: Context, resource: PlannedResource): AddressSpace[] {
  const { actions } = resource;
  if (resource.after === undefined || (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')))
    return [];
  if (resource.type !== 'azurerm_virtual_network' && resource.type !== 'azurerm_subnet') return [];
  const side: Side = {
    root: resource.after,
    unknown: resource.afterUnknown,
    prefix: [],
    resource,
    omitsUnknown: resource.source === 'planned',
  };
  const range = rangeOf(ctx, resource.entry);
  const name = literalString(ctx, side, ['name']);
  const references = [...new Set([`${resourcePath(resource)}.id`, `${resource.address}.id`])];
  if (resource.type === 'azurerm_subnet') {
    const space: AddressSpace = {
      kind: 'subnet',
      id: resource.address,
      prefixes: readStringItems(ctx, side, ['address_prefixes']),
      range,
      references,
    };
    if (name !== undefined) space.name = name;
    const vnet = literalString(ctx, side, ['virtual_network_name']);
    if (vnet !== undefined) space.virtualNetwork = vnet;
    return [space];
  }
  const vnet: AddressSpace = {
    kind: 'virtual-network',
    id: resource.address,
    prefixes: readStringItems(ctx, side, ['address_space']),
    range,
    references,
  };
  if (name !== undefined) vnet.name = name;
  const spaces = [vnet];
  for (const [index, block] of (member(resource.after, 'subnet')?.children ?? []).entries()) {
    if (block.type !== 'object') continue;
    const subnetName = literalString(ctx, side, ['subnet', index, 'name']);
    // 4.x: `address_prefixes`; 3.x: `address_prefix`.
    const plural = readStringItems(ctx, side, ['subnet', index, 'address_prefixes']);
    const prefixes = plural.length > 0 ? plural : readStringItems(ctx, side, ['subnet', index, 'address_prefix']);
    const space: AddressSpace = {
      kind: 'subnet',
      id: `${resource.address}.subnet[${subnetName === undefined ? index : JSON.stringify(subnetName)}]`,
      prefixes,
      range: rangeOf(ctx, block),
      references: [],
    };
    if (subnetName !== undefined) space.name = subnetName;
    if (name !== undefined) space.virtualNetwork = name;
    spaces.push(space);
  }
  return spaces;
}

/** `module.net["a"].azurerm_subnet.nodes[0]` -> `module.net.azurerm_subnet.nodes[0]` (the configuration's path). */
function resourcePath(resource: PlannedResource): string {
  const module = modulePathOf(resource.moduleAddress);
  return `${module === '' ? '' : `${module}.`}${resource.type}.${resource.name}${resource.instanceKey}`;
}

function literalString(ctx: Context, side: Side, path: readonly Step[]): string | undefined {
  const setting = readString(ctx, side, path);
  return setting?.how === 'literal' ? setting.value : undefined;
}

/** Each string of a list as its own setting; a list known only after apply as one unresolved setting. */
function readStringItems(ctx: Context, side: Side, path: readonly Step[]): Setting<string>[] {
  const node = at(side.root, path);
  if (node?.type === 'array') {
    return (node.children ?? []).flatMap((_item, index) => readString(ctx, side, [...path, index]) ?? []);
  }
  const single = readString(ctx, side, path);
  return single === undefined ? [] : [single];
}

/** A list of strings as one setting (`ip_versions`, `ipFamilies`), at the list's range. */
function readStringList(ctx: Context, side: Side, path: readonly Step[]): Setting<string[]> | undefined {
  const node = at(side.root, path);
  if (node?.type === 'array') {
    const items = readStringItems(ctx, side, path);
    const unresolved = items.find((item) => item.how === 'unresolved');
    if (unresolved !== undefined) return unresolved;
    const values = items.flatMap((item) => (item.how === 'literal' ? [item.value] : []));
    if (values.length !== (node.children ?? []).length) return undefined;
    return { how: 'literal', value: values, range: rangeOf(ctx, node) };
  }
  const setting = readString(ctx, side, path);
  if (setting === undefined) return undefined;
  return setting.how === 'unresolved' ? setting : { ...setting, value: [setting.value] };
}

/**
 * A pool's subnet ID known only after apply: the expression becomes the subnet resource it leads to
 * (through module outputs and variables), written as the subnet's references are, so that the engine links
 * the two. Left as it is when the configuration leads to no single resource.
 */
function subnetReference(ctx: Context, side: Side, setting: Setting<string> | undefined): Setting<string> | undefined {
  if (setting?.how !== 'unresolved' || !setting.reason.startsWith('known only after apply')) return setting;
  const references = setting.expression.split(', ');
  const targets = references.flatMap((reference) =>
    resolveReference(ctx, modulePathOf(side.resource.moduleAddress), reference, 0),
  );
  const unique = new Set(
    targets.map(
      (target) =>
        `${target.modulePath === '' ? '' : `${target.modulePath}.`}${target.type}.${target.name}${target.key ?? ''}.id`,
    ),
  );
  const [only] = unique;
  return unique.size === 1 && only !== undefined ? { ...setting, expression: only } : setting;
}
