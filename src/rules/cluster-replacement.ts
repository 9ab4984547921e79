import { headerRange } from '../domain/classify.js';
import { findMigration } from '../knowledge/index.js';
import type { ModelId } from '../knowledge/index.js';
import { OUT_OF_BAND } from '../knowledge/terraform-changes.js';
import type { OutOfBandRoute } from '../knowledge/terraform-changes.js';
import type { Cluster } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { createRule } from './rule.js';
import { assessTerraformChanges, networkChanges } from './support/terraform-changes.js';
import type { NetworkChange } from './support/terraform-changes.js';
import { fillCommand } from '../domain/commands.js';
import { writerFor } from '../formats/index.js';

export const clusterReplacement = createRule({
  meta: {
    id: 'cluster-replacement',
    description:
      'Flags Terraform changes to a cluster network profile that make the azurerm provider destroy and recreate the cluster.',
    defaultSeverity: 'error',
    messages: {
      replace:
        'Changing {{change}} makes Terraform destroy and recreate the cluster: no azurerm version updates it in place. To keep the cluster, {{alternative}}',
      replaceOlderProvider:
        'Changing {{change}} makes Terraform destroy and recreate the cluster on older providers: azurerm updates it in place only from {{since}}, and your constraint `{{constraint}}` {{allows}}. Require `>= {{since}}` in required_providers, or {{alternative}}',
      replaceUnknownVersion:
        'Changing {{change}} destroys and recreates the cluster unless Terraform runs azurerm {{since}} or later (in place from {{since}}); no azurerm version was found for this cluster, so it depends on the provider version you run. Require `>= {{since}}` in required_providers, or {{alternative}}',
      replacePlan: 'The plan deletes and recreates this cluster{{changes}}. To keep the cluster, {{alternative}}',
      loadBalancerSku:
        'Changing load_balancer_sku "basic" → "standard" makes Terraform destroy and recreate the cluster (the attribute forces a new resource in every azurerm version), although AKS upgrades the load balancer in place. Run `{{command}}` first ({{caveats}}), then update the code to match, see {{docs}}',
    },
  },
  checkCluster(analyzed, context) {
    const { cluster } = analyzed;
    if (writerFor(cluster.format).terraform === 'plan') {
      if (cluster.previous?.replaced !== true) return;
      // Every edit counts here, pod CIDR expansions included: the plan has decided.
      const changes = networkChanges(cluster, cluster.previous.network, undefined);
      const first = changes[0];
      context.report({
        messageId: 'replacePlan',
        range: first?.range ?? headerRange(cluster),
        data: {
          changes:
            changes.length > 0
              ? ` (network_profile: ${changes.map((change) => change.text).join('; ')})`
              : ' (no network_profile change found: the plan shows which attribute forces it)',
          alternative: alternativeFor(cluster, changes),
        },
      });
      return;
    }
    for (const assessed of assessTerraformChanges(analyzed)) {
      const { change, position } = assessed;
      if (position === 'at-least') continue;
      if (change.kind === 'load-balancer-sku' && change.before === 'basic' && change.after === 'standard') {
        const route = OUT_OF_BAND.loadBalancerSku;
        context.report({
          messageId: 'loadBalancerSku',
          range: change.range,
          key: change.kind,
          data: {
            command: fillCommand(route.value.command, cluster),
            caveats: route.value.caveats,
            docs: route.source,
          },
        });
        continue;
      }
      const since = change.row.inPlaceSince.value;
      const data = { change: change.text, alternative: alternativeFor(cluster, [change]) };
      if (since === null) {
        context.report({ messageId: 'replace', range: change.range, key: change.kind, data });
      } else if (position === 'unknown') {
        context.report({
          messageId: 'replaceUnknownVersion',
          range: change.range,
          key: change.kind,
          data: { ...data, since },
        });
      } else {
        context.report({
          messageId: 'replaceOlderProvider',
          range: change.range,
          key: change.kind,
          data: {
            ...data,
            since,
            constraint: settingValue(cluster.providerVersion) ?? '',
            allows: position === 'below' ? 'allows none of those versions' : 'allows older versions',
          },
        });
      }
    }
  },
});

/** The way to make the edit without Terraform, from the knowledge base's migration paths and routes. */
function alternativeFor(cluster: Cluster, changes: NetworkChange[]): string {
  for (const change of changes) {
    const text = routeFor(cluster, change);
    if (text !== undefined) return text;
  }
  return 'keep the current value, or plan for a new cluster: this tool knows no `az aks update` that makes this change in place.';
}

function routeFor(cluster: Cluster, change: NetworkChange): string | undefined {
  switch (change.kind) {
    case 'plugin-kubenet-to-overlay':
      return migrationRoute(cluster, 'kubenet', 'azure-cni-overlay', '--network-plugin-mode overlay');
    case 'plugin-mode-to-overlay':
      return migrationRoute(cluster, 'azure-cni-node-subnet', 'azure-cni-overlay', '--pod-cidr');
    case 'dataplane-azure-to-cilium':
    case 'policy-azure-to-cilium':
    case 'policy-calico-to-cilium':
      return migrationRoute(cluster, 'azure-cni-overlay', 'azure-cni-cilium', '--network-dataplane cilium');
    case 'policy-other':
      if (!isPolicyEngine(change.before) || !isPolicyEngine(change.after)) return undefined;
      return outOfBand(cluster, OUT_OF_BAND.networkPolicySwitch, change.after);
    case 'load-balancer-sku':
      return change.before === 'basic' && change.after === 'standard'
        ? outOfBand(cluster, OUT_OF_BAND.loadBalancerSku)
        : undefined;
    default:
      return undefined;
  }
}

function isPolicyEngine(value: string | undefined): value is 'azure' | 'calico' {
  return value === 'azure' || value === 'calico';
}

function migrationRoute(cluster: Cluster, from: ModelId, to: ModelId, flag: string): string | undefined {
  const path = findMigration(from, to);
  const command = path?.steps.find((step) => step.command?.includes(flag))?.command;
  if (path === undefined || command === undefined) return undefined;
  const caveat = path.irreversible
    ? 'irreversible; all node pools are reimaged at the same time'
    : 'all node pools are reimaged at the same time';
  return `run \`${fillCommand(command, cluster)}\` first (${caveat}; see ${path.docs}), then update the code to match.`;
}

function outOfBand(cluster: Cluster, route: { value: OutOfBandRoute; source: string }, policy?: string): string {
  const command = fillCommand(route.value.command, cluster).replaceAll('$POLICY', policy ?? '$POLICY');
  return `run \`${command}\` first (${route.value.caveats}; see ${route.source}), then update the code to match.`;
}
