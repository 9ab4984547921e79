import type { ClusterReport, Report } from '../model/index.js';
import type { StatusFinding } from '../model/index.js';
import { RETIREMENTS } from '../knowledge/index.js';
import type { Finding, Severity } from '../model/index.js';
import { daysBetween } from '../domain/dates.js';
import { escapeMarkdown, escapeMessageLine, inlineCode } from './escape.js';
import { comparisonTable, migrationPlan, migrationPlanMarkdown, policyPlanMarkdown } from './guidance.js';
import { describeModel, modelLabel } from './labels.js';

/** GitHub rejects issue-comment bodies over 65,536 characters (prior-art §3.8); we stay well below. */
export const COMMENT_BODY_LIMIT = 65_536;
const BUDGET = COMMENT_BODY_LIMIT - 2_048;

/**
 * Where a finding went in the review. `no-added-line`: new, but none of the lines that decide it is added
 * (the change deleted or moved something), so it is explained here rather than inline.
 */
export type Placement = 'inline' | 'outside-diff' | 'no-added-line' | 'over-limit' | 'rejected';

export interface SummaryFinding extends StatusFinding {
  placement?: Placement;
}

export interface SummaryInput {
  report: Report;
  findings: SummaryFinding[];
  /** One-line notes for the reader (a read-only token, a PR over GitHub's 3,000-file listing limit, …). */
  notes: string[];
  /** The hidden tag that identifies this workflow's sticky comment. */
  tag: string;
  today: string;
  /** Where the full report is when this comment had to be cut. */
  fullReportUrl?: string;
}

const ICON: Record<Severity, string> = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };

/** The hidden line that marks our sticky comment; the tag keeps two workflows apart. */
export function summaryMarker(tag: string): string {
  return `<!-- aks-netguide:summary tag=${tag.replace(/[^A-Za-z0-9_.-]/g, '_')} -->`;
}

/**
 * The sticky summary comment: clusters with their model (before → after), the kubenet countdown, findings
 * not shown inline, migration plans, the model comparison, and a footer. Sections are added in order of
 * importance while they fit; what doesn't fit is counted and pointed to.
 */
export function renderSummary(input: SummaryInput): string {
  const { report } = input;
  const marker = summaryMarker(input.tag);
  const footer = `\n---\n<sub>${report.tool.name} ${report.tool.version} · knowledge as of ${report.tool.knowledgeAsOf} · [rules](https://github.com/aks-netguide/aks-netguide/tree/main/docs/rules)</sub>\n${marker}\n`;
  const sections: string[] = [headline(input)];
  const add = (text: string): boolean => {
    if (size(sections) + text.length + footer.length > BUDGET) return false;
    sections.push(text);
    return true;
  };
  for (const note of input.notes) add(`> ${escapeMarkdown(note)}\n`);
  const countdown = kubenetCountdown(report.clusters, input.today);
  if (countdown !== undefined) add(countdown);
  if (report.clusters.length > 0) add(clusterTable(report.clusters));
  addFindingSections(input, add);
  for (const analyzed of report.clusters) {
    const policy = policyPlanMarkdown(analyzed);
    if (
      policy !== undefined &&
      !add(
        `<details open><summary>Network policy change: ${escapeMarkdown(analyzed.cluster.id)}</summary>\n\n${policy}\n\n</details>\n`,
      )
    )
      break;
    const plan = migrationPlan(analyzed);
    if (plan === undefined) continue;
    const open = analyzed.change === 'changed' ? ' open' : '';
    if (
      !add(
        `<details${open}><summary>Migration plan: ${escapeMarkdown(analyzed.cluster.id)}</summary>\n\n${migrationPlanMarkdown(plan, analyzed.cluster)}\n\n</details>\n`,
      )
    )
      break;
  }
  if (report.clusters.length > 0) {
    const models = [...new Set(report.clusters.map((c) => c.classification.model))];
    add(
      `<details><summary>How the AKS network models compare</summary>\n\n${comparisonTable(models, undefined, 'in use here')}\n\n</details>\n`,
    );
  }
  return `${sections.join('\n')}${footer}`;
}

function headline(input: SummaryInput): string {
  const fresh = input.findings.filter((f) => f.status === 'new' && f.finding.suppressed === undefined);
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const { finding } of fresh) counts[finding.severity]++;
  const title = '### aks-netguide: AKS network review\n';
  const notAnalyzed = fresh.filter(({ finding }) => finding.ruleId === 'not-analyzed').length;
  if (input.report.clusters.length === 0 && input.report.updates.length === 0 && fresh.length === 0) {
    return `${title}\nNo AKS cluster definitions in the files this change touches. ✅\n`;
  }
  const verdict =
    fresh.length === 0
      ? 'No new findings. ✅'
      : `${fresh.length} new finding${fresh.length === 1 ? '' : 's'}: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.notice} notice${counts.notice === 1 ? '' : 's'}.`;
  const unread =
    notAnalyzed === 0
      ? ''
      : `\n${notAnalyzed} file${notAnalyzed === 1 ? ' was' : 's were'} not analyzed (see \`not-analyzed\` below): this review does not cover ${notAnalyzed === 1 ? 'it' : 'them'}.\n`;
  return `${title}\n${verdict}\n${unread}`;
}

function kubenetCountdown(clusters: readonly ClusterReport[], today: string): string | undefined {
  const kubenet = clusters.filter((c) => c.classification.model === 'kubenet');
  if (kubenet.length === 0) return undefined;
  const date = RETIREMENTS.kubenet.date.value;
  const days = daysBetween(today, date);
  const when =
    days >= 0 ? `${days} day${days === 1 ? '' : 's'} left` : `retired ${-days} day${days === -1 ? '' : 's'} ago`;
  return `⏳ **kubenet retires on ${date}: ${when}.** ${kubenet.length} cluster${kubenet.length === 1 ? '' : 's'} here use${kubenet.length === 1 ? 's' : ''} it. ([announcement](${RETIREMENTS.kubenet.announcements[0] ?? RETIREMENTS.kubenet.migrationDocs}))\n`;
}

function clusterTable(clusters: readonly ClusterReport[]): string {
  const lines = ['| Cluster | Where | Network model | Change |', '| --- | --- | --- | --- |'];
  for (const analyzed of clusters) {
    const { cluster } = analyzed;
    const before = analyzed.previousClassification;
    const model =
      before !== undefined && before.model !== analyzed.classification.model
        ? `${escapeMarkdown(modelLabel(before.model))} → **${escapeMarkdown(describeModel(analyzed))}**`
        : escapeMarkdown(describeModel(analyzed));
    const change = analyzed.change === undefined ? '' : analyzed.change === 'added' ? 'added' : analyzed.change;
    lines.push(
      `| ${inlineCode(cluster.id, 80)} | ${inlineCode(`${cluster.range.file}:${cluster.range.startLine}`, 120)} | ${model} | ${change} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function addFindingSections(input: SummaryInput, add: (text: string) => boolean): void {
  const notInline = input.findings.filter((f) => f.status === 'new' && f.placement !== 'inline');
  const preExisting = input.findings.filter((f) => f.status === 'unchanged');
  const fixed = input.findings.filter((f) => f.status === 'fixed');
  const groups: [string, SummaryFinding[], boolean][] = [
    ['New findings not on a changed line', notInline, true],
    ['Already there before this change (not counted against it)', preExisting, false],
    ['Fixed by this change ✅', fixed, false],
  ];
  for (const [title, list, open] of groups) {
    if (list.length === 0) continue;
    const head = `<details${open ? ' open' : ''}><summary>${title} (${list.length})</summary>\n\n`;
    const rows: string[] = [];
    let shown = 0;
    for (const { finding, placement } of list) {
      const row = `- ${ICON[finding.severity]} [${finding.ruleId}](${finding.helpUri}) ${inlineCode(`${finding.range.file}:${finding.range.startLine}`, 120)}: ${escapeMessageLine(finding.message)}${decidedBy(finding)}${placement === 'no-added-line' ? NO_ADDED_LINE : ''}${finding.suppressed === undefined ? '' : ` _(suppressed: ${escapeMarkdown(finding.suppressed.reason)})_`}`;
      if (head.length + rows.join('\n').length + row.length > 20_000) break;
      rows.push(row);
      shown++;
    }
    if (shown < list.length) {
      rows.push(
        `- … and ${list.length - shown} more${input.fullReportUrl === undefined ? ' in the job summary' : `: [full report](${input.fullReportUrl})`}.`,
      );
    }
    if (!add(`${head}${rows.join('\n')}\n\n</details>\n`)) {
      add(
        `_${list.length} ${title.toLowerCase()} are in the job summary: this comment reached GitHub's size limit._\n`,
      );
    }
  }
}

const NO_ADDED_LINE =
  ' _(None of the lines that decide it is added: the change introduced it by deleting or moving something, so it counts against this change.)_';

/** The other lines that decide a finding, e.g. ` (decided by `terraform.tfvars:1`)`. */
function decidedBy(finding: Finding): string {
  const related = finding.related ?? [];
  if (related.length === 0) return '';
  const places = related.map((location) => inlineCode(`${location.range.file}:${location.range.startLine}`, 120));
  return ` (decided by ${places.join(', ')})`;
}

function size(sections: readonly string[]): number {
  return sections.reduce((total, section) => total + section.length + 1, 0);
}
