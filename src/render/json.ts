import type { Report } from '../model/index.js';
import type { Setting } from '../model/index.js';

/** The CLI's `--format json`: a stable, documented shape (see the README). */
export interface JsonReport {
  tool: { name: string; version: string; knowledgeAsOf: string };
  clusters: JsonCluster[];
  findings: JsonFinding[];
}

export interface JsonCluster {
  name: string;
  file: string;
  line: number;
  format: string;
  model: string;
  networkPlugin: string | null;
  networkPluginMode: string | null;
  networkDataplane: string | null;
  networkPolicy: string | null;
}

export interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  endLine: number;
  message: string;
  helpUri: string;
  /** The other lines that decide the finding (tfvars, variable defaults, parameters, …); absent when none. */
  related?: { file: string; line: number; endLine: number; message: string }[];
  /** Only present when an inline `netguide-ignore` comment covers the finding. */
  suppressed?: { reason: string; until?: string; line: number };
}

export function toJsonReport(report: Report): JsonReport {
  return {
    tool: { ...report.tool },
    clusters: report.clusters.map(({ cluster, classification }) => ({
      name: cluster.id,
      file: cluster.range.file,
      line: cluster.range.startLine,
      format: cluster.format,
      model: classification.model,
      networkPlugin: settingText(cluster.network.plugin),
      networkPluginMode: settingText(cluster.network.pluginMode),
      networkDataplane: settingText(cluster.network.dataplane),
      networkPolicy: settingText(cluster.network.policy),
    })),
    findings: report.findings.map((finding) => {
      const json: JsonFinding = {
        ruleId: finding.ruleId,
        severity: finding.severity,
        file: finding.range.file,
        line: finding.range.startLine,
        endLine: finding.range.endLine,
        message: finding.message,
        helpUri: finding.helpUri,
      };
      if (finding.related !== undefined && finding.related.length > 0) {
        json.related = finding.related.map((location) => ({
          file: location.range.file,
          line: location.range.startLine,
          endLine: location.range.endLine,
          message: location.message,
        }));
      }
      if (finding.suppressed !== undefined) json.suppressed = { ...finding.suppressed };
      return json;
    }),
  };
}

/** A setting as JSON: its value as a string, `null` when unset, `"unresolved"` when it can't be known. */
export function settingText(setting: Setting<string> | undefined): string | null {
  if (setting === undefined) return null;
  if (setting.how === 'unresolved') return 'unresolved';
  return setting.value;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
