import {
  AZURE_RESERVED_PER_SUBNET,
  nodeSubnetAddressesNeeded,
  overlaps,
  parseCidr,
  podCidrNodeCapacity,
  podSubnetAddressesNeeded,
  reservedOverlaps,
  smallestPodCidrPrefix,
  smallestSubnetPrefix,
  usableSubnetAddresses,
} from '../../domain/ip-plan.js';
import type { Cidr } from '../../domain/ip-plan.js';
import {
  COMPARISON,
  LINKS,
  MODELS,
  POLICY_ENGINE_NAMES,
  RETIREMENTS,
  hasInPlaceRoute,
  policyRouteBetween,
  routeBetween,
  routeIrreversible,
  routePrerequisites,
} from '../../knowledge/index.js';
import type { ComparisonColumn, ModelId, NetworkEndpoint, PolicyEngine, Route } from '../../knowledge/index.js';
import { escapeMarkdown, inlineCode } from '../../render/escape.js';
import {
  comparisonTable,
  endpointName,
  migrationDiagram,
  noRouteLines,
  recommendedTarget,
  replacementMarkdown,
} from '../../render/guidance.js';
import { parseOptions } from './parse.js';
import { ruleCatalogue } from '../../engine/analyze.js';
import { FORMAT_IDS } from '../../formats/index.js';

export type Permission = 'read' | 'write';

/** Every format, for a replacement plan read outside a pull request. */

export interface CommandContext {
  /** True on a pull request (recheck only makes sense there). */
  isPullRequest: boolean;
  /** Runs the review again; set by the app on pull requests. */
  recheck?: () => Promise<string>;
}

export interface CommandResult {
  ok: boolean;
  body: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Commands that change anything need write permission; read-only ones are open to anyone who can comment. */
  permission: Permission;
  run(args: readonly string[], context: CommandContext): CommandResult | Promise<CommandResult>;
}

const MODEL_ALIASES: Record<string, ModelId> = {
  kubenet: 'kubenet',
  'azure-cni-node-subnet': 'azure-cni-node-subnet',
  'node-subnet': 'azure-cni-node-subnet',
  azure: 'azure-cni-node-subnet',
  'azure-cni': 'azure-cni-node-subnet',
  flat: 'azure-cni-node-subnet',
  'azure-cni-pod-subnet': 'azure-cni-pod-subnet',
  'pod-subnet': 'azure-cni-pod-subnet',
  'azure-cni-overlay': 'azure-cni-overlay',
  overlay: 'azure-cni-overlay',
  'azure-cni-cilium': 'azure-cni-cilium',
  cilium: 'azure-cni-cilium',
  'byo-cni': 'byo-cni',
  none: 'byo-cni',
  byo: 'byo-cni',
};

const MODEL_NAMES = 'kubenet, node-subnet, pod-subnet, overlay, cilium, byo-cni';

/** `/netguide migrate` names route-table endpoints: the models, Cilium per IPAM mode, the platform default. */
const ENDPOINT_ALIASES: Record<string, NetworkEndpoint> = {
  ...Object.fromEntries(
    Object.entries(MODEL_ALIASES).filter(([, model]) => model !== 'azure-cni-cilium') as [string, NetworkEndpoint][],
  ),
  // Cilium without an IPAM mode: Overlay, the combination Microsoft makes the default for AKS Automatic.
  cilium: 'cilium-overlay',
  'azure-cni-cilium': 'cilium-overlay',
  'cilium-overlay': 'cilium-overlay',
  'cilium-node-subnet': 'cilium-node-subnet',
  'cilium-pod-subnet': 'cilium-pod-subnet',
  'platform-default': 'platform-default',
  default: 'platform-default',
};

const ENDPOINT_NAMES =
  'kubenet, node-subnet, pod-subnet, overlay, cilium-node-subnet, cilium-pod-subnet, cilium-overlay (cilium), byo-cni, platform-default';

function endpointAlias(word: string | undefined): NetworkEndpoint | undefined {
  return word === undefined ? undefined : ENDPOINT_ALIASES[word.toLowerCase()];
}

const POLICY_ALIASES: Record<string, PolicyEngine> = {
  none: 'none',
  azure: 'azure',
  npm: 'azure',
  'azure-npm': 'azure',
  calico: 'calico',
  cilium: 'cilium',
};

const POLICY_NAMES = 'none, azure (npm), calico, cilium';

function policyOf(word: string | undefined): PolicyEngine | undefined {
  return word === undefined ? undefined : POLICY_ALIASES[word.toLowerCase()];
}

export function modelOf(word: string | undefined): ModelId | undefined {
  // Own keys only: `constructor` and `__proto__` are no models.
  if (word === undefined) return undefined;
  const key = word.toLowerCase();
  return Object.hasOwn(MODEL_ALIASES, key) ? MODEL_ALIASES[key] : undefined;
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'help',
    usage: '/netguide help',
    summary: 'the commands, one line each',
    permission: 'read',
    run: () => ({ ok: true, body: helpText() }),
  },
  {
    name: 'compare',
    usage: '/netguide compare [model …]',
    summary: 'the network models side by side (all, or the ones named), with sources',
    permission: 'read',
    run(args) {
      const models = args.map((arg) => ({ arg, model: modelOf(arg) }));
      const unknown = models.filter((entry) => entry.model === undefined || entry.model === 'byo-cni');
      if (unknown.length > 0)
        return usageError(
          `unknown model ${unknown.map((u) => inlineCode(u.arg, 40)).join(', ')}; use ${MODEL_NAMES.replace(', byo-cni', '')}`,
          'compare',
        );
      const only = models.map((entry) => entry.model as ComparisonColumn);
      return { ok: true, body: comparisonTable(only, only) };
    },
  },
  {
    name: 'explain',
    usage: '/netguide explain <model | rule-id>',
    summary: 'what a model or rule is: limits, status and dates, links',
    permission: 'read',
    run(args) {
      const [subject] = args;
      if (subject === undefined) return usageError('name a model or a rule id', 'explain');
      const model = modelOf(subject);
      if (model !== undefined) return { ok: true, body: explainModel(model) };
      const catalogue = ruleCatalogue();
      const rule = catalogue.find((candidate) => candidate.id === subject.toLowerCase());
      if (rule !== undefined) {
        return {
          ok: true,
          body: `**${rule.id}** (default severity: ${rule.defaultSeverity}): ${escapeMarkdown(rule.description)}\n\nDocs: ${rule.helpUri}`,
        };
      }
      return usageError(
        `${inlineCode(subject, 60)} is neither a model (${MODEL_NAMES}) nor a rule id (${catalogue.map((r) => r.id).join(', ')})`,
        'explain',
      );
    },
  },
  {
    name: 'migrate',
    usage: '/netguide migrate <from> [to] | /netguide migrate policy <from> <to>',
    summary:
      'the route between two network models or policy engines: in place (prerequisites, commands, versions, what is irreversible) or a replacement plan',
    permission: 'read',
    run(args) {
      if (args[0]?.toLowerCase() === 'policy') {
        const from = policyOf(args[1]);
        const to = policyOf(args[2]);
        if (from === undefined || to === undefined) {
          return usageError(`name two policy engines (${POLICY_NAMES})`, 'migrate');
        }
        return { ok: true, body: policyMigrateText(from, to) };
      }
      const from = endpointAlias(args[0]);
      if (from === undefined) return usageError(`name the model to migrate from (${ENDPOINT_NAMES})`, 'migrate');
      const to = args[1] === undefined ? recommendedTarget(from) : endpointAlias(args[1]);
      if (to === undefined) {
        return usageError(
          args[1] === undefined
            ? `there is no recommended migration from ${endpointName(from)}; name the target`
            : `unknown model ${inlineCode(args[1] ?? '', 40)}`,
          'migrate',
        );
      }
      if (from === to) return usageError(`${endpointName(from)} is already there`, 'migrate');
      return { ok: true, body: migrateText(from, to) };
    },
  },
  {
    name: 'plan',
    usage:
      '/netguide plan --nodes N --max-pods M [--surge S] [--model overlay] [--subnet CIDR] [--pod-cidr CIDR] [--service-cidr CIDR]',
    summary: 'the IP planner: addresses needed, the smallest prefix, and what is wrong with the CIDRs given',
    permission: 'read',
    run: (args) => planText(args),
  },
  {
    name: 'recheck',
    usage: '/netguide recheck',
    summary: 'on a pull request, analyze again now (needs write permission)',
    permission: 'write',
    async run(_args, context) {
      if (!context.isPullRequest || context.recheck === undefined)
        return usageError('recheck works on pull requests only', 'recheck');
      return { ok: true, body: await context.recheck() };
    },
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export function helpText(): string {
  return [
    'aks-netguide commands (start a line with them):',
    '',
    ...COMMANDS.map((c) => `- \`${c.usage}\`: ${c.summary}`),
  ].join('\n');
}

function usageError(problem: string, command: string): CommandResult {
  const spec = findCommand(command);
  return { ok: false, body: `${problem}.\n\nUsage: \`${spec?.usage ?? '/netguide help'}\`` };
}

function explainModel(model: ModelId): string {
  const info = MODELS[model];
  const lines = [
    `**${escapeMarkdown(info.name)}**: selected by ${inlineCode(info.selectedBy, 120)}. Status: **${info.status.value}**.`,
    '',
    `${escapeMarkdown(info.summary.value)} ([source](${info.summary.source}), as of ${info.summary.asOf})`,
  ];
  const retirement = model === 'kubenet' ? RETIREMENTS.kubenet : undefined;
  if (retirement !== undefined) {
    lines.push(
      '',
      `⏳ Retires on **${retirement.date.value}**: ${escapeMarkdown(retirement.effect.value)} ([source](${retirement.date.source}))`,
    );
  }
  if (model !== 'byo-cni') {
    lines.push('', '| | |', '| --- | --- |');
    for (const row of COMPARISON) lines.push(`| ${escapeMarkdown(row.label)} | ${escapeMarkdown(row.values[model])} |`);
  }
  lines.push('', `Read more: ${info.docs}`);
  return lines.join('\n');
}

function migrateText(from: NetworkEndpoint, to: NetworkEndpoint): string {
  const route = routeBetween(from, to);
  const title = `**${escapeMarkdown(endpointName(from))} → ${escapeMarkdown(endpointName(to))}**`;
  if (route === undefined)
    return `${title}: the knowledge base has nothing on this path. See ${LINKS.updateAzureCni.url}`;
  return [title, '', routeText(route, endpointName), '', migrationDiagram({ route })].join('\n');
}

function policyMigrateText(from: PolicyEngine, to: PolicyEngine): string {
  const route = policyRouteBetween(from, to);
  const name = (engine: PolicyEngine) => POLICY_ENGINE_NAMES[engine];
  const title = `**${escapeMarkdown(name(from))} → ${escapeMarkdown(name(to))}** (network policy engine)`;
  if (route === undefined)
    return `${title}: the knowledge base has nothing on this path. See ${LINKS.networkPolicies.url}`;
  return [title, '', routeText(route, (engine) => name(engine as PolicyEngine))].join('\n');
}

/** A route from the table: an in-place route's checklist, steps and versions, or why there is none and the replacement plan. */
function routeText<E extends string>(route: Route<E>, name: (endpoint: E) => string): string {
  if (!hasInPlaceRoute(route)) {
    return [...noRouteLines(route), '', replacementMarkdown(FORMAT_IDS)].join('\n');
  }
  const lines = [
    'Before you start:',
    ...routePrerequisites(route).map((fact) => `- [ ] ${escapeMarkdown(fact.value)} ([source](${fact.source}))`),
    '',
    'Steps:',
    ...route.legs.map((leg) => `1. ${escapeMarkdown(name(leg.to))}: ${escapeMarkdown(leg.text)}`),
    '',
    '```sh',
    ...route.legs.map((leg) => leg.command),
    '```',
    '',
    'Versions:',
    ...route.legs.map(
      (leg) =>
        `- ${inlineCode(leg.command.replace(' -n $CLUSTER -g $RG', ''), 120)}: ${escapeMarkdown(
          [
            leg.azurerm.value === null
              ? 'Terraform (azurerm) replaces the cluster in every version, so run the command and then update the code'
              : `azurerm ${leg.azurerm.value} or later updates it in place`,
            leg.cli.value === null ? 'Azure CLI version unconfirmed' : `Azure CLI ${leg.cli.value} or later`,
            `AKS: ${leg.api.value}`,
          ].join('; '),
        )}.`,
    ),
  ];
  if (route.basis.note !== undefined) lines.push('', escapeMarkdown(route.basis.note));
  if (routeIrreversible(route)) lines.push('', '⚠️ Irreversible: there is no way back once it is done.');
  lines.push('', `Guide: ${route.docs}`);
  return lines.join('\n');
}

const NETWORKED: Record<string, 'node-subnet' | 'pod-subnet' | 'overlay' | 'kubenet'> = {
  'azure-cni-node-subnet': 'node-subnet',
  'azure-cni-pod-subnet': 'pod-subnet',
  'azure-cni-overlay': 'overlay',
  'azure-cni-cilium': 'overlay',
  kubenet: 'kubenet',
};

function planText(args: readonly string[]): CommandResult {
  const { options, positional, errors } = parseOptions(args);
  const known = new Set(['nodes', 'max-pods', 'surge', 'model', 'subnet', 'pod-cidr', 'service-cidr']);
  for (const key of options.keys()) if (!known.has(key)) errors.push(`unknown option ${inlineCode(`--${key}`, 40)}`);
  if (positional.length > 0) errors.push(`unexpected ${positional.map((p) => inlineCode(p, 40)).join(', ')}`);
  const nodes = integer(options.get('nodes'), 'nodes', 1, 5000, errors);
  const maxPods = integer(options.get('max-pods'), 'max-pods', 10, 250, errors);
  const surge = integer(options.get('surge') ?? '1', 'surge', 0, 1000, errors);
  const modelId = modelOf(options.get('model') ?? 'overlay');
  const mode = modelId === undefined ? undefined : NETWORKED[modelId];
  if (mode === undefined) errors.push(`--model must be one of kubenet, node-subnet, pod-subnet, overlay, cilium`);
  const cidrs = new Map<string, Cidr>();
  for (const key of ['subnet', 'pod-cidr', 'service-cidr']) {
    const text = options.get(key);
    if (text === undefined) continue;
    const cidr = parseCidr(text);
    if (cidr === undefined) errors.push(`--${key} ${inlineCode(text, 60)} is not a CIDR`);
    else cidrs.set(key, cidr);
  }
  if (errors.length > 0 || nodes === undefined || maxPods === undefined || surge === undefined || mode === undefined) {
    return usageError(errors.join('; ') || 'give --nodes and --max-pods', 'plan');
  }
  const total = nodes + surge;
  const lines = [
    `**IP plan** for ${nodes} nodes + ${surge} surge at ${maxPods} pods per node (${modeLabel(mode)}):`,
    '',
  ];
  const problems: string[] = [];
  let subnetNeed: number;
  if (mode === 'node-subnet') {
    subnetNeed = nodeSubnetAddressesNeeded(nodes, surge, maxPods);
    lines.push(`- Node subnet: (${nodes} + ${surge}) × (${maxPods} + 1) = **${subnetNeed}** addresses`);
  } else {
    subnetNeed = total;
    lines.push(`- Node subnet: ${nodes} + ${surge} = **${subnetNeed}** addresses`);
  }
  const subnetPrefix = smallestSubnetPrefix(subnetNeed);
  lines.push(
    `  - smallest subnet: **${subnetPrefix === undefined ? 'none (too many)' : `/${subnetPrefix}`}** (Azure keeps ${AZURE_RESERVED_PER_SUBNET} addresses per subnet)`,
  );
  if (mode === 'pod-subnet') {
    const podNeed = podSubnetAddressesNeeded(nodes, surge);
    const podPrefix = smallestSubnetPrefix(podNeed);
    lines.push(
      `- Pod subnet (dynamic allocation, batches of 16 per node): (${nodes} + ${surge}) × 16 = **${podNeed}** addresses, smallest **/${podPrefix ?? '?'}**`,
    );
  }
  if (mode === 'overlay' || mode === 'kubenet') {
    const podPrefix = smallestPodCidrPrefix(total);
    lines.push(
      `- Pod CIDR: a /24 per node, ${total} nodes → smallest **/${podPrefix ?? '?'}** (a /N holds 2^(24 − N) nodes)`,
    );
    const podCidr = cidrs.get('pod-cidr');
    if (podCidr !== undefined) {
      const capacity = podCidrNodeCapacity(podCidr);
      if (capacity < total)
        problems.push(`pod CIDR ${inlineCode(podCidr.text)} holds ${capacity} nodes; you need ${total}`);
    }
    if (mode === 'kubenet' && total > 400)
      problems.push(`kubenet clusters can't have more than 400 nodes (route table limit)`);
  }
  const subnet = cidrs.get('subnet');
  if (subnet !== undefined && usableSubnetAddresses(subnet) < BigInt(subnetNeed)) {
    problems.push(
      `subnet ${inlineCode(subnet.text)} has ${usableSubnetAddresses(subnet)} usable addresses; you need ${subnetNeed}`,
    );
  }
  const named = [...cidrs.entries()];
  for (const [index, [nameA, a]] of named.entries()) {
    for (const [nameB, b] of named.slice(index + 1)) {
      if (nameA === 'subnet' && nameB === 'pod-cidr' && mode !== 'overlay' && mode !== 'kubenet') continue;
      if (overlaps(a, b)) problems.push(`--${nameA} ${inlineCode(a.text)} overlaps --${nameB} ${inlineCode(b.text)}`);
    }
    const reserved = reservedOverlaps(a);
    if (reserved.length > 0)
      problems.push(`--${nameA} ${inlineCode(a.text)} overlaps ranges AKS reserves: ${reserved.join(', ')}`);
  }
  lines.push(
    '',
    problems.length === 0 ? 'The CIDRs given fit. ✅' : `Problems:\n${problems.map((p) => `- ❌ ${p}`).join('\n')}`,
  );
  lines.push('', `Formulas: ${LINKS.ipPlanning.url}`);
  return { ok: problems.length === 0, body: lines.join('\n') };
}

function modeLabel(mode: string): string {
  return (
    {
      'node-subnet': 'Azure CNI node subnet',
      'pod-subnet': 'Azure CNI pod subnet',
      overlay: 'Azure CNI Overlay',
      kubenet: 'kubenet',
    }[mode] ?? mode
  );
}

function integer(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
  errors: string[],
): number | undefined {
  if (text === undefined) {
    errors.push(`--${name} is required`);
    return undefined;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(`--${name} must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return value;
}
