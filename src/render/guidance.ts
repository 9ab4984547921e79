import {
  COMPARISON,
  MODELS,
  NETWORK_ENDPOINTS,
  POLICY_ENGINE_NAMES,
  REPLACEMENT_BREAKS,
  REPLACEMENT_STEPS,
  RETIREMENTS,
  hasInPlaceRoute,
  policyRouteBetween,
  routeBetween,
  routeIrreversible,
  routePrerequisites,
} from '../knowledge/index.js';
import type {
  ComparisonColumn,
  ModelId,
  NetworkEndpoint,
  NetworkRoute,
  ReplacementEdit,
  Route,
} from '../knowledge/index.js';
import type { Cluster, FormatId } from '../model/index.js';
import type { AnalyzedCluster } from '../model/index.js';
import { fillCommand } from '../domain/commands.js';
import { clusterMove, endpointOf, policyEngineOf, policyMove } from '../domain/routes.js';
import { writerFor } from '../formats/index.js';
import { escapeMarkdown, inlineCode } from './escape.js';

const COLUMNS: readonly ComparisonColumn[] = [
  'kubenet',
  'azure-cni-node-subnet',
  'azure-cni-pod-subnet',
  'azure-cni-overlay',
  'azure-cni-cilium',
];

/**
 * The models side by side (the knowledge base's matrix), the named models' columns in bold, with the
 * sources as numbered links under the table.
 */
export function comparisonTable(
  highlight: readonly string[] = [],
  only?: readonly ComparisonColumn[],
  highlightNote = '',
): string {
  const columns = only === undefined || only.length === 0 ? COLUMNS : COLUMNS.filter((c) => only.includes(c));
  const bold = (column: ComparisonColumn, text: string) => (highlight.includes(column) ? `**${text}**` : text);
  const sources: string[] = [];
  const cite = (url: string) => {
    const index = sources.indexOf(url);
    if (index >= 0) return index + 1;
    sources.push(url);
    return sources.length;
  };
  const lines = [
    `| | ${columns.map((c) => bold(c, MODELS[c].name + (highlight.includes(c) && highlightNote !== '' ? ` (${highlightNote})` : ''))).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const row of COMPARISON) {
    const refs = row.sources.map((url) => `[${cite(url)}]`).join('');
    lines.push(`| ${row.label} ${refs} | ${columns.map((c) => bold(c, tableText(row.values[c]))).join(' | ')} |`);
  }
  const asOf = COMPARISON.reduce((latest, row) => (row.asOf > latest ? row.asOf : latest), '');
  lines.push('', `Sources (as of ${asOf}): ${sources.map((url, i) => `[${i + 1}](${url})`).join(' · ')}`);
  return lines.join('\n');
}

/** The model a cluster should move to, when it is on one with a recommended way forward. */
export function recommendedTarget(model: string): (ModelId & NetworkEndpoint) | undefined {
  switch (model) {
    case 'kubenet':
    case 'azure-cni-node-subnet':
      return 'azure-cni-overlay';
    default:
      return undefined;
  }
}

export interface MigrationPlan {
  from: NetworkEndpoint;
  to: NetworkEndpoint;
  /** The route table's entry for the move: the only source of what is drawn and said. */
  route: NetworkRoute;
  /** The legs' commands (and a policy uninstall the first leg needs), with this cluster's names filled in. */
  commands: string[];
  /** The settings to write in this cluster's format after (or as) an in-place migration to Overlay. */
  iacEdit?: string;
}

/**
 * The plan for a cluster: the move this change makes (its configuration before → after), else the way off a
 * model with a recommended target. A cluster this change creates gets none: it should be created right,
 * which its finding says. Everything comes from the route table: legs and their commands for an in-place
 * route, a replacement plan when there is none.
 */
export function migrationPlan(analyzed: AnalyzedCluster): MigrationPlan | undefined {
  if (analyzed.change === 'added') return undefined;
  const { cluster } = analyzed;
  const move = clusterMove(analyzed);
  let from = move?.from;
  let to = move?.to;
  if (move === undefined) {
    from = endpointOf(analyzed.classification, cluster.network, cluster.nodePools);
    const target = from === undefined ? undefined : recommendedTarget(from);
    to = target;
  }
  if (from === undefined || to === undefined) return undefined;
  const route = routeBetween(from, to);
  if (route === undefined) return undefined;
  const commands = hasInPlaceRoute(route) ? routeCommands(route, cluster) : [];
  const plan: MigrationPlan = { from, to, route, commands };
  const edit =
    hasInPlaceRoute(route) && to === 'azure-cni-overlay' ? writerFor(cluster.format).overlayEdit() : undefined;
  if (edit !== undefined) plan.iacEdit = edit;
  return plan;
}

/** The commands of a route's legs, filled; a kubenet cluster with a policy engine uninstalls it first. */
function routeCommands(route: NetworkRoute, cluster: Cluster): string[] {
  const commands: string[] = [];
  const policy = policyEngineOf(cluster.previous?.network ?? cluster.network);
  if (route.from === 'kubenet' && policy !== undefined && policy !== 'none') {
    for (const leg of policyRouteBetween(policy, 'none')?.legs ?? []) commands.push(leg.command);
  }
  for (const leg of route.legs) commands.push(leg.command);
  return commands.map((command) => fillCommand(command, cluster));
}

/** An endpoint's display name. */
export function endpointName(endpoint: NetworkEndpoint): string {
  return NETWORK_ENDPOINTS[endpoint].name;
}

/** Markdown for a plan: an in-place route's checklist, commands, versions and diagram, or a replacement plan. */
export function migrationPlanMarkdown(plan: MigrationPlan, cluster: Cluster): string {
  const { route } = plan;
  const lines = [
    `**${escapeMarkdown(endpointName(plan.from))} → ${escapeMarkdown(endpointName(plan.to))}** for ${inlineCode(cluster.id)}`,
    '',
  ];
  if (!hasInPlaceRoute(route)) {
    lines.push(...noRouteLines(route, cluster.format));
    lines.push('', replacementMarkdown([cluster.format]), '', migrationDiagram(plan));
    return lines.join('\n');
  }
  lines.push('Before you start:', ...routePrerequisites(route).map((fact) => `- [ ] ${escapeMarkdown(fact.value)}`));
  if (plan.commands.length > 0) lines.push('', 'Run:', '```sh', ...plan.commands.map(shellSafe), '```');
  if (plan.iacEdit !== undefined) {
    lines.push('', 'Then make the code say the same:', '```', plan.iacEdit, '```');
  }
  lines.push('', ...versionLines(route, writerFor(cluster.format).terraform !== undefined));
  if (routeIrreversible(route)) lines.push('', '⚠️ This migration cannot be undone.');
  lines.push('', `Guide: ${route.docs}`, '', migrationDiagram(plan));
  return lines.join('\n');
}

/**
 * Markdown for a change of network policy engine (when the network configuration stays): the policy route
 * table's commands and versions, or why there is no route and the replacement plan.
 */
export function policyPlanMarkdown(analyzed: AnalyzedCluster): string | undefined {
  if (analyzed.change === 'added' || clusterMove(analyzed) !== undefined) return undefined;
  const move = policyMove(analyzed);
  if (move === undefined) return undefined;
  const { cluster } = analyzed;
  const { route } = move;
  const lines = [
    `**${escapeMarkdown(POLICY_ENGINE_NAMES[move.from])} → ${escapeMarkdown(POLICY_ENGINE_NAMES[move.to])}** (network policy engine) for ${inlineCode(cluster.id)}`,
    '',
  ];
  if (!hasInPlaceRoute(route)) {
    lines.push(...noRouteLines(route, cluster.format), '', replacementMarkdown([cluster.format]));
    return lines.join('\n');
  }
  lines.push('Before you start:', ...routePrerequisites(route).map((fact) => `- [ ] ${escapeMarkdown(fact.value)}`));
  lines.push('', 'Run:', '```sh', ...route.legs.map((leg) => shellSafe(fillCommand(leg.command, cluster))), '```');
  lines.push('', ...versionLines(route, writerFor(cluster.format).terraform !== undefined));
  if (routeIrreversible(route)) lines.push('', '⚠️ This change cannot be undone.');
  lines.push('', `Guide: ${route.docs}`);
  return lines.join('\n');
}

/** What the route table says about a move without an in-place route, for a reader of `format` (any, if unset). */
export function noRouteLines(route: Route<string>, format?: FormatId): string[] {
  const lines = [
    route.kind === 'none'
      ? `❌ No in-place route: ${escapeMarkdown(route.basis.value)} ([source](${route.basis.source}))`
      : `❓ Unconfirmed: ${escapeMarkdown(route.basis.value)} ([source](${route.basis.source}))`,
  ];
  if (route.basis.note !== undefined) lines.push('', escapeMarkdown(route.basis.note));
  if (route.to === 'kubenet') {
    const retirement = RETIREMENTS.kubenet.date;
    lines.push('', `⏳ kubenet retires on **${retirement.value}** ([source](${retirement.source})).`);
  }
  const terraform = format === undefined || writerFor(format).terraform !== undefined;
  if (terraform && route.terraform.value === null && route.terraform.confidence !== 'unconfirmed') {
    lines.push('', 'In Terraform this change destroys and recreates the cluster in every azurerm version.');
  }
  return lines;
}

/** The versions that allow each leg: azurerm (for Terraform readers), Azure CLI, AKS/API. */
function versionLines(route: Route<string>, terraform: boolean): string[] {
  return route.legs.map((leg) => {
    const parts = [];
    if (terraform) {
      parts.push(
        leg.azurerm.value === null
          ? 'Terraform (azurerm) replaces the cluster in every version: run the command, then update the code'
          : `azurerm ${leg.azurerm.value} or later updates it in place`,
      );
    }
    parts.push(leg.cli.value === null ? 'Azure CLI version unconfirmed' : `Azure CLI ${leg.cli.value} or later`);
    parts.push(`AKS: ${leg.api.value}`);
    return `- ${inlineCode(shortCommand(leg.command), 120)}: ${escapeMarkdown(parts.join('; '))}.`;
  });
}

/** The blue/green plan, with the IaC edit for each format given (every format when none is). */
export function replacementMarkdown(formats: readonly FormatId[]): string {
  const lines = [
    'Replacement plan (blue/green):',
    ...REPLACEMENT_STEPS.map((step, index) => `${index + 1}. ${escapeMarkdown(step.value)}`),
  ];
  const seen = new Set<ReplacementEdit>();
  for (const format of formats) {
    const edit = writerFor(format).replacement;
    if (seen.has(edit)) continue;
    seen.add(edit);
    lines.push('', `In ${inlineCode(format, 40)}: ${escapeMarkdown(edit.edit.value)}`);
    for (const tool of edit.tools) lines.push(`- ${escapeMarkdown(tool.value)} ([source](${tool.source}))`);
    lines.push('', `If you just apply the edit: ${escapeMarkdown(edit.justApply.value)}`);
    if (writerFor(format).terraform !== undefined) {
      lines.push(...REPLACEMENT_BREAKS.map((fact) => `- ${escapeMarkdown(fact.value)}`));
    }
  }
  return lines.join('\n');
}

/** The command without the cluster and resource group arguments, for a diagram edge or a version line. */
export function shortCommand(command: string): string {
  return command.replace(' -n $CLUSTER -g $RG', '');
}

/**
 * A Mermaid flowchart of the route (GitHub renders Mermaid in comments): one edge per leg, labelled with the
 * leg's command; a move without an in-place route is drawn as a replacement, never as a command.
 */
export function migrationDiagram(plan: Pick<MigrationPlan, 'route'>): string {
  const { route } = plan;
  if (!hasInPlaceRoute(route)) {
    return [
      '```mermaid',
      'flowchart LR',
      `  m0["${mermaidText(endpointName(route.from))} (this cluster)"]`,
      `  m1["${mermaidText(endpointName(route.to))} (a new cluster)"]`,
      `  m0 -. "${route.kind === 'none' ? 'no in-place route' : 'in-place route unconfirmed'}: replace" .-> m1`,
      '```',
    ].join('\n');
  }
  const stops = [route.from, ...route.legs.map((leg) => leg.to)];
  const nodes = stops.map((endpoint, index) => `  m${index}["${mermaidText(endpointName(endpoint))}"]`);
  const edges = route.legs.map(
    (leg, index) => `  m${index} -->|${mermaidText(shortCommand(leg.command))}| m${index + 1}`,
  );
  return ['```mermaid', 'flowchart LR', ...nodes, ...edges, '```'].join('\n');
}

/** A fenced block can't be closed from inside. */
function shellSafe(line: string): string {
  return line.replaceAll('```', "'''");
}

function tableText(text: string): string {
  return escapeMarkdown(text);
}

function mermaidText(text: string): string {
  return text.replace(/["[\]{}()<>|#;`]/g, ' ');
}
