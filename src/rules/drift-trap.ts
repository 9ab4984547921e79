import { headerRange } from '../domain/classify.js';
import { comparePosition } from '../domain/version-range.js';
import type { VersionPosition } from '../domain/version-range.js';
import { DATAPLANE_DEFAULT, HAZARDS, OUT_OF_BAND, TERRAFORM_CHANGES } from '../knowledge/terraform-changes.js';
import type { Cluster, ClusterUpdate, SourceRange } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { fillCommand } from '../domain/commands.js';
import { constraintOf, isAzurermCluster, isPodCidrExpansion, previousModel } from './support/terraform-changes.js';
import { createRule } from './rule.js';

export const driftTrap = createRule({
  meta: {
    id: 'drift-trap',
    description:
      'Flags Terraform configurations that would undo a network change made outside Terraform, or edit one AKS makes in place, by replacing the cluster.',
    defaultSeverity: 'warning',
    messages: {
      dataplaneDropped:
        'This change removes network_data_plane = "cilium". From azurerm {{since}} the attribute defaults to "azure", so the next plan changes the data plane cilium → azure, and that replaces the cluster{{versionNote}}. Keep network_data_plane = "cilium", see {{docs}}',
      dataplaneOutOfBand:
        '`{{update}}` ({{where}}) moves cluster {{name}} to the Cilium data plane outside Terraform, but this configuration {{written}}: once that command has run, the next plan changes the data plane cilium → azure, and that replaces the cluster{{versionNote}}. Set network_data_plane = "cilium" (and network_policy = "cilium") to match, see {{docs}}',
      kubenetAfterMigration:
        '`{{update}}` ({{where}}) migrates cluster {{name}} from kubenet to Azure CNI Overlay outside Terraform, but this configuration still says network_plugin = "kubenet": once that command has run, the next plan changes network_plugin azure → kubenet, which replaces the cluster in every azurerm version. Set network_plugin = "azure" and network_plugin_mode = "overlay" (leaving pod_cidr as it is) to match, see {{docs}}',
      podCidrExpanded:
        'Changing pod_cidr {{before}} → {{after}} expands the pod CIDR, but Terraform replaces the cluster for any pod_cidr change, in every azurerm version. {{route}}',
    },
  },
  checkCluster(analyzed, context) {
    const { cluster } = analyzed;
    if (!isAzurermCluster(cluster)) return;
    const network = cluster.network;
    const dataplane = network.dataplane;
    const previous = cluster.previous;

    // 1. network_data_plane = "cilium" dropped: 4.x defaults it to "azure" (3.x kept the computed value).
    const position = comparePosition(constraintOf(cluster), DATAPLANE_DEFAULT.value.since);
    const versionNote = describeVersions(position, constraintOf(cluster));
    const omitted = dataplane === undefined;
    const dropped =
      omitted && analyzed.change === 'changed' && settingValue(previous?.network.dataplane)?.toLowerCase() === 'cilium';
    if (dropped && position !== 'below') {
      context.report({
        messageId: 'dataplaneDropped',
        range: profileLine(cluster),
        data: { since: DATAPLANE_DEFAULT.value.since, versionNote, docs: HAZARDS.dataplaneOmitted.source },
      });
    }

    // 2. Cilium enabled by a command elsewhere in the analysis, while the configuration says (or defaults to) azure.
    const dataplaneValue = settingValue(dataplane)?.toLowerCase();
    const ciliumUpdate = analyzed.updates.find(
      (update) => sameCluster(cluster, update) && settingValue(update.network.dataplane)?.toLowerCase() === 'cilium',
    );
    const saysAzure = dataplaneValue === 'azure' || (omitted && position !== 'below');
    if (!dropped && ciliumUpdate !== undefined && saysAzure) {
      context.report({
        messageId: 'dataplaneOutOfBand',
        range: dataplane?.range ?? profileLine(cluster),
        decidedBy: [dataplane],
        data: {
          ...describeUpdate(ciliumUpdate),
          name: settingValue(cluster.name) ?? cluster.id,
          written: omitted
            ? `omits network_data_plane (from azurerm ${DATAPLANE_DEFAULT.value.since} it defaults to "azure")`
            : 'sets network_data_plane = "azure"',
          versionNote: omitted ? versionNote : ' in every azurerm version',
          docs: HAZARDS.dataplaneOmitted.source,
        },
      });
    }

    // 3. kubenet in the configuration while a command elsewhere migrates the same cluster to Overlay.
    if (settingValue(network.plugin)?.toLowerCase() === 'kubenet') {
      const overlayUpdate = analyzed.updates.find(
        (update) =>
          sameCluster(cluster, update) && settingValue(update.network.pluginMode)?.toLowerCase() === 'overlay',
      );
      if (overlayUpdate !== undefined && network.plugin !== undefined) {
        context.report({
          messageId: 'kubenetAfterMigration',
          range: network.plugin.range,
          decidedBy: [network.plugin],
          data: {
            ...describeUpdate(overlayUpdate),
            name: settingValue(cluster.name) ?? cluster.id,
            docs: HAZARDS.kubenetAfterOverlay.source,
          },
        });
      }
    }

    // 4. The pod CIDR of an Overlay or kubenet cluster expanded in Terraform.
    const [before, after] = [settingValue(previous?.network.podCidr), settingValue(network.podCidr)];
    const model = previousModel(analyzed);
    if (
      analyzed.change === 'changed' &&
      before !== undefined &&
      after !== undefined &&
      network.podCidr !== undefined &&
      isPodCidrExpansion(before, after, model)
    ) {
      context.report({
        messageId: 'podCidrExpanded',
        range: network.podCidr.range,
        decidedBy: [network.podCidr],
        data: { before: `"${before}"`, after: `"${after}"`, route: expansionRoute(cluster, model?.model) },
      });
    }
  },
});

/** The same AKS cluster: equal names, and equal resource groups when both are known (AKS names compare without case). */
function sameCluster(cluster: Cluster, update: ClusterUpdate): boolean {
  const name = settingValue(cluster.name)?.toLowerCase();
  if (name === undefined || settingValue(update.name)?.toLowerCase() !== name) return false;
  const [group, updateGroup] = [settingValue(cluster.resourceGroup), settingValue(update.resourceGroup)];
  return group === undefined || updateGroup === undefined || group.toLowerCase() === updateGroup.toLowerCase();
}

function describeUpdate(update: ClusterUpdate): { update: string; where: string } {
  return { update: update.definition, where: `${update.range.file}:${update.range.startLine}` };
}

/** Only azurerm 4.0 and later default the data plane; 3.x kept the computed value. */
function describeVersions(position: VersionPosition, constraint: string | undefined): string {
  const since = DATAPLANE_DEFAULT.value.since;
  if (position === 'at-least') return '';
  if (position === 'spans')
    return ` on azurerm ${since} or later, which your constraint \`${constraint ?? ''}\` allows`;
  return ` on azurerm ${since} or later (no azurerm version constraint was found; on 3.x omitting it changes nothing)`;
}

function expansionRoute(cluster: Cluster, model: string | undefined): string {
  const route = OUT_OF_BAND.podCidrExpansion;
  const replaces = TERRAFORM_CHANGES['pod-cidr-changed'].inPlaceSince.source;
  if (model !== 'azure-cni-overlay') {
    return `AKS documents in-place pod CIDR expansion for Azure CNI Overlay only: keep the current pod CIDR, or plan for a new cluster, see ${replaces}`;
  }
  const command = fillCommand(route.value.command, cluster);
  return `AKS expands an Overlay pod CIDR in place: run \`${command}\` first (${route.value.caveats}), then update the code to match, see ${route.source}`;
}

function profileLine(cluster: Cluster): SourceRange {
  const range = cluster.networkProfileRange;
  return range === undefined ? headerRange(cluster) : { ...range, endLine: range.startLine };
}
