import type { NotAnalyzedKind } from '../model/index.js';
import { createRule } from './rule.js';

const REASON: Record<NotAnalyzedKind, string> = {
  binary: 'it looks binary',
  'too-large': 'it is too large',
  unreadable: 'it could not be read',
  'too-deep': 'it is nested too deeply to parse safely',
};

/**
 * A file a format claims but that aks-netguide did not look at: the gate fails closed. It is an error when
 * the file's first bytes mention an AKS resource (the pre-check every such file gets), a warning otherwise.
 */
export const notAnalyzed = createRule({
  meta: {
    id: 'not-analyzed',
    description:
      'Reports a file that was not analyzed at all (binary, too large, unreadable or nested too deeply), so nothing is dropped silently.',
    defaultSeverity: 'error',
    messages: {
      aks: 'aks-netguide did not analyze this file because {{reason}} ({{detail}}), and it mentions an AKS resource: any cluster in it is unchecked.',
      other: 'aks-netguide did not analyze this file because {{reason}} ({{detail}}); any cluster in it is unchecked.',
    },
    messageSeverity: { other: 'warning' },
  },
  checkProblem(problem, context) {
    if (problem.kind === 'parse-error' || problem.kind === 'encoding') return;
    context.report({
      messageId: problem.aksMarkers === true ? 'aks' : 'other',
      range: { ...problem.range, endLine: problem.range.startLine },
      data: { reason: REASON[problem.kind], detail: problem.message },
    });
  },
});
