import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/support/fake-port.js';
import { defaultConfig } from '../engine/config.js';
import { fingerprintOf } from '../render/comment.js';
import { summaryMarker } from '../render/summary.js';
import { reviewPullRequest } from './review.js';
import type { CommentMode, ReviewOptions } from './review.js';

const ref = { owner: 'contoso', repo: 'infra', number: 7 };

function cluster(name: string, profile: string): string {
  return `resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "aks-${name}"
  location            = "westeurope"
  resource_group_name = "rg-${name}"
  dns_prefix          = "${name}"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
${profile}
  }
}
`;
}

const KUBENET = '    network_plugin = "kubenet"';
const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';

function options(overrides: Partial<ReviewOptions> = {}): ReviewOptions {
  return {
    config: defaultConfig('2026-11-27'),
    failOn: 'error',
    filterMode: 'added',
    commentMode: 'update',
    reviewComments: true,
    tag: 'netguide',
    botLogin: 'github-actions[bot]',
    ...overrides,
  };
}

describe('reviewPullRequest', () => {
  it('a PR that adds a kubenet cluster fails, with one inline comment and a sticky summary', async () => {
    const port = new FakePort(
      'github-actions[bot]',
      { 'README.md': 'hi\n' },
      { 'README.md': 'hi\n', 'infra/main.tf': cluster('aks', KUBENET) },
    );
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.conclusion).toBe('failure');
    expect(outcome.gating.map((f) => [f.ruleId, f.range.startLine])).toEqual([['kubenet-retirement', 14]]);
    expect(port.reviews).toHaveLength(1);
    expect(port.reviewComments.map((c) => [c.path, c.line])).toEqual([['infra/main.tf', 14]]);
    expect(port.reviewComments[0]?.body).toMatch(/<!-- aks-netguide:fp=[0-9a-f]{16} -->/);
    expect(port.issueComments).toHaveLength(1);
    expect(port.issueComments[0]?.body).toContain(summaryMarker('netguide'));
    expect(port.issueComments[0]?.body).toMatch(/kubenet retires on 2028-03-31: 490 days left/);
    expect(outcome.posted).toEqual({ inline: 1, deleted: 0, summary: 'created' });
  });

  it('a re-run posts nothing twice and leaves an unchanged summary alone', async () => {
    const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    await reviewPullRequest(port, ref, options());
    const second = await reviewPullRequest(port, ref, options());
    expect(port.reviews).toHaveLength(1);
    expect(port.reviewComments).toHaveLength(1);
    expect(second.posted).toEqual({ inline: 0, deleted: 0, summary: 'unchanged' });
    expect(port.calls.filter((call) => call === 'updateIssueComment')).toEqual([]);
  });

  it('a push that fixes the finding deletes our comment and updates the summary', async () => {
    const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    await reviewPullRequest(port, ref, options());
    port.head = { 'infra/main.tf': cluster('aks', OVERLAY) };
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.conclusion).toBe('success');
    expect(port.reviewComments).toEqual([]);
    expect(outcome.posted).toEqual({ inline: 0, deleted: 1, summary: 'updated' });
    expect(port.issueComments[0]?.body).toMatch(/No new findings/);
  });

  it('keeps a comment that someone replied to', async () => {
    const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    await reviewPullRequest(port, ref, options());
    const ours = port.reviewComments[0];
    port.reply(ours?.id ?? 0);
    port.head = { 'infra/main.tf': cluster('aks', OVERLAY) };
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.posted.deleted).toBe(0);
    expect(port.reviewComments.map((c) => c.id)).toContain(ours?.id);
  });

  it('never fails a PR for a problem that was there before it', async () => {
    const before = cluster('aks', KUBENET);
    const after = before.replace('node_count = 3', 'node_count = 4');
    const port = new FakePort('github-actions[bot]', { 'infra/main.tf': before }, { 'infra/main.tf': after });
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.conclusion).toBe('success');
    expect(outcome.findings.map((f) => [f.finding.ruleId, f.status])).toEqual([['kubenet-retirement', 'unchanged']]);
    expect(port.reviews).toEqual([]);
    expect(port.issueComments[0]?.body).toMatch(/Already there before this change/);
  });

  it('a PR that touches no AKS file gets no comment and passes', async () => {
    const port = new FakePort('github-actions[bot]', { 'docs/notes.txt': 'a\n' }, { 'docs/notes.txt': 'b\n' });
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.conclusion).toBe('success');
    expect(outcome.posted.summary).toBe('skipped');
    expect(port.calls).toEqual(['getPullRequest', 'listPullRequestFiles', 'listReviewComments', 'listIssueComments']);
  });

  it('a read-only token degrades instead of failing', async () => {
    const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    port.readOnly = true;
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.degraded).toMatch(/can't write to the pull request \(HTTP 403\)/);
    expect(outcome.conclusion).toBe('failure');
    expect(outcome.findings[0]?.placement).toBe('outside-diff');
  });

  it('isolates a comment GitHub refuses and posts the rest', async () => {
    const head = {
      'infra/a.tf': cluster('a', KUBENET),
      'infra/b.tf': cluster('b', KUBENET),
      'infra/c.tf': cluster('c', KUBENET),
    };
    const port = new FakePort('github-actions[bot]', {}, head);
    port.refuseLines.add('infra/b.tf:14');
    const outcome = await reviewPullRequest(port, ref, options());
    expect(port.reviewComments.map((c) => c.path).sort()).toEqual(['infra/a.tf', 'infra/c.tf']);
    expect(outcome.findings.find((f) => f.finding.range.file === 'infra/b.tf')?.placement).toBe('rejected');
    expect(outcome.posted.inline).toBe(2);
  });

  it('caps inline comments and sends the rest to the summary', async () => {
    const head = Object.fromEntries([1, 2, 3, 4].map((n) => [`infra/c${n}.tf`, cluster(`c${n}`, KUBENET)]));
    const port = new FakePort('github-actions[bot]', {}, head);
    const outcome = await reviewPullRequest(port, ref, options({ maxInlineComments: 3 }));
    expect(port.reviewComments).toHaveLength(3);
    expect(outcome.findings.filter((f) => f.placement === 'over-limit')).toHaveLength(1);
    expect(port.issueComments[0]?.body).toMatch(/New findings not on a changed line \(1\)/);
  });

  it.each([
    { mode: 'new', comments: 2, minimized: 0 },
    { mode: 'hide-and-new', comments: 2, minimized: 1 },
    { mode: 'delete-and-new', comments: 1, minimized: 0 },
    { mode: 'off', comments: 1, minimized: 0 },
  ] satisfies { mode: CommentMode; comments: number; minimized: number }[])(
    'comment mode $mode',
    async ({ mode, comments, minimized }) => {
      const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
      await reviewPullRequest(port, ref, options());
      port.head = { 'infra/main.tf': cluster('aks', OVERLAY) };
      await reviewPullRequest(port, ref, options({ commentMode: mode }));
      expect(port.issueComments).toHaveLength(comments);
      expect(port.issueComments.filter((c) => c.minimized === true)).toHaveLength(minimized);
    },
  );

  it('a second workflow with its own tag keeps its own comment', async () => {
    const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    await reviewPullRequest(port, ref, options({ tag: 'prod' }));
    await reviewPullRequest(port, ref, options({ tag: 'staging' }));
    expect(port.issueComments).toHaveLength(2);
  });

  it('another user’s comment that copies our marker is never touched', async () => {
    const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    port.issueComments.push({ id: 999, nodeId: 'IC_999', body: summaryMarker('netguide'), authorLogin: 'mallory' });
    await reviewPullRequest(port, ref, options());
    expect(port.issueComments.find((c) => c.id === 999)?.body).toBe(summaryMarker('netguide'));
    expect(port.issueComments).toHaveLength(2);
  });

  it('a changed tfvars re-analyzes the cluster in its directory', async () => {
    const main = cluster('aks', '    network_plugin = var.plugin');
    const vars = 'variable "plugin" {\n  default = "azure"\n}\n';
    const port = new FakePort(
      'github-actions[bot]',
      { 'infra/main.tf': main, 'infra/variables.tf': vars, 'infra/terraform.tfvars': 'plugin = "azure"\n' },
      { 'infra/main.tf': main, 'infra/variables.tf': vars, 'infra/terraform.tfvars': 'plugin = "kubenet"\n' },
    );
    const outcome = await reviewPullRequest(port, ref, options({ filterMode: 'file' }));
    expect(outcome.report.clusters.map((c) => [c.classification.model, c.previousClassification?.model])).toEqual([
      ['kubenet', 'azure-cni-node-subnet'],
    ]);
    expect(outcome.findings.filter((f) => f.status === 'new').map((f) => f.finding.ruleId)).toContain(
      'kubenet-retirement',
    );
  });

  it('a file removed while the run reads it is skipped; the other files are still reviewed', async () => {
    const port = new FakePort(
      'github-actions[bot]',
      {},
      { 'infra/a.tf': cluster('a', KUBENET), 'infra/b.tf': cluster('b', KUBENET) },
    );
    const read = port.readFiles.bind(port);
    port.readFiles = async (repo, sha, paths) => {
      const contents = await read(repo, sha, paths);
      contents.set('infra/a.tf', null); // GitHub: the blob is gone (GraphQL null / REST 404)
      return contents;
    };
    const outcome = await reviewPullRequest(port, ref, options());
    expect(outcome.report.clusters.map((c) => c.cluster.range.file)).toEqual(['infra/b.tf']);
    expect(outcome.gating.map((f) => f.range.file)).toEqual(['infra/b.tf']);
  });
});

describe('markers count only as the final line of our own comments', () => {
  it.each(['update', 'delete-and-new', 'hide-and-new'] satisfies CommentMode[])(
    '%s: a comment quoting our summary marker is neither edited, hidden nor deleted',
    async (mode) => {
      const port = new FakePort('github-actions[bot]', {}, { 'infra/main.tf': cluster('aks', KUBENET) });
      const quoting = await port.createIssueComment(
        ref,
        `Another workflow quotes the review:\n\n> ${summaryMarker('netguide')}\n\nand says something of its own.`,
      );
      await reviewPullRequest(port, ref, options({ commentMode: mode }));
      expect(port.issueComments.find((c) => c.id === quoting.id)).toEqual({ ...quoting });
      expect(port.issueComments.filter((c) => c.body.trimEnd().endsWith(summaryMarker('netguide')))).toHaveLength(1);
    },
  );

  it('a fingerprint quoted inside a body is not the comment fingerprint', () => {
    const quoted = `value \`<!-- aks-netguide:fp=0123456789abcdef -->\`\n\n<!-- aks-netguide:fp=fedcba9876543210 -->\n`;
    expect(fingerprintOf(quoted)).toBe('fedcba9876543210');
    expect(fingerprintOf('<!-- aks-netguide:fp=0123456789abcdef -->\nmore text')).toBeUndefined();
  });
});

describe('reviewPullRequest: the lines that decide a finding', () => {
  const main = cluster('aks', '    network_plugin = var.plugin');
  const vars = (plugin: string) => `variable "plugin" {\n  type    = string\n  default = "${plugin}"\n}\n`;
  const tfvars = (plugin: string) => `# the cluster's network\nplugin = "${plugin}"\n`;

  it.each<{ name: string; base: Record<string, string>; head: Record<string, string>; comment: [string, number] }>([
    {
      name: 'a tfvars-only change',
      base: { 'infra/main.tf': main, 'infra/variables.tf': vars('azure'), 'infra/terraform.tfvars': tfvars('azure') },
      head: { 'infra/main.tf': main, 'infra/variables.tf': vars('azure'), 'infra/terraform.tfvars': tfvars('kubenet') },
      comment: ['infra/terraform.tfvars', 2],
    },
    {
      name: 'a variables.tf-only change',
      base: { 'infra/main.tf': main, 'infra/variables.tf': vars('azure') },
      head: { 'infra/main.tf': main, 'infra/variables.tf': vars('kubenet') },
      comment: ['infra/variables.tf', 3],
    },
  ] satisfies {
    name: string;
    base: Record<string, string>;
    head: Record<string, string>;
    comment: [string, number];
  }[])('$name fails under the defaults, commented on the changed line', async ({ base, head, comment }) => {
    const port = new FakePort('github-actions[bot]', base, head);

    const outcome = await reviewPullRequest(port, ref, options());

    expect(outcome.conclusion).toBe('failure');
    expect(outcome.gating.map((f) => [f.ruleId, f.range.file, f.range.startLine])).toEqual([
      ['cluster-replacement', 'infra/main.tf', 14],
      ['kubenet-retirement', 'infra/main.tf', 14],
    ]);
    expect(port.reviewComments.map((c) => [c.path, c.line])).toEqual([comment, comment]);
    expect(port.reviewComments[0]?.body).toContain(
      'This line decides it: `infra/main.tf:14` reads it through `var.plugin`.',
    );
    expect(port.reviewComments[0]?.body).not.toContain('```suggestion');
  });

  it('a change to an unrelated line of the same files does not gate on the finding that was there', async () => {
    const before = {
      'infra/main.tf': main,
      'infra/variables.tf': vars('kubenet'),
      'infra/terraform.tfvars': tfvars('kubenet'),
    };
    const port = new FakePort('github-actions[bot]', before, {
      'infra/main.tf': main.replace('node_count = 3', 'node_count = 4'),
      'infra/variables.tf': vars('kubenet'),
      'infra/terraform.tfvars': tfvars('kubenet').replace("the cluster's network", 'network settings'),
    });

    const outcome = await reviewPullRequest(port, ref, options());

    expect(outcome.conclusion).toBe('success');
    expect(outcome.findings.map((f) => [f.finding.ruleId, f.status])).toEqual([['kubenet-retirement', 'unchanged']]);
    expect(port.reviews).toEqual([]);
  });

  it('a finding a deleted line introduces gates and is explained in the summary', async () => {
    const before = cluster('aks', '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"');
    const after = cluster('aks', '    network_plugin      = "azure"');
    const port = new FakePort('github-actions[bot]', { 'infra/main.tf': before }, { 'infra/main.tf': after });

    const outcome = await reviewPullRequest(port, ref, options({ failOn: 'notice' }));

    expect(outcome.conclusion).toBe('failure');
    expect(outcome.gating.map((f) => f.ruleId)).toContain('legacy-node-subnet');
    expect(outcome.findings.find((f) => f.finding.ruleId === 'legacy-node-subnet')?.placement).toBe('no-added-line');
    expect(port.reviews).toEqual([]);
    expect(port.issueComments[0]?.body).toContain('None of the lines that decide it is added');
  });

  it('the summary names the lines that decided a finding it could not place inline', async () => {
    const port = new FakePort(
      'github-actions[bot]',
      { 'infra/main.tf': main, 'infra/variables.tf': vars('azure') },
      { 'infra/main.tf': main, 'infra/variables.tf': vars('kubenet') },
    );

    await reviewPullRequest(port, ref, options({ reviewComments: false }));

    expect(port.issueComments[0]?.body).toContain('(decided by `infra/variables.tf:3`)');
  });
});
