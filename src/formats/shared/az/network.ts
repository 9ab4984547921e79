import type { AddressSpace, Setting, SourceRange } from '../../../model/index.js';
import { isFull, settingText, uniqueId } from '../script/collector.js';
import type { Collector } from '../script/collector.js';
import { literalText, stringSetting } from '../script/words.js';
import type { Command, Env } from '../script/words.js';
import { commandRange, readOptions, stringOption } from './aks.js';
import type { Option } from './aks.js';

/**
 * `az network vnet create` and `az network vnet subnet create` as address spaces, so that the IP-planning
 * rules see the ranges a cluster's pools use. Pools name a subnet by ID: a literal ID, or one printed by
 * `$(az network vnet subnet show ... --query id -o tsv)` (see `substitution.ts`); the engine matches both by
 * the virtual network and subnet names, so `references` stays empty.
 */

type NetworkCommand = 'vnet create' | 'subnet create';

const SHORT: Record<string, string> = { '-n': '--name', '-g': '--resource-group' };

/** Flags that take a space-separated list; the singular forms are the older spellings. */
const LISTS = new Set(['--address-prefixes', '--address-prefix', '--subnet-prefixes', '--subnet-prefix']);

/** Whether the command is one of the two we read, when its first words are written plainly. */
function networkCommand(command: Command): { which: NetworkCommand; argsFrom: number } | undefined {
  const [az, network, vnet, verb, sub] = command.words.slice(0, 5).map((word) => literalText(word));
  if (az === undefined || !/^(?:.*[\\/])?az(?:\.cmd|\.exe)?$/i.test(az)) return undefined;
  if (network !== 'network' || vnet !== 'vnet') return undefined;
  if (verb === 'create') return { which: 'vnet create', argsFrom: 4 };
  if (verb === 'subnet' && sub === 'create') return { which: 'subnet create', argsFrom: 5 };
  return undefined;
}

/** Reads one command; does nothing unless it creates a virtual network or a subnet. */
export function readNetworkCommand(command: Command, env: Env, collector: Collector): void {
  const found = networkCommand(command);
  if (found === undefined || isFull(collector)) return;
  const { path } = collector.context;
  const { options } = readOptions(command.words.slice(found.argsFrom), SHORT, env, path, LISTS);
  const range = commandRange(command, path);
  const name = settingText(stringOption(options, '--name', env, path));

  if (found.which === 'subnet create') {
    const vnet = settingText(stringOption(options, '--vnet-name', env, path));
    const label = `${vnet ?? '?'}/${name ?? `line ${range.startLine}`}`;
    const prefixes = prefixesOf(options, ['--address-prefixes', '--address-prefix'], env, path);
    collector.addressSpaces.push(
      space(collector, 'subnet', `az network vnet subnet create ${label}`, range, prefixes, name, vnet),
    );
    return;
  }

  const label = name ?? `line ${range.startLine}`;
  const prefixes = prefixesOf(options, ['--address-prefixes', '--address-prefix'], env, path);
  collector.addressSpaces.push(
    space(collector, 'virtual-network', `az network vnet create ${label}`, range, prefixes, name),
  );
  const subnetName = stringOption(options, '--subnet-name', env, path);
  const subnetPrefixes = prefixesOf(options, ['--subnet-prefixes', '--subnet-prefix'], env, path);
  if (subnetName === undefined && subnetPrefixes.length === 0) return;
  const subnet = settingText(subnetName);
  const subnetLabel = `${label}/${subnet ?? 'subnet'}`;
  collector.addressSpaces.push(
    space(collector, 'subnet', `az network vnet create ${subnetLabel}`, range, subnetPrefixes, subnet, name),
  );
}

function space(
  collector: Collector,
  kind: AddressSpace['kind'],
  base: string,
  range: SourceRange,
  prefixes: Setting<string>[],
  name: string | undefined,
  virtualNetwork?: string,
): AddressSpace {
  const id = uniqueId(collector, `${collector.context.path}: ${base}`, range.startLine);
  const result: AddressSpace = { kind, id, prefixes, range, references: [] };
  if (name !== undefined) result.name = name;
  if (virtualNetwork !== undefined) result.virtualNetwork = virtualNetwork;
  return result;
}

/** Every prefix the flag lists; a value that resolves to several words (`"$PREFIXES"`) gives several. */
function prefixesOf(options: Map<string, Option>, flags: readonly string[], env: Env, path: string): Setting<string>[] {
  const option = flags.map((flag) => options.get(flag)).find((candidate) => candidate !== undefined);
  if (option === undefined) return [];
  const words = option.values ?? (option.value === undefined ? [] : [option.value]);
  if (words.length === 0) {
    const missing = stringOption(options, option.name, env, path);
    return missing === undefined ? [] : [missing];
  }
  const prefixes: Setting<string>[] = [];
  for (const word of words) {
    const setting = stringSetting(word, env, path);
    if (setting.how === 'unresolved' || setting.how === 'default') {
      prefixes.push(setting);
      continue;
    }
    for (const prefix of setting.value.split(/\s+/).filter((item) => item !== ''))
      prefixes.push({ ...setting, value: prefix });
  }
  return prefixes;
}
