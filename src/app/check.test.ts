import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/support/fake-port.js';
import type { CheckAnnotation } from '../github/port.js';
import { ANNOTATIONS_PER_REQUEST, CHECK_SUMMARY_LIMIT, concludeCheck, errorResult } from './check.js';
import type { CheckResult } from './check.js';
import { DeliveryLog, KeyedQueue } from './memory.js';
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

describe('concludeCheck', () => {
  it.each([
    { count: 0, patches: [0] },
    { count: 50, patches: [50] },
    { count: 51, patches: [50, 1] },
    { count: 120, patches: [50, 50, 20] },
  ])('$count annotations go in PATCHes of $patches, the conclusion with the last', async ({ count, patches }) => {
    const port = new FakePort();
    const id = await port.createCheckRun(repo, { name: 'aks-netguide', headSha: 'head' });
    const result: CheckResult = { conclusion: 'failure', title: 't', summary: 's', annotations: annotations(count) };

    await concludeCheck(port, repo, id, result);

    const updates = port.checkRuns[0]?.updates ?? [];
    expect(updates.map((u) => u.output?.annotations?.length ?? 0)).toEqual(patches);
    expect(updates.map((u) => u.conclusion)).toEqual([...Array(patches.length - 1).fill(undefined), 'failure']);
    expect(Math.max(...updates.map((u) => u.output?.annotations?.length ?? 0))).toBeLessThanOrEqual(
      ANNOTATIONS_PER_REQUEST,
    );
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

  it('KeyedQueue runs one key in order and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('pr1', async () => {
      await gate;
      order.push('pr1-a');
    });
    const second = queue.run('pr1', async () => order.push('pr1-b'));
    await queue.run('pr2', async () => order.push('pr2'));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['pr2', 'pr1-a', 'pr1-b']);
  });
});
