import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Report, Severity } from '../model/index.js';

const LEVELS: Record<Severity, Result.level> = { error: 'error', warning: 'warning', notice: 'note' };
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/aks-netguide/aks-netguide';

/** SARIF 2.1.0 for code scanning and other SARIF viewers. */
export function toSarif(report: Report): Log {
  const descriptors: ReportingDescriptor[] = report.rules.map((rule) => ({
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    helpUri: rule.helpUri,
    help: { text: `${rule.description} See ${rule.helpUri}` },
    defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
  }));
  const index = new Map(report.rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = report.findings.map((finding) => {
    const result: Result = {
      ruleId: finding.ruleId,
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(finding.range.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.range.startLine, endLine: finding.range.endLine },
          },
        },
      ],
      partialFingerprints: { 'aksNetguide/v1': finding.fingerprint },
    };
    if (finding.related !== undefined && finding.related.length > 0) {
      result.relatedLocations = finding.related.map((location, id) => ({
        id,
        message: { text: location.message },
        physicalLocation: {
          artifactLocation: { uri: encodeUri(location.range.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: location.range.startLine, endLine: location.range.endLine },
        },
      }));
    }
    if (finding.suppressed !== undefined) {
      result.suppressions = [{ kind: 'inSource', justification: finding.suppressed.reason }];
    }
    const ruleIndex = index.get(finding.ruleId);
    if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
    return result;
  });
  return {
    version: '2.1.0',
    $schema: SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned directory.' } } },
        results,
      },
    ],
  };
}

export function renderSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}

function pascalCase(id: string): string {
  return id.replace(/(?:^|-)(?<letter>[a-z0-9])/g, (_whole, letter: string) => letter.toUpperCase());
}

/** A relative URI reference: each path segment percent-encoded, `/` kept. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
