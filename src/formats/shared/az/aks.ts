import { withAutomaticDefaults } from '../automatic.js';
import { namesFor } from '../../../knowledge/names.js';
import type {
  Cluster,
  ClusterUpdate,
  NetworkProfile,
  NetworkSettingKey,
  NodePool,
  Setting,
  SourceRange,
} from '../../../model/index.js';
import { addPool, isFull, listSetting, settingText, uniqueId } from '../script/collector.js';
import type { Collector, PoolTarget } from '../script/collector.js';
import { booleanSetting, evaluate, literalText, numberSetting, stringSetting, wordRange } from '../script/words.js';
import type { Command, Env, Word } from '../script/words.js';

/**
 * Reads `az aks create`, `az aks nodepool add` and `az aks update` commands (from any host: a shell
 * script, a make recipe, a CI step, a Markdown fence, a PowerShell script) into clusters and updates.
 * The `Collector` is shared with the Az.Aks cmdlet reader so that a pool added by either attaches to a
 * cluster created by either earlier in the same file.
 */

export interface Option {
  /** Canonical long name, e.g. `--network-plugin`. */
  name: string;
  flag: Word;
  value?: Word;
  /** For a flag that takes a list (`--address-prefixes 10.0.0.0/16 10.1.0.0/16`): every value word. */
  values?: Word[];
}

type Subcommand = 'create' | 'update' | 'nodepool add';

const SHORT: Record<Subcommand, Record<string, string>> = {
  create: {
    '-n': '--name',
    '-g': '--resource-group',
    '-k': '--kubernetes-version',
    '-c': '--node-count',
    '-m': '--max-pods',
  },
  update: { '-n': '--name', '-g': '--resource-group' },
  'nodepool add': {
    '-n': '--name',
    '-g': '--resource-group',
    '-c': '--node-count',
    '-m': '--max-pods',
    '-k': '--kubernetes-version',
  },
};

/** Flags that take no value (the ones we read, and common ones that sit before a flag we read). */
const SWITCHES = new Set([
  '--enable-cluster-autoscaler',
  '--enable-cilium-dataplane',
  '--generate-ssh-keys',
  '--no-ssh-key',
  '--no-wait',
  '--yes',
  '-y',
  '--enable-managed-identity',
  '--enable-private-cluster',
  '--disable-private-cluster',
  '--enable-aad',
  '--enable-azure-rbac',
  '--enable-oidc-issuer',
  '--enable-workload-identity',
  '--enable-acns',
  '--disable-acns',
  '--enable-ahub',
  '--enable-encryption-at-host',
  '--enable-fips-image',
  '--enable-node-public-ip',
  '--enable-ultra-ssd',
  '--enable-keda',
  '--enable-vpa',
  '--enable-image-cleaner',
  '--enable-blob-driver',
  '--enable-secret-rotation',
  '--enable-windows-gmsa',
  '--enable-defender',
  '--enable-cost-analysis',
  '--disable-cluster-autoscaler',
  '--update-cluster-autoscaler',
  '--enable-azure-monitor-metrics',
  '--disable-local-accounts',
  '--enable-apiserver-vnet-integration',
  '--debug',
  '--verbose',
  '--only-show-errors',
]);

const NETWORK_FLAGS: Record<string, NetworkSettingKey> = Object.fromEntries(
  namesFor('azureCli').map(([key, flag]) => [flag, key]),
);

/** The network flags `az aks update` takes (§4.6); `--service-cidr` and `--dns-service-ip` are create-only. */
const UPDATE_NETWORK_FLAGS = new Set([
  '--network-plugin',
  '--network-plugin-mode',
  '--network-dataplane',
  '--network-policy',
  '--pod-cidr',
  '--load-balancer-sku',
  '--outbound-type',
]);

/** Which az aks subcommand a command is, when its first words are written plainly. */
function azSubcommand(command: Command): { subcommand: Subcommand; argsFrom: number } | undefined {
  const [az, aks, verb, sub] = command.words.map((word) => literalText(word));
  if (az === undefined || !/^(?:.*[\\/])?az(?:\.cmd|\.exe)?$/i.test(az) || aks !== 'aks') return undefined;
  if (verb === 'create' || verb === 'update') return { subcommand: verb, argsFrom: 3 };
  if (verb === 'nodepool' && sub === 'add') return { subcommand: 'nodepool add', argsFrom: 4 };
  return undefined;
}

/**
 * Splits the arguments into options. An unquoted variable in a flag position may stand for several
 * flags: when it resolves, its words are read; when it does not, the command has unknown options.
 */
export function readOptions(
  words: readonly Word[],
  short: Readonly<Record<string, string>>,
  env: Env,
  path: string,
  lists: ReadonlySet<string> = new Set(),
): { options: Map<string, Option>; unknown?: Word } {
  const options = new Map<string, Option>();
  let unknown: Word | undefined;
  const expanded: Word[] = [];
  for (const word of words) expanded.push(...splitUnquoted(word, env, path));
  for (let index = 0; index < expanded.length; index += 1) {
    const word = expanded[index];
    if (word === undefined) continue;
    const head = word.parts[0];
    if (head?.kind !== 'text' || !head.text.startsWith('-') || head.text === '-' || head.text === '--') {
      if (head !== undefined && head.kind !== 'text' && word.parts.length === 1 && unknown === undefined)
        unknown = word;
      continue;
    }
    const equals = head.text.indexOf('=');
    const written = equals > 0 ? head.text.slice(0, equals) : head.text;
    const name = short[written] ?? written;
    if (equals > 0) {
      const rest = head.text.slice(equals + 1);
      const parts = rest.length > 0 ? [{ ...head, text: rest }, ...word.parts.slice(1)] : word.parts.slice(1);
      const value: Word = { ...word, parts, raw: word.raw.slice(word.raw.indexOf('=') + 1) };
      options.set(name, { name, flag: word, value });
      continue;
    }
    if (word.parts.length > 1) continue;
    const next = expanded[index + 1];
    if (SWITCHES.has(name) || next === undefined || looksLikeFlag(next)) {
      options.set(name, { name, flag: word });
      continue;
    }
    if (!lists.has(name)) {
      options.set(name, { name, flag: word, value: next });
      index += 1;
      continue;
    }
    const values = [next];
    for (let more = expanded[index + 2]; more !== undefined && !looksLikeFlag(more); more = expanded[index + 2]) {
      values.push(more);
      index += 1;
    }
    options.set(name, { name, flag: word, value: next, values });
    index += 1;
  }
  return unknown === undefined ? { options } : { options, unknown };
}

function looksLikeFlag(word: Word): boolean {
  const head = word.parts[0];
  return head?.kind === 'text' && /^--?[A-Za-z]/.test(head.text);
}

/** `$ARGS` unquoted, resolved to `--a b --c d`: the shell splits it into words, each on the word's lines. */
function splitUnquoted(word: Word, env: Env, path: string): Word[] {
  const only = word.parts[0];
  if (word.parts.length !== 1 || only?.kind !== 'var' || only.scope === 'powershell') return [word];
  const value = evaluate(word, env, path);
  if (!value.ok || !/\s/.test(value.text.trim())) return [word];
  return value.text
    .trim()
    .split(/\s+/)
    .map((text) => ({ ...word, parts: [{ kind: 'text', text, quoted: true }], raw: text }));
}

export function commandRange(command: Command, path: string): SourceRange {
  return { file: path, startLine: command.startLine, endLine: command.endLine };
}

export function stringOption(
  options: Map<string, Option>,
  name: string,
  env: Env,
  path: string,
): Setting<string> | undefined {
  const option = options.get(name);
  if (option === undefined) return undefined;
  if (option.value === undefined) return missingValue(option, path);
  return stringSetting(option.value, env, path);
}

function numberOption(options: Map<string, Option>, name: string, env: Env, path: string): Setting<number> | undefined {
  const option = options.get(name);
  if (option === undefined) return undefined;
  if (option.value === undefined) return missingValue(option, path);
  return numberSetting(option.value, env, path);
}

function switchOption(
  options: Map<string, Option>,
  name: string,
  env: Env,
  path: string,
): Setting<boolean> | undefined {
  const option = options.get(name);
  if (option === undefined) return undefined;
  if (option.value !== undefined) return booleanSetting(option.value, env, path);
  return { how: 'literal', value: true, range: wordRange(option.flag, path) };
}

function missingValue(option: Option, path: string): Setting<never> {
  return {
    how: 'unresolved',
    range: wordRange(option.flag, path),
    expression: option.flag.raw,
    reason: `${option.flag.raw} is given without a value`,
  };
}

function network(options: Map<string, Option>, flags: Iterable<string>, env: Env, path: string): NetworkProfile {
  const profile: NetworkProfile = {};
  for (const flag of flags) {
    const key = NETWORK_FLAGS[flag];
    const setting = stringOption(options, flag, env, path);
    if (key !== undefined && setting !== undefined) profile[key] = setting;
  }
  // Deprecated, hidden aks-preview flag that redirects to `--network-dataplane` (§2, §4.6).
  const cilium = options.get('--enable-cilium-dataplane');
  if (profile.dataplane === undefined && cilium !== undefined && cilium.value === undefined) {
    profile.dataplane = { how: 'literal', value: 'cilium', range: wordRange(cilium.flag, path) };
  }
  return profile;
}

/** A flag hidden in an unresolved variable could be any flag: the plugin is then not known. */
function unknownPlugin(unknown: Word, env: Env, path: string): Setting<string> {
  const value = evaluate(unknown, env, path);
  const why = value.ok ? '' : ` (${value.reason})`;
  return {
    how: 'unresolved',
    range: wordRange(unknown, path),
    expression: unknown.raw,
    reason: `no --network-plugin is written, and ${unknown.raw} may hold more options${why}; writing --network-plugin explicitly would resolve it`,
  };
}

function pool(
  options: Map<string, Option>,
  name: string,
  isDefault: boolean,
  range: SourceRange,
  env: Env,
  path: string,
): NodePool {
  const result: NodePool = { name, range, isDefault };
  const settings = {
    osType: stringOption(options, '--os-type', env, path),
    nodeCount: numberOption(options, '--node-count', env, path),
    autoScaling: switchOption(options, '--enable-cluster-autoscaler', env, path),
    minCount: numberOption(options, '--min-count', env, path),
    maxCount: numberOption(options, '--max-count', env, path),
    maxPods: numberOption(options, '--max-pods', env, path),
    vnetSubnetId: stringOption(options, '--vnet-subnet-id', env, path),
    podSubnetId: stringOption(options, '--pod-subnet-id', env, path),
    podIpAllocationMode: stringOption(options, '--pod-ip-allocation-mode', env, path),
  } satisfies Partial<NodePool>;
  if (isDefault) settings.osType = undefined;
  for (const [key, setting] of Object.entries(settings)) {
    if (setting !== undefined) Object.assign(result, { [key]: setting });
  }
  return result;
}

/** A pool's name as a label: its value when known, else the expression as written. */
function poolName(setting: Setting<string> | undefined, fallback: string): string {
  if (setting === undefined) return fallback;
  if (setting.how === 'unresolved') return setting.expression;
  return setting.value;
}

/** Reads one command; does nothing unless it is one of the three az aks commands we model. */
export function readAzCommand(command: Command, env: Env, collector: Collector): void {
  const which = azSubcommand(command);
  if (which === undefined || isFull(collector)) return;
  const { path, format, documentation } = collector.context;
  const { options, unknown } = readOptions(command.words.slice(which.argsFrom), SHORT[which.subcommand], env, path);
  const range = commandRange(command, path);
  const name = stringOption(options, '--name', env, path);
  const resourceGroup = stringOption(options, '--resource-group', env, path);

  if (which.subcommand === 'create') {
    const profile = network(options, Object.keys(NETWORK_FLAGS), env, path);
    if (profile.plugin === undefined && unknown !== undefined) profile.plugin = unknownPlugin(unknown, env, path);
    const label = settingText(name) ?? `line ${range.startLine}`;
    const nodepoolName = stringOption(options, '--nodepool-name', env, path);
    const cluster: Cluster = {
      id: uniqueId(collector, `az aks create ${label}`, range.startLine),
      format,
      definition: 'az aks create',
      range,
      network: profile,
      nodePools: [pool(options, poolName(nodepoolName, 'default'), true, range, env, path)],
    };
    if (name !== undefined) cluster.name = name;
    if (resourceGroup !== undefined) cluster.resourceGroup = resourceGroup;
    const version = stringOption(options, '--kubernetes-version', env, path);
    if (version !== undefined) cluster.kubernetesVersion = version;
    const families = stringOption(options, '--ip-families', env, path);
    if (families !== undefined) cluster.ipFamilies = listSetting(families, /,/);
    const sku = stringOption(options, '--sku', env, path);
    withAutomaticDefaults(cluster, sku, sku?.how === 'unresolved' ? undefined : `--sku ${sku?.value ?? ''}`);
    if (documentation) cluster.documentation = true;
    collector.clusters.push(cluster);
    return;
  }

  if (which.subcommand === 'nodepool add') {
    const added = pool(options, poolName(name, `line ${range.startLine}`), false, range, env, path);
    const clusterName = stringOption(options, '--cluster-name', env, path);
    const target: PoolTarget = { definition: 'az aks nodepool add', range };
    if (clusterName !== undefined) target.clusterName = clusterName;
    if (resourceGroup !== undefined) target.resourceGroup = resourceGroup;
    addPool(collector, added, target);
    return;
  }

  const label = settingText(name) ?? `line ${range.startLine}`;
  const update: ClusterUpdate = {
    id: uniqueId(collector, `az aks update ${label}`, range.startLine),
    format,
    definition: 'az aks update',
    range,
    network: network(options, UPDATE_NETWORK_FLAGS, env, path),
    nodePools: [],
  };
  if (name !== undefined) update.name = name;
  if (resourceGroup !== undefined) update.resourceGroup = resourceGroup;
  if (documentation) update.documentation = true;
  collector.updates.push(update);
}
