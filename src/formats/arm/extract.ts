import type {
  Cluster,
  ClusterUpdate,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NetworkSettingKey,
  NodePool,
  ResolutionStep,
  Setting,
  SourceFile,
  SourceRange,
  UnresolvedSetting,
} from '../../model/index.js';
import type { Evaluated, ParameterSource, Scope, Value } from './evaluate.js';
import { evaluateExpression, evaluateNode, membersByName, scopeOf, show, withVia } from './evaluate.js';
import { isExpression, parseExpression } from './expression.js';
import type { JsonNode, JsonObject } from './parse.js';
import { findMember, objectMember, parseJson, stringMember } from './parse.js';

const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
const POOL_TYPE = 'Microsoft.ContainerService/managedClusters/agentPools';
const DEPLOYMENT_TYPE = 'microsoft.resources/deployments';

/** Nested deployments inside nested deployments: deeper than any real template. */
const MAX_DEPLOYMENT_DEPTH = 16;

/** Could this text hold an AKS cluster at all? A linear test before any parsing. */
const MIGHT_HOLD_AKS = /managedClusters/i;

const NETWORK_PROPERTIES: readonly (readonly [NetworkSettingKey, string])[] = [
  ['plugin', 'networkPlugin'],
  ['pluginMode', 'networkPluginMode'],
  ['dataplane', 'networkDataplane'],
  ['policy', 'networkPolicy'],
  ['podCidr', 'podCidr'],
  ['serviceCidr', 'serviceCidr'],
  ['dnsServiceIp', 'dnsServiceIP'],
  ['outboundType', 'outboundType'],
  ['loadBalancerSku', 'loadBalancerSku'],
  ['networkMode', 'networkMode'],
];

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
  const collector = new Collector();
  collector.template(parsed.root, scopeOf(parsed.root, 'template', parameterFiles(file, files)), [], 0);
  const { clusters, updates } = collector.finish();
  return { clusters, problems: parsed.problems, updates };
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

class Collector {
  private readonly clusters: ClusterEntry[] = [];
  private readonly pools: PoolEntry[] = [];
  private readonly ids = new Set<string>();

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

  finish(): { clusters: Cluster[]; updates: ClusterUpdate[] } {
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
    return { clusters: this.clusters.filter((entry) => !entry.existing).map((entry) => entry.cluster), updates };
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

    const properties = reachMember(root, 'properties');
    if (properties.kind === 'unresolved') {
      cluster.network.plugin = properties.setting;
    } else if (properties.kind === 'object') {
      readClusterProperties(cluster, properties.slot);
    }
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
    if (profile.kind === 'object') cluster.network = networkProfile(profile.slot);
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
  const vnetSubnetId = stringSetting(locate(slot, 'vnetSubnetID'));
  if (vnetSubnetId !== undefined) result.vnetSubnetId = vnetSubnetId;
  const podSubnetId = stringSetting(locate(slot, 'podSubnetID'));
  if (podSubnetId !== undefined) result.podSubnetId = podSubnetId;
  const podIpAllocationMode = stringSetting(locate(slot, 'podIPAllocationMode'));
  if (podIpAllocationMode !== undefined) result.podIpAllocationMode = podIpAllocationMode;
  return result;
}

/** Pools declared as child resources of the cluster (`"resources": [{ "type": "agentPools", ... }]`). */
function childPools(cluster: JsonObject, scope: Scope): NodePool[] {
  const children = findMember(cluster, 'resources')?.value;
  const items =
    children?.kind === 'array'
      ? children.items
      : children?.kind === 'object'
        ? children.members.map((member) => member.value)
        : [];
  const pools: NodePool[] = [];
  for (const child of items) {
    if (child.kind !== 'object') continue;
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

function locate(slot: Slot, key: string): Located | undefined {
  const member = findMember(slot.node, key);
  if (member === undefined) return undefined;
  const result = withVia(evaluateNode(member.value, slot.scope), slot.via);
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
