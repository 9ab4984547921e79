import type {
  AddressSpace,
  Cluster,
  ClusterUpdate,
  FormatId,
  NodePool,
  Problem,
  Setting,
  SourceRange,
} from '../../../model/index.js';

/**
 * What the script readers of both formats collect into: the clusters, changes, pools and address spaces
 * a file defines, in file order. The az command reader and the Az.Aks cmdlet reader share one collector
 * so that a pool added by either attaches to a cluster created by either earlier in the same file.
 */

export interface ReadContext {
  format: FormatId;
  path: string;
  /** Commands from a Markdown fence. */
  documentation: boolean;
}

/** Stops a file full of `az aks create` lines from growing the result without bound. */
const MAX_DEFINITIONS = 10_000;

export interface Collector {
  context: ReadContext;
  clusters: Cluster[];
  updates: ClusterUpdate[];
  /** Virtual networks and subnets (`az network vnet create`, `New-AzVirtualNetwork`, ...). */
  addressSpaces: AddressSpace[];
  problems: Problem[];
  ids: Set<string>;
}

export function createCollector(context: ReadContext): Collector {
  return { context, clusters: [], updates: [], addressSpaces: [], problems: [], ids: new Set() };
}

/** A unique id: the base when free, else the base with the line it starts on. */
export function uniqueId(collector: Collector, base: string, line: number): string {
  let id = collector.ids.has(base) ? `${base} (line ${line})` : base;
  for (let n = 2; collector.ids.has(id); n += 1) id = `${base} (line ${line}, #${n})`;
  collector.ids.add(id);
  return id;
}

export function isFull(collector: Collector): boolean {
  return collector.clusters.length + collector.updates.length + collector.addressSpaces.length >= MAX_DEFINITIONS;
}

/** A list written as one value, e.g. `--ip-families IPv4,IPv6`: the same provenance, split at the separator. */
export function listSetting(setting: Setting<string>, separator: RegExp): Setting<string[]> {
  if (setting.how === 'unresolved') return setting;
  const value = setting.value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return { ...setting, value };
}

export function settingText(setting: Setting<string> | undefined): string | undefined {
  if (setting === undefined || setting.how === 'unresolved') return undefined;
  return setting.value;
}

/** The cluster created earlier in the file that a pool or change with this name and group targets. */
export function findCluster(
  collector: Collector,
  name: Setting<string> | undefined,
  resourceGroup: Setting<string> | undefined,
): Cluster | undefined {
  const wanted = settingText(name);
  if (wanted === undefined) return undefined;
  const group = settingText(resourceGroup);
  for (let index = collector.clusters.length - 1; index >= 0; index -= 1) {
    const cluster = collector.clusters[index];
    if (cluster === undefined || settingText(cluster.name) !== wanted) continue;
    const clusterGroup = settingText(cluster.resourceGroup);
    if (group !== undefined && clusterGroup !== undefined && group.toLowerCase() !== clusterGroup.toLowerCase())
      continue;
    return cluster;
  }
  return undefined;
}

/** Adds a pool to the cluster it targets, or records it as a change to a cluster defined elsewhere. */
export interface PoolTarget {
  /** The command that adds the pool, e.g. `az aks nodepool add`. */
  definition: string;
  clusterName?: Setting<string>;
  resourceGroup?: Setting<string>;
  range: SourceRange;
}

export function addPool(collector: Collector, pool: NodePool, target: PoolTarget): void {
  const cluster = findCluster(collector, target.clusterName, target.resourceGroup);
  if (cluster !== undefined) {
    cluster.nodePools.push(pool);
    return;
  }
  const label = settingText(target.clusterName) ?? `line ${target.range.startLine}`;
  const update: ClusterUpdate = {
    id: uniqueId(collector, `${target.definition} ${label}/${pool.name}`, target.range.startLine),
    format: collector.context.format,
    definition: target.definition,
    range: target.range,
    network: {},
    nodePools: [pool],
  };
  if (target.clusterName !== undefined) update.name = target.clusterName;
  if (target.resourceGroup !== undefined) update.resourceGroup = target.resourceGroup;
  if (collector.context.documentation) update.documentation = true;
  collector.updates.push(update);
}
