import type { ResolutionStep, SourceRange } from '../../../model/index.js';
import type { Command, Value, Word } from './words.js';

/**
 * The command substitutions we can evaluate without running them: the ID of a subnet that
 * `az network vnet subnet show` (or `... subnet create`) prints with `--query id -o tsv`. The printed ID is
 * `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<name>`;
 * what the command does not say (the subscription, usually) is written `<unknown>`. The engine links a
 * pool's subnet ID by its `virtualNetworks/<vnet>/subnets/<name>` end, so that much must be known.
 */

const SHORT: Record<string, string> = { '-n': '--name', '-g': '--resource-group', '-o': '--output' };
const READ = new Set(['--vnet-name', '--name', '--resource-group', '--subscription', '--query', '--output']);
const UNKNOWN = '<unknown>';

/** Undefined when the command is not one we evaluate: the substitution then stays opaque. */
export function substitutionValue(
  command: Command,
  evaluateWord: (word: Word) => Value,
  at: SourceRange,
): Value | undefined {
  const head = command.words.slice(0, 5).map((word) => plain(word));
  const [az, network, vnet, subnet, verb] = head;
  if (az === undefined || !/^(?:.*[\\/])?az(?:\.cmd|\.exe)?$/i.test(az)) return undefined;
  if (network !== 'network' || vnet !== 'vnet' || subnet !== 'subnet') return undefined;
  if (verb !== 'show' && verb !== 'create') return undefined;
  const options = readOptions(command.words.slice(5));
  const query = options.get('--query');
  if (query === undefined || plain(query)?.trim() !== 'id') return undefined;
  const expression = `$(az network vnet subnet ${verb} ...)`;
  const output = options.get('--output');
  if (output === undefined || plain(output)?.trim().toLowerCase() !== 'tsv') {
    return {
      ok: false,
      expression,
      reason: `command substitution ${expression} prints the subnet ID as JSON (in quotes) unless the output is tsv; writing -o tsv would resolve it`,
    };
  }
  const via: ResolutionStep[] = [];
  const parts: Record<'vnet' | 'name' | 'group' | 'subscription', string> = {
    vnet: UNKNOWN,
    name: UNKNOWN,
    group: UNKNOWN,
    subscription: UNKNOWN,
  };
  const wanted = [
    ['vnet', '--vnet-name', true],
    ['name', '--name', true],
    ['group', '--resource-group', false],
    ['subscription', '--subscription', false],
  ] as const;
  for (const [key, flag, required] of wanted) {
    const word = options.get(flag);
    const value = word === undefined ? undefined : evaluateWord(word);
    if (value?.ok === true && value.text.trim() !== '' && !/[/\s]/.test(value.text.trim())) {
      parts[key] = value.text.trim();
      via.push(...value.via);
      continue;
    }
    if (!required) continue;
    const why = value === undefined ? `no ${flag} is written` : value.ok ? `${flag} is empty` : value.reason;
    return {
      ok: false,
      expression,
      reason: `command substitution ${expression} prints a subnet ID that is not known here: ${why}`,
    };
  }
  const text =
    `/subscriptions/${parts.subscription}/resourceGroups/${parts.group}/providers/Microsoft.Network` +
    `/virtualNetworks/${parts.vnet}/subnets/${parts.name}`;
  via.push({
    description: `az network vnet subnet ${verb} --query id -o tsv prints the ID of subnet ${parts.name} in virtual network ${parts.vnet}; what the command does not give is written ${UNKNOWN}`,
    range: at,
  });
  return { ok: true, text, via, refs: true };
}

function plain(word: Word): string | undefined {
  let text = '';
  for (const part of word.parts) {
    if (part.kind !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

function readOptions(words: readonly Word[]): Map<string, Word> {
  const options = new Map<string, Word>();
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index];
    const head = word?.parts[0];
    if (word === undefined || head?.kind !== 'text' || !head.text.startsWith('-')) continue;
    const equals = head.text.indexOf('=');
    const written = equals > 0 ? head.text.slice(0, equals) : head.text;
    const name = SHORT[written] ?? written;
    if (!READ.has(name)) continue;
    if (equals > 0) {
      const rest = head.text.slice(equals + 1);
      const parts = rest.length > 0 ? [{ ...head, text: rest }, ...word.parts.slice(1)] : word.parts.slice(1);
      options.set(name, { ...word, parts, raw: word.raw.slice(word.raw.indexOf('=') + 1) });
      continue;
    }
    const next = words[index + 1];
    if (next === undefined) continue;
    options.set(name, next);
    index += 1;
  }
  return options;
}
