import { describeRemaining } from '../domain/dates.js';
import { escapeMarkdown, escapeMessageLine, inlineCode } from '../render/escape.js';
import type { Inventory } from './fold.js';
import { modelLabel } from './labels.js';

/** `--format markdown`: the summary, the counts and every cluster; every repository value escaped. */
export function renderInventoryMarkdown(inventory: Inventory): string {
  const { totals, kubenetRetirement: retirement } = inventory;
  const out: string[] = [
    '# AKS networking inventory',
    '',
    `${totals.repositories} repositories (${totals.unreadableRepositories} unreadable), ${totals.clusters} clusters, ` +
      `**${totals.kubenetClusters} on kubenet**, ${totals.findings} findings. ` +
      `kubenet retires on ${retirement.date} (${describeRemaining(retirement.daysLeft)} from ${inventory.today}; ` +
      `[source](${retirement.source})).`,
    '',
    ...modelsMarkdown(inventory),
    '',
  ];
  if (inventory.kubenetByRepository.length > 0) {
    out.push('## kubenet clusters by repository', '', '| Repository | kubenet clusters |', '| --- | ---: |');
    out.push(...inventory.kubenetByRepository.map((row) => `| ${inlineCode(row.repository)} | ${row.clusters} |`), '');
    out.push('## kubenet clusters by team (CODEOWNERS)', '', '| Owner | kubenet clusters |', '| --- | ---: |');
    out.push(...inventory.kubenetByTeam.map((row) => `| ${inlineCode(row.team)} | ${row.clusters} |`), '');
  }
  if (inventory.findingsByRule.length > 0) {
    out.push('## Findings by rule', '', '| Rule | Severity | Findings |', '| --- | --- | ---: |');
    out.push(
      ...inventory.findingsByRule.map(
        (row) => `| [${escapeMarkdown(row.ruleId)}](${row.helpUri}) | ${row.severity} | ${row.findings} |`,
      ),
      '',
    );
  }
  out.push('## Clusters', '', '| Repository | File | Line | Cluster | Model | Owners | Open findings |');
  out.push('| --- | --- | ---: | --- | --- | --- | --- |');
  for (const cluster of inventory.clusters) {
    const findings = cluster.findings.map((finding) => `${finding.severity} ${finding.ruleId}`).join(', ');
    out.push(
      `| ${inlineCode(cluster.repository)} | ${inlineCode(cluster.file)} | ${cluster.line} | ${inlineCode(cluster.id)} | ` +
        `${escapeMarkdown(modelLabel(cluster.model))} | ${cluster.owners.map((owner) => inlineCode(owner)).join(' ')} | ` +
        `${escapeMessageLine(findings)} |`,
    );
  }
  out.push('');
  const unreadable = inventory.repositories.filter((repository) => repository.status === 'unreadable');
  if (unreadable.length > 0) {
    out.push('## Repositories that could not be read', '', '| Repository | Why |', '| --- | --- |');
    out.push(...unreadable.map((row) => `| ${inlineCode(row.name)} | ${escapeMessageLine(row.reason ?? '')} |`), '');
  }
  return out.join('\n');
}

/** The "Clusters by model" section: the report's and the organisation dashboard's. */
export function modelsMarkdown(inventory: Inventory): string[] {
  return [
    '## Clusters by model',
    '',
    '| Model | Clusters |',
    '| --- | ---: |',
    ...inventory.byModel.map((row) => `| ${escapeMarkdown(modelLabel(row.model))} | ${row.clusters} |`),
  ];
}
