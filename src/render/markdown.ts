import type { Report } from '../model/index.js';
import type { Severity } from '../model/index.js';
import { escapeMarkdown, escapeMessageLine, inlineCode } from './escape.js';
import { describeModel } from './labels.js';
import { settingText } from './json.js';
import { summaryLine } from './text.js';

const ICONS: Record<Severity, string> = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };

/** A Markdown report: one table of clusters and one of findings. Repository text is always escaped. */
export function renderMarkdown(report: Report): string {
  const lines = ['## aks-netguide', ''];
  if (report.clusters.length === 0) {
    lines.push('No AKS cluster definitions found.', '');
  } else {
    lines.push(
      '| Cluster | Where | Network model | Plugin | Mode | Dataplane | Policy |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const analyzed of report.clusters) {
      const { cluster } = analyzed;
      const network = cluster.network;
      lines.push(
        `| ${inlineCode(cluster.id)} | ${inlineCode(`${cluster.range.file}:${cluster.range.startLine}`)} | ${escapeMarkdown(describeModel(analyzed))} | ${cell(settingText(network.plugin))} | ${cell(settingText(network.pluginMode))} | ${cell(settingText(network.dataplane))} | ${cell(settingText(network.policy))} |`,
      );
    }
    lines.push('');
  }
  if (report.findings.length > 0) {
    lines.push('| | Rule | Where | Finding |', '| --- | --- | --- | --- |');
    for (const finding of report.findings) {
      const where = `${finding.range.file}:${finding.range.startLine}`;
      const related = (finding.related ?? []).map(
        (location) =>
          ` — decided by ${inlineCode(`${location.range.file}:${location.range.startLine}`)}: ${escapeMessageLine(location.message)}`,
      );
      lines.push(
        `| ${ICONS[finding.severity]} | [${finding.ruleId}](${finding.helpUri}) | ${inlineCode(where)} | ${escapeMessageLine(finding.message)}${related.join('')} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    `${escapeMarkdown(summaryLine(report))}. ${report.tool.name} ${report.tool.version}, knowledge as of ${report.tool.knowledgeAsOf}.`,
    '',
  );
  return lines.join('\n');
}

function cell(value: string | null): string {
  return value === null ? '–' : inlineCode(value);
}
