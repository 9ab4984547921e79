import semver from 'semver';
import { MODELS, findMigration } from '../knowledge/index.js';
import type { Fact, MigrationPath, ModelId } from '../knowledge/index.js';
import type { Cluster, NetworkModel } from '../model/index.js';
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
    const from = modelId(before.model);
    const to = modelId(classification.model);
    if (from === undefined || to === undefined || from === to) return;
    const path = findMigration(from, to);
    if (path === undefined) return;
    const range = classification.range;
    if (!path.supported.value) {
      // A Terraform edit that replaces the cluster in every provider version is no migration: cluster-replacement says so.
      if (assessTerraformChanges(analyzed).some(({ position }) => position === 'always')) return;
      context.report({
        messageId: 'unsupported',
        range,
        data: {
          what: `migrating ${MODELS[from].name} to ${MODELS[to].name} in place`,
          reason: path.supported.note ?? '',
          route: describeRoute(path),
          docs: path.docs,
        },
      });
      return;
    }
    const checklist = taskList(path.prerequisites);
    const windows = to === 'azure-cni-cilium' ? windowsPool(cluster) : undefined;
    if (windows !== undefined) {
      context.report({
        messageId: 'ciliumBlocked',
        range,
        data: { pool: windows, from: MODELS[from].name, checklist, docs: path.docs },
      });
      return;
    }
    context.report({
      messageId: 'migration',
      range,
      data: {
        from: MODELS[from].name,
        to: MODELS[to].name,
        consequence: consequence(path),
        checklist,
        blockers: blockers(cluster, path),
        docs: path.docs,
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
      const separate = findMigration('azure-cni-overlay', 'azure-cni-cilium')?.prerequisites.find((fact) =>
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
      const kubenet = findMigration('kubenet', 'azure-cni-overlay');
      const nodeSubnet = findMigration('azure-cni-node-subnet', 'azure-cni-overlay');
      const podSubnet = findMigration('azure-cni-pod-subnet', 'azure-cni-overlay');
      if (kubenet === undefined || nodeSubnet === undefined) return;
      context.report({
        messageId: 'updateToOverlay',
        range,
        data: {
          kubenetChecklist: taskList(kubenet.prerequisites),
          nodeSubnetChecklist: taskList(nodeSubnet.prerequisites),
          podCidrNote:
            update.network.podCidr === undefined
              ? 'This command gives no --pod-cidr: a kubenet cluster keeps its pod CIDR, but a Node Subnet cluster needs one.'
              : '',
          podSubnetNote: podSubnet?.supported.note === undefined ? '' : ` ${podSubnet.supported.note}`,
          docs: kubenet.docs,
        },
      });
      return;
    }
    if (toCilium) {
      const path = findMigration('azure-cni-overlay', 'azure-cni-cilium');
      if (path === undefined) return;
      context.report({
        messageId: 'updateToCilium',
        range,
        data: {
          checklist: taskList(path.prerequisites),
          kubenetNote: findMigration('kubenet', 'azure-cni-cilium')?.supported.note ?? '',
          docs: path.docs,
        },
      });
    }
  },
});

function modelId(model: NetworkModel): ModelId | undefined {
  return model === 'platform-default' || model === 'unresolved' ? undefined : model;
}

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

function consequence(path: MigrationPath): string {
  if (path.irreversible) return 'The migration is irreversible, and all node pools are reimaged at the same time.';
  return (
    'All node pools are reimaged at the same time. Whether the data plane can be switched back is not covered ' +
    'here; in Terraform, network_data_plane cilium → azure replaces the cluster.'
  );
}

/** What in this cluster's own settings stands in the way (shown as BLOCKED lines). */
function blockers(cluster: Cluster, path: MigrationPath): string {
  const lines: string[] = [];
  if (path.from === 'kubenet' && path.to === 'azure-cni-overlay') {
    const policy = settingValue(cluster.previous?.network.policy)?.toLowerCase();
    if (policy === 'calico' || policy === 'azure') {
      lines.push(
        `BLOCKED: the cluster has network policy "${policy}" today, and the migration needs none enabled: uninstall it first.`,
      );
    }
  }
  // The minimum Kubernetes version, as the prerequisite states it ("Kubernetes 1.27 or later.").
  for (const fact of path.prerequisites) {
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

function describeRoute(path: MigrationPath): string {
  if (path.route !== undefined) {
    return `The supported route: ${path.route.map((id) => MODELS[id].name).join(' → ')}, one step per change. `;
  }
  const step = path.steps[0];
  return step === undefined ? '' : `${step.text} `;
}
