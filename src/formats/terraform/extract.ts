import { NETWORK_NAMES, eachSetting } from '../../knowledge/names.js';
import { AKS_AUTOMATIC_NETWORK } from '../../knowledge/defaults.js';
import { aksModule, avmModule } from '../../knowledge/terraform-modules.js';
import type {
  Cluster,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NetworkSettingKey,
  NodePool,
  Problem,
  RemovedSetting,
  RemovedSettingKind,
  Setting,
  SourceFile,
  SourceRange,
} from '../../model/index.js';
import {
  addressSpacesFrom,
  couldHoldAddressSpace,
  isNetworkCandidate,
  VIRTUAL_NETWORK_HINT,
  virtualNetworkNames,
} from './network.js';
import type { VirtualNetworkNames } from './network.js';
import { parseHcl } from './parse.js';
import type { HclAttribute, HclBlock, HclBody, ParseResult } from './parse.js';
import {
  MODULE_META_ARGUMENTS,
  buildScope,
  elements,
  isObject,
  isTuple,
  locate,
  member,
  referencedResource,
  wherePath,
} from './resolve.js';
import type { Located, ModuleCall, Scope, VarFile } from './resolve.js';
import { joinRelative } from '../../domain/paths.js';
import { LOCK_FILE, REQUIRED_PROVIDERS_HINT, lockedAzurerm, providerVersion, requiredAzurerm } from './provider.js';
import type { LockedVersion } from './provider.js';
import {
  attribute,
  azapiBody,
  bodyObject,
  boolSetting,
  compact,
  headerLine,
  keyAsWritten,
  literalString,
  numberSetting,
  pick,
  resolvedString,
  shorten,
  stringListSetting,
  stringSetting,
  unresolved,
} from './settings.js';

/**
 * Terraform: `azurerm_kubernetes_cluster` (+ `azurerm_kubernetes_cluster_node_pool`), AzAPI
 * `Microsoft.ContainerService/managedClusters` (+ `agentPools`), and the `Azure/aks/azurerm` and
 * `Azure/avm-res-containerservice-managedcluster/azurerm` registry modules; the virtual networks and
 * subnets a file defines (`network.ts`) and the azurerm provider version of the directory (`provider.ts`).
 * See readme.md.
 */

const CLUSTER_HINT = /azurerm_kubernetes_cluster|managedClusters/i;
const MODULE_BLOCK = /\bmodule\s*"[^"\n]*"\s*\{/;
const MODULE_HINT = /aks|managedcluster/i;
/** A local module source: Terraform reads `./` and `../` paths from disk. */
const LOCAL_SOURCE = /\bsource\s*=\s*"\.\.?[\\/]/;
const POOL_HINT = /azurerm_kubernetes_cluster_node_pool|managedClusters\/agentPools/i;
/** A `.tf` file that may declare what a scope holds: variables, locals, or a resource group a cluster names. */
const SCOPE_HINT = /\b(?:variable|locals|azurerm_resource_group)\b/;

const AZAPI_CLUSTER = /^Microsoft\.ContainerService\/managedClusters@/i;
const AZAPI_POOL = /^Microsoft\.ContainerService\/managedClusters\/agentPools@/i;
const PLAN_HINT = 'a Terraform plan JSON gives exact values';

/** Cheap check before parsing: could this text define an AKS cluster at all? */
export function couldHoldCluster(text: string): boolean {
  return CLUSTER_HINT.test(text) || (MODULE_BLOCK.test(text) && (MODULE_HINT.test(text) || LOCAL_SOURCE.test(text)));
}

export function extract(file: SourceFile, files: FileSet): ExtractResult {
  try {
    const mayHoldCluster = couldHoldCluster(file.text);
    const mayHoldNetwork = couldHoldAddressSpace(file.text);
    if (!mayHoldCluster && !mayHoldNetwork) return { clusters: [], problems: [] };
    const parsed = parseFile(file, files);
    if (!parsed.ok) return { clusters: [], problems: parsed.problems };
    const candidates = mayHoldCluster ? parsed.body.blocks.filter(isCandidate) : [];
    const networkBlocks = mayHoldNetwork ? parsed.body.blocks.filter(isNetworkCandidate) : [];
    if (candidates.length === 0 && networkBlocks.length === 0) return { clusters: [], problems: parsed.problems };
    const directory = directoryIndex(file, files);
    const clusters: Cluster[] = [];
    for (const block of candidates) {
      if (block.type === 'module' && !isRegistryCall(block)) {
        clusters.push(
          ...withRootProvider(moduleInstances(block, directory.scope, files, [directory.scope.dir]), directory),
        );
        continue;
      }
      const cluster = clusterFrom(block, directory.scope, directory);
      if (cluster !== undefined) clusters.push(cluster);
    }
    const addressSpaces =
      networkBlocks.length === 0
        ? []
        : addressSpacesFrom(networkBlocks, file.path, directory.scope, directory.virtualNetworks);
    const result: ExtractResult = { clusters, problems: parsed.problems };
    if (addressSpaces.length > 0) result.addressSpaces = addressSpaces;
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem: Problem = {
      kind: 'parse-error',
      range: { file: file.path, startLine: 1, endLine: 1 },
      message: `The Terraform file could not be analyzed: ${message}`,
    };
    return { clusters: [], problems: [problem] };
  }
}

function isCandidate(block: HclBlock): boolean {
  if (block.type === 'module') return block.labels.length === 1;
  if (block.type !== 'resource' || block.labels.length !== 2) return false;
  const type = block.labels[0];
  return type === 'azurerm_kubernetes_cluster' || type === 'azapi_resource';
}

/** Resource types some reader here looks at; other resources, `data`, `output` and the like are never read. */
const READ_RESOURCES = new Set([
  'azurerm_kubernetes_cluster',
  'azurerm_kubernetes_cluster_node_pool',
  'azapi_resource',
  'azurerm_virtual_network',
  'azurerm_subnet',
  // Read for its `name`: `resource_group_name = azurerm_resource_group.rg.name` is known at plan time.
  'azurerm_resource_group',
]);

/** The top-level blocks the readers use: clusters, pools and networks, modules, the scope, providers. */
function readsBlock(type: string, labels: readonly string[]): boolean {
  switch (type) {
    case 'resource':
      return READ_RESOURCES.has(labels[0] ?? '');
    case 'module':
    case 'variable':
    case 'locals':
    case 'terraform':
    case 'provider':
      return true;
    default:
      return false;
  }
}

function parseFile(file: SourceFile, files: FileSet): ParseResult {
  return files.memo(`terraform:parse:${file.path}`, () => parseHcl(file.text, file.path, readsBlock));
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface PoolSource {
  block: HclBlock;
  /** `type.name` of the cluster the pool refers to. */
  target: string;
}

interface DirectoryIndex {
  scope: Scope;
  pools: PoolSource[];
  virtualNetworks: VirtualNetworkNames;
  /** The azurerm provider version: the lock file's selection, else the `required_providers` constraint. */
  providerVersion?: Setting<string>;
}

/**
 * Everything the directory's other files contribute, parsed once per analysis and only when first asked
 * for: most files that mention a cluster or a network never refer to `var.*` or `local.*`, have no pools
 * and no azurerm cluster, so most of their siblings need not be parsed at all. What is computed is the
 * same whenever it is computed (parses are memoized and pure), so the results do not depend on the order.
 */
function directoryIndex(file: SourceFile, files: FileSet): DirectoryIndex {
  return directoryIndexOf(directoryOf(file.path), files, file);
}

function directoryIndexOf(dir: string, files: FileSet, file?: SourceFile): DirectoryIndex {
  return files.memo(`terraform:directory:${dir}`, () => {
    const siblings = [...files.inDirectory(dir)];
    if (file !== undefined && !siblings.some((sibling) => sibling.path === file.path)) siblings.push(file);
    siblings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const tfSiblings = siblings.filter((sibling) => baseName(sibling.path).endsWith('.tf'));
    /** The parsed `.tf` siblings whose text matches `hint`, in path order; those that failed to parse are left out. */
    const parsedMatching = (hint: RegExp): { path: string; parsed: ParseResult & { ok: true } }[] => {
      const found: { path: string; parsed: ParseResult & { ok: true } }[] = [];
      for (const sibling of tfSiblings) {
        if (!hint.test(sibling.text)) continue;
        const parsed = parseFile(sibling, files);
        if (parsed.ok) found.push({ path: sibling.path, parsed });
      }
      return found;
    };
    const scope = lazyScope(dir, () => {
      const tfFiles: { path: string; body: HclBody; errorLine?: number }[] = [];
      const varFiles: VarFile[] = [];
      for (const sibling of siblings) {
        const name = baseName(sibling.path);
        if (name.endsWith('.tf')) {
          if (!SCOPE_HINT.test(sibling.text)) continue;
          const parsed = parseFile(sibling, files);
          if (!parsed.ok) continue;
          const errorLine = parsed.problems[0]?.range.startLine;
          tfFiles.push({ path: sibling.path, body: parsed.body, ...(errorLine === undefined ? {} : { errorLine }) });
        } else if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) {
          varFiles.push(varFile(sibling, files));
        }
      }
      return buildScope(dir, tfFiles, varFiles);
    });
    let pools: PoolSource[] | undefined;
    let virtualNetworks: VirtualNetworkNames | undefined;
    let version: { value?: Setting<string> } | undefined;
    return {
      scope,
      get pools(): PoolSource[] {
        if (pools === undefined) {
          const found: PoolSource[] = [];
          for (const { parsed } of parsedMatching(POOL_HINT)) {
            for (const block of parsed.body.blocks) {
              const target = poolTarget(block, scope);
              if (target !== undefined) found.push({ block, target });
            }
          }
          pools = found;
        }
        return pools;
      },
      get virtualNetworks(): VirtualNetworkNames {
        virtualNetworks ??= virtualNetworkNames(
          parsedMatching(VIRTUAL_NETWORK_HINT).map(({ parsed }) => parsed.body),
          scope,
        );
        return virtualNetworks;
      },
      get providerVersion(): Setting<string> | undefined {
        if (version === undefined) {
          const providerFiles = parsedMatching(REQUIRED_PROVIDERS_HINT).map(({ parsed }) => parsed.body);
          let locked: LockedVersion | undefined;
          for (const sibling of siblings) {
            if (baseName(sibling.path) !== LOCK_FILE) continue;
            const parsed = parseFile(sibling, files);
            if (parsed.ok) locked = lockedAzurerm(parsed.body);
          }
          version = { value: providerVersion(requiredAzurerm(providerFiles, scope), locked) };
        }
        return version.value;
      },
    };
  });
}

/** A scope whose declarations are gathered (and their files parsed) when first looked at. */
function lazyScope(dir: string, build: () => Scope): Scope {
  let built: Scope | undefined;
  const get = (): Scope => (built ??= build());
  return {
    dir,
    get variables() {
      return get().variables;
    },
    get locals() {
      return get().locals;
    },
    get autoVarFiles() {
      return get().autoVarFiles;
    },
    get otherVarFiles() {
      return get().otherVarFiles;
    },
    get damaged() {
      return get().damaged;
    },
    get resources() {
      return get().resources;
    },
  };
}

function varFile(file: SourceFile, files: FileSet): VarFile {
  const parsed = parseFile(file, files);
  const name = baseName(file.path);
  if (!parsed.ok) return { path: file.path, name, values: new Map(), errorLine: 1 };
  const values = new Map<string, HclAttribute>();
  for (const attribute of parsed.body.attributes) values.set(attribute.name, attribute);
  const errorLine = parsed.problems[0]?.range.startLine;
  return errorLine === undefined ? { path: file.path, name, values } : { path: file.path, name, values, errorLine };
}

function poolTarget(block: HclBlock, scope: Scope): string | undefined {
  if (block.type !== 'resource' || block.labels.length !== 2) return undefined;
  const body = block.body;
  if (block.labels[0] === 'azurerm_kubernetes_cluster_node_pool') {
    const reference = attribute(body, 'kubernetes_cluster_id');
    return reference === undefined ? undefined : referencedResource(reference.value, scope);
  }
  if (block.labels[0] === 'azapi_resource' && AZAPI_POOL.test(resolvedString(body, 'type', scope) ?? '')) {
    const reference = attribute(body, 'parent_id');
    return reference === undefined ? undefined : referencedResource(reference.value, scope);
  }
  return undefined;
}

function attachedPools(clusterId: string, directory: DirectoryIndex, scope: Scope): NodePool[] {
  const pools: NodePool[] = [];
  for (const source of directory.pools) {
    if (source.target !== clusterId || createsNone(source.block, scope)) continue;
    const [type, name = ''] = source.block.labels;
    pools.push(
      type === 'azapi_resource' ? azapiChildPool(source.block, scope) : azurermPool(source.block, name, scope),
    );
  }
  return pools;
}

/** A resource or registry-module cluster, with the pools of its directory attached (read in `scope`). */
/** A resource whose `count` is 0 or whose `for_each` is an empty collection: Terraform creates none. */
function createsNone(block: HclBlock, scope: Scope): boolean {
  const count = attribute(block.body, 'count');
  if (count !== undefined) {
    const result = locate(count, scope).result;
    return result.known && result.value === 0;
  }
  const forEach = attribute(block.body, 'for_each');
  if (forEach === undefined) return false;
  const result = locate(forEach, scope).result;
  if (!result.known) return false;
  const value = result.value;
  return (isObject(value) && value.entries.size === 0) || (isTuple(value) && value.items.length === 0);
}

function clusterFrom(block: HclBlock, scope: Scope, directory: DirectoryIndex): Cluster | undefined {
  const cluster = clusterOf(block, scope);
  if (cluster === undefined) return undefined;
  cluster.nodePools.push(...attachedPools(cluster.id, directory, scope));
  // Module clusters pin their own provider; AzAPI clusters do not use azurerm.
  if (cluster.definition === 'azurerm_kubernetes_cluster' && directory.providerVersion !== undefined)
    cluster.providerVersion = directory.providerVersion;
  return cluster;
}

function clusterOf(block: HclBlock, scope: Scope): Cluster | undefined {
  if (block.type === 'module') return moduleCluster(block, scope);
  const [type, name = ''] = block.labels;
  if (type === 'azurerm_kubernetes_cluster') return azurermCluster(block, name, scope);
  const azapiType = resolvedString(block.body, 'type', scope);
  if (azapiType === undefined || !AZAPI_CLUSTER.test(azapiType)) return undefined;
  return azapiCluster(block, name, azapiType, scope);
}

type NetworkFields = Record<NetworkSettingKey, readonly string[]>;

function networkFrom(profile: Located | undefined, fields: NetworkFields, ignoreCase = false): NetworkProfile {
  if (profile === undefined) return {};
  if (!profile.result.known || (profile.result.value !== null && !isObject(profile.result.value))) {
    return { plugin: unresolved(profile) };
  }
  return compact({
    plugin: stringSetting(pick(profile, fields.plugin, ignoreCase)),
    pluginMode: stringSetting(pick(profile, fields.pluginMode, ignoreCase)),
    dataplane: stringSetting(pick(profile, fields.dataplane, ignoreCase)),
    policy: stringSetting(pick(profile, fields.policy, ignoreCase)),
    podCidr: stringSetting(pick(profile, fields.podCidr, ignoreCase)),
    serviceCidr: stringSetting(pick(profile, fields.serviceCidr, ignoreCase)),
    dnsServiceIp: stringSetting(pick(profile, fields.dnsServiceIp, ignoreCase)),
    outboundType: stringSetting(pick(profile, fields.outboundType, ignoreCase)),
    loadBalancerSku: stringSetting(pick(profile, fields.loadBalancerSku, ignoreCase)),
    networkMode: stringSetting(pick(profile, fields.networkMode, ignoreCase)),
  });
}

interface PoolFields {
  name: readonly string[];
  count: readonly string[];
  autoScaling: readonly string[];
  minCount: readonly string[];
  maxCount: readonly string[];
  maxPods: readonly string[];
  vnetSubnetId: readonly string[];
  podSubnetId: readonly string[];
  osType: readonly string[];
  podIpAllocationMode: readonly string[];
}

function poolFrom(
  pool: Located,
  fields: PoolFields,
  options: { isDefault: boolean; fallbackName: string; range: SourceRange; ignoreCase?: boolean },
): NodePool {
  const ignoreCase = options.ignoreCase ?? false;
  const get = (paths: readonly string[]): Located | undefined => pick(pool, paths, ignoreCase);
  return compact({
    name: poolName(get(fields.name), options.fallbackName),
    range: options.range,
    isDefault: options.isDefault,
    osType: stringSetting(get(fields.osType)),
    nodeCount: numberSetting(get(fields.count)),
    autoScaling: boolSetting(get(fields.autoScaling)),
    minCount: numberSetting(get(fields.minCount)),
    maxCount: numberSetting(get(fields.maxCount)),
    maxPods: numberSetting(get(fields.maxPods)),
    vnetSubnetId: stringSetting(get(fields.vnetSubnetId)),
    podSubnetId: stringSetting(get(fields.podSubnetId)),
    podIpAllocationMode: stringSetting(get(fields.podIpAllocationMode)),
  });
}

function poolName(located: Located | undefined, fallback: string): string {
  if (located === undefined) return fallback;
  const { result } = located;
  if (result.known && typeof result.value === 'string') return result.value;
  if (result.known && result.value === null) return fallback;
  return located.expression === '' ? fallback : located.expression;
}

const AZURERM_NETWORK: NetworkFields = {
  ...eachSetting((names) => [names.azurerm]),
  // ebpf_data_plane is the 3.x name (removed in 4.0).
  dataplane: [NETWORK_NAMES.dataplane.azurerm, 'ebpf_data_plane'],
};

const AZURERM_POOL: PoolFields = {
  name: ['name'],
  count: ['node_count'],
  // enable_auto_scaling is the 3.x name.
  autoScaling: ['auto_scaling_enabled', 'enable_auto_scaling'],
  minCount: ['min_count'],
  maxCount: ['max_count'],
  maxPods: ['max_pods'],
  vnetSubnetId: ['vnet_subnet_id'],
  podSubnetId: ['pod_subnet_id'],
  osType: ['os_type'],
  podIpAllocationMode: [],
};

function azurermCluster(block: HclBlock, name: string, scope: Scope): Cluster {
  const body = block.body;
  const self = bodyObject(body, block.range, scope);
  const cluster: Cluster = {
    id: `azurerm_kubernetes_cluster.${name}`,
    format: 'terraform',
    definition: 'azurerm_kubernetes_cluster',
    range: block.range,
    name: stringSetting(member(self, 'name')),
    resourceGroup: stringSetting(member(self, 'resource_group_name')),
    kubernetesVersion: stringSetting(member(self, 'kubernetes_version')),
    network: {},
    nodePools: [],
  };
  const profile = body.blocks.find((b) => b.type === 'network_profile');
  const dynamicProfile = body.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === 'network_profile');
  if (profile !== undefined) {
    cluster.networkProfileRange = profile.range;
    const profileObject = bodyObject(profile.body, profile.range, scope);
    cluster.network = networkFrom(profileObject, AZURERM_NETWORK);
    cluster.ipFamilies = stringListSetting(member(profileObject, 'ip_versions'));
  } else if (dynamicProfile !== undefined) {
    cluster.networkProfileRange = dynamicProfile.range;
    cluster.network = {
      plugin: {
        how: 'unresolved',
        range: dynamicProfile.headerRange,
        expression: 'dynamic "network_profile"',
        reason: `network_profile is a dynamic block, which is not evaluated; ${PLAN_HINT}`,
      },
    };
  }
  const defaultPool = body.blocks.find((b) => b.type === 'default_node_pool');
  if (defaultPool !== undefined) {
    // The default pool is always Linux: azurerm has no os_type there.
    const pool = poolFrom(
      bodyObject(defaultPool.body, defaultPool.range, scope),
      { ...AZURERM_POOL, osType: [] },
      {
        isDefault: true,
        fallbackName: 'default',
        range: defaultPool.range,
      },
    );
    cluster.nodePools.push(pool);
  }
  const removed = [
    ...removedAttributes(body, AZURERM_REMOVED_TOP_LEVEL),
    ...(profile === undefined ? [] : removedAttributes(profile.body, AZURERM_REMOVED_IN_PROFILE)),
  ];
  if (removed.length > 0) cluster.removedSettings = removed;
  return compact(cluster);
}

/** Removed in azurerm 4.0 (shared/aks-networking.md §4.3, §5.3). */
const AZURERM_REMOVED_IN_PROFILE: Readonly<Record<string, RemovedSettingKind>> = {
  docker_bridge_cidr: 'docker-bridge-cidr',
  ebpf_data_plane: 'ebpf-data-plane',
};

const AZURERM_REMOVED_TOP_LEVEL: Readonly<Record<string, RemovedSettingKind>> = {
  api_server_authorized_ip_ranges: 'api-server-authorized-ip-ranges',
};

/** Written removed arguments, whatever their value: Terraform rejects an unsupported argument even as null. */
function removedAttributes(body: HclBody, names: Readonly<Record<string, RemovedSettingKind>>): RemovedSetting[] {
  const removed: RemovedSetting[] = [];
  for (const item of body.attributes) {
    const kind = names[item.name];
    if (kind !== undefined) removed.push({ kind, name: item.name, range: item.range });
  }
  return removed;
}

function azurermPool(block: HclBlock, label: string, scope: Scope): NodePool {
  return poolFrom(bodyObject(block.body, block.range, scope), AZURERM_POOL, {
    isDefault: false,
    fallbackName: label,
    range: block.range,
  });
}

const AZAPI_NETWORK: NetworkFields = eachSetting((names) => [names.api]);

const AZAPI_POOL_FIELDS: PoolFields = {
  name: ['name'],
  count: ['count'],
  autoScaling: ['enableAutoScaling'],
  minCount: ['minCount'],
  maxCount: ['maxCount'],
  maxPods: ['maxPods'],
  vnetSubnetId: ['vnetSubnetID'],
  podSubnetId: ['podSubnetID'],
  osType: ['osType'],
  podIpAllocationMode: ['podIPAllocationMode'],
};

function azapiCluster(block: HclBlock, name: string, type: string, scope: Scope): Cluster {
  const self = bodyObject(block.body, block.range, scope);
  const body = azapiBody(block.body, scope);
  const properties = member(body, 'properties', true);
  const profile = member(properties, 'networkProfile', true);
  const cluster: Cluster = {
    id: `azapi_resource.${name}`,
    format: 'terraform',
    definition: `azapi_resource ${type}`,
    range: block.range,
    name: stringSetting(member(self, 'name')),
    kubernetesVersion: stringSetting(member(properties, 'kubernetesVersion', true)),
    network: {},
    nodePools: [],
  };
  const apiVersion = type.slice(type.indexOf('@') + 1).trim();
  if (apiVersion !== '') cluster.apiVersion = apiVersion;
  if (profile !== undefined) {
    cluster.network = networkFrom(profile, AZAPI_NETWORK, true);
    cluster.networkProfileRange = profile.range;
    // An unevaluated profile is already one unresolved setting (the plugin); its members are not repeated.
    if (profile.result.known) {
      cluster.ipFamilies = stringListSetting(member(profile, 'ipFamilies', true));
      // dockerBridgeCidr: removed from API 2023-04-01 (shared/aks-networking.md §4.1).
      const dockerBridge = keyAsWritten(profile, 'dockerBridgeCidr');
      const written = dockerBridge === undefined ? undefined : member(profile, dockerBridge);
      if (dockerBridge !== undefined && written !== undefined)
        cluster.removedSettings = [{ kind: 'docker-bridge-cidr', name: dockerBridge, range: written.range }];
    }
  }
  withAutomaticDefaults(cluster, stringSetting(pick(body, ['sku.name'], true)));
  const profiles = member(properties, 'agentPoolProfiles', true);
  for (const [index, { located }] of elements(profiles).entries()) {
    cluster.nodePools.push(
      poolFrom(located, AZAPI_POOL_FIELDS, {
        isDefault: index === 0,
        fallbackName: `agentPoolProfiles[${index}]`,
        range: located.range,
        ignoreCase: true,
      }),
    );
  }
  return compact(cluster);
}

/**
 * AKS Automatic (`sku.name = "Automatic"`) gives Azure CNI Overlay with Cilium to a cluster that sets no
 * network plugin: the defaults land on the sku line, citing the knowledge base.
 */
function withAutomaticDefaults(cluster: Cluster, sku: Setting<string> | undefined): void {
  if (sku === undefined || sku.how === 'unresolved' || sku.value.toLowerCase() !== 'automatic') return;
  if (cluster.network.plugin !== undefined) return;
  const { value, source } = AKS_AUTOMATIC_NETWORK;
  const note = `AKS Automatic (sku.name "${sku.value}") defaults to Azure CNI Overlay with Cilium (${source})`;
  const range = sku.range;
  cluster.network.plugin = { how: 'default', value: value.plugin, range, note };
  cluster.network.pluginMode ??= { how: 'default', value: value.pluginMode, range, note };
  cluster.network.dataplane ??= { how: 'default', value: value.dataplane, range, note };
}

function azapiChildPool(block: HclBlock, scope: Scope): NodePool {
  const self = bodyObject(block.body, block.range, scope);
  const properties = member(azapiBody(block.body, scope), 'properties', true);
  const pool = poolFrom(
    properties ?? self,
    { ...AZAPI_POOL_FIELDS, name: [] },
    {
      isDefault: false,
      fallbackName: block.labels[1] ?? '',
      range: block.range,
      ignoreCase: true,
    },
  );
  pool.name = poolName(member(self, 'name'), block.labels[1] ?? '');
  return pool;
}

// ---- module calls: each call of a local module is a cluster instance, located at the `module` block ----

/** How many nested module calls are followed. */
const MAX_MODULE_DEPTH = 8;
/** Terraform: a local path begins with `./` or `../`; anything else is fetched (registry, git, http, s3…). */
const LOCAL_PATH = /^\.\.?[\\/]/;
/**
 * A source whose name says it creates an AKS cluster (`terraform-azurerm-aks`, `…/managed-cluster/…`):
 * only such a call is reported as a cluster when the module's code cannot be read. Pools, networks,
 * registries and fleets around a cluster are named like it and left out.
 */
const NAMES_CLUSTER = /(?:^|[^a-z0-9])(?:aks|managed-?cluster|kubernetes-?cluster)(?:[^a-z0-9]|$)/;
const NAMES_SOMETHING_ELSE = /pool|fleet|network|vnet|subnet|acr|mirror/;

function namesCluster(source: string): boolean {
  const address = source.toLowerCase().replace(/\?.*$/s, '');
  return NAMES_CLUSTER.test(address) && !NAMES_SOMETHING_ELSE.test(address);
}

/**
 * The clusters one `module` block creates: those of the called folder's `.tf` files (and of the modules it
 * calls in turn), read with the values this call passes, each located at the block. `chain` holds the
 * folders already entered, to stop cycles.
 */
function moduleInstances(block: HclBlock, scope: Scope, files: FileSet, chain: readonly string[]): Cluster[] {
  if (block.labels.length !== 1) return [];
  const label = block.labels[0] ?? '';
  const address = `module.${label}`;
  const source = literalString(block.body, 'source')?.trim();
  if (source === undefined) return [];
  const definition = `module "${label}" (source ${JSON.stringify(source)})${repetitionNote(block)}`;
  if (!LOCAL_PATH.test(source)) {
    if (!namesCluster(source)) return [];
    return [
      unreadInstance(
        block,
        address,
        definition,
        `the module's code (${source}) is not in the scanned files, so what ${address} does with its inputs is not known`,
      ),
    ];
  }
  const dir = joinRelative(scope.dir, source);
  if (dir === undefined || chain.includes(dir) || chain.length > MAX_MODULE_DEPTH) return [];
  const moduleFiles = files.inDirectory(dir).filter((file) => baseName(file.path).endsWith('.tf'));
  if (moduleFiles.length === 0) {
    if (!namesCluster(source)) return [];
    return [
      unreadInstance(
        block,
        address,
        definition,
        `the module folder ${dir === '' ? '(the root)' : `${dir}/`} is not in the scanned files; scan it too`,
      ),
    ];
  }
  const directory = directoryIndexOf(dir, files);
  const args = new Map<string, HclAttribute>();
  for (const item of block.body.attributes) if (!MODULE_META_ARGUMENTS.has(item.name)) args.set(item.name, item);
  const called = calledScope(directory.scope, { address, arguments: args, caller: scope, header: headerLine(block) });
  const found: Cluster[] = [];
  for (const file of moduleFiles) {
    if (!couldHoldCluster(file.text)) continue;
    const parsed = parseFile(file, files);
    if (!parsed.ok) continue;
    for (const inner of parsed.body.blocks) {
      if (!isCandidate(inner)) continue;
      if (inner.type === 'module' && !isRegistryCall(inner)) {
        found.push(...moduleInstances(inner, called, files, [...chain, dir]));
        continue;
      }
      const cluster = clusterFrom(inner, called, directory);
      if (cluster !== undefined) found.push(cluster);
    }
  }
  return found.map((cluster) => asInstance(cluster, block, address, definition));
}

/** `dir`'s scope, its variables taking the values `call` passes. */
function calledScope(base: Scope, call: ModuleCall): Scope {
  return {
    dir: base.dir,
    get variables() {
      return base.variables;
    },
    get locals() {
      return base.locals;
    },
    autoVarFiles: [],
    otherVarFiles: [],
    get damaged() {
      return base.damaged;
    },
    get resources() {
      return base.resources;
    },
    call,
  };
}

function repetitionNote(block: HclBlock): string {
  const count = attribute(block.body, 'count');
  if (count !== undefined) return ` (count = ${shorten(count.value.text)})`;
  const forEach = attribute(block.body, 'for_each');
  if (forEach !== undefined) return ` (one per item of for_each = ${shorten(forEach.value.text)})`;
  return '';
}

/** A call whose module cannot be read: a cluster instance whose network is unresolved, saying why. */
function unreadInstance(block: HclBlock, address: string, definition: string, why: string): Cluster {
  const passed = attribute(block.body, 'network_plugin');
  const reason =
    passed === undefined
      ? `${why}; ${PLAN_HINT}`
      : `${why} (it passes network_plugin = ${shorten(passed.value.text)}, but not what the module does with it); ${PLAN_HINT}`;
  return {
    id: address,
    format: 'terraform',
    definition,
    range: block.range,
    network: {
      plugin: {
        how: 'unresolved',
        range: passed?.range ?? headerLine(block),
        expression: shorten(`source = ${JSON.stringify(literalString(block.body, 'source') ?? '')}`),
        reason,
      },
    },
    nodePools: [],
  };
}

/**
 * A cluster read inside a called module, moved to the call: settings whose value the call passes land on
 * that argument's line; those the module writes or defaults land on the call's first line, naming the
 * module's file and line. Removed settings written in the module are left to the module's own reading.
 */
function asInstance(cluster: Cluster, call: HclBlock, address: string, definition: string): Cluster {
  const file = call.range.file;
  const header = headerLine(call);
  const move = <T>(setting: Setting<T> | undefined): Setting<T> | undefined => anchored(setting, file, header, address);
  const network: NetworkProfile = {};
  for (const key of Object.keys(cluster.network) as NetworkSettingKey[]) network[key] = move(cluster.network[key]);
  const instance: Cluster = {
    ...cluster,
    id: `${address}.${cluster.id}`,
    definition: `${definition} > ${cluster.definition}`,
    range: call.range,
    name: move(cluster.name),
    resourceGroup: move(cluster.resourceGroup),
    kubernetesVersion: move(cluster.kubernetesVersion),
    ipFamilies: move(cluster.ipFamilies),
    network: compact(network),
    nodePools: cluster.nodePools.map((pool) =>
      compact({
        ...pool,
        range: pool.range.file === file ? pool.range : header,
        osType: move(pool.osType),
        nodeCount: move(pool.nodeCount),
        autoScaling: move(pool.autoScaling),
        minCount: move(pool.minCount),
        maxCount: move(pool.maxCount),
        maxPods: move(pool.maxPods),
        vnetSubnetId: move(pool.vnetSubnetId),
        podSubnetId: move(pool.podSubnetId),
        podIpAllocationMode: move(pool.podIpAllocationMode),
      }),
    ),
    networkProfileRange:
      cluster.networkProfileRange === undefined || cluster.networkProfileRange.file === file
        ? cluster.networkProfileRange
        : header,
    removedSettings: cluster.removedSettings?.filter((removed) => removed.range.file === file),
  };
  if (instance.removedSettings?.length === 0) delete instance.removedSettings;
  return compact(instance);
}

function anchored<T>(
  setting: Setting<T> | undefined,
  file: string,
  header: SourceRange,
  address: string,
): Setting<T> | undefined {
  if (setting === undefined || setting.range.file === file) return setting;
  const at = wherePath(setting.range);
  switch (setting.how) {
    case 'literal':
      return {
        how: 'resolved',
        value: setting.value,
        range: header,
        expression: address,
        via: [{ description: `${JSON.stringify(setting.value)} written in the module (${at})`, range: setting.range }],
      };
    case 'resolved': {
      const passed = setting.via.find((step) => step.range.file === file);
      return {
        ...setting,
        range: passed?.range ?? header,
        via: [{ description: `${setting.expression} in the module (${at})`, range: setting.range }, ...setting.via],
      };
    }
    case 'default':
      return { ...setting, range: header, note: `${setting.note} (${at})` };
    case 'unresolved':
      return { ...setting, range: header, reason: `${setting.reason} (${at})` };
  }
}

/** The root's lock file (or constraint) decides the azurerm version every module of the configuration uses. */
function withRootProvider(clusters: Cluster[], root: DirectoryIndex): Cluster[] {
  for (const cluster of clusters) {
    if (cluster.definition.endsWith('> azurerm_kubernetes_cluster') && root.providerVersion !== undefined)
      cluster.providerVersion = root.providerVersion;
  }
  return clusters;
}

type ModuleKind = 'aks' | 'avm';

/** A registry source, without host, `//subdirectory` or case: `azure/aks/azurerm`. */
export function registryModule(source: string): ModuleKind | undefined {
  const host = source
    .trim()
    .toLowerCase()
    .replace(/^(?:registry\.terraform\.io|registry\.opentofu\.org)\//, '');
  const address = withoutSubdirectory(host);
  if (address === aksModule.source.toLowerCase()) return 'aks';
  if (address === avmModule.source.toLowerCase()) return 'avm';
  return undefined;
}

/** A call whose source is one of the registry modules the knowledge base describes. */
function isRegistryCall(block: HclBlock): boolean {
  const source = literalString(block.body, 'source');
  return source !== undefined && registryModule(source) !== undefined;
}

function moduleCluster(block: HclBlock, scope: Scope): Cluster | undefined {
  const source = literalString(block.body, 'source');
  const kind = source === undefined ? undefined : registryModule(source);
  if (kind === undefined) return undefined;
  const cluster: Cluster = {
    id: `module.${block.labels[0] ?? ''}`,
    format: 'terraform',
    definition: `module "${kind === 'aks' ? aksModule.source : avmModule.source}"`,
    range: block.range,
    network: {},
    nodePools: [],
  };
  return kind === 'aks' ? aksModuleCluster(block, cluster, scope) : avmModuleCluster(block, cluster, scope);
}

function moduleDefault(value: string, note: string, range: SourceRange): Setting<string> {
  return { how: 'default', value, range, note };
}

function aksNote(variable: string, value: string): string {
  return `the ${aksModule.source} module's ${variable} variable defaults to ${JSON.stringify(value)}`;
}

/** An input with a module default: left out (or null where the variable is not nullable) gives the default. */
function withDefault(
  located: Located | undefined,
  value: string,
  note: string,
  header: SourceRange,
  nullable: boolean,
): Setting<string> | undefined {
  if (located === undefined) return moduleDefault(value, note, header);
  if (located.result.known && located.result.value === null) {
    return nullable ? undefined : moduleDefault(value, `${note}; null falls back to it`, located.range);
  }
  return stringSetting(located);
}

function aksModuleCluster(block: HclBlock, cluster: Cluster, scope: Scope): Cluster {
  const args = bodyObject(block.body, block.range, scope);
  const get = (key: string): Located | undefined => member(args, key);
  const header = headerLine(block);
  const plugin = aksModule.networkPluginDefault.value;
  const outbound = aksModule.outboundTypeDefault.value;
  const sku = aksModule.loadBalancerSkuDefault.value;
  cluster.name = stringSetting(get('cluster_name'));
  cluster.resourceGroup = stringSetting(get('resource_group_name'));
  cluster.kubernetesVersion = stringSetting(get('kubernetes_version'));
  cluster.network = compact({
    plugin: withDefault(get('network_plugin'), plugin, aksNote('network_plugin', plugin), header, false),
    pluginMode: stringSetting(get('network_plugin_mode')),
    // The module passes ebpf_data_plane to azurerm's network_data_plane.
    dataplane: stringSetting(get('ebpf_data_plane')),
    policy: stringSetting(get('network_policy')),
    podCidr: stringSetting(get('net_profile_pod_cidr')),
    serviceCidr: stringSetting(get('net_profile_service_cidr')),
    dnsServiceIp: stringSetting(get('net_profile_dns_service_ip')),
    outboundType: withDefault(
      get('net_profile_outbound_type'),
      outbound,
      aksNote('net_profile_outbound_type', outbound),
      header,
      true,
    ),
    loadBalancerSku: withDefault(get('load_balancer_sku'), sku, aksNote('load_balancer_sku', sku), header, true),
  });
  cluster.nodePools.push(
    poolFrom(args, AKS_MODULE_DEFAULT_POOL, {
      isDefault: true,
      fallbackName: aksModule.defaultPoolName.value,
      range: block.range,
    }),
  );
  for (const { key, located } of elements(get('node_pools'))) {
    cluster.nodePools.push(
      poolFrom(located, AKS_MODULE_POOLS, { isDefault: false, fallbackName: key, range: located.range }),
    );
  }
  return compact(cluster);
}

const AKS_MODULE_DEFAULT_POOL: PoolFields = {
  name: ['agents_pool_name'],
  count: ['agents_count'],
  // enable_auto_scaling and *_subnet_id are the names before v10.
  autoScaling: ['auto_scaling_enabled', 'enable_auto_scaling'],
  minCount: ['agents_min_count'],
  maxCount: ['agents_max_count'],
  maxPods: ['agents_max_pods'],
  vnetSubnetId: ['vnet_subnet.id', 'vnet_subnet_id'],
  podSubnetId: ['pod_subnet.id', 'pod_subnet_id'],
  osType: [],
  podIpAllocationMode: [],
};

const AKS_MODULE_POOLS: PoolFields = {
  name: ['name'],
  count: ['node_count'],
  autoScaling: ['auto_scaling_enabled', 'enable_auto_scaling'],
  minCount: ['min_count'],
  maxCount: ['max_count'],
  maxPods: ['max_pods'],
  vnetSubnetId: ['vnet_subnet.id', 'vnet_subnet_id'],
  podSubnetId: ['pod_subnet.id', 'pod_subnet_id'],
  osType: ['os_type'],
  podIpAllocationMode: [],
};

export type AvmEra = 'azurerm' | 'azapi' | 'unknown';

function avmModuleCluster(block: HclBlock, cluster: Cluster, scope: Scope): Cluster {
  const args = bodyObject(block.body, block.range, scope);
  const get = (key: string): Located | undefined => member(args, key);
  const versionAttribute = attribute(block.body, 'version');
  const version = literalString(block.body, 'version');
  const era = avmEra(version);
  cluster.name = stringSetting(get('name'));
  cluster.resourceGroup = stringSetting(get('resource_group_name'));
  cluster.kubernetesVersion = stringSetting(get('kubernetes_version'));

  const profile = get('network_profile');
  const omitted = profile === undefined || (profile.result.known && profile.result.value === null);
  if (!omitted) {
    cluster.networkProfileRange = profile.range;
    const dataplane =
      era === 'azapi'
        ? ['network_dataplane']
        : era === 'azurerm'
          ? ['network_data_plane']
          : ['network_dataplane', 'network_data_plane'];
    cluster.network = networkFrom(profile, { ...AVM_NETWORK, dataplane });
    // ip_families from v0.4.0 (the API's ipFamilies), ip_versions before (azurerm's name).
    const ipFamilies =
      era === 'azapi' ? ['ip_families'] : era === 'azurerm' ? ['ip_versions'] : ['ip_families', 'ip_versions'];
    if (profile.result.known) cluster.ipFamilies = stringListSetting(pick(profile, ipFamilies));
  } else if (era === 'azurerm') {
    cluster.network = legacyAvmDefaults(block, profile, version ?? '');
  } else if (era === 'unknown') {
    cluster.network = {
      plugin: {
        how: 'unresolved',
        range: versionAttribute?.range ?? headerLine(block),
        expression:
          versionAttribute === undefined
            ? `module "${block.labels[0] ?? ''}" (no version)`
            : `version = ${versionAttribute.value.text}`,
        reason:
          `the module's default network_profile changed in v${avmModule.azapiSince.value} ` +
          '(before: azure + overlay + Azure network policy; since: none, so AKS picks); pin a version',
      },
    };
  }

  const useAzapiPools =
    era === 'azapi' ||
    (era === 'unknown' && (get('default_agent_pool') !== undefined || get('agent_pools') !== undefined));
  if (useAzapiPools) {
    const defaultPool = get('default_agent_pool');
    cluster.nodePools.push(
      poolFrom(defaultPool ?? args, defaultPool === undefined ? NO_FIELDS : AVM_AZAPI_POOL, {
        isDefault: true,
        fallbackName: avmModule.defaultAgentPoolName.value,
        range: defaultPool?.range ?? block.range,
      }),
    );
    for (const { key, located } of elements(get('agent_pools'))) {
      cluster.nodePools.push(
        poolFrom(located, AVM_AZAPI_POOL, { isDefault: false, fallbackName: key, range: located.range }),
      );
    }
  } else {
    const defaultPool = get('default_node_pool');
    if (defaultPool !== undefined) {
      cluster.nodePools.push(
        poolFrom(
          defaultPool,
          { ...AVM_AZURERM_POOL, osType: [] },
          { isDefault: true, fallbackName: 'default', range: defaultPool.range },
        ),
      );
    }
    for (const { key, located } of elements(get('node_pools'))) {
      cluster.nodePools.push(
        poolFrom(located, AVM_AZURERM_POOL, { isDefault: false, fallbackName: key, range: located.range }),
      );
    }
  }
  return compact(cluster);
}

function legacyAvmDefaults(block: HclBlock, profile: Located | undefined, version: string): NetworkProfile {
  if (profile !== undefined) {
    return {
      plugin: {
        how: 'unresolved',
        range: profile.range,
        expression: profile.expression,
        reason:
          'network_profile = null: modules before v0.4.0 do not replace null with their default, so the result depends on the module code',
      },
    };
  }
  const defaults = avmModule.legacyNetworkProfileDefault.value;
  const note =
    `the ${avmModule.source} module (version ${JSON.stringify(version)}, before v${avmModule.azapiSince.value}) defaults network_profile to ` +
    `{ network_plugin = ${JSON.stringify(defaults.networkPlugin)}, network_plugin_mode = ${JSON.stringify(defaults.networkPluginMode)}, ` +
    `network_policy = ${JSON.stringify(defaults.networkPolicy)} }`;
  const header = headerLine(block);
  return compact({
    plugin: moduleDefault(defaults.networkPlugin, note, header),
    pluginMode:
      defaults.networkPluginMode === undefined ? undefined : moduleDefault(defaults.networkPluginMode, note, header),
    policy: defaults.networkPolicy === undefined ? undefined : moduleDefault(defaults.networkPolicy, note, header),
  });
}

/** The AVM module's `network_profile` object follows azurerm's names; its dataplane name depends on the era. */
const AVM_NETWORK: NetworkFields = eachSetting((names) => [names.azurerm]);

const NO_FIELDS: PoolFields = {
  name: [],
  count: [],
  autoScaling: [],
  minCount: [],
  maxCount: [],
  maxPods: [],
  vnetSubnetId: [],
  podSubnetId: [],
  osType: [],
  podIpAllocationMode: [],
};

/** v0.4.0+: `default_agent_pool` and the `agent_pools` map (AzAPI property names in snake case). */
const AVM_AZAPI_POOL: PoolFields = {
  name: ['name'],
  count: ['count_of'],
  autoScaling: ['enable_auto_scaling'],
  minCount: ['min_count'],
  maxCount: ['max_count'],
  maxPods: ['max_pods'],
  vnetSubnetId: ['vnet_subnet_id'],
  podSubnetId: ['pod_subnet_id'],
  osType: ['os_type'],
  podIpAllocationMode: ['pod_ip_allocation_mode'],
};

/** v0.1.x–v0.3.x: `default_node_pool` and the `node_pools` map (azurerm names). */
const AVM_AZURERM_POOL: PoolFields = {
  name: ['name'],
  count: ['node_count'],
  autoScaling: ['auto_scaling_enabled'],
  minCount: ['min_count'],
  maxCount: ['max_count'],
  maxPods: ['max_pods'],
  vnetSubnetId: ['vnet_subnet_id'],
  podSubnetId: ['pod_subnet_id'],
  osType: ['os_type'],
  podIpAllocationMode: [],
};

type Version = [number, number, number, number];

/**
 * Which side of v0.4.0 every version a constraint allows falls on. `version` is a literal in Terraform;
 * https://developer.hashicorp.com/terraform/language/expressions/version-constraints
 */
export function avmEra(constraint: string | undefined): AvmEra {
  if (constraint === undefined || constraint.trim() === '') return 'unknown';
  const pivot = parseVersion(avmModule.azapiSince.value);
  if (pivot === undefined) return 'unknown';
  let lower: { version: Version; inclusive: boolean } = { version: [0, 0, 0, 0], inclusive: true };
  let upper: { version: Version; inclusive: boolean } | undefined;
  const raise = (version: Version, inclusive: boolean): void => {
    const order = compareVersions(version, lower.version);
    if (order > 0 || (order === 0 && !inclusive)) lower = { version, inclusive };
  };
  const cap = (version: Version, inclusive: boolean): void => {
    const order = upper === undefined ? -1 : compareVersions(version, upper.version);
    if (order < 0 || (order === 0 && !inclusive)) upper = { version, inclusive };
  };
  for (const part of constraint.split(',')) {
    // Trimmed first: `^\s*(op)?\s*` backtracks quadratically on a long run of blanks (found by test/fuzz/redos).
    const match = /^(?<op>~>|>=|<=|!=|=|>|<)?\s*v?(?<version>\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)$/.exec(part.trim());
    const op = match?.groups?.op ?? '=';
    const text = match?.groups?.version;
    const version = text === undefined ? undefined : parseVersion(text);
    if (text === undefined || version === undefined) return 'unknown';
    switch (op) {
      case '=':
        raise(version, true);
        cap(version, true);
        break;
      case '>=':
        raise(version, true);
        break;
      case '>':
        raise(version, false);
        break;
      case '<=':
        cap(version, true);
        break;
      case '<':
        cap(version, false);
        break;
      case '~>': {
        raise(version, true);
        const parts = text.split('-')[0]?.split('.').length ?? 1;
        const [major, minor] = version;
        // Pre-releases of the next version are excluded too (release flag 0).
        cap(parts >= 3 ? [major, minor + 1, 0, 0] : [major + 1, 0, 0, 0], false);
        break;
      }
      // `!=` removes one version; it never moves the range across v0.4.0.
    }
  }
  if (upper !== undefined) {
    const order = compareVersions(lower.version, upper.version);
    if (order > 0 || (order === 0 && !(lower.inclusive && upper.inclusive))) return 'unknown';
    const belowPivot = compareVersions(upper.version, pivot);
    if (belowPivot < 0 || (belowPivot === 0 && !upper.inclusive)) return 'azurerm';
  }
  return compareVersions(lower.version, pivot) >= 0 ? 'azapi' : 'unknown';
}

/** [major, minor, patch, release]: release is 0 for a pre-release, 1 for a release, so 0.4.0-rc1 < 0.4.0. */
function parseVersion(text: string): Version | undefined {
  const [core = '', pre] = text.split(/-(.*)/s);
  const numbers = core.split('.').map(Number);
  if (numbers.length === 0 || numbers.length > 3 || numbers.some((n) => !Number.isInteger(n) || n < 0))
    return undefined;
  const [major = 0, minor = 0, patch = 0] = numbers;
  return [major, minor, patch, pre === undefined || pre === '' ? 1 : 0];
}

function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 4; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * `address` cut at its `//subdirectory`, as `.replace(/\/\/.*$/, '')` did (the `//` must be on the last
 * line) but linear: that regex rescans the rest of the text from every `//` (found by test/fuzz/redos).
 */
function withoutSubdirectory(address: string): string {
  const lastLine = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((end) => address.lastIndexOf(end))) + 1;
  const cut = address.indexOf('//', lastLine);
  return cut < 0 ? address : address.slice(0, cut);
}
