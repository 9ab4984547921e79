import { createRule } from './rule.js';

export const parseError = createRule({
  meta: {
    id: 'parse-error',
    description: 'Reports a file that could not be parsed or decoded; the other files are still analyzed.',
    defaultSeverity: 'warning',
    messages: {
      syntax: 'aks-netguide could not parse this file, so any cluster in it is not analyzed: {{detail}}',
      encoding:
        'This file is not valid UTF-8 (first invalid byte on line {{line}}); it was analyzed as far as it decodes.',
    },
  },
  checkProblem(problem, context) {
    const range = { ...problem.range, endLine: problem.range.startLine };
    switch (problem.kind) {
      case 'parse-error':
        context.report({ messageId: 'syntax', range, key: String(range.startLine), data: { detail: problem.message } });
        return;
      case 'encoding':
        context.report({ messageId: 'encoding', range, data: { line: range.startLine } });
        return;
      default:
        // Files that were not analyzed at all are `not-analyzed`'s.
        return;
    }
  },
});
