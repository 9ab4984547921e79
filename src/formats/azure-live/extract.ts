import { NETWORK_NAMES } from '../../knowledge/names.js';
import type {
  Cluster,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NetworkSettingKey,
  NodePool,
  Setting,
  SourceFile,
} from '../../model/index.js';
import { member, parseLiveJson } from './parse.js';
import type { JsonNode, Positions } from './parse.js';

/** The resource type of a managed cluster; `az aks` prints `ManagedClusters`, Resource Graph lower case. */
export const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';

/** More clusters than any subscription list holds; keeps a hostile file's work bounded. */
const MAX_CLUSTERS = 10_000;

/**
 * Managed clusters as Azure reports them: `az aks list -o json` (an array), `az aks show -o json` (one
 * object), `az graph query` (`{ count, data: [...] }`), `Search-AzGraph | ConvertTo-Json` and a REST list
 * (`{ value: [...] }`). `az aks` flattens `properties` into the object; Resource Graph and REST nest them.
 * Every setting is what the cluster has now, so every one is `literal` at the line the export prints it.
 */
export function extract(file: SourceFile, _files: FileSet): ExtractResult {
  const parsed = parseLiveJson(file.text, file.path);
  if (!parsed.ok) return { clusters: [], problems: parsed.problems };
  const reader = new Reader(parsed.positions);
  for (const item of clusterNodes(parsed.root)) {
    if (reader.clusters.length >= MAX_CLUSTERS) break;
    reader.read(item);
  }
  return { clusters: reader.clusters, problems: [] };
}

/** The objects of a live export that are managed clusters, wherever the export's shape puts them. */
function clusterNodes(root: JsonNode): JsonNode[] {
  const list = root.type === 'array' ? root : (member(root, 'data') ?? member(root, 'value'));
  if (list?.type === 'array') return (list.children ?? []).filter(isManagedCluster);
  return isManagedCluster(root) ? [root] : [];
}

export function isManagedCluster(node: JsonNode): boolean {
  const type = member(node, 'type');
  return typeof type?.value === 'string' && type.value.toLowerCase() === CLUSTER_TYPE;
}

class Reader {
  readonly clusters: Cluster[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly positions: Positions) {}

  read(node: JsonNode): void {
    const nested = member(node, 'properties');
    // `az aks` flattens the properties into the cluster object; ARM, REST and Resource Graph nest them.
    const properties = nested?.type === 'object' ? nested : node;
    const name = this.string(member(node, 'name'));
    const resourceGroup = this.string(member(node, 'resourceGroup')) ?? this.resourceGroupFromId(node);
    const base = name?.how === 'literal' ? name.value : `managed cluster at line ${this.at(node).startLine}`;
    const group = resourceGroup?.how === 'literal' ? `${resourceGroup.value}/` : '';
    const cluster: Cluster = {
      id: this.uniqueId(`${group}${base}`),
      format: 'azure-live',
      definition: nested?.type === 'object' ? 'managed cluster (Resource Graph / REST)' : 'managed cluster (az aks)',
      range: this.at(node),
      network: {},
      nodePools: [],
    };
    if (name !== undefined) cluster.name = name;
    if (resourceGroup !== undefined) cluster.resourceGroup = resourceGroup;
    const version =
      this.string(member(properties, 'currentKubernetesVersion')) ??
      this.string(member(properties, 'kubernetesVersion'));
    if (version !== undefined) cluster.kubernetesVersion = version;
    const profile = member(properties, 'networkProfile');
    if (profile !== undefined && profile.type !== 'object' && profile.type !== 'null') {
      // `ConvertTo-Json` stops at -Depth 2 by default and prints deeper objects as their type name.
      cluster.network.plugin = {
        how: 'unresolved',
        range: this.at(profile),
        expression: typeof profile.value === 'string' ? profile.value.slice(0, 80) : profile.type,
        reason:
          'the export holds no network profile object here (PowerShell ConvertTo-Json cuts objects below -Depth 2 ' +
          'to their type name); export again with ConvertTo-Json -Depth 10',
      };
    }
    if (profile?.type === 'object') {
      cluster.networkProfileRange = this.at(profile);
      cluster.network = this.networkProfile(profile);
      const families = this.strings(member(profile, 'ipFamilies'));
      if (families !== undefined) cluster.ipFamilies = families;
    }
    const pools = member(properties, 'agentPoolProfiles');
    if (pools?.type === 'array') {
      (pools.children ?? []).forEach((pool, index) => {
        if (pool.type === 'object') cluster.nodePools.push(this.pool(pool, index));
      });
    }
    this.clusters.push(cluster);
  }

  private networkProfile(profile: JsonNode): NetworkProfile {
    const network: NetworkProfile = {};
    for (const [key, names] of Object.entries(NETWORK_NAMES) as [NetworkSettingKey, { api: string }][]) {
      const setting = this.string(member(profile, names.api));
      if (setting !== undefined) network[key] = setting;
    }
    // Newer API versions print the lists too; the single value is the list's first entry when only it is given.
    network.podCidr ??= this.firstOf(member(profile, 'podCidrs'));
    network.serviceCidr ??= this.firstOf(member(profile, 'serviceCidrs'));
    if (network.podCidr === undefined) delete network.podCidr;
    if (network.serviceCidr === undefined) delete network.serviceCidr;
    return network;
  }

  private pool(node: JsonNode, index: number): NodePool {
    const named = member(node, 'name');
    const name = typeof named?.value === 'string' ? named.value : `agentPoolProfiles[${index}]`;
    const pool: NodePool = { name, range: this.at(node), isDefault: index === 0 };
    const osType = this.string(member(node, 'osType'));
    if (osType !== undefined) pool.osType = osType;
    const count = this.number(member(node, 'count'));
    if (count !== undefined) pool.nodeCount = count;
    const autoScaling = this.boolean(member(node, 'enableAutoScaling'));
    if (autoScaling !== undefined) pool.autoScaling = autoScaling;
    const minCount = this.number(member(node, 'minCount'));
    if (minCount !== undefined) pool.minCount = minCount;
    const maxCount = this.number(member(node, 'maxCount'));
    if (maxCount !== undefined) pool.maxCount = maxCount;
    const maxPods = this.number(member(node, 'maxPods'));
    if (maxPods !== undefined) pool.maxPods = maxPods;
    // `az aks` prints `vnetSubnetId`, the API `vnetSubnetID`: `member` compares case-insensitively.
    const vnetSubnetId = this.string(member(node, 'vnetSubnetID'));
    if (vnetSubnetId !== undefined) pool.vnetSubnetId = vnetSubnetId;
    const podSubnetId = this.string(member(node, 'podSubnetID'));
    if (podSubnetId !== undefined) pool.podSubnetId = podSubnetId;
    const mode = this.string(member(node, 'podIPAllocationMode'));
    if (mode !== undefined) pool.podIpAllocationMode = mode;
    return pool;
  }

  /** `.../resourceGroups/<rg>/providers/...` in the cluster's `id`, when the export has no `resourceGroup`. */
  private resourceGroupFromId(node: JsonNode): Setting<string> | undefined {
    const id = member(node, 'id');
    if (id === undefined || typeof id.value !== 'string') return undefined;
    const match = /\/resourceGroups\/(?<group>[^/]+)\//i.exec(id.value);
    const group = match?.groups?.group;
    if (group === undefined) return undefined;
    return {
      how: 'resolved',
      value: group,
      range: this.at(id),
      expression: id.value,
      via: [{ description: `the resource group in the cluster's id is ${group}`, range: this.at(id) }],
    };
  }

  /** A string value; `null` (what `az` prints for a setting that is not set) is absent. */
  private string(node: JsonNode | undefined): Setting<string> | undefined {
    if (node === undefined || node.type === 'null') return undefined;
    if (node.type === 'string' && typeof node.value === 'string') {
      return node.value === '' ? undefined : { how: 'literal', value: node.value, range: this.at(node) };
    }
    return this.notA(node, 'a string');
  }

  private number(node: JsonNode | undefined): Setting<number> | undefined {
    if (node === undefined || node.type === 'null') return undefined;
    if (node.type === 'number' && typeof node.value === 'number') {
      return { how: 'literal', value: node.value, range: this.at(node) };
    }
    return this.notA(node, 'a number');
  }

  private boolean(node: JsonNode | undefined): Setting<boolean> | undefined {
    if (node === undefined || node.type === 'null') return undefined;
    if (node.type === 'boolean' && typeof node.value === 'boolean') {
      return { how: 'literal', value: node.value, range: this.at(node) };
    }
    return this.notA(node, 'true or false');
  }

  private strings(node: JsonNode | undefined): Setting<string[]> | undefined {
    if (node === undefined || node.type === 'null') return undefined;
    if (node.type !== 'array') return this.notA(node, 'a list of strings');
    const values: string[] = [];
    for (const item of node.children ?? []) {
      if (typeof item.value !== 'string') return this.notA(node, 'a list of strings');
      values.push(item.value);
    }
    return { how: 'literal', value: values, range: this.at(node) };
  }

  /** The first string of a list (`podCidrs`), when it has one. */
  private firstOf(node: JsonNode | undefined): Setting<string> | undefined {
    if (node?.type !== 'array') return undefined;
    const [first] = node.children ?? [];
    return first === undefined ? undefined : this.string(first);
  }

  /** A value of the wrong type is reported as unresolved (with its place), never guessed. */
  private notA(node: JsonNode, what: string): Setting<never> {
    const shown = node.type === 'object' || node.type === 'array' ? node.type : JSON.stringify(node.value);
    return {
      how: 'unresolved',
      range: this.at(node),
      expression: shown.length > 80 ? `${shown.slice(0, 77)}...` : shown,
      reason: `the live export has ${shown} here where Azure prints ${what}`,
    };
  }

  private at(node: JsonNode): Cluster['range'] {
    return this.positions.range(node.offset, node.length);
  }

  private uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id} #${n}`;
    this.ids.add(unique);
    return unique;
  }
}
