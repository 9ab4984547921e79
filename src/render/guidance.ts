import { COMPARISON, MODELS, findMigration } from '../knowledge/index.js';
import type { ComparisonColumn, MigrationPath, ModelId } from '../knowledge/index.js';
import type { Cluster } from '../model/index.js';
import { settingValue } from '../model/index.js';
import type { AnalyzedCluster } from '../model/index.js';
import { fillCommand } from '../domain/commands.js';
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
export function recommendedTarget(model: string): ModelId | undefined {
  switch (model) {
    case 'kubenet':
    case 'azure-cni-node-subnet':
      return 'azure-cni-overlay';
    default:
      return undefined;
  }
}

export interface MigrationPlan {
  from: ModelId;
  to: ModelId;
  path: MigrationPath;
  /** Commands with this cluster's name, resource group and pod CIDR filled in where known. */
  commands: string[];
  /** The settings to write in this cluster's format after (or as) the migration. */
  iacEdit?: string;
}

/**
 * The plan for a cluster: the migration this change makes (its model before → after), else the way off a
 * model with a recommended target. A cluster this change creates gets none: it should be created right,
 * which its finding says. Commands come from the knowledge base with this cluster's names filled in;
 * alternatives ("Or …") and steps that don't apply (uninstalling a network policy it doesn't have) are left out.
 */
export function migrationPlan(analyzed: AnalyzedCluster): MigrationPlan | undefined {
  if (analyzed.change === 'added') return undefined;
  const previous = analyzed.previousClassification?.model;
  const current = analyzed.classification.model;
  const migrating = previous !== undefined && previous !== current && isModel(previous) && isModel(current);
  const from = migrating ? previous : current;
  const to = migrating ? current : recommendedTarget(current);
  if (to === undefined || !isModel(from)) return undefined;
  const path = findMigration(from, to);
  if (path === undefined) return undefined;
  const policy = settingValue(analyzed.cluster.previous?.network.policy ?? analyzed.cluster.network.policy);
  const hasPolicy = policy !== undefined && policy.toLowerCase() !== 'none';
  const commands = path.steps.flatMap((step) => {
    if (step.command === undefined || step.text.startsWith('Or ')) return [];
    if (step.command.includes('--network-policy none') && !hasPolicy) return [];
    return [fillCommand(step.command, analyzed.cluster)];
  });
  const plan: MigrationPlan = { from, to, path, commands };
  const edit = to === 'azure-cni-overlay' ? writerFor(analyzed.cluster.format).overlayEdit() : undefined;
  if (edit !== undefined) plan.iacEdit = edit;
  return plan;
}

function isModel(model: string): model is ModelId {
  return Object.hasOwn(MODELS, model);
}

/** Markdown for a plan: prerequisites as a task list, the commands, the IaC edit, what can't be undone. */
export function migrationPlanMarkdown(plan: MigrationPlan, cluster: Cluster): string {
  const lines = [
    `**${escapeMarkdown(MODELS[plan.from].name)} → ${escapeMarkdown(MODELS[plan.to].name)}** for ${inlineCode(cluster.id)}`,
    '',
    'Before you start:',
    ...plan.path.prerequisites.map((fact) => `- [ ] ${escapeMarkdown(fact.value)}`),
  ];
  if (plan.commands.length > 0) lines.push('', 'Run:', '```sh', ...plan.commands.map(shellSafe), '```');
  if (plan.iacEdit !== undefined) {
    lines.push('', 'Then make the code say the same:', '```', plan.iacEdit, '```');
  }
  if (plan.path.terraform !== undefined && writerFor(cluster.format).terraform !== undefined) {
    lines.push('', `Terraform: ${escapeMarkdown(plan.path.terraform.value)}`);
  }
  if (plan.path.irreversible) lines.push('', '⚠️ This migration cannot be undone.');
  lines.push('', `Guide: ${plan.path.docs}`, '', migrationDiagram(plan));
  return lines.join('\n');
}

/** A Mermaid flowchart of the route (GitHub renders Mermaid in comments). */
export function migrationDiagram(plan: MigrationPlan): string {
  const route = plan.path.route ?? [plan.from, plan.to];
  const nodes = route.map((model, index) => `  m${index}["${mermaidText(MODELS[model].name)}"]`);
  const edges = route.slice(1).map((_, index) => `  m${index} -->|az aks update| m${index + 1}`);
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
