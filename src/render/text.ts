import { createColors } from 'picocolors';
import type { Report } from '../model/index.js';
import type { Finding, Severity } from '../model/index.js';
import { describeModel } from './labels.js';

export interface TextOptions {
  color: boolean;
}

/** Plain text for a terminal: clusters first, then findings grouped by file, then the counts. */
export function renderText(report: Report, options: TextOptions): string {
  const c = createColors(options.color);
  const paint: Record<Severity, (text: string) => string> = { error: c.red, warning: c.yellow, notice: c.cyan };
  const lines: string[] = [];
  if (report.clusters.length > 0) {
    lines.push(c.bold('Clusters'));
    for (const analyzed of report.clusters) {
      const { cluster } = analyzed;
      lines.push(
        `  ${oneLine(cluster.range.file)}:${cluster.range.startLine}  ${c.bold(oneLine(cluster.id))}  ${describeModel(analyzed)}`,
      );
    }
    lines.push('');
  }
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.range.file) ?? [];
    list.push(finding);
    byFile.set(finding.range.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(c.underline(oneLine(file)));
    for (const finding of findings) {
      const where = String(finding.range.startLine).padStart(5);
      const severity =
        finding.suppressed === undefined
          ? paint[finding.severity](finding.severity.padEnd(7))
          : c.dim('ignored'.padEnd(7));
      const note =
        finding.suppressed === undefined ? '' : c.dim(` (suppressed: ${oneLine(finding.suppressed.reason)})`);
      lines.push(`${where}  ${severity}  ${oneLine(finding.message)}${note}  ${c.dim(finding.ruleId)}`);
      for (const location of finding.related ?? []) {
        lines.push(
          `${' '.repeat(14)}${c.dim(`decided by ${oneLine(`${location.range.file}:${location.range.startLine}`)}: ${oneLine(location.message)}`)}`,
        );
      }
    }
    lines.push('');
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(report: Report): string {
  const active = report.findings.filter((finding) => finding.suppressed === undefined);
  const counts = countBySeverity(active);
  const suppressed = report.findings.length - active.length;
  const files = report.files.length;
  const clusters = report.clusters.length;
  const tail = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  return `${plural(files, 'file')} analyzed, ${plural(clusters, 'cluster')}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}${tail}`;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Control characters from repository values must not reach the terminal (escape sequences). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
