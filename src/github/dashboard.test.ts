import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { defaultConfig } from '../engine/config.js';
import { buildInventory } from '../inventory/index.js';
import type { Report } from '../model/index.js';
import {
  DASHBOARD_LABEL,
  applyTicks,
  decodeState,
  encodeState,
  readTickedBoxes,
  renderOrganizationDashboard,
  renderRepositoryDashboard,
  updateOrganizationDashboard,
  updateRepositoryDashboard,
} from './dashboard.js';
import type { DashboardPort, IssueInfo } from './dashboard.js';
import type { RepoRef } from './port.js';

const TODAY = '2026-12-05';
const SHA = 'a'.repeat(40);
const TARGET = { owner: 'octo', repo: 'infra', ref: 'main', sha: SHA };
const OPTIONS = { today: TODAY, serverUrl: 'https://github.com' };

const KUBENET = `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-prod"
  network_profile {
    network_plugin = "kubenet"
  }
}
`;
const OVERLAY = `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks-prod"
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
  }
}
`;

async function reportOf(files: Record<string, string>): Promise<Report> {
  return analyze({ files: Object.entries(files).map(([path, content]) => ({ path, content })) }, defaultConfig(TODAY));
}

/** The issue calls over an in-memory list, recording every write. */
class MemoryIssues implements DashboardPort {
  issues: (IssueInfo & { labels: string[] })[] = [];
  writes: string[] = [];
  /** Runs once, between a run's first look and its re-check: another run creating the issue. */
  beforeNextList: (() => void)[] = [];

  listLabeledIssues(_repo: RepoRef, label: string): Promise<IssueInfo[]> {
    this.beforeNextList.shift()?.();
    return Promise.resolve(this.issues.filter((issue) => issue.labels.includes(label)).map((issue) => ({ ...issue })));
  }

  createIssue(_repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueInfo> {
    const created = {
      number: this.issues.length + 1,
      state: 'open' as const,
      body: issue.body,
      authorLogin: 'bot',
      labels: issue.labels,
    };
    this.issues.push(created);
    this.writes.push(`create #${created.number}`);
    return Promise.resolve({ ...created });
  }

  updateIssue(_repo: RepoRef, number: number, update: { body?: string; state?: 'open' | 'closed' }): Promise<void> {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (issue === undefined) throw new Error(`no issue ${number}`);
    Object.assign(issue, update);
    this.writes.push(`update #${number}${update.state === undefined ? '' : ` ${update.state}`}`);
    return Promise.resolve();
  }
}

describe('dashboard state', () => {
  it.each([
    ['no state', 'just text', undefined],
    ['mangled base64', '<!-- aks-netguide:dashboard repository !!! -->', undefined],
    [
      'not JSON',
      `<!-- aks-netguide:dashboard repository ${Buffer.from('{').toString('base64')} -->`,
      { fingerprints: [], snoozes: [] },
    ],
    [
      'invalid entries dropped',
      `<!-- aks-netguide:dashboard repository ${Buffer.from(
        JSON.stringify({
          fingerprints: ['0123456789abcdef', '<script>'],
          snoozes: [
            { fingerprint: '0123456789abcdef', until: 'soon' },
            { fingerprint: 'fedcba9876543210', ruleId: 'r', until: '2027-01-01' },
          ],
        }),
      ).toString('base64')} -->`,
      {
        fingerprints: ['0123456789abcdef'],
        snoozes: [{ fingerprint: 'fedcba9876543210', ruleId: 'r', until: '2027-01-01' }],
      },
    ],
  ])('%s', (_name, body, expected) => {
    expect(decodeState(body)?.state).toEqual(expected);
  });

  it('round-trips through the body', () => {
    const state = {
      fingerprints: ['0123456789abcdef'],
      snoozes: [{ fingerprint: '0123456789abcdef', ruleId: 'kubenet-retirement', until: '2027-03-05' }],
    };
    expect(decodeState(`text\n${encodeState('repository', state)}\n`)).toEqual({ kind: 'repository', state });
  });
});

describe('ticked boxes', () => {
  it.each([
    [
      'nothing ticked',
      '- [ ] a <!-- aks-netguide:snooze 0123456789abcdef -->\n- [ ] Re-scan now <!-- aks-netguide:rescan -->',
      { snooze: [], rescan: false },
    ],
    [
      'snooze ticked',
      '  - [x] a <!-- aks-netguide:snooze 0123456789abcdef -->',
      { snooze: ['0123456789abcdef'], rescan: false },
    ],
    [
      'rescan ticked (capital X, CRLF)',
      '- [X] Re-scan now <!-- aks-netguide:rescan -->\r\n',
      { snooze: [], rescan: true },
    ],
    ['a box without our marker', '- [x] snooze <!-- other -->', { snooze: [], rescan: false }],
  ])('%s', (_name, body, expected) => {
    expect(readTickedBoxes(body)).toEqual(expected);
  });

  it('a tick becomes a snooze of 90 days; expired snoozes are dropped', () => {
    const state = {
      fingerprints: [],
      snoozes: [{ fingerprint: 'fedcba9876543210', ruleId: 'old', until: '2026-12-01' }],
    };
    expect(applyTicks(state, { snooze: ['0123456789abcdef'], rescan: false }, [], TODAY)).toEqual({
      fingerprints: [],
      snoozes: [{ fingerprint: '0123456789abcdef', ruleId: '', until: '2027-03-05' }],
    });
  });
});

describe('renderRepositoryDashboard', () => {
  it('lists the cluster with a link to the blob at the commit, its model, findings and checklist', async () => {
    const report = await reportOf({ 'infra/main.tf': KUBENET });

    const { body, open } = renderRepositoryDashboard({ ...TARGET, report, ...OPTIONS, snoozes: [] });

    expect(open).toBeGreaterThan(0);
    expect(body).toContain(`(https://github.com/octo/infra/blob/${SHA}/infra/main.tf#L1)`);
    expect(body).toContain('## `azurerm_kubernetes_cluster.aks` (`aks-prod`): kubenet');
    expect(body).toContain('**kubenet-retirement** (');
    expect(body).toContain('Snooze `kubenet-retirement` for this cluster for 90 days <!-- aks-netguide:snooze ');
    expect(body).toContain('<details><summary>Migration checklist</summary>');
    expect(body).toContain('kubenet retires on 2028-03-31 (482 days left;');
    expect(body).toContain('- [ ] Re-scan now <!-- aks-netguide:rescan -->');
  });

  it('a snoozed finding is listed with its date and not counted as open', async () => {
    const report = await reportOf({ 'main.tf': KUBENET });
    const retirement = report.findings.find((finding) => finding.ruleId === 'kubenet-retirement');
    if (retirement === undefined) throw new Error('no kubenet-retirement finding');
    const before = renderRepositoryDashboard({ ...TARGET, report, ...OPTIONS, snoozes: [] });

    const after = renderRepositoryDashboard({
      ...TARGET,
      report,
      ...OPTIONS,
      snoozes: [{ fingerprint: retirement.fingerprint, ruleId: 'kubenet-retirement', until: '2027-03-05' }],
    });

    expect(after.open).toEqual(before.open - 1);
    expect(after.body).toContain('snoozed until 2027-03-05');
    expect(after.body).not.toContain(`aks-netguide:snooze ${retirement.fingerprint}`);
  });

  it.each([
    ['a file name with Markdown, a mention and HTML', 'env/@admin <img src=x>/[x](y)*_.tf'],
    ['a file name that closes our comment', 'x/--><script>alert(1)</script>.tf'],
  ])('escapes %s', async (_name, path) => {
    const report = await reportOf({ [path]: KUBENET });

    const { body } = renderRepositoryDashboard({ ...TARGET, report, ...OPTIONS, snoozes: [] });

    expect(report.clusters.length).toEqual(1);
    expect(
      body.match(/\]\(https:\/\/github\.com\/octo\/infra\/[^)\s]*\)/g)?.every((link) => /#L\d+\)$/.test(link)),
    ).toEqual(true);
    expect(body).not.toContain('@admin');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('--><');
    expect(body.match(/<!--.*/g)?.every((comment) => /^<!-- aks-netguide:[a-z]+ [^<>]*-->$/.test(comment))).toEqual(
      true,
    );
    expect(decodeState(body)?.kind).toEqual('repository');
  });
});

describe('updateRepositoryDashboard', () => {
  it('creates no issue while there is nothing to say', async () => {
    const port = new MemoryIssues();

    const outcome = await updateRepositoryDashboard(port, TARGET, await reportOf({ 'main.tf': OVERLAY }), OPTIONS);

    expect(outcome).toEqual({ action: 'none', reason: 'no open findings' });
    expect(port.writes).toEqual([]);
  });

  it('creates once, then leaves an unchanged body alone and never duplicates on re-run', async () => {
    const port = new MemoryIssues();
    const report = await reportOf({ 'main.tf': KUBENET });

    const first = await updateRepositoryDashboard(port, TARGET, report, OPTIONS);
    const second = await updateRepositoryDashboard(port, TARGET, report, OPTIONS);

    expect([first, second]).toEqual([
      { action: 'created', number: 1 },
      { action: 'unchanged', number: 1 },
    ]);
    expect(port.writes).toEqual(['create #1']);
    expect(port.issues[0]?.labels).toEqual([DASHBOARD_LABEL]);
  });

  it("re-checks before creating: a run that lost the race updates the other run's issue", async () => {
    const port = new MemoryIssues();
    const report = await reportOf({ 'main.tf': KUBENET });
    const other = new MemoryIssues();
    await updateRepositoryDashboard(other, TARGET, report, OPTIONS);
    port.beforeNextList.push(
      () => undefined,
      () => port.issues.push({ ...other.issues[0]!, body: 'x\n' + other.issues[0]!.body }),
    );

    const outcome = await updateRepositoryDashboard(port, TARGET, report, OPTIONS);

    expect(outcome).toEqual({ action: 'updated', number: 1 });
    expect(port.issues.length).toEqual(1);
  });

  it('closes its own duplicate when two runs both passed the re-check', async () => {
    const port = new MemoryIssues();
    const report = await reportOf({ 'main.tf': KUBENET });
    const rendered = renderRepositoryDashboard({ ...TARGET, report, ...OPTIONS, snoozes: [] });
    port.beforeNextList.push(
      () => undefined,
      () => undefined,
      () =>
        port.issues.unshift({
          number: 0,
          state: 'open',
          body: rendered.body,
          authorLogin: 'bot',
          labels: [DASHBOARD_LABEL],
        }),
    );

    const outcome = await updateRepositoryDashboard(port, TARGET, report, OPTIONS);

    expect(outcome).toEqual({ action: 'updated', number: 0 });
    expect(port.writes).toEqual(['create #1', 'update #1 closed']);
  });

  it('a closed dashboard stays closed until a new finding appears, then reopens', async () => {
    const port = new MemoryIssues();
    await updateRepositoryDashboard(port, TARGET, await reportOf({ 'main.tf': KUBENET }), OPTIONS);
    await port.updateIssue(TARGET, 1, { state: 'closed' });

    const same = await updateRepositoryDashboard(port, TARGET, await reportOf({ 'main.tf': KUBENET }), OPTIONS);
    const more = await updateRepositoryDashboard(
      port,
      TARGET,
      await reportOf({ 'main.tf': KUBENET, 'other/main.tf': KUBENET }),
      OPTIONS,
    );

    expect([same, more]).toEqual([
      { action: 'none', reason: 'closed, nothing new', number: 1 },
      { action: 'reopened', number: 1 },
    ]);
    expect(port.issues[0]?.state).toEqual('open');
  });

  it('reads a ticked snooze back: stored with its expiry, box gone, finding snoozed', async () => {
    const port = new MemoryIssues();
    const report = await reportOf({ 'main.tf': KUBENET });
    await updateRepositoryDashboard(port, TARGET, report, OPTIONS);
    const body = port.issues[0]!.body.replace(/- \[ \] (Snooze `kubenet-retirement`)/, '- [x] $1').replace(
      '- [ ] Re-scan',
      '- [x] Re-scan',
    );

    const outcome = await updateRepositoryDashboard(port, TARGET, report, {
      ...OPTIONS,
      ticked: readTickedBoxes(body),
    });

    expect(outcome).toEqual({ action: 'updated', number: 1 });
    const stored = decodeState(port.issues[0]!.body)?.state;
    expect(stored?.snoozes.map((snooze) => [snooze.ruleId, snooze.until])).toEqual([
      ['kubenet-retirement', '2027-03-05'],
    ]);
    expect(port.issues[0]!.body).not.toContain('- [x]');
  });
});

describe('organisation dashboard', () => {
  it('counts by model, lists kubenet clusters per repository with a link to its dashboard, and the countdown', async () => {
    const inventory = buildInventory(
      [
        { name: 'octo/infra', report: await reportOf({ 'main.tf': KUBENET }) },
        { name: 'octo/app', report: await reportOf({ 'main.tf': OVERLAY }) },
        { name: 'octo/@gone', error: 'Not Found <b>' },
      ],
      { today: TODAY },
    );

    const body = renderOrganizationDashboard(inventory, {
      serverUrl: 'https://github.com',
      dashboards: new Map([['octo/infra', 7]]),
    });

    expect(body).toContain('| kubenet | 1 |');
    expect(body).toContain(
      '| [octo/infra](https://github.com/octo/infra) | 1 | [#7](https://github.com/octo/infra/issues/7) |',
    );
    expect(body).toContain('kubenet retires on 2028-03-31 (482 days left;');
    expect(body).toContain('octo/@&#8203;gone');
    expect(body).not.toContain('<b>');
  });

  it('creates once and updates in place', async () => {
    const port = new MemoryIssues();
    const one = buildInventory([{ name: 'octo/infra', report: await reportOf({ 'main.tf': KUBENET }) }], {
      today: TODAY,
    });
    const two = buildInventory([{ name: 'octo/infra', report: await reportOf({ 'main.tf': OVERLAY }) }], {
      today: TODAY,
    });
    const target = { owner: 'octo', repo: 'platform' };

    const outcomes = [
      await updateOrganizationDashboard(port, target, one, OPTIONS),
      await updateOrganizationDashboard(port, target, one, OPTIONS),
      await updateOrganizationDashboard(port, target, two, OPTIONS),
    ];

    expect(outcomes).toEqual([
      { action: 'created', number: 1 },
      { action: 'unchanged', number: 1 },
      { action: 'updated', number: 1 },
    ]);
  });
});
