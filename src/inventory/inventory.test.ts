import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { defaultConfig } from '../engine/config.js';
import type { Report } from '../model/index.js';
import { buildInventory, NO_OWNER } from './fold.js';
import type { InventoryInput } from './fold.js';
import { CSV_COLUMNS, csvField, renderInventoryCsv } from './csv.js';
import { escapeHtml, renderInventoryHtml } from './html.js';
import { renderInventoryJson } from './json.js';
import { renderInventoryMarkdown } from './markdown.js';
import { namedCluster } from '../../test/support/terraform.js';

const KUBENET = '    network_plugin = "kubenet"';
const OVERLAY = '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"';

async function report(files: Record<string, string>): Promise<Report> {
  return analyze(
    { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
    defaultConfig('2026-12-05'),
  );
}

const TODAY = '2026-12-05';

async function sample(): Promise<InventoryInput[]> {
  return [
    {
      name: 'acme/payments',
      ref: 'main',
      sha: 'a'.repeat(40),
      report: await report({
        'aks/prod.tf': namedCluster('prod', KUBENET),
        'aks/dev.tf': namedCluster('dev', OVERLAY),
        'legacy/old.tf': namedCluster('old', KUBENET),
      }),
      codeowners: { path: '.github/CODEOWNERS', text: '* @acme/everyone\n/aks/ @acme/payments @Acme/SRE\n' },
    },
    { name: 'acme/zzz-empty', ref: 'main', sha: 'b'.repeat(40), report: await report({}) },
    { name: 'acme/ghost', error: 'not found or not visible to the token (HTTP 404): Not Found' },
    {
      name: 'acme/web',
      ref: 'trunk',
      sha: 'c'.repeat(40),
      report: await report({ 'main.tf': namedCluster('web', KUBENET) }),
      config: { path: 'netguide.yml', errors: ['rules.kubenet-retirment: no such rule'] },
      codeowners: { path: 'CODEOWNERS', text: '*.[ch] @c\n' },
    },
  ];
}

describe('buildInventory', () => {
  it('lists every repository, read or not, and every cluster with its model, owners and open findings', async () => {
    const inventory = buildInventory(await sample(), { today: TODAY });

    expect(inventory.repositories.map((r) => [r.name, r.status, r.clusters, r.kubenetClusters, r.reason])).toEqual([
      ['acme/ghost', 'unreadable', 0, 0, 'not found or not visible to the token (HTTP 404): Not Found'],
      ['acme/payments', 'read', 3, 2, undefined],
      ['acme/web', 'read', 1, 1, undefined],
      ['acme/zzz-empty', 'read', 0, 0, undefined],
    ]);
    expect(inventory.clusters.map((c) => [c.repository, c.file, c.line, c.model, c.owners])).toEqual([
      ['acme/payments', 'aks/dev.tf', 1, 'azure-cni-overlay', ['@acme/payments', '@acme/sre']],
      ['acme/payments', 'aks/prod.tf', 1, 'kubenet', ['@acme/payments', '@acme/sre']],
      ['acme/payments', 'legacy/old.tf', 1, 'kubenet', ['@acme/everyone']],
      ['acme/web', 'main.tf', 1, 'kubenet', []],
    ]);
    expect(inventory.repositories.find((r) => r.name === 'acme/web')).toMatchObject({
      configErrors: ['netguide.yml: rules.kubenet-retirment: no such rule'],
      codeownersErrors: ['CODEOWNERS:1: character ranges ("*.[ch]") do not work in CODEOWNERS'],
    });
    expect(inventory.clusters[1]?.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['kubenet-retirement', 'error'],
    ]);
  });

  it('counts clusters by model, kubenet by repository and by team, findings by rule, and the countdown', async () => {
    const inventory = buildInventory(await sample(), { today: TODAY });

    expect(inventory.totals).toEqual({
      repositories: 4,
      unreadableRepositories: 1,
      clusters: 4,
      kubenetClusters: 3,
      findings: 3,
    });
    expect(inventory.byModel).toEqual([
      { model: 'kubenet', clusters: 3 },
      { model: 'azure-cni-overlay', clusters: 1 },
    ]);
    expect(inventory.kubenetByRepository).toEqual([
      { repository: 'acme/payments', clusters: 2 },
      { repository: 'acme/web', clusters: 1 },
    ]);
    expect(inventory.kubenetByTeam).toEqual([
      { team: '(no owner)', clusters: 1 },
      { team: '@acme/everyone', clusters: 1 },
      { team: '@acme/payments', clusters: 1 },
      { team: '@acme/sre', clusters: 1 },
    ]);
    expect(NO_OWNER).toBe('(no owner)');
    expect(inventory.findingsByRule.map((rule) => [rule.ruleId, rule.findings])).toEqual([['kubenet-retirement', 3]]);
    expect(inventory.kubenetRetirement).toMatchObject({ date: '2028-03-31', daysLeft: 482 });
  });

  it.each([
    ['2028-03-30', 1],
    ['2028-03-31', 0],
    ['2028-04-10', -10],
  ])('counts down from an injected today (%s → %i days)', (today, days) => {
    expect(buildInventory([], { today }).kubenetRetirement.daysLeft).toBe(days);
  });

  it('gives the same inventory whatever order the repositories come in', async () => {
    const inputs = await sample();

    expect(buildInventory([...inputs].reverse(), { today: TODAY })).toEqual(buildInventory(inputs, { today: TODAY }));
  });

  it('renders JSON that parses back to the inventory', async () => {
    const inventory = buildInventory(await sample(), { today: TODAY });

    expect(JSON.parse(renderInventoryJson(inventory))).toEqual(JSON.parse(JSON.stringify(inventory)));
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a=b', 'a=b'],
  ])('quotes %j as %j (RFC 4180, formula-safe)', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('has one row per cluster and one per repository without clusters, CRLF-terminated', async () => {
    const csv = renderInventoryCsv(buildInventory(await sample(), { today: TODAY }));
    const rows = csv.split('\r\n');

    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows.slice(1, -1).map((row) => row.split(',').slice(0, 2).join(' '))).toEqual([
      'acme/ghost unreadable',
      'acme/payments read',
      'acme/payments read',
      'acme/payments read',
      'acme/web read',
      'acme/zzz-empty read',
    ]);
    expect(rows.at(-1)).toBe('');
  });
});

describe('hostile names', () => {
  const HOSTILE = '<script>alert(1)</script>@everyone #1 [x](javascript:alert(1)) \u202Eevil';

  async function hostileInventory() {
    return buildInventory(
      [
        {
          name: `acme/${HOSTILE}`,
          ref: 'main',
          sha: 'd'.repeat(40),
          report: await report({ [`${HOSTILE}/main.tf`]: namedCluster('x', KUBENET) }),
          codeowners: { path: 'CODEOWNERS', text: '* @evil/<img>\n' },
        },
        { name: `=cmd|' /C calc'!A0`, error: `<b>${HOSTILE}</b>` },
      ],
      { today: TODAY },
    );
  }

  it('escapes them in the HTML: no tag, no attribute break-out, no bidirectional override', async () => {
    const html = renderInventoryHtml(await hostileInventory());

    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b><script');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // Exactly one script element: ours.
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('escapes them in Markdown: no mention, no link, no HTML', async () => {
    const markdown = renderInventoryMarkdown(await hostileInventory());
    // Inside a code span GitHub renders no HTML, link or mention; outside, nothing hostile may be left.
    const outsideCode = markdown.replace(/`[^`\n]*`/g, '');

    expect(outsideCode).not.toMatch(/<script>|<b>|\[x\]\(javascript|@everyone\b(?!&#8203;)|\u202E/);
    expect(markdown).toContain('`acme/<script>alert(1)</script>@everyone #1 [x](javascript:alert(1)) evil`');
  });

  it('keeps them from running as formulas in the CSV', async () => {
    const csv = renderInventoryCsv(await hostileInventory());

    expect(csv.split('\r\n').some((row) => row.startsWith(`'=cmd`) || row.startsWith(`"'=cmd`))).toBe(true);
    expect(csv).not.toMatch(/(^|\r\n)=/);
  });

  it.each([
    ['<', '&#60;'],
    ['"', '&#34;'],
    ["'", '&#39;'],
    ['&', '&#38;'],
    ['a\u200Bb', 'ab'],
    ['\u001b[31m', ' [31m'],
  ])('escapeHtml(%j) is %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('the HTML report', () => {
  it('is self-contained: no external URL is loaded, and the CSP allows only its own style and script', async () => {
    const html = renderInventoryHtml(buildInventory(await sample(), { today: TODAY }));

    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/\b(?:src|href)="(?!https:\/\/)/);
    expect(html).not.toMatch(/\bsrc=/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="(?<policy>[^"]+)">/.exec(html)?.groups?.policy;
    expect(csp?.split('; ')).toEqual([
      "default-src 'none'",
      expect.stringMatching(/^style-src 'sha256-[A-Za-z0-9+/]+=*'$/),
      expect.stringMatching(/^script-src 'sha256-[A-Za-z0-9+/]+=*'$/),
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
  });

  it('charts clusters by model, kubenet by repository and team, findings by rule, and the countdown', async () => {
    const html = renderInventoryHtml(buildInventory(await sample(), { today: TODAY }));

    expect([...html.matchAll(/<svg role="img" aria-label="(?<label>[^"]+)"/g)].map((m) => m.groups?.label)).toEqual([
      'kubenet share',
      'Clusters by model',
      'kubenet clusters by repository',
      'kubenet clusters by team',
      'Findings by rule',
    ]);
    expect(html).toContain('<b>482</b>');
    expect(html.match(/<tr data-model=/g)).toHaveLength(4);
  });
});
