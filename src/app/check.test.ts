import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/support/fake-port.js';
import type { CheckAnnotation } from '../github/port.js';
import {
  ANNOTATIONS_PER_REQUEST,
  CHECK_SUMMARY_LIMIT,
  MAX_CHECK_ANNOTATIONS,
  capAnnotations,
  checkResultOf,
  concludeCheck,
  errorResult,
} from './check.js';
import type { ReviewOutcome } from '../github/review.js';
import type { Finding, Severity } from '../model/index.js';
import type { CheckResult } from './check.js';
import { DeliveryLog } from './memory.js';
import { runPullCheck } from './pull-check.js';
import { parseConfig } from '../engine/config-file.js';

const repo = { owner: 'contoso', repo: 'infra' };
const KUBENET = `resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n`;

function annotations(count: number): CheckAnnotation[] {
  return Array.from({ length: count }, (_, index) => ({
    path: 'main.tf',
    startLine: index + 1,
    endLine: index + 1,
    level: 'warning' as const,
    message: `finding ${index}`,
    title: 'aks-netguide x',
  }));
}

function finding(severity: Severity, file: string, line: number): Finding {
  return {
    ruleId: 'kubenet-retirement',
    severity,
    message: `finding on ${file}:${line}`,
    helpUri: 'https://example.com/rule',
    fingerprint: `${file}:${line}`,
    range: { file, startLine: line, endLine: line },
  } as Finding;
}

function outcomeOf(findings: Finding[]): ReviewOutcome {
  return {
    findings: findings.map((entry) => ({ finding: entry, status: 'new' as const })),
    conclusion: 'failure',
    summary: 'summary',
    report: { clusters: [] },
  } as unknown as ReviewOutcome;
}

describe('concludeCheck', () => {
  it.each([
    { count: 0, sent: 0 },
    { count: 50, sent: 50 },
    { count: 51, sent: 50 },
    { count: 10_000, sent: 50 },
  ])('$count annotations: one update with $sent of them and the conclusion', async ({ count, sent }) => {
    const port = new FakePort();
    const id = await port.createCheckRun(repo, { name: 'aks-netguide', headSha: 'head' });
    const result: CheckResult = { conclusion: 'failure', title: 't', summary: 's', annotations: annotations(count) };

    await concludeCheck(port, repo, id, result);

    const updates = port.checkRuns[0]?.updates ?? [];
    expect(updates.map((u) => [u.conclusion, u.output?.annotations?.length ?? 0])).toEqual([['failure', sent]]);
    expect(sent).toBeLessThanOrEqual(ANNOTATIONS_PER_REQUEST);
  });

  it('annotates the 50 most severe findings in a fixed order and lists the rest in the text', () => {
    const severities: Severity[] = ['notice', 'warning', 'error'];
    const findings = Array.from({ length: 120 }, (_, index) =>
      finding(severities[index % 3] ?? 'notice', `f${index % 7}.tf`, index + 1),
    );

    const forward = checkResultOf(outcomeOf(findings));
    const backward = checkResultOf(outcomeOf([...findings].reverse()));

    expect(forward.annotations).toHaveLength(MAX_CHECK_ANNOTATIONS);
    expect(forward.annotations).toEqual(backward.annotations);
    expect(forward.text).toEqual(backward.text);
    expect(forward.annotations.slice(0, 40).every((a) => a.level === 'failure')).toBe(true);
    expect(forward.annotations.slice(40).every((a) => a.level === 'warning')).toBe(true);
    expect(forward.text).toMatch(/^70 more new findings \(30 warnings, 40 notices\) beyond the 50 annotations/);
    expect(forward.text?.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(70);
    expect(forward.title).toBe('120 new findings (40 errors, 40 warnings, 40 notices)');
  });

  it.each([
    { count: 3, shown: 3, rest: 0 },
    { count: 50, shown: 50, rest: 0 },
    { count: 51, shown: 50, rest: 1 },
  ])('capAnnotations: $count findings → $shown annotated, $rest in the text', ({ count, shown, rest }) => {
    const findings = Array.from({ length: count }, (_, index) => finding('warning', 'main.tf', index + 1));

    const capped = capAnnotations(findings);

    expect([capped.shown.length, capped.rest.length]).toEqual([shown, rest]);
  });

  it('cuts a summary at the check run limit', () => {
    expect(errorResult(new Error('x'.repeat(70_000))).summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
  });
});

describe('runPullCheck', () => {
  const config = () => Promise.resolve(parseConfig('', '2026-11-27'));
  const botLogin = () => Promise.resolve('netguide[bot]');

  it.each<{ name: string; head: Record<string, string>; conclusion: string; title: string | RegExp }>([
    { name: 'no AKS file', head: { 'README.md': 'b\n' }, conclusion: 'success', title: 'No AKS changes' },
    {
      name: 'a new kubenet cluster',
      head: { 'main.tf': KUBENET },
      conclusion: 'failure',
      title: /^\d+ new findings? \(1 error/,
    },
  ])('$name → $conclusion', async ({ head, conclusion, title }) => {
    const port = new FakePort('netguide[bot]', { 'README.md': 'a\n' }, head);

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'head', { botLogin, loadConfig: config });

    expect(result.conclusion).toBe(conclusion);
    expect(result.title).toMatch(title);
    expect(port.checkRuns[0]?.updates.at(-1)).toMatchObject({ status: 'completed', conclusion });
  });

  it('an invalid configuration fails the check and names the key', async () => {
    const port = new FakePort('netguide[bot]', {}, { 'main.tf': KUBENET });

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'head', {
      botLogin,
      loadConfig: () => Promise.resolve(parseConfig('review:\n  filter-mode: everything\n', '2026-11-27')),
    });

    expect(result).toMatchObject({ conclusion: 'failure', title: 'Invalid configuration' });
    expect(result.summary).toMatch(/review\.filter-mode: must be one of added, diff_context, file, nofilter/);
    expect(port.calls).not.toContain('createReview');
  });

  it('an error during the analysis still concludes the check, with the error', async () => {
    const port = new FakePort('netguide[bot]', {}, { 'main.tf': KUBENET });
    port.listPullRequestFiles = () => Promise.reject(new Error('boom'));

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'head', { botLogin, loadConfig: config });

    expect(result).toMatchObject({ conclusion: 'failure', title: 'The analysis failed' });
    expect(port.checkRuns[0]?.updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('a run a newer head replaced in the queue concludes superseded without analyzing', async () => {
    const port = new FakePort('netguide[bot]', {}, { 'main.tf': KUBENET });

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'older', {
      botLogin,
      loadConfig: config,
      schedule: () => Promise.resolve({ ran: false, supersededBy: 'newer' }),
    });

    expect(result).toMatchObject({ conclusion: 'neutral', title: 'Superseded by newer' });
    expect(result.summary).toMatch(/before the analysis started/);
    expect(port.calls).not.toContain('getPullRequest');
    expect(port.checkRuns[0]?.updates.at(-1)).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  it('a spent time budget concludes with the files it did not analyze as not-analyzed, failing closed', async () => {
    const port = new FakePort('netguide[bot]', {}, { 'main.tf': KUBENET });
    const analyzed: string[] = [];

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'head', {
      botLogin,
      loadConfig: config,
      budgetMs: 0,
      now: () => 1_000,
      analyze: (input) => {
        analyzed.push(...(input.targets ?? []));
        return Promise.reject(new Error('the pool was not to be asked'));
      },
    });

    expect(analyzed).toEqual([]);
    expect(result.conclusion).toBe('failure');
    expect(result.annotations).toEqual([
      expect.objectContaining({ path: 'main.tf', level: 'failure', title: 'aks-netguide not-analyzed' }),
    ]);
    expect(result.annotations[0]?.message).toMatch(
      /did not analyze this file because it could not be read \(the time budget of this run was spent before it was analyzed\), and it mentions an AKS resource/,
    );
    expect(result.summary).toMatch(
      /The time budget of this run was spent before the analysis finished: 1 file was not analyzed/,
    );
  });

  it('the analysis runs through the injected analyze (the worker pool)', async () => {
    const port = new FakePort('netguide[bot]', {}, { 'main.tf': KUBENET });
    const { analyze } = await import('../engine/analyze.js');
    const analyzed: string[] = [];

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'head', {
      botLogin,
      loadConfig: config,
      analyze: (input, settings) => {
        analyzed.push(...(input.targets ?? []));
        return analyze(input, settings);
      },
    });

    expect(analyzed).toEqual(['main.tf']);
    expect(result.conclusion).toBe('failure');
  });

  it('a head that moved on during the analysis: neutral, superseded, nothing posted', async () => {
    const port = new FakePort('netguide[bot]', {}, { 'main.tf': KUBENET });

    const result = await runPullCheck(port, { ...repo, number: 1 }, 'older', { botLogin, loadConfig: config });

    expect(result).toMatchObject({ conclusion: 'neutral', title: 'Superseded by head' });
    expect(port.calls).not.toContain('createReview');
    expect(port.calls).not.toContain('createIssueComment');
  });
});

describe('per-process memory', () => {
  it('DeliveryLog remembers ids up to its limit', () => {
    const log = new DeliveryLog(2);
    expect(['a', 'a', 'b', 'c', 'a'].map((id) => log.firstTime(id))).toEqual([true, false, true, true, true]);
  });
});
