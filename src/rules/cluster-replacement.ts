import { headerRange } from '../domain/classify.js';
import {
  NETWORK_ENDPOINTS,
  POLICY_ENGINE_NAMES,
  RETIREMENTS,
  hasInPlaceRoute,
  routeIrreversible,
} from '../knowledge/index.js';
import type { Route } from '../knowledge/index.js';
import { OUT_OF_BAND } from '../knowledge/terraform-changes.js';
import type { OutOfBandRoute } from '../knowledge/terraform-changes.js';
import type { AnalyzedCluster, Cluster } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { createRule } from './rule.js';
import { assessTerraformChanges, networkChanges, previousModel } from './support/terraform-changes.js';
import type { NetworkChange } from './support/terraform-changes.js';
import { fillCommand } from '../domain/commands.js';
import { writerFor } from '../formats/index.js';
import { clusterMove, policyMove } from '../domain/routes.js';

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
        decidedBy: changes.map((change) => change.setting),
        data: {
          changes:
            changes.length > 0
              ? ` (network_profile: ${changes.map((change) => change.text).join('; ')})`
              : ' (no network_profile change found: the plan shows which attribute forces it)',
          alternative: alternativeFor(analyzed, changes),
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
          decidedBy: [change.setting],
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
      const data = { change: change.text, alternative: alternativeFor(analyzed, [change]) };
      if (since === null) {
        context.report({
          messageId: 'replace',
          range: change.range,
          decidedBy: [change.setting],
          key: change.kind,
          data,
        });
      } else if (position === 'unknown') {
        context.report({
          messageId: 'replaceUnknownVersion',
          range: change.range,
          decidedBy: [change.setting],
          key: change.kind,
          data: { ...data, since },
        });
      } else {
        context.report({
          messageId: 'replaceOlderProvider',
          range: change.range,
          decidedBy: [change.setting],
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

/**
 * The way to make the edit without Terraform, from the route table: the cluster's move when it changes
 * network configuration (its commands, or why there is none and the replacement to plan), else the route
 * of the one setting (a policy engine, the load balancer SKU).
 */
function alternativeFor(analyzed: AnalyzedCluster, changes: NetworkChange[]): string {
  const { cluster } = analyzed;
  const move = clusterMove(analyzed, previousModel(analyzed));
  if (move !== undefined)
    return routeText(cluster, move.route, NETWORK_ENDPOINTS[move.from].name, NETWORK_ENDPOINTS[move.to].name);
  const policy = policyMove(analyzed);
  if (policy !== undefined && changes.some((change) => change.kind.startsWith('policy-'))) {
    return routeText(cluster, policy.route, POLICY_ENGINE_NAMES[policy.from], POLICY_ENGINE_NAMES[policy.to]);
  }
  for (const change of changes) {
    if (change.kind === 'load-balancer-sku' && change.before === 'basic' && change.after === 'standard') {
      return outOfBand(cluster, OUT_OF_BAND.loadBalancerSku);
    }
  }
  return `keep the current value, or plan a replacement: ${replacementText(cluster)}`;
}

function routeText(cluster: Cluster, route: Route<string>, from: string, to: string): string {
  if (hasInPlaceRoute(route)) {
    const commands = route.legs.map((leg) => `\`${fillCommand(leg.command, cluster)}\``).join(', then ');
    const caveat = routeIrreversible(route)
      ? 'irreversible; all node pools are reimaged'
      : 'all node pools are reimaged';
    return `run ${commands} first (${caveat}; see ${route.docs}), then update the code to match.`;
  }
  const retirement = route.to === 'kubenet' ? ` kubenet retires on ${RETIREMENTS.kubenet.date.value}.` : '';
  const reason = route.kind === 'none' ? route.basis.value : `unconfirmed: ${route.basis.value}`;
  return `you cannot: there is no in-place route from ${from} to ${to} (${reason.replace(/\.$/, '')}; see ${route.docs}).${retirement} Plan a replacement instead: ${replacementText(cluster)}`;
}

function replacementText(cluster: Cluster): string {
  const edit = writerFor(cluster.format).replacement;
  return (
    'create the new cluster beside the old one, move workloads and state, switch traffic, then remove the old ' +
    `one. ${edit.edit.value} ${edit.tools.map((tool) => tool.value).join(' ')}`.trim()
  );
}

function outOfBand(cluster: Cluster, route: { value: OutOfBandRoute; source: string }): string {
  const command = fillCommand(route.value.command, cluster);
  return `run \`${command}\` first (${route.value.caveats}; see ${route.source}), then update the code to match.`;
}
