import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { defaultConfig } from '../../src/engine/config.js';
import { findCommand } from '../../src/github/commands/handlers.js';
import {
  NETWORK_ENDPOINT_IDS,
  POLICY_ENGINE_IDS,
  policyRouteBetween,
  routeBetween,
} from '../../src/knowledge/index.js';
import type { NetworkEndpoint, NetworkRoute, PolicyEngine } from '../../src/knowledge/index.js';
import { migrationPlan, shortCommand } from '../../src/render/guidance.js';
import { renderSummary } from '../../src/render/summary.js';
import { terraformCluster } from '../support/terraform.js';

/**
 * The route table's contract with every renderer (issue 17): for every ordered pair of network
 * configurations, what is drawn or said is exactly what the table says — a command shown ⇒ a leg of the
 * table's route with that command; no in-place route ⇒ a replacement plan and no command. Each pair is a real
 * Bicep change analyzed against its base, so classification, the summary, the rule messages and
 * `/netguide migrate` are all exercised.
 */

const TODAY = '2026-11-27';
const POD_SUBNET = "'/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods'";

const PROFILES: Record<NetworkEndpoint, { network: string; podSubnet: boolean }> = {
  kubenet: { network: "networkPlugin: 'kubenet'", podSubnet: false },
  'azure-cni-node-subnet': { network: "networkPlugin: 'azure'", podSubnet: false },
  'azure-cni-pod-subnet': { network: "networkPlugin: 'azure'", podSubnet: true },
  'azure-cni-overlay': { network: "networkPlugin: 'azure'\n      networkPluginMode: 'overlay'", podSubnet: false },
  'cilium-node-subnet': { network: "networkPlugin: 'azure'\n      networkDataplane: 'cilium'", podSubnet: false },
  'cilium-pod-subnet': { network: "networkPlugin: 'azure'\n      networkDataplane: 'cilium'", podSubnet: true },
  'cilium-overlay': {
    network: "networkPlugin: 'azure'\n      networkPluginMode: 'overlay'\n      networkDataplane: 'cilium'",
    podSubnet: false,
  },
  'byo-cni': { network: "networkPlugin: 'none'", podSubnet: false },
  'platform-default': { network: "serviceCidr: '10.0.0.0/16'\n      dnsServiceIP: '10.0.0.10'", podSubnet: false },
};

function bicep(endpoint: NetworkEndpoint): string {
  const { network, podSubnet } = PROFILES[endpoint];
  return `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  properties: {
    kubernetesVersion: '1.31'
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4s_v5'${podSubnet ? `\n        podSubnetID: ${POD_SUBNET}` : ''}
      }
    ]
    networkProfile: {
      ${network}
    }
  }
}
`;
}

/** Kubernetes 1.31 with nothing written: AKS picks Overlay, so writing Overlay down (or back) moves nothing. */
function resolvedByDefault(from: NetworkEndpoint, to: NetworkEndpoint): boolean {
  return (
    (from === 'platform-default' && to === 'azure-cni-overlay') ||
    (from === 'azure-cni-overlay' && to === 'platform-default')
  );
}

async function analyzePair(from: NetworkEndpoint, to: NetworkEndpoint) {
  const report = await analyze(
    {
      files: [{ path: 'main.bicep', content: bicep(to) }],
      base: { files: [{ path: 'main.bicep', content: bicep(from) }] },
    },
    defaultConfig(TODAY),
  );
  return report;
}

/** The commands a text shows: `az aks update …` in shell blocks and code spans, and Mermaid edge labels. */
function shownCommands(text: string): { commands: string[]; edges: string[] } {
  const commands = [...text.matchAll(/az aks update -n \S+ -g \S+(?: --[a-z-]+(?: [^\s`'|-][^\s`|]*)?)+/g)].map(
    (match) => match[0],
  );
  const edges = [...text.matchAll(/-->\|(?<label>[^|]+)\|/g)].map((match) => match.groups?.label ?? '');
  return { commands, edges };
}

function expectShowsExactly(text: string, route: NetworkRoute, fill: (command: string) => string): void {
  const shown = shownCommands(text);
  const legs = route.legs.map((leg) => leg.command);
  expect(new Set(shown.commands)).toEqual(new Set(legs.map(fill)));
  expect(shown.edges).toEqual(legs.map((command) => shortCommand(command)));
  if (route.legs.length === 0) {
    expect(text).toMatch(/Replacement plan \(blue\/green\):/);
  }
}

const PAIRS = NETWORK_ENDPOINT_IDS.flatMap((from) =>
  NETWORK_ENDPOINT_IDS.filter((to) => to !== from).map((to) => ({ from, to, route: routeBetween(from, to)! })),
);

const fillForCluster = (command: string) => command.replace('$CLUSTER', 'aks-prod');

describe('every renderer shows exactly the route table', () => {
  it.each(PAIRS.map((pair) => ({ ...pair, kind: pair.route.kind })))(
    '$from -> $to ($kind)',
    async ({ from, to, route }) => {
      const report = await analyzePair(from, to);
      const analyzed = report.clusters[0]!;

      // The plan the summary and the review use.
      const plan = migrationPlan(analyzed);
      if (resolvedByDefault(from, to)) {
        expect(plan === undefined || plan.from !== from).toBe(true);
        return;
      }
      expect({ from: plan?.from, to: plan?.to, route: plan?.route }).toEqual({ from, to, route });

      // The summary's migration plan section.
      const summary = renderSummary({ report, findings: [], notes: [], tag: 't', today: TODAY });
      const start = summary.indexOf('<summary>Migration plan:');
      expect(start).toBeGreaterThan(-1);
      const section = summary.slice(start, summary.indexOf('</details>', start));
      // The Bicep cluster gives its name but no resource group: $RG stays a placeholder.
      expectShowsExactly(section, route, fillForCluster);
      if (to === 'kubenet') expect(section).toMatch(/kubenet retires on \*\*2028-03-31\*\*/);

      // Rule messages: network-migration (and any other rule) never shows a command that is not a leg.
      for (const finding of report.findings.filter((candidate) => candidate.ruleId === 'network-migration')) {
        for (const command of shownCommands(finding.message).commands) {
          expect(route.legs.map((leg) => fillForCluster(leg.command))).toContain(command);
        }
        if (route.legs.length === 0) expect(finding.message).toMatch(/new cluster/);
      }
      const ids = report.findings.filter((f) => f.ruleId === 'network-migration').map((f) => f.messageId);
      const expected = {
        'in-place': ['migration'],
        via: ['unsupported'],
        none: ['noRoute'],
        unconfirmed: ['unconfirmedRoute'],
      }[route.kind];
      expect(ids).toEqual(expected);

      // /netguide migrate <from> <to>.
      const result = await findCommand('migrate')!.run([from, to], { isPullRequest: false });
      expect(result.ok).toBe(true);
      expectShowsExactly(result.body.replaceAll('-n $CLUSTER', '-n aks-prod'), route, fillForCluster);
    },
  );
});

describe('the end-to-end case of issue 17: Terraform, Azure CNI Node Subnet -> kubenet', () => {
  it('says there is no route, that the cluster is recreated and when kubenet retires, and draws no command', async () => {
    const report = await analyze(
      {
        files: [{ path: 'main.tf', content: terraformCluster('    network_plugin = "kubenet"', '~> 4.66') }],
        base: { files: [{ path: 'main.tf', content: terraformCluster('    network_plugin = "azure"', '~> 4.66') }] },
      },
      defaultConfig(TODAY),
    );
    const summary = renderSummary({ report, findings: [], notes: [], tag: 't', today: TODAY });
    const start = summary.indexOf('<summary>Migration plan:');
    const section = summary.slice(start, summary.indexOf('</details>', start));
    expect(shownCommands(section)).toEqual({ commands: [], edges: [] });
    expect(section).toMatch(/❌ No in-place route: No in-place route leads to kubenet/);
    expect(section).toMatch(/kubenet retires on \*\*2028-03-31\*\*/);
    expect(section).toMatch(/In Terraform this change destroys and recreates the cluster in every azurerm version/);
    expect(section).toMatch(/lifecycle \{ create[\s\S]*moved block[\s\S]*removed block/);
    expect(section).toMatch(/-\. "no in-place route: replace" \.->/);

    const replacement = report.findings.filter((finding) => finding.ruleId === 'cluster-replacement');
    expect(replacement.map((finding) => finding.messageId)).toEqual(['replace']);
    expect(replacement[0]?.message).toMatch(
      /destroy and recreate the cluster[\s\S]*no in-place route from Azure CNI Node Subnet to kubenet[\s\S]*kubenet retires on 2028-03-31/,
    );
    expect(shownCommands(replacement[0]?.message ?? '').commands).toEqual([]);
  });
});

describe('the summary shows exactly the policy route table', () => {
  const pairs = POLICY_ENGINE_IDS.flatMap((from) =>
    POLICY_ENGINE_IDS.filter((to) => to !== from).map((to) => ({ from, to, route: policyRouteBetween(from, to)! })),
  );
  const withPolicy = (policy: PolicyEngine) =>
    bicep('azure-cni-overlay').replace(
      "networkPluginMode: 'overlay'",
      `networkPluginMode: 'overlay'\n      networkPolicy: '${policy}'`,
    );

  it.each(pairs.map((pair) => ({ ...pair, kind: pair.route.kind })))(
    '$from -> $to ($kind)',
    async ({ from, to, route }) => {
      const report = await analyze(
        {
          files: [{ path: 'main.bicep', content: withPolicy(to) }],
          base: { files: [{ path: 'main.bicep', content: withPolicy(from) }] },
        },
        defaultConfig(TODAY),
      );
      const summary = renderSummary({ report, findings: [], notes: [], tag: 't', today: TODAY });
      const start = summary.indexOf('<summary>Network policy change:');
      expect(start).toBeGreaterThan(-1);
      const section = summary.slice(start, summary.indexOf('</details>', start));
      const shown = shownCommands(section);
      expect(shown.commands).toEqual(route.legs.map((leg) => fillForCluster(leg.command)));
      if (route.legs.length === 0) expect(section).toMatch(/Replacement plan \(blue\/green\):/);
    },
  );
});
