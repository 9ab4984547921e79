import { writerFor } from '../formats/index.js';
import semver from 'semver';
import {
  NETWORK_ENDPOINTS,
  RETIREMENTS,
  hasInPlaceRoute,
  policyRouteBetween,
  routeIrreversible,
  routeBetween,
  routePrerequisites,
} from '../knowledge/index.js';
import type { Fact, NetworkRoute } from '../knowledge/index.js';
import type { Cluster } from '../model/index.js';
import { clusterMove } from '../domain/routes.js';
import { fillCommand } from '../domain/commands.js';
import { settingValue } from '../model/index.js';
import { assessTerraformChanges, certainlyReplaced, previousModel } from './support/terraform-changes.js';
import { createRule } from './rule.js';

export const networkMigration = createRule({
  meta: {
    id: 'network-migration',
    description:
      'Explains a change that migrates a cluster network model in place, with its prerequisites, or says when AKS does not support the migration.',
    defaultSeverity: 'notice',
    messages: {
      migration:
        'This change migrates the cluster in place from {{from}} to {{to}}. {{consequence}} Before you apply it:\n{{checklist}}\n{{blockers}}See {{docs}}',
      ciliumBlocked:
        'BLOCKED: this change moves the cluster to the Cilium data plane, but node pool {{pool}} is Windows, and AKS does not support updating to Cilium while a Windows node pool exists (the Cilium data plane is Linux only). Remove the Windows node pools first, or stay on {{from}}. The other prerequisites:\n{{checklist}}\nSee {{docs}}',
      unsupported: 'AKS does not support {{what}}: {{reason}} {{route}}See {{docs}}',
      noRoute:
        'There is no in-place route from {{from}} to {{to}}: {{reason}} {{retirement}}This change needs a new cluster: create it beside the old one, move workloads and state, switch traffic, then remove the old one. {{edit}} See {{docs}}',
      unconfirmedRoute:
        'No in-place route from {{from}} to {{to}} is confirmed: {{reason}} Until it is, plan the change as a new cluster: create it beside the old one, move workloads and state, switch traffic, then remove the old one. {{edit}} See {{docs}}',
      updateToOverlay:
        'This command migrates the cluster to Azure CNI Overlay in place, if it is kubenet or Azure CNI Node Subnet today; the migration is irreversible and reimages all node pools at the same time. If the cluster is kubenet today:\n{{kubenetChecklist}}\nIf it is Azure CNI Node Subnet today:\n{{nodeSubnetChecklist}}\n{{podCidrNote}}{{podSubnetNote}} See {{docs}}',
      updateToCilium:
        'This command enables the Cilium data plane in place, if the cluster uses Azure CNI (Node Subnet, Pod Subnet or Overlay) today; all node pools are reimaged at the same time. Before you run it:\n{{checklist}}\nIf the cluster is kubenet today: {{kubenetNote}} See {{docs}}',
    },
  },
  checkCluster(analyzed, context) {
    const { cluster, classification } = analyzed;
    const before = previousModel(analyzed);
    if (before === undefined || certainlyReplaced(analyzed)) return;
    const move = clusterMove(analyzed, before);
    if (move === undefined) return;
    const { from, to, route } = move;
    const range = classification.range;
    if (!hasInPlaceRoute(route)) {
      // A Terraform edit that replaces the cluster in every provider version: cluster-replacement says so.
      if (assessTerraformChanges(analyzed).some(({ position }) => position === 'always')) return;
      const retirement = RETIREMENTS.kubenet.date;
      context.report({
        messageId: route.kind === 'none' ? 'noRoute' : 'unconfirmedRoute',
        range,
        data: {
          from: NETWORK_ENDPOINTS[from].name,
          to: NETWORK_ENDPOINTS[to].name,
          reason: route.basis.value,
          retirement: to === 'kubenet' ? `kubenet retires on ${retirement.value} (${retirement.source}). ` : '',
          edit: writerFor(cluster.format).replacement.edit.value,
          docs: route.docs,
        },
      });
      return;
    }
    if (route.kind === 'via') {
      // One change that makes every step at once: AKS takes them as separate operations only.
      context.report({
        messageId: 'unsupported',
        range,
        data: {
          what: `migrating ${NETWORK_ENDPOINTS[from].name} to ${NETWORK_ENDPOINTS[to].name} in one change`,
          reason: route.basis.value,
          route: `The route: ${[from, ...route.legs.map((leg) => leg.to)].map((id) => NETWORK_ENDPOINTS[id].name).join(' → ')}, one change per step: ${route.legs.map((leg) => `\`${fillCommand(leg.command, cluster)}\``).join(', then ')}. `,
          docs: route.docs,
        },
      });
      return;
    }
    const checklist = taskList(routePrerequisites(route));
    const toCilium = NETWORK_ENDPOINTS[to].dataplane === 'cilium' && NETWORK_ENDPOINTS[from].dataplane !== 'cilium';
    const windows = toCilium ? windowsPool(cluster) : undefined;
    if (windows !== undefined) {
      context.report({
        messageId: 'ciliumBlocked',
        range,
        data: { pool: windows, from: NETWORK_ENDPOINTS[from].name, checklist, docs: route.docs },
      });
      return;
    }
    context.report({
      messageId: 'migration',
      range,
      data: {
        from: NETWORK_ENDPOINTS[from].name,
        to: NETWORK_ENDPOINTS[to].name,
        consequence: consequence(route),
        checklist,
        blockers: blockers(cluster, route),
        docs: route.docs,
      },
    });
  },
  checkUpdate(update, context) {
    const mode = settingValue(update.network.pluginMode)?.toLowerCase();
    const dataplane = settingValue(update.network.dataplane)?.toLowerCase();
    const toOverlay = mode === 'overlay';
    const toCilium = dataplane === 'cilium';
    const range = (toCilium ? update.network.dataplane?.range : update.network.pluginMode?.range) ?? update.range;
    if (toOverlay && toCilium) {
      const separate = routePrerequisites(routeBetween('azure-cni-overlay', 'cilium-overlay')!).find((fact) =>
        fact.value.includes('separate operations'),
      );
      if (separate === undefined) return;
      context.report({
        messageId: 'unsupported',
        range,
        data: {
          what: 'changing the IPAM mode and the data plane in one command',
          reason: separate.value,
          route: 'Migrate the IPAM mode to Overlay first, then enable Cilium with a second command. ',
          docs: separate.source,
        },
      });
      return;
    }
    if (toOverlay) {
      const kubenet = routeBetween('kubenet', 'azure-cni-overlay');
      const nodeSubnet = routeBetween('azure-cni-node-subnet', 'azure-cni-overlay');
      const podSubnet = routeBetween('azure-cni-pod-subnet', 'azure-cni-overlay');
      if (kubenet === undefined || nodeSubnet === undefined) return;
      context.report({
        messageId: 'updateToOverlay',
        range,
        data: {
          kubenetChecklist: taskList(routePrerequisites(kubenet)),
          nodeSubnetChecklist: taskList(routePrerequisites(nodeSubnet)),
          podCidrNote:
            update.network.podCidr === undefined
              ? 'This command gives no --pod-cidr: a kubenet cluster keeps its pod CIDR, but a Node Subnet cluster needs one.'
              : '',
          podSubnetNote: podSubnet === undefined ? '' : ` ${podSubnet.basis.value}`,
          docs: kubenet.docs,
        },
      });
      return;
    }
    if (toCilium) {
      const route = routeBetween('azure-cni-overlay', 'cilium-overlay');
      const kubenet = routeBetween('kubenet', 'cilium-overlay');
      if (route === undefined || kubenet === undefined) return;
      context.report({
        messageId: 'updateToCilium',
        range,
        data: {
          checklist: taskList(routePrerequisites(route)),
          kubenetNote: [kubenet.basis.note, kubenet.basis.value].filter((text) => text !== undefined).join(' '),
          docs: route.docs,
        },
      });
    }
  },
});

/** The prerequisites as a Markdown task list; a fact whose sources disagree says so. */
function taskList(facts: Fact<string>[]): string {
  return facts
    .map((fact) =>
      fact.confidence === 'conflict' && fact.note !== undefined
        ? `- [ ] ${fact.value} (Sources disagree: ${fact.note})`
        : `- [ ] ${fact.value}`,
    )
    .join('\n');
}

function consequence(route: NetworkRoute): string {
  const steps =
    route.legs.length > 1
      ? ` It takes ${route.legs.length} separate operations: ${route.legs.map((leg) => `\`${leg.command}\``).join(', then ')}.`
      : '';
  if (routeIrreversible(route) && route.legs.some((leg) => leg.reversible.confidence === 'confirmed'))
    return `The migration is irreversible, and all node pools are reimaged at the same time.${steps}`;
  return (
    'All node pools are reimaged at the same time. No documented route leads back from the Cilium data plane; ' +
    `in Terraform, network_data_plane cilium → azure replaces the cluster.${steps}`
  );
}

/** What in this cluster's own settings stands in the way (shown as BLOCKED lines). */
function blockers(cluster: Cluster, route: NetworkRoute): string {
  const lines: string[] = [];
  if (route.from === 'kubenet') {
    const policy = settingValue(cluster.previous?.network.policy)?.toLowerCase();
    if (policy === 'calico' || policy === 'azure') {
      const uninstall = policyRouteBetween(policy, 'none')?.legs[0]?.command;
      lines.push(
        `BLOCKED: the cluster has network policy "${policy}" today, and the migration needs none enabled: uninstall it first${uninstall === undefined ? '' : ` (\`${uninstall}\`)`}.`,
      );
    }
  }
  // The minimum Kubernetes version, as the prerequisite states it ("Kubernetes 1.27 or later.").
  for (const fact of routePrerequisites(route)) {
    const minimum = /^Kubernetes (?<version>\d+\.\d+) or later/.exec(fact.value)?.groups?.version;
    const version = semver.coerce(settingValue(cluster.kubernetesVersion) ?? '');
    if (minimum === undefined || version === null) continue;
    if (semver.lt(version, `${minimum}.0`)) {
      lines.push(`BLOCKED: Kubernetes ${version.major}.${version.minor} is older than ${minimum}.`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

function windowsPool(cluster: Cluster): string | undefined {
  return cluster.nodePools.find((pool) => settingValue(pool.osType)?.toLowerCase() === 'windows')?.name;
}
