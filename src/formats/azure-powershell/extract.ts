import { CLIENT_DEFAULTS } from '../../knowledge/defaults.js';
import { namesFor } from '../../knowledge/names.js';
import type {
  AddressSpace,
  Cluster,
  ClusterUpdate,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NetworkSettingKey,
  NodePool,
  Setting,
  SourceFile,
  SourceRange,
} from '../../model/index.js';
import { readAzCommand } from '../shared/az/aks.js';
import { hasAzCommand } from '../shared/az/detect.js';
import { readNetworkCommand } from '../shared/az/network.js';
import { addPool, createCollector, isFull, listSetting, settingText, uniqueId } from '../shared/script/collector.js';
import type { Collector, PoolTarget } from '../shared/script/collector.js';
import {
  assign,
  booleanSetting,
  envKey,
  literalText,
  numberSetting,
  stringSetting,
  wordRange,
} from '../shared/script/words.js';
import type { Command, Env, Word } from '../shared/script/words.js';
import { parse } from './parse.js';

/**
 * Az.Aks cmdlets (`New-AzAksCluster`, `New-AzAksNodePool`, `Set-AzAksCluster`, `Update-AzAksCluster`) and
 * `az aks` commands in PowerShell scripts. Parameter names are from the Az.Aks help
 * (Azure/azure-powershell `src/Aks/Aks/help/*.md`); PowerShell matches them case-insensitively.
 */

type Cmdlet = 'new-azakscluster' | 'new-azaksnodepool' | 'set-azakscluster' | 'update-azakscluster';

const CMDLETS = new Set<string>(['new-azakscluster', 'new-azaksnodepool', 'set-azakscluster', 'update-azakscluster']);

const CMDLET_NAMES =
  /New-AzAksCluster|New-AzAksNodePool|Set-AzAksCluster|Update-AzAksCluster|New-AzVirtualNetwork|Add-AzVirtualNetworkSubnetConfig/i;

/** The cheap pre-check: an AKS cmdlet or `az aks`, or a virtual network or subnet being created. */
export function mentionsAks(text: string): boolean {
  return CMDLET_NAMES.test(text) || hasAzCommand(text, true);
}

/** Parameters bound by position (`New-AzAksCluster myRG myCluster`), per the help's SYNTAX. */
const POSITIONAL: Record<Cmdlet, string[]> = {
  'new-azakscluster': ['resourcegroupname', 'name'],
  'set-azakscluster': ['resourcegroupname', 'name'],
  'update-azakscluster': ['resourcegroupname', 'name'],
  'new-azaksnodepool': [],
};

const NAMED_SWITCHES = new Set([
  'force',
  'generatesshkey',
  'asjob',
  'whatif',
  'confirm',
  'nodeimageonly',
  'controlplaneonly',
]);

function isSwitch(name: string): boolean {
  return NAMED_SWITCHES.has(name) || /^(?:node)?(?:enable|disable)/.test(name);
}

/** Lower-cased parameter name without its dash -> the setting (`networkplugin` -> `plugin`). */
const NETWORK_PARAMETERS: Record<string, NetworkSettingKey> = Object.fromEntries(
  namesFor('powershell').map(([key, parameter]) => [parameter.slice(1).toLowerCase(), key]),
);

interface Parameter {
  /** The `-Name` word, or the splat word for a hashtable entry. */
  flag: Word;
  value?: Word;
}

interface BoundParameters {
  byName: Map<string, Parameter>;
  /** A splat of a hashtable not assigned in the script: it could hold any parameter. */
  unknownSplat?: Word;
}

const PARAMETER = /^-(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<colon>:?)/;

function readParameters(positionals: readonly string[], words: readonly Word[], env: Env): BoundParameters {
  const byName = new Map<string, Parameter>();
  const explicit = new Map<string, Parameter>();
  let unknownSplat: Word | undefined;
  let position = 0;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index];
    if (word === undefined) continue;
    if (word.splat !== undefined) {
      const table = env.get(envKey('powershell', word.splat))?.table;
      if (table === undefined) unknownSplat ??= word;
      for (const [key, entry] of table?.entries ?? []) byName.set(key, { flag: word, value: entry.value });
      continue;
    }
    const head = word.parts[0];
    const match = head?.kind === 'text' && !head.quoted ? PARAMETER.exec(head.text) : null;
    if (head?.kind !== 'text' || match?.groups === undefined) {
      const positional = positionals[position];
      position += 1;
      if (positional !== undefined) explicit.set(positional, { flag: word, value: word });
      continue;
    }
    const name = (match.groups['name'] ?? '').toLowerCase();
    if (match.groups['colon'] === ':') {
      const rest = head.text.slice(match[0].length);
      const parts = rest.length > 0 ? [{ ...head, text: rest }, ...word.parts.slice(1)] : word.parts.slice(1);
      explicit.set(name, { flag: word, value: { ...word, parts, raw: word.raw.slice(word.raw.indexOf(':') + 1) } });
      continue;
    }
    const next = words[index + 1];
    const nextHead = next?.parts[0];
    const nextIsParameter =
      next?.splat !== undefined || (nextHead?.kind === 'text' && !nextHead.quoted && PARAMETER.test(nextHead.text));
    if (isSwitch(name) || next === undefined || nextIsParameter) {
      explicit.set(name, { flag: word });
      continue;
    }
    explicit.set(name, { flag: word, value: next });
    index += 1;
  }
  for (const [name, parameter] of explicit) byName.set(name, parameter);
  return unknownSplat === undefined ? { byName } : { byName, unknownSplat };
}

interface Reader {
  parameters: BoundParameters;
  env: Env;
  path: string;
}

function text(reader: Reader, name: string): Setting<string> | undefined {
  const parameter = reader.parameters.byName.get(name);
  if (parameter === undefined) return undefined;
  if (parameter.value === undefined) return missing(parameter, reader.path);
  return stringSetting(parameter.value, reader.env, reader.path);
}

function whole(reader: Reader, name: string): Setting<number> | undefined {
  const parameter = reader.parameters.byName.get(name);
  if (parameter === undefined) return undefined;
  if (parameter.value === undefined) return missing(parameter, reader.path);
  return numberSetting(parameter.value, reader.env, reader.path);
}

function flag(reader: Reader, name: string): Setting<boolean> | undefined {
  const parameter = reader.parameters.byName.get(name);
  if (parameter === undefined) return undefined;
  if (parameter.value === undefined)
    return { how: 'literal', value: true, range: wordRange(parameter.flag, reader.path) };
  return booleanSetting(parameter.value, reader.env, reader.path);
}

function missing(parameter: Parameter, path: string): Setting<never> {
  return {
    how: 'unresolved',
    range: wordRange(parameter.flag, path),
    expression: parameter.flag.raw,
    reason: `${parameter.flag.raw} is given without a value`,
  };
}

function networkOf(reader: Reader): NetworkProfile {
  const profile: NetworkProfile = {};
  for (const [parameter, key] of Object.entries(NETWORK_PARAMETERS)) {
    const setting = text(reader, parameter);
    if (setting !== undefined) profile[key] = setting;
  }
  const splat = reader.parameters.unknownSplat;
  if (profile.plugin === undefined && splat !== undefined) {
    profile.plugin = {
      how: 'unresolved',
      range: wordRange(splat, reader.path),
      expression: splat.raw,
      reason: `no -NetworkPlugin is written, and the splatted ${splat.raw} is not a hashtable assigned in this script, so it may set one; a literal hashtable or an explicit -NetworkPlugin would resolve it`,
    };
  }
  return profile;
}

function poolOf(
  reader: Reader,
  name: string,
  isDefault: boolean,
  range: SourceRange,
  names: Record<keyof PoolFields, string>,
): NodePool {
  const pool: NodePool = { name, range, isDefault };
  const fields: PoolFields = {
    osType: text(reader, names.osType),
    nodeCount: whole(reader, names.nodeCount),
    autoScaling: flag(reader, names.autoScaling),
    minCount: whole(reader, names.minCount),
    maxCount: whole(reader, names.maxCount),
    maxPods: whole(reader, names.maxPods),
    vnetSubnetId: text(reader, names.vnetSubnetId),
    podSubnetId: text(reader, names.podSubnetId),
    podIpAllocationMode: text(reader, names.podIpAllocationMode),
  };
  for (const [key, setting] of Object.entries(fields)) {
    if (setting !== undefined) Object.assign(pool, { [key]: setting });
  }
  return pool;
}

type PoolFields = Pick<
  NodePool,
  | 'osType'
  | 'nodeCount'
  | 'autoScaling'
  | 'minCount'
  | 'maxCount'
  | 'maxPods'
  | 'vnetSubnetId'
  | 'podSubnetId'
  | 'podIpAllocationMode'
>;

/** `New-AzAksCluster`'s default pool parameters (`-Node*`); it has no OS type of its own. */
const CLUSTER_POOL: Record<keyof PoolFields, string> = {
  osType: '-',
  nodeCount: 'nodecount',
  autoScaling: 'enablenodeautoscaling',
  minCount: 'nodemincount',
  maxCount: 'nodemaxcount',
  maxPods: 'nodemaxpodcount',
  vnetSubnetId: 'nodevnetsubnetid',
  podSubnetId: 'nodepodsubnetid',
  podIpAllocationMode: 'nodepodipallocationmode',
};

/** `New-AzAksNodePool` (no pod IP allocation mode parameter in the help read). */
const NODE_POOL: Record<keyof PoolFields, string> = {
  osType: 'ostype',
  nodeCount: 'count',
  autoScaling: 'enableautoscaling',
  minCount: 'mincount',
  maxCount: 'maxcount',
  maxPods: 'maxpodcount',
  vnetSubnetId: 'vnetsubnetid',
  podSubnetId: 'podsubnetid',
  podIpAllocationMode: '-',
};

function label(setting: Setting<string> | undefined, fallback: string): string {
  if (setting === undefined) return fallback;
  return setting.how === 'unresolved' ? setting.expression : setting.value;
}

function readCmdlet(cmdlet: Cmdlet, command: Command, env: Env, collector: Collector, display: string): void {
  if (isFull(collector)) return;
  const { path, format } = collector.context;
  const reader: Reader = { parameters: readParameters(POSITIONAL[cmdlet], command.words.slice(1), env), env, path };
  const range: SourceRange = { file: path, startLine: command.startLine, endLine: command.endLine };
  const resourceGroup = text(reader, 'resourcegroupname');

  if (cmdlet === 'new-azakscluster') {
    const name = text(reader, 'name');
    const network = networkOf(reader);
    // Az.Aks sends -NetworkPlugin's own default, "azure", when it is left out: AKS's default never applies.
    const cmdletWord = command.words[0];
    if (network.plugin === undefined && cmdletWord !== undefined) {
      const { value, note } = CLIENT_DEFAULTS.azPowerShell;
      network.plugin = { how: 'default', value, range: wordRange(cmdletWord, path), note };
    }
    const cluster: Cluster = {
      id: uniqueId(collector, `New-AzAksCluster ${settingText(name) ?? `line ${range.startLine}`}`, range.startLine),
      format,
      definition: 'New-AzAksCluster',
      range,
      network,
      nodePools: [poolOf(reader, label(text(reader, 'nodename'), 'default'), true, range, CLUSTER_POOL)],
    };
    if (name !== undefined) cluster.name = name;
    if (resourceGroup !== undefined) cluster.resourceGroup = resourceGroup;
    const version = text(reader, 'kubernetesversion');
    if (version !== undefined) cluster.kubernetesVersion = version;
    // `-IPFamily IPv4,IPv6` (the newer New-AzAksCluster help, §4.7): PowerShell's comma makes an array.
    const families = text(reader, 'ipfamily');
    if (families !== undefined) cluster.ipFamilies = listSetting(families, /,/);
    collector.clusters.push(cluster);
    return;
  }

  if (cmdlet === 'new-azaksnodepool') {
    const pool = poolOf(reader, label(text(reader, 'name'), `line ${range.startLine}`), false, range, NODE_POOL);
    const clusterName = text(reader, 'clustername');
    const target: PoolTarget = { definition: 'New-AzAksNodePool', range };
    if (clusterName !== undefined) target.clusterName = clusterName;
    if (resourceGroup !== undefined) target.resourceGroup = resourceGroup;
    addPool(collector, pool, target);
    return;
  }

  const name = text(reader, 'name');
  const update: ClusterUpdate = {
    id: uniqueId(collector, `${display} ${settingText(name) ?? `line ${range.startLine}`}`, range.startLine),
    format,
    definition: display,
    range,
    network: networkOf(reader),
    nodePools: [],
  };
  if (name !== undefined) update.name = name;
  if (resourceGroup !== undefined) update.resourceGroup = resourceGroup;
  collector.updates.push(update);
}

const DISPLAY: Record<Cmdlet, string> = {
  'new-azakscluster': 'New-AzAksCluster',
  'new-azaksnodepool': 'New-AzAksNodePool',
  'set-azakscluster': 'Set-AzAksCluster',
  'update-azakscluster': 'Update-AzAksCluster',
};

function isCmdlet(name: string): name is Cmdlet {
  return CMDLETS.has(name);
}

export function extract(file: SourceFile, _files: FileSet): ExtractResult {
  if (!mentionsAks(file.text)) return { clusters: [], problems: [] };
  try {
    return extractScript(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      clusters: [],
      problems: [
        {
          kind: 'parse-error',
          range: { file: file.path, startLine: 1, endLine: 1 },
          message: `unexpected error while reading the script: ${message}`,
        },
      ],
    };
  }
}

function extractScript(file: SourceFile): ExtractResult {
  const parsed = parse(file.text, file.path);
  if (!parsed.ok) return { clusters: [], problems: parsed.problems };
  const collector = createCollector({ format: 'azure-powershell', path: file.path, documentation: false });
  collector.problems.push(...parsed.problems);
  const env: Env = new Map();
  const networks: Networks = { subnets: new Map(), vnets: new Map() };
  for (const statement of parsed.statements) {
    if (statement.kind === 'assign') {
      assign(statement, env, file.path);
      continue;
    }
    const first = statement.command.words[0];
    const name = first === undefined ? undefined : literalText(first)?.toLowerCase();
    if (name !== undefined && isCmdlet(name)) readCmdlet(name, statement.command, env, collector, DISPLAY[name]);
    else if (name !== undefined && isNetworkCmdlet(name))
      readNetworkCmdlet(name, statement.command, statement.assignedTo, env, collector, networks);
    else {
      readAzCommand(statement.command, env, collector);
      readNetworkCommand(statement.command, env, collector);
    }
  }
  return {
    clusters: collector.clusters,
    problems: collector.problems,
    updates: collector.updates,
    addressSpaces: collector.addressSpaces,
  };
}

type NetworkCmdlet =
  | 'new-azvirtualnetwork'
  | 'new-azvirtualnetworksubnetconfig'
  | 'add-azvirtualnetworksubnetconfig'
  | 'get-azvirtualnetwork';

const NETWORK_CMDLETS = new Set<string>([
  'new-azvirtualnetwork',
  'new-azvirtualnetworksubnetconfig',
  'add-azvirtualnetworksubnetconfig',
  'get-azvirtualnetwork',
]);

function isNetworkCmdlet(name: string): name is NetworkCmdlet {
  return NETWORK_CMDLETS.has(name);
}

/** What the script's variables hold: subnet configs (`$s = New-AzVirtualNetworkSubnetConfig`) and networks. */
interface Networks {
  subnets: Map<string, AddressSpace>;
  /** Lower-cased variable -> the virtual network's name (undefined when not known). */
  vnets: Map<string, string | undefined>;
}

/**
 * Best effort over the Az.Network cmdlets (parameter names from their help): a subnet config joins the
 * virtual network whose `-Subnet` lists its variable, and `Add-AzVirtualNetworkSubnetConfig` the one its
 * `-VirtualNetwork` variable holds. A pool names the subnet as `$vnet.Subnets[0].Id` (by position in `-Subnet`).
 */
function readNetworkCmdlet(
  cmdlet: NetworkCmdlet,
  command: Command,
  assignedTo: string | undefined,
  env: Env,
  collector: Collector,
  networks: Networks,
): void {
  if (isFull(collector)) return;
  const { path } = collector.context;
  const reader: Reader = { parameters: readParameters([], command.words.slice(1), env), env, path };
  const range: SourceRange = { file: path, startLine: command.startLine, endLine: command.endLine };
  const name = settingText(text(reader, 'name'));
  const variable = assignedTo?.toLowerCase();
  if (cmdlet === 'get-azvirtualnetwork') {
    if (variable !== undefined) networks.vnets.set(variable, name);
    return;
  }
  const prefixes = prefixList(reader, 'addressprefix');
  if (cmdlet === 'new-azvirtualnetwork') {
    const label = name ?? `line ${range.startLine}`;
    const id = uniqueId(collector, `${path}: New-AzVirtualNetwork ${label}`, range.startLine);
    const space: AddressSpace = { kind: 'virtual-network', id, prefixes, range, references: [] };
    if (name !== undefined) space.name = name;
    collector.addressSpaces.push(space);
    if (variable !== undefined) networks.vnets.set(variable, name);
    const listed = reader.parameters.byName.get('subnet')?.value?.parts ?? [];
    let position = 0;
    for (const part of listed) {
      if (part.kind === 'text' && part.text.trim() === ',') continue;
      const subnet = part.kind === 'var' ? networks.subnets.get(part.name.toLowerCase()) : undefined;
      if (subnet !== undefined) {
        if (name !== undefined) subnet.virtualNetwork = name;
        if (assignedTo !== undefined) subnet.references.push(`$${assignedTo}.Subnets[${position}].Id`);
      }
      position += 1;
    }
    return;
  }
  const display = cmdlet === 'add-azvirtualnetworksubnetconfig' ? 'Add' : 'New';
  const label = name ?? `line ${range.startLine}`;
  const id = uniqueId(collector, `${path}: ${display}-AzVirtualNetworkSubnetConfig ${label}`, range.startLine);
  const space: AddressSpace = { kind: 'subnet', id, prefixes, range, references: [] };
  if (name !== undefined) space.name = name;
  if (cmdlet === 'add-azvirtualnetworksubnetconfig') {
    const target = reader.parameters.byName.get('virtualnetwork')?.value?.parts;
    const only = target?.length === 1 ? target[0] : undefined;
    const vnet = only?.kind === 'var' ? networks.vnets.get(only.name.toLowerCase()) : undefined;
    if (vnet !== undefined) space.virtualNetwork = vnet;
  } else if (variable !== undefined) {
    networks.subnets.set(variable, space);
  }
  collector.addressSpaces.push(space);
}

/** `-AddressPrefix "10.0.0.0/16","10.1.0.0/16"`: one setting per prefix, with the word's provenance. */
function prefixList(reader: Reader, name: string): Setting<string>[] {
  const setting = text(reader, name);
  if (setting === undefined) return [];
  if (setting.how === 'unresolved') return [setting];
  const list = listSetting(setting, /,/);
  return list.how === 'unresolved' ? [list] : list.value.map((value) => ({ ...setting, value }));
}
