import { classify, headerRange } from '../../domain/classify.js';
import { contains, parseCidr } from '../../domain/ip-plan.js';
import { comparePosition } from '../../domain/version-range.js';
import type { VersionPosition } from '../../domain/version-range.js';
import { writerFor } from '../../formats/index.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import { TERRAFORM_CHANGES } from '../../knowledge/terraform-changes.js';
import type { TerraformChange, TerraformChangeKind } from '../../knowledge/terraform-changes.js';
import type {
  AnalyzedCluster,
  Classification,
  Cluster,
  NetworkProfile,
  NetworkSettingKey,
  Setting,
  SourceRange,
} from '../../model/index.js';
import { settingValue } from '../../model/index.js';

// What a Terraform configuration's network edit does to an azurerm cluster (the replace-vs-update matrix of
// knowledge/terraform-changes.ts), shared by `cluster-replacement`, `drift-trap` and `network-migration`.

/** One edit of the network profile, classified by the replace-vs-update matrix. */
export interface NetworkChange {
  kind: TerraformChangeKind;
  row: TerraformChange;
  /** Lower-case values; `undefined` is "not set". */
  before: string | undefined;
  after: string | undefined;
  /** The edit in words: `network_plugin "kubenet" → "azure"`. */
  text: string;
  /** The changed setting's line (for a removed setting, the network profile's first line). */
  range: SourceRange;
  /** The changed setting after the change (absent when the change removes it). */
  setting: Setting<unknown> | undefined;
}

/**
 * How sure the replacement is, for the provider versions the configuration allows: `always` when no
 * version updates in place, else where the constraint stands against the first version that does.
 */
export interface AssessedChange {
  change: NetworkChange;
  position: VersionPosition | 'always';
}

/** The azurerm-based definitions the matrix is about (not AzAPI, not the AVM module, whose version decides). */
export function isAzurermCluster(cluster: Cluster): boolean {
  return (
    writerFor(cluster.format).terraform === 'configuration' &&
    (cluster.definition === 'azurerm_kubernetes_cluster' || cluster.definition === 'module "Azure/aks/azurerm"')
  );
}

/** For a Terraform configuration changed by the pull request: each network edit and how sure its replacement is. */
export function assessTerraformChanges(analyzed: AnalyzedCluster): AssessedChange[] {
  const { cluster } = analyzed;
  if (!isAzurermCluster(cluster) || analyzed.change !== 'changed' || cluster.previous === undefined) return [];
  const constraint = constraintOf(cluster);
  return networkChanges(cluster, cluster.previous.network, previousModel(analyzed)).map((change) => {
    const since = change.row.inPlaceSince.value;
    return { change, position: since === null ? 'always' : comparePosition(constraint, since) };
  });
}

/** True when the configuration's change certainly replaces the cluster (a plan that says so, or the matrix). */
export function certainlyReplaced(analyzed: AnalyzedCluster): boolean {
  if (analyzed.cluster.previous?.replaced === true) return true;
  return assessTerraformChanges(analyzed).some(({ position }) => position === 'always' || position === 'below');
}

/** The azurerm constraint, when it is known. */
export function constraintOf(cluster: Cluster): string | undefined {
  return settingValue(cluster.providerVersion);
}

/** The model before the change: from the base, or from what the format says the cluster was (a plan's `before`). */
export function previousModel(analyzed: AnalyzedCluster): Classification | undefined {
  if (analyzed.previousClassification !== undefined) return analyzed.previousClassification;
  const previous = analyzed.cluster.previous;
  if (previous === undefined) return undefined;
  return classify({ ...analyzed.cluster, network: previous.network, nodePools: previous.nodePools });
}

type Value = string | undefined | 'UNRESOLVED';
const UNRESOLVED = 'UNRESOLVED';

function valueOf(setting: Setting<string> | undefined): Value {
  if (setting === undefined) return undefined;
  if (setting.how === 'unresolved') return UNRESOLVED;
  return setting.value.trim().toLowerCase();
}

/**
 * The edits between two network profiles that the matrix knows, in attribute order. Settings that can't be
 * resolved on either side are skipped (never guessed). Two edits are left to `drift-trap`, which explains
 * them better: dropping `network_data_plane = "cilium"` (a default, not an edit) and expanding the pod CIDR
 * of an Overlay or kubenet cluster. Removing `network_policy` is not an edit: the attribute is Computed, so
 * omitting it keeps the engine (the provider's own comment: omitting it "does not uninstall the network policy").
 */
export function networkChanges(
  cluster: Cluster,
  before: NetworkProfile,
  previous: Classification | undefined,
): NetworkChange[] {
  const after = cluster.network;
  const changes: NetworkChange[] = [];
  const add = (kind: TerraformChangeKind, key: NetworkSettingKey, from: Value, to: Value, label?: string) => {
    const row = TERRAFORM_CHANGES[kind];
    changes.push({
      kind,
      row,
      before: from === UNRESOLVED ? undefined : from,
      after: to === UNRESOLVED ? undefined : to,
      text: label ?? `${NETWORK_NAMES[key].azurerm} ${quote(before[key])} → ${quote(after[key])}`,
      range: after[key]?.range ?? profileLine(cluster),
      setting: after[key],
    });
  };
  const known = (...values: Value[]) => values.every((value) => value !== UNRESOLVED);

  const [p0, p1] = [valueOf(before.plugin), valueOf(after.plugin)];
  const [m0, m1] = [valueOf(before.pluginMode), valueOf(after.pluginMode)];
  let ipamHandled = false;
  if (known(p0, p1, m1) && p0 !== undefined && p1 !== undefined && p0 !== p1) {
    ipamHandled = true;
    if (p0 === 'kubenet' && p1 === 'azure' && m1 === 'overlay') {
      add('plugin-kubenet-to-overlay', 'plugin', p0, p1, TERRAFORM_CHANGES['plugin-kubenet-to-overlay'].label);
    } else {
      add('plugin-other', 'plugin', p0, p1);
    }
  }
  let nodeSubnetToOverlay = false;
  if (!ipamHandled && known(p0, p1, m0, m1) && m0 !== m1) {
    if (m0 === undefined && m1 === 'overlay' && p0 === 'azure' && p1 === 'azure') {
      nodeSubnetToOverlay = true;
      add('plugin-mode-to-overlay', 'pluginMode', m0, m1, TERRAFORM_CHANGES['plugin-mode-to-overlay'].label);
    } else if (m0 === 'overlay' && m1 === undefined) {
      add('plugin-mode-removed', 'pluginMode', m0, m1);
    }
  }

  const [q0, q1] = [valueOf(before.policy), valueOf(after.policy)];
  if (known(q0, q1) && q1 !== undefined && q0 !== q1) {
    if (q0 === undefined) {
      if (q1 === 'azure') add('policy-added-azure', 'policy', q0, q1);
      else if (q1 === 'calico') add('policy-added-calico', 'policy', q0, q1);
      else if (q1 === 'cilium') add('policy-added-cilium', 'policy', q0, q1);
    } else if (q0 === 'azure' && q1 === 'cilium') add('policy-azure-to-cilium', 'policy', q0, q1);
    else if (q0 === 'calico' && q1 === 'cilium') add('policy-calico-to-cilium', 'policy', q0, q1);
    else add('policy-other', 'policy', q0, q1);
  }

  const [d0, d1] = [valueOf(before.dataplane), valueOf(after.dataplane)];
  if (known(d0, d1) && d0 !== d1) {
    if (d1 === 'cilium') {
      const ebpf = cluster.removedSettings?.some((removed) => removed.kind === 'ebpf-data-plane') === true;
      add(ebpf ? 'ebpf-data-plane-to-cilium' : 'dataplane-azure-to-cilium', 'dataplane', d0, d1);
    } else if (d0 === 'cilium' && d1 === 'azure') {
      add('dataplane-cilium-to-azure', 'dataplane', d0, d1);
    }
  }

  const [c0, c1] = [valueOf(before.podCidr), valueOf(after.podCidr)];
  if (known(c0, c1) && c1 !== undefined && c0 !== c1) {
    if (c0 === undefined) {
      // Part of the Node Subnet -> Overlay edit, whose row carries the same version (4.66.0: pod_cidr was
      // ForceNew before), so one row says it.
      if (!nodeSubnetToOverlay) add('pod-cidr-added', 'podCidr', c0, c1);
    } else if (!isPodCidrExpansion(c0, c1, previous)) {
      add('pod-cidr-changed', 'podCidr', c0, c1);
    }
  }

  // Computed attributes: a value added where there was none still replaces the cluster unless it equals
  // the one AKS picked at creation, which the configuration does not show.
  for (const [key, kind] of [
    ['serviceCidr', 'service-cidr'],
    ['dnsServiceIp', 'dns-service-ip'],
  ] as const) {
    const [v0, v1] = [valueOf(before[key]), valueOf(after[key])];
    if (known(v0, v1) && v1 !== undefined && v0 !== v1) add(kind, key, v0, v1);
  }
  const [n0, n1] = [valueOf(before.networkMode), valueOf(after.networkMode)];
  if (known(n0, n1) && n0 !== undefined && n1 !== undefined && n0 !== n1) add('network-mode', 'networkMode', n0, n1);

  // Defaults in the azurerm schema (§4.3): load_balancer_sku "standard", outbound_type "loadBalancer".
  const [l0, l1] = [valueOf(before.loadBalancerSku) ?? 'standard', valueOf(after.loadBalancerSku) ?? 'standard'];
  if (known(l0, l1) && l0 !== l1) add('load-balancer-sku', 'loadBalancerSku', l0, l1);
  const [o0, o1] = [valueOf(before.outboundType) ?? 'loadbalancer', valueOf(after.outboundType) ?? 'loadbalancer'];
  if (known(o0, o1) && o0 !== o1) add('outbound-type', 'outboundType', o0, o1);
  return changes;
}

/** A pod CIDR of an Overlay or kubenet cluster replaced by one that contains it: `drift-trap` reports it. */
export function isPodCidrExpansion(before: string, after: string, previous: Classification | undefined): boolean {
  if (previous?.model !== 'azure-cni-overlay' && previous?.model !== 'kubenet') return false;
  const [outer, inner] = [parseCidr(after), parseCidr(before)];
  return outer !== undefined && inner !== undefined && outer.prefix < inner.prefix && contains(outer, inner);
}

function quote(setting: Setting<string> | undefined): string {
  if (setting === undefined) return 'unset';
  if (setting.how === 'unresolved') return `\`${setting.expression}\``;
  return `"${setting.value}"`;
}

function profileLine(cluster: Cluster): SourceRange {
  const range = cluster.networkProfileRange;
  return range === undefined ? headerRange(cluster) : { ...range, endLine: range.startLine };
}
