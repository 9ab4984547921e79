import * as core from '@actions/core';
import type { Finding, Severity } from '../model/index.js';

/**
 * GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job), so more are not
 * sent as annotations: the log says how many, and all of them are in the job summary (prior-art §3.4).
 */
export const ANNOTATIONS_PER_SEVERITY = 10;

export interface AnnotationResult {
  shown: number;
  omitted: number;
}

export function annotate(findings: readonly Finding[]): AnnotationResult {
  const shown: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  let omitted = 0;
  for (const finding of findings) {
    if (shown[finding.severity] >= ANNOTATIONS_PER_SEVERITY) {
      omitted++;
      continue;
    }
    shown[finding.severity]++;
    const properties = {
      title: `aks-netguide ${finding.ruleId}`,
      file: finding.range.file,
      startLine: finding.range.startLine,
      endLine: finding.range.endLine,
    };
    const message = `${finding.message} (${finding.helpUri})`;
    if (finding.severity === 'error') core.error(message, properties);
    else if (finding.severity === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (omitted > 0)
    core.info(
      `${omitted} more findings were not annotated (GitHub shows 10 per severity and step); the job summary lists them all.`,
    );
  return { shown: shown.error + shown.warning + shown.notice, omitted };
}
