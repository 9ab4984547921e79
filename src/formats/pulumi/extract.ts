import { namesFor } from '../../knowledge/names.js';
import type {
  Cluster,
  ClusterUpdate,
  ExtractResult,
  FileSet,
  NodePool,
  Problem,
  ResolutionStep,
  Setting,
  SourceFile,
  SourceRange,
} from '../../model/index.js';
import { CLIENT_DEFAULTS } from '../../knowledge/defaults.js';
import { parseProgram } from './parse.js';
import type { Declaration, Expr, ImportBinding, ObjectEntry, Program, SourceLanguage } from './parse.js';
import {
  entry,
  evaluate,
  findProject,
  memberChain,
  parsedYaml,
  resolveArray,
  resolveObject,
  settingOf,
} from './resolve.js';
import type { ConfigRead, Context, Lookup, Properties } from './resolve.js';
import { azureNativeVersion } from './sdk-version.js';

type FileKind = SourceLanguage | 'yaml';
type CallExpr = Extract<Expr, { kind: 'call' }>;

const CLUSTER_TYPE = 'azure-native:containerservice:ManagedCluster';
const POOL_TYPE = 'azure-native:containerservice:AgentPool';
/** The calls worth converting: everything else in a program is skipped by name. */
const CALL_NAMES: ReadonlySet<string> = new Set(['ManagedCluster', 'AgentPool']);
/** `azure-native:containerservice:ManagedCluster`, also from a versioned module (`containerservice/v20240801`). */
const YAML_TYPE = /^azure-native:containerservice(?:\/(?<version>[\w-]+))?:(?<resource>ManagedCluster|AgentPool)$/;
const YAML_SNIFF = /azure-native:containerservice(?:\/[\w-]+)?:(?:ManagedCluster|AgentPool)/;
const STACK_FILE = /(?:^|\/)Pulumi\.[^/]+\.ya?ml$/;
const MAX_DEPTH = 20;

export function fileKind(path: string): FileKind | undefined {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return path.endsWith('.d.ts') ? undefined : 'typescript';
  if (ext === 'js' || ext === 'mjs' || ext === 'cjs') return 'javascript';
  if (ext === 'py') return 'python';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  return undefined;
}

export function isStackFile(path: string): boolean {
  return STACK_FILE.test(path);
}

/** Could this text define an azure-native AKS cluster or pool at all? Linear, no parsing. */
export function mightHoldCluster(text: string, kind: FileKind): boolean {
  if (kind === 'yaml') return YAML_SNIFF.test(text);
  return text.includes('containerservice') && (text.includes('ManagedCluster') || text.includes('AgentPool'));
}

const EMPTY: ExtractResult = { clusters: [], problems: [] };

export function extract(file: SourceFile, files: FileSet): ExtractResult {
  try {
    const kind = fileKind(file.path);
    if (kind === undefined || isStackFile(file.path) || !mightHoldCluster(file.text, kind)) return EMPTY;
    return kind === 'yaml' ? extractYaml(file, files) : extractProgram(file, files, kind);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem: Problem = {
      kind: 'parse-error',
      range: { file: file.path, startLine: 1, endLine: 1 },
      message: `The Pulumi format could not read this file: ${message}`,
    };
    return { clusters: [], problems: [problem] };
  }
}

/** A ManagedCluster or AgentPool found in a program, before it becomes a cluster, pool or update. */
interface Resource {
  type: 'ManagedCluster' | 'AgentPool';
  /** The Pulumi logical name, as resolved or as written. */
  logicalName: string;
  props: Properties;
  range: SourceRange;
  /** How other resources refer to it: the variable (TypeScript, Python) or resource key (YAML). */
  reference?: string;
}

function extractProgram(file: SourceFile, files: FileSet, language: SourceLanguage): ExtractResult {
  const parsed = parseProgram(file.text, file.path, language, CALL_NAMES);
  if (!parsed.ok) return { clusters: [], problems: parsed.problems };
  const ctx = programContext(file, files, parsed.program, language);
  const boundTo = new Map<number, string>();
  for (const declaration of parsed.program.declarations) {
    if (declaration.value?.kind === 'call') boundTo.set(declaration.value.offset, declaration.name);
  }
  const resources: Resource[] = [];
  for (const call of parsed.program.calls) {
    const path = ctx.sdkPath(call.callee, 0);
    const type = path?.length === 2 && path[0] === 'containerservice' ? path[1] : undefined;
    if (type !== 'ManagedCluster' && type !== 'AgentPool') continue;
    const { name, props } = language === 'python' ? pythonArguments(call, ctx) : jsArguments(call, ctx);
    resources.push({
      type,
      logicalName: logicalName(name, ctx),
      props,
      range: call.range,
      reference: boundTo.get(call.offset),
    });
  }
  return { ...assemble(resources, file, ctx), problems: parsed.problems };
}

function jsArguments(call: CallExpr, ctx: Context): { name: Expr | undefined; props: Properties } {
  const [name, args] = call.args;
  return { name, props: (args && resolveObject(args, ctx)?.props) ?? new Map() };
}

/** Python passes arguments as keywords (`network_profile=...`), or as one `ManagedClusterArgs(...)`. */
function pythonArguments(call: CallExpr, ctx: Context): { name: Expr | undefined; props: Properties } {
  let name = call.args[0];
  const props: Properties = new Map();
  for (const kwarg of call.kwargs) {
    if (kwarg.name === 'resource_name') name = kwarg.value;
    else if (kwarg.name === 'args') mergeInto(props, resolveObject(kwarg.value, ctx)?.props);
    else if (kwarg.name !== 'opts')
      props.set(ctx.keyName(kwarg.name), { key: kwarg.name, value: kwarg.value, range: kwarg.range });
  }
  const args = call.args[1];
  if (args !== undefined) mergeInto(props, resolveObject(args, ctx)?.props);
  return { name, props };
}

function mergeInto(target: Properties, source: Properties | undefined): void {
  if (source === undefined) return;
  for (const [key, value] of source) if (!target.has(key)) target.set(key, value);
}

function logicalName(expr: Expr | undefined, ctx: Context): string {
  if (expr === undefined) return '(unnamed)';
  const result = evaluate(expr, ctx);
  return result.ok ? String(result.value) : expr.text;
}

/** Turns resources into clusters, attaching each AgentPool to its cluster, or reporting it as an update. */
function assemble(
  resources: Resource[],
  file: SourceFile,
  ctx: Context,
): { clusters: Cluster[]; updates?: ClusterUpdate[] } {
  const clusters: Cluster[] = [];
  const byReference = new Map<string, Cluster>();
  const byName = new Map<string, Cluster>();
  const ids = new Set<string>();
  for (const resource of resources) {
    if (resource.type !== 'ManagedCluster') continue;
    const cluster = buildCluster(resource, file, ctx, ids);
    clusters.push(cluster);
    if (resource.reference !== undefined) byReference.set(resource.reference, cluster);
    const name = cluster.name;
    if (name !== undefined && name.how !== 'unresolved') byName.set(name.value, cluster);
  }
  const updates: ClusterUpdate[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AgentPool') continue;
    const pool = buildPool(resource.props, ctx, resource.range, false, resource.logicalName);
    const target = resource.props.get('resourceName');
    const cluster = target === undefined ? undefined : clusterFor(target, byReference, byName, ctx);
    if (cluster !== undefined) {
      cluster.nodePools.push(pool);
      continue;
    }
    updates.push({
      id: uniqueId(`${file.path}::AgentPool::${resource.logicalName}`, ids),
      format: 'pulumi',
      definition: POOL_TYPE,
      range: resource.range,
      name: settingOf(target, 'string', ctx),
      resourceGroup: settingOf(resource.props.get('resourceGroupName'), 'string', ctx),
      network: {},
      nodePools: [pool],
    });
  }
  return updates.length > 0 ? { clusters, updates } : { clusters };
}

/** `resourceName: cluster.name` (or `${cluster.name}`), or the cluster's own name as a string. */
function clusterFor(
  target: ObjectEntry,
  byReference: Map<string, Cluster>,
  byName: Map<string, Cluster>,
  ctx: Context,
): Cluster | undefined {
  const chain = memberChain(target.value);
  if (chain?.length === 2 && chain[1] === 'name' && chain[0] !== undefined) {
    const cluster = byReference.get(chain[0]);
    if (cluster !== undefined) return cluster;
  }
  const result = evaluate(target.value, ctx);
  return result.ok ? byName.get(String(result.value)) : undefined;
}

function uniqueId(base: string, ids: Set<string>): string {
  let id = base;
  for (let n = 2; ids.has(id); n += 1) id = `${base}#${n}`;
  ids.add(id);
  return id;
}

/** The network profile's properties, named as the API names them (Python's snake_case is mapped to these). */
const NETWORK_KEYS = namesFor('api');

function buildCluster(resource: Resource, file: SourceFile, ctx: Context, ids: Set<string>): Cluster {
  const { props } = resource;
  const cluster: Cluster = {
    id: uniqueId(`${file.path}::ManagedCluster::${resource.logicalName}`, ids),
    format: 'pulumi',
    definition: CLUSTER_TYPE,
    range: resource.range,
    name: settingOf(props.get('resourceName'), 'string', ctx),
    resourceGroup: settingOf(props.get('resourceGroupName'), 'string', ctx),
    kubernetesVersion: settingOf(props.get('kubernetesVersion'), 'string', ctx),
    network: {},
    nodePools: [],
  };
  const profile = props.get('networkProfile');
  if (profile !== undefined && profile.value.kind !== 'null') {
    const resolved = resolveObject(profile.value, ctx);
    if (resolved === undefined) {
      // The profile is there but is not an object we can read: whatever it sets is unknown, not absent.
      const result = evaluate(profile.value, ctx);
      const reason = result.ok ? `networkProfile is ${JSON.stringify(result.value)}, not an object` : result.reason;
      cluster.network.plugin = {
        how: 'unresolved',
        range: profile.value.range,
        expression: profile.value.text,
        reason,
      };
      cluster.networkProfileRange = profile.range;
    } else {
      // Written in place, the profile is the whole `networkProfile: {...}` entry; through a name, the object.
      cluster.networkProfileRange = profile.value.kind === 'identifier' ? resolved.range : profile.range;
      for (const [key, apiName] of NETWORK_KEYS) {
        const setting = settingOf(resolved.props.get(apiName), 'string', ctx);
        if (setting !== undefined) cluster.network[key] = setting;
      }
      // `ipFamilies` (Python `ip_families`): `IPv4`, or `IPv4` and `IPv6` for dual-stack.
      const families = stringListOf(resolved.props.get('ipFamilies'), ctx);
      if (families !== undefined) cluster.ipFamilies = families;
      if (cluster.network.plugin === undefined && fileKind(file.path) !== 'yaml') {
        const plugin = sdkDefaultPlugin(file, ctx.files, cluster.networkProfileRange);
        if (plugin !== undefined) cluster.network.plugin = plugin;
      }
    }
  }
  const pools = props.get('agentPoolProfiles');
  const items = pools === undefined ? undefined : resolveArray(pools.value, ctx);
  for (const [index, item] of (items ?? []).entries()) {
    const poolProps = resolveObject(item, ctx)?.props ?? new Map<string, ObjectEntry>();
    cluster.nodePools.push(buildPool(poolProps, ctx, item.range, index === 0, `agentPoolProfiles[${index}]`));
  }
  return dropUndefined(cluster);
}

/**
 * A network profile without `networkPlugin` in a program (YAML programs talk to the provider without an SDK):
 * the azure-native v1/v2 SDKs fill in "kubenet" client-side, v3 sends nothing and AKS picks (fact base §4.8).
 * A version this reader can't find is not guessed: the plugin is unresolved, with both outcomes.
 */
function sdkDefaultPlugin(file: SourceFile, files: FileSet, range: SourceRange): Setting<string> | undefined {
  const sdk = azureNativeVersion(file.path, files);
  const { value, note } = CLIENT_DEFAULTS.pulumiAzureNative;
  if (sdk.found) {
    if (sdk.major > value.lastMajor) return undefined;
    return {
      how: 'default',
      value: value.plugin,
      range,
      note: `the azure-native SDK v${sdk.major} (${sdk.file}: ${sdk.spec}) fills in networkPlugin "${value.plugin}" when networkProfile leaves it out; v3 and later leave it to AKS (${note})`,
    };
  }
  const where =
    sdk.file === undefined
      ? 'no package.json, requirements.txt, pyproject.toml or go.mod at or above this program names the azure-native SDK'
      : `${sdk.file} gives the azure-native SDK as \`${sdk.spec ?? ''}\`, which does not pin one major version`;
  return {
    how: 'unresolved',
    range,
    expression: 'networkProfile without networkPlugin',
    reason: `${where}: the v1 and v2 SDKs fill in networkPlugin "${value.plugin}" client-side, v3 leaves the choice to AKS (the platform default); set networkPlugin, or pin the SDK version, to resolve it`,
  };
}

function buildPool(
  props: Properties,
  ctx: Context,
  range: SourceRange,
  isDefault: boolean,
  fallbackName: string,
): NodePool {
  const nameEntry = props.get('name') ?? props.get('agentPoolName');
  const name = settingOf(nameEntry, 'string', ctx);
  const pool: NodePool = {
    name: name === undefined ? fallbackName : name.how === 'unresolved' ? name.expression : name.value,
    range,
    isDefault,
    osType: settingOf(props.get('osType'), 'string', ctx),
    nodeCount: settingOf(props.get('count'), 'number', ctx),
    autoScaling: settingOf(props.get('enableAutoScaling'), 'boolean', ctx),
    minCount: settingOf(props.get('minCount'), 'number', ctx),
    maxCount: settingOf(props.get('maxCount'), 'number', ctx),
    maxPods: settingOf(props.get('maxPods'), 'number', ctx),
    vnetSubnetId: settingOf(props.get('vnetSubnetID'), 'string', ctx),
    podSubnetId: settingOf(props.get('podSubnetID'), 'string', ctx),
    podIpAllocationMode: settingOf(props.get('podIPAllocationMode'), 'string', ctx),
  };
  return dropUndefined(pool);
}

/** A list of strings as one setting: literal when every item is, resolved through names, else unresolved. */
function stringListOf(item: ObjectEntry | undefined, ctx: Context): Setting<string[]> | undefined {
  if (item === undefined || item.value.kind === 'null') return undefined;
  const expr = item.value;
  const items = resolveArray(expr, ctx);
  if (items === undefined) {
    const result = evaluate(expr, ctx);
    const reason = result.ok ? `\`${expr.text}\` is ${JSON.stringify(result.value)}, not a list` : result.reason;
    return { how: 'unresolved', range: expr.range, expression: expr.text, reason };
  }
  const values: string[] = [];
  const via: ResolutionStep[] = [];
  let literal = expr.kind !== 'identifier';
  for (const [index, element] of items.entries()) {
    const setting = settingOf({ ...item, value: element }, 'string', ctx);
    if (setting === undefined) continue;
    if (setting.how === 'unresolved') return { ...setting, range: expr.range, expression: expr.text };
    if (setting.how === 'resolved') {
      literal = false;
      via.push(...setting.via);
    }
    values[index] = setting.value;
  }
  if (literal) return { how: 'literal', value: values.filter((value) => value !== undefined), range: expr.range };
  return {
    how: 'resolved',
    value: values.filter((value) => value !== undefined),
    range: expr.range,
    expression: expr.text,
    via,
  };
}

/** Absent settings are left out, not present as `undefined`, so results compare cleanly. */
function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

const TS_CONFIG_GETTERS = new Set([
  'get',
  'require',
  'getNumber',
  'requireNumber',
  'getBoolean',
  'requireBoolean',
  'getObject',
]);
const TS_SECRET_GETTERS = new Set([
  'getSecret',
  'requireSecret',
  'getSecretNumber',
  'getSecretBoolean',
  'getSecretObject',
]);
const PY_CONFIG_GETTERS = new Set([
  'get',
  'require',
  'get_int',
  'require_int',
  'get_bool',
  'require_bool',
  'get_float',
  'require_float',
  'get_object',
]);
const PY_SECRET_GETTERS = new Set([
  'get_secret',
  'require_secret',
  'get_secret_int',
  'get_secret_bool',
  'get_secret_object',
]);

/** The Python SDK's names that do not follow `snake_case` -> `camelCase`. */
const PYTHON_NAMES: Record<string, string> = {
  dns_service_ip: 'dnsServiceIP',
  vnet_subnet_id: 'vnetSubnetID',
  pod_subnet_id: 'podSubnetID',
  pod_ip_allocation_mode: 'podIPAllocationMode',
};

function pythonKeyName(key: string): string {
  const special = PYTHON_NAMES[key];
  if (special !== undefined) return special;
  // `resource_name_` is the AKS name (`resource_name` is the Pulumi name); both become `resourceName` here.
  const words = withoutTrailingUnderscores(key).split('_');
  return words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

function programContext(file: SourceFile, files: FileSet, program: Program, language: SourceLanguage): Context {
  const declarations = new Map<string, Declaration[]>();
  for (const declaration of program.declarations) {
    const list = declarations.get(declaration.name) ?? [];
    list.push(declaration);
    declarations.set(declaration.name, list);
  }
  const imports = new Map<string, ImportBinding>();
  for (const binding of program.imports) imports.set(binding.local, binding);
  const python = language === 'python';

  const ctx: Context = {
    file,
    files,
    keyName: python ? pythonKeyName : (key) => key,
    lookup(name: string): Lookup {
      const found = declarations.get(name) ?? [];
      const [only] = found;
      if (only === undefined) {
        const binding = imports.get(name);
        if (binding !== undefined) {
          return {
            kind: 'unresolved',
            reason: `\`${name}\` is imported from ${binding.module}; the analyzer reads one file at a time`,
          };
        }
        return { kind: 'unresolved', reason: `\`${name}\` is not a constant defined in this file` };
      }
      if (found.length > 1) {
        const lines = found.map((d) => d.range.startLine).join(', ');
        return {
          kind: 'unresolved',
          reason: `\`${name}\` is assigned more than once (lines ${lines}); the analyzer does not pick one`,
        };
      }
      if (only.kind === 'let' || only.kind === 'var') {
        return {
          kind: 'unresolved',
          reason: `\`${name}\` is declared with ${only.kind} and may change; declare it const to resolve it`,
        };
      }
      if (only.value === undefined) return { kind: 'unresolved', reason: `\`${name}\` is declared without a value` };
      const step = { description: `${name} = ${only.value.text} (line ${only.range.startLine})`, range: only.range };
      return { kind: 'value', expr: only.value, step };
    },
    configRead(expr: Expr, depth: number): ConfigRead | undefined {
      if (depth > MAX_DEPTH) return undefined;
      if (expr.kind === 'binary' && (expr.op === '??' || expr.op === '||')) {
        const read = ctx.configRead(expr.left, depth + 1);
        return read === undefined || read.fallback !== undefined
          ? undefined
          : { ...read, fallback: expr.right, text: expr.text };
      }
      if (expr.kind !== 'call' || expr.callee.kind !== 'member') return undefined;
      const method = expr.callee.property;
      const getters = python ? PY_CONFIG_GETTERS : TS_CONFIG_GETTERS;
      const secrets = python ? PY_SECRET_GETTERS : TS_SECRET_GETTERS;
      if (!getters.has(method) && !secrets.has(method)) return undefined;
      const config = configObject(expr.callee.object, depth + 1);
      const [key, second] = expr.args;
      if (config === undefined || key?.kind !== 'string') return undefined;
      // Python's `config.get("x", "default")` takes the fallback as its second argument.
      const fallback =
        python && method.startsWith('get')
          ? (second ?? expr.kwargs.find((k) => k.name === 'default')?.value)
          : undefined;
      return {
        namespace: config.namespace,
        key: key.value,
        fallback,
        secret: secrets.has(method),
        text: expr.text,
        range: expr.range,
      };
    },
    sdkPath(expr: Expr, depth: number): string[] | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const chain = memberChain(expr);
      const [root, ...rest] = chain ?? [];
      if (root === undefined) return undefined;
      const binding = imports.get(root);
      let prefix: string[] | undefined;
      if (binding !== undefined) {
        prefix = modulePath(binding, python);
      } else {
        // `const cs = azure_native.containerservice;`
        const [declaration, ...others] = declarations.get(root) ?? [];
        if (
          declaration?.value !== undefined &&
          others.length === 0 &&
          declaration.kind !== 'let' &&
          declaration.kind !== 'var'
        ) {
          const value = declaration.value;
          if (value.kind === 'member' || value.kind === 'identifier') prefix = ctx.sdkPath(value, depth + 1);
        }
      }
      return prefix === undefined ? undefined : normalizePath([...prefix, ...rest]);
    },
  };

  /** `new pulumi.Config("ns")`, `pulumi.Config()`, or a name bound to one. */
  function configObject(expr: Expr, depth: number): { namespace: string | undefined } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (expr.kind === 'identifier') {
      const found = declarations.get(expr.name) ?? [];
      const [only] = found;
      if (found.length !== 1 || only?.value === undefined) return undefined;
      return configObject(only.value, depth + 1);
    }
    if (expr.kind !== 'call') return undefined;
    const chain = memberChain(expr.callee);
    if (chain?.at(-1) !== 'Config') return undefined;
    const [namespace] = expr.args;
    return { namespace: namespace?.kind === 'string' ? namespace.value : undefined };
  }

  return ctx;
}

/** Where an import points inside the azure-native SDK: `[]` for the package, `["containerservice"]` for a module. */
function modulePath(binding: ImportBinding, python: boolean): string[] | undefined {
  const root = python ? 'pulumi_azure_native' : '@pulumi/azure-native';
  const separator = python ? '.' : '/';
  let inside: string[];
  if (binding.module === root) inside = [];
  else if (binding.module.startsWith(root + separator)) inside = binding.module.slice(root.length + 1).split(separator);
  else return undefined;
  return binding.imported === '*' || binding.imported === 'default' ? inside : [...inside, binding.imported];
}

/** Drops what does not change the meaning: `types.enums.` and an API version (`containerservice.v20240801`). */
function normalizePath(path: string[]): string[] {
  let result = path;
  if (result[0] === 'types' && result[1] === 'enums') result = result.slice(2);
  if (result[0] === 'containerservice' && /^(?:v\d{8}(?:preview)?|latest)$/.test(result[1] ?? '')) {
    result = [result[0], ...result.slice(2)];
  }
  return result;
}

function extractYaml(file: SourceFile, files: FileSet): ExtractResult {
  const parsed = parsedYaml(file, files);
  if (!parsed.ok) return { clusters: [], problems: parsed.problems };
  const root = parsed.value;
  const resourcesEntry = entry(root, 'resources');
  if (resourcesEntry?.value.kind !== 'object') return { clusters: [], problems: parsed.problems };
  const project = findProject(file.path, files);
  const ctx = yamlContext(file, files, root, project?.root ?? root, project?.name);
  const resources: Resource[] = [];
  for (const item of resourcesEntry.value.entries) {
    if (item.key === undefined || item.value.kind !== 'object') continue;
    const type = entry(item.value, 'type')?.value;
    const match = type?.kind === 'string' ? YAML_TYPE.exec(type.value) : null;
    const resource = match?.groups?.resource;
    // `get:` reads an existing cluster: it defines nothing.
    if ((resource !== 'ManagedCluster' && resource !== 'AgentPool') || entry(item.value, 'get') !== undefined) continue;
    const properties = entry(item.value, 'properties')?.value;
    const props = (properties && resolveObject(interpolate(properties), ctx)?.props) ?? new Map<string, ObjectEntry>();
    resources.push({ type: resource, logicalName: item.key, props, range: item.range, reference: item.key });
  }
  return { ...assemble(resources, file, ctx), problems: parsed.problems };
}

function yamlContext(
  file: SourceFile,
  files: FileSet,
  root: Expr | undefined,
  projectRoot: Expr | undefined,
  projectName: string | undefined,
): Context {
  const variables = entry(root, 'variables')?.value;
  const resources = entry(root, 'resources')?.value;
  const configs = [
    entry(projectRoot, 'config')?.value,
    entry(projectRoot, 'configuration')?.value,
    entry(root, 'config')?.value,
  ];
  return {
    file,
    files,
    keyName: (key) => key,
    lookup(name: string): Lookup {
      const variable = entry(variables, name);
      if (variable !== undefined) {
        const step = {
          description: `variables.${name} = ${variable.value.text} (line ${variable.range.startLine})`,
          range: variable.range,
        };
        return { kind: 'value', expr: interpolate(variable.value), step };
      }
      for (const config of configs) {
        const declared = entry(config, name);
        if (declared !== undefined) return { kind: 'config', read: yamlConfigRead(name, declared, projectName) };
      }
      if (entry(resources, name) !== undefined) {
        return {
          kind: 'unresolved',
          reason: `\`${name}\` is a resource; its properties are known only after deployment`,
        };
      }
      if (name === 'pulumi')
        return { kind: 'unresolved', reason: '`pulumi.*` (stack, project) is known only when the program runs' };
      return { kind: 'unresolved', reason: `\`${name}\` is not a variable or config key of this program` };
    },
    configRead: () => undefined,
    sdkPath: () => undefined,
  };
}

function yamlConfigRead(key: string, declared: ObjectEntry, namespace: string | undefined): ConfigRead {
  const value = declared.value;
  const given = value.kind === 'object' ? (entry(value, 'default') ?? entry(value, 'value'))?.value : value;
  const declaredDefault =
    given?.kind === 'string' || given?.kind === 'number' || given?.kind === 'boolean'
      ? { value: given.value, range: given.range }
      : undefined;
  const secretFlag = value.kind === 'object' ? entry(value, 'secret')?.value : undefined;
  const secret = secretFlag?.kind === 'boolean' && secretFlag.value;
  return { namespace, key, declaredDefault, secret, text: `\${${key}}`, range: declared.range };
}

const REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;

/** Pulumi YAML's `${name.property}` interpolation, turned into names and templates; `$${` is a literal `${`. */
function interpolate(expr: Expr): Expr {
  if (expr.kind === 'object') {
    const fn = expr.entries.find((e) => e.key?.startsWith('fn::'));
    if (fn !== undefined)
      return { range: expr.range, text: expr.text, kind: 'other', what: `Pulumi YAML function ${fn.key ?? ''}` };
    return { ...expr, entries: expr.entries.map((e) => ({ ...e, value: interpolate(e.value) })) };
  }
  if (expr.kind === 'array') return { ...expr, items: expr.items.map(interpolate) };
  if (expr.kind !== 'string' || !expr.value.includes('${')) return expr;
  const text = expr.value;
  const parts: ({ literal: string } | { expr: Expr })[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    if (open > 0 && text[open - 1] === '$') {
      literal += text.slice(i, open - 1) + '${';
      i = open + 2;
      continue;
    }
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    literal += text.slice(i, open);
    if (literal !== '') parts.push({ literal });
    literal = '';
    parts.push({ expr: reference(text.slice(open + 2, close).trim(), expr) });
    i = close + 1;
  }
  literal += text.slice(i);
  if (literal !== '') parts.push({ literal });
  const [single] = parts;
  if (parts.length === 1 && single !== undefined && 'expr' in single) return single.expr;
  if (parts.every((p) => 'literal' in p))
    return { ...expr, value: parts.map((p) => ('literal' in p ? p.literal : '')).join('') };
  return { range: expr.range, text: expr.text, kind: 'template', parts };
}

function reference(path: string, at: Expr): Expr {
  const common = { range: at.range, text: `\${${path}}` };
  if (!REFERENCE.test(path)) return { ...common, kind: 'other', what: 'an indexed reference' };
  const [first = '', ...rest] = path.split('.');
  let result: Expr = { ...common, kind: 'identifier', name: first };
  for (const property of rest) result = { ...common, kind: 'member', object: result, property };
  return result;
}

/** `key` without trailing `_`s; a loop because `/_+$/` is quadratic on a long run of `_` not at the end. */
function withoutTrailingUnderscores(key: string): string {
  let end = key.length;
  while (end > 0 && key[end - 1] === '_') end--;
  return key.slice(0, end);
}
