import { beforeAll, describe, expect, it } from 'vitest';
import { findCommand } from '../../src/github/commands/handlers.js';
import { analyze } from '../../src/engine/analyze.js';
import type { Report } from '../../src/engine/analyze.js';
import { findingStatuses } from '../../src/engine/compare.js';
import { defaultConfig } from '../../src/engine/config.js';
import { FORMATS } from '../../src/formats/index.js';
import type { Finding } from '../../src/model/index.js';
import { renderInlineComment } from '../../src/render/comment.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { COMMENT_BODY_LIMIT, renderSummary } from '../../src/render/summary.js';
import type { SummaryFinding } from '../../src/render/summary.js';
import { renderText } from '../../src/render/text.js';
import { markdownProblems } from './markdown-check.js';

/**
 * Repository content is hostile: names, values, paths and comments that try to ping people, link issues,
 * open HTML, close our `<details>`, break tables and fences, hide text, or drive a terminal. Real input files
 * carry them through the analyzer to every surface we post or print.
 */
const TODAY = '2026-01-15';
const LONG = 'A'.repeat(10_000);
const NASTY =
  '@octocat @org/team #123 GH-7 `tick` ``` ~~~ </details> <details open> <!-- --> <img src=x onerror=alert(1)> ' +
  '<!-- aks-netguide:fp=0123456789abcdef --> <!-- aks-netguide:summary tag=aks-netguide --> <!-- aks-netguide:reply --> ' +
  '[link](https://evil.example) **bold** _em_ | pipe | \\| &#64;octocat &commat;a \u200b\u200f\u202e\u2066\ufeff ' +
  '\u0007\u001b[31mred\u001b[0m\u009b';
/** In a quoted HCL / shell / YAML string: no raw newline or quote, but escapes that decode to them. */
const HCL_NASTY = `${NASTY.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}\\n@second-line #9 \\r`;

const TERRAFORM_PATH = 'env/@octocat #123 <b>x</b> `q` | ‮/main.tf';
const FILES: Record<string, string> = {
  [TERRAFORM_PATH]: `variable "plugin" {
  default = "${HCL_NASTY}"
}

variable "cidr" {
  default = "${HCL_NASTY}/16"
}

# netguide-ignore cidr-overlap -- ${NASTY.replaceAll('\n', ' ')}
resource "azurerm_kubernetes_cluster" "${NASTY.replaceAll('"', '').replaceAll('\\', '')}" {
  name                = "${HCL_NASTY}"
  resource_group_name = "${HCL_NASTY}"
  dns_prefix          = "${LONG}"
  tags = {
    owner = "${HCL_NASTY}"
    long  = "${LONG}"
  }
  default_node_pool {
    name           = "${HCL_NASTY}"
    vnet_subnet_id = "${HCL_NASTY}"
    max_pods       = 9999
  }
  network_profile {
    network_plugin = var.plugin
    pod_cidr       = var.cidr
    service_cidr   = "${HCL_NASTY}"
    dns_service_ip = "${LONG}"
  }
}

resource "azurerm_kubernetes_cluster" "kubenet" {
  name = "@octocat-#42"
  network_profile {
    network_plugin = "kubenet"
    pod_cidr       = "10.244.0.0/16"
    service_cidr   = "10.244.0.0/16"
  }
}
`,
  'scripts/#123 @team <x>.sh': `#!/bin/bash
NAME='${NASTY.replaceAll("'", '')}'
az aks create --resource-group "@octocat #1 </details>" --name "$NAME" \\
  --network-plugin kubenet --pod-cidr '#123<b>' --service-cidr "${LONG}" \\
  --max-pods '@admins'
az aks create -g rg -n '${NASTY.replaceAll("'", '')}' --network-plugin "azure" --network-plugin-mode '</details>'
`,
  'k8s/<img src=x>.yaml': `apiVersion: containerservice.azure.com/v1api20240402preview
kind: ManagedCluster
metadata:
  name: ${JSON.stringify(NASTY + LONG)}
spec:
  owner:
    name: "@octocat"
  networkProfile:
    networkPlugin: "kubenet\\n@octocat #5 </details>"
    podCidr: ${JSON.stringify(NASTY)}
`,
};

let report: Report;
let statuses: SummaryFinding[];

beforeAll(async () => {
  for (const format of FORMATS) await format.init?.();
  const base = {
    files: [{ path: TERRAFORM_PATH, content: FILES[TERRAFORM_PATH]?.replace('"kubenet"', '"none"') ?? '' }],
  };
  report = await analyze(
    { files: Object.entries(FILES).map(([path, content]) => ({ path, content })), base },
    defaultConfig(TODAY),
  );
  const placements = ['inline', 'outside-diff', 'over-limit', 'rejected'] as const;
  statuses = findingStatuses(report).map((status, index) => ({ ...status, placement: placements[index % 4] }));
});

function expectWellFormed(markdown: string): void {
  expect(markdownProblems(markdown)).toEqual([]);
}

describe('hostile repository content', () => {
  it('reaches the analyzer: clusters and findings from every hostile file', () => {
    expect(new Set(report.clusters.map((c) => c.cluster.range.file))).toEqual(new Set(Object.keys(FILES)));
    expect(report.findings.length).toBeGreaterThan(5);
    expect(statuses.some((s) => s.status === 'fixed' || s.status === 'unchanged')).toBe(true);
    console.log(`hostile: ${report.clusters.length} clusters, ${report.findings.length} findings`);
  });

  it('the checker catches what it is meant to catch', () => {
    expect(markdownProblems('hi @octocat')).toHaveLength(1);
    expect(markdownProblems('see #123')).toHaveLength(1);
    expect(markdownProblems('<details>\n\nx')).toHaveLength(1);
    expect(markdownProblems('</details>')).toHaveLength(1);
    expect(markdownProblems('<img src=x>')).toHaveLength(1);
    expect(markdownProblems('```\ncode')).toHaveLength(1);
    expect(markdownProblems('| a | b |\n| --- | --- |\n| x | y | z |')).toHaveLength(1);
    expect(markdownProblems('`@octocat #123 <img>` and ``a ` @b``\n```\n@c\n```')).toEqual([]);
    // Our markers count only as the final line; anywhere else, in code or not, they are spoofing.
    expect(markdownProblems('body\n\n<!-- aks-netguide:fp=0123456789abcdef -->\n')).toEqual([]);
    expect(markdownProblems('`<!-- aks-netguide:fp=0123456789abcdef -->`\n<!-- aks-netguide:reply -->')).toHaveLength(
      1,
    );
    expect(markdownProblems('```\n<!-- aks-netguide:summary tag=x -->\n```\nbody')).toHaveLength(1);
    expect(markdownProblems('<!-- aks-netguide:summary tag=x -->\nbody')).toHaveLength(2);
  });

  it('inline comments stay well-formed', () => {
    for (const finding of report.findings) {
      const body = renderInlineComment(finding, { suggestion: true });
      expectWellFormed(body);
    }
  });

  it('a suggestion made of backticks cannot break out of its fence', () => {
    const [finding] = report.findings;
    expect(finding).toBeDefined();
    const hostile: Finding = {
      ...(finding as Finding),
      suggestion: {
        range: (finding as Finding).range,
        replacement: `x = "\`\`\`\`\`\`"\n\`\`\`\n@octocat #1 </details>`,
      },
    };
    expectWellFormed(renderInlineComment(hostile, { suggestion: true }));
  });

  it('the summary comment stays well-formed', () => {
    const body = renderSummary({
      report,
      findings: statuses,
      notes: [NASTY, `${LONG}\n@octocat #1`],
      tag: NASTY,
      today: TODAY,
      fullReportUrl: 'https://github.com/o/r/actions/runs/1',
    });
    expectWellFormed(body);
    expect(body.length).toBeLessThan(COMMENT_BODY_LIMIT);
  });

  it('the summary stays under GitHub’s limit and well-formed with 2,000 hostile findings', () => {
    const template = report.findings[0] as Finding;
    const findings: Finding[] = Array.from({ length: 2_000 }, (_, index) => ({
      ...template,
      fingerprint: `f${index}`,
      message: `${NASTY} \`${NASTY}\` ${LONG.slice(0, 500)} ${index}`,
      range: { ...template.range, file: `${TERRAFORM_PATH}${index}` },
      ...(index % 3 === 0 ? { suppressed: { reason: NASTY, line: 1 } } : {}),
    }));
    const big: Report = { ...report, findings, base: { clusters: report.clusters, findings: findings.slice(0, 700) } };
    const bigStatuses = findingStatuses(big).map((status) => ({ ...status, placement: 'outside-diff' as const }));
    const body = renderSummary({ report: big, findings: bigStatuses, notes: [NASTY], tag: 'x', today: TODAY });
    expect(body.length).toBeLessThan(COMMENT_BODY_LIMIT);
    expectWellFormed(body);
    expectWellFormed(renderMarkdown(big));
  });

  it('the Markdown report stays well-formed', () => {
    expectWellFormed(renderMarkdown(report));
  });

  it('no control character reaches the text renderer', () => {
    const text = renderText(report, { color: false });
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
    const bad = text.split('\n').filter((line) => control.test(line));
    expect(bad.map((line) => JSON.stringify(line.slice(0, 200)))).toEqual([]);
  });

  const HOSTILE_ARGS = [NASTY, '@octocat', '#123', '</details>', '`', '```', LONG, '<!--', 'overlay|x', '\u202e'];
  const commandCases: [string, string[]][] = [
    ['compare', HOSTILE_ARGS],
    ['compare', ['overlay', '@octocat']],
    ...HOSTILE_ARGS.map((arg): [string, string[]] => ['explain', [arg]]),
    ...HOSTILE_ARGS.map((arg): [string, string[]] => ['migrate', [arg]]),
    ...HOSTILE_ARGS.map((arg): [string, string[]] => ['migrate', ['kubenet', arg]]),
    ['plan', ['--nodes', '@octocat', '--max-pods', '#123', '--subnet', NASTY, '--pod-cidr', '</details>', NASTY]],
    ['plan', ['--nodes=3', '--max-pods=30', '--service-cidr', LONG, '--model', '@team', '--subnet', NASTY]],
    ['plan', ['--nodes', '3', '--max-pods', '30', '--subnet', '10.0.0.0/30', '--pod-cidr', '10.0.0.0/30']],
  ];

  it.each(commandCases.map(([name, args]) => [name, args.map((a) => a.slice(0, 40)).join(' '), args] as const))(
    'the /netguide %s reply stays well-formed (%s)',
    async (name, _label, args) => {
      const command = findCommand(name);
      expect(command).toBeDefined();
      const result = await command?.run(args, { isPullRequest: true });
      expectWellFormed(result?.body ?? '');
    },
  );

  /** `/netguide plan --@octocat` must not ping, and `--</details>` must not break the reply. */
  it('the /netguide plan reply escapes unknown option names', async () => {
    const result = await findCommand('plan')?.run(
      ['--@octocat', 'x', '--#123', 'y', '--nodes', '3', '--max-pods', '30'],
      {
        isPullRequest: true,
      },
    );
    expectWellFormed(result?.body ?? '');
  });
});
