import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact } from './types.js';

/**
 * What the Terraform azurerm provider does with each edit of `azurerm_kubernetes_cluster.network_profile`:
 * an in-place update from some provider version on, or a replacement (destroy and recreate) in every version.
 * The replace-vs-update matrix of `shared/aks-networking.md` §4.3 (confirmed against the provider's
 * CustomizeDiff at v3.75.0, v3.117.1, v4.0.0, v4.57.0, v4.81.0, v5.0.0 and HEAD), its hazards, and the
 * `az aks update` routes that make a change without Terraform (§3.5).
 */

const AZURERM = SOURCE_AS_OF.azurerm;
const CORRECTED = SOURCE_AS_OF.corrected;
const DOCS = SOURCE_AS_OF.aksDocs;

const UPGRADE_GUIDE_4_0 =
  'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/guides/4.0-upgrade-guide.html.markdown';

export type TerraformChangeKind =
  | 'plugin-kubenet-to-overlay'
  | 'plugin-other'
  | 'plugin-mode-to-overlay'
  | 'plugin-mode-removed'
  | 'policy-added-azure'
  | 'policy-added-calico'
  | 'policy-added-cilium'
  | 'policy-azure-to-cilium'
  | 'policy-calico-to-cilium'
  | 'policy-other'
  | 'dataplane-azure-to-cilium'
  | 'ebpf-data-plane-to-cilium'
  | 'dataplane-cilium-to-azure'
  | 'pod-cidr-added'
  | 'pod-cidr-changed'
  | 'service-cidr'
  | 'dns-service-ip'
  | 'ip-versions'
  | 'network-mode'
  | 'load-balancer-sku'
  | 'outbound-type';

export interface TerraformChange {
  kind: TerraformChangeKind;
  /** The edit as a Terraform user writes it. */
  label: string;
  /** The first azurerm version that updates the cluster in place; `null`: every version replaces it. */
  inPlaceSince: Fact<string | null>;
}

function inPlaceSince(version: string, source: string, note?: string): Fact<string | null> {
  const fact: Fact<string | null> = { value: version, source, asOf: AZURERM, confidence: 'confirmed' };
  if (note !== undefined) fact.note = note;
  return fact;
}

function alwaysReplaces(note?: string): Fact<string | null> {
  const fact: Fact<string | null> = {
    value: null,
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'confirmed',
  };
  if (note !== undefined) fact.note = note;
  return fact;
}

/** The matrix, one row per kind of edit (§4.3, and §3.1–§3.4 for the provider versions). */
export const TERRAFORM_CHANGES: Record<TerraformChangeKind, TerraformChange> = {
  'plugin-kubenet-to-overlay': {
    kind: 'plugin-kubenet-to-overlay',
    label: 'network_plugin "kubenet" → "azure" with network_plugin_mode = "overlay"',
    inPlaceSince: inPlaceSince(
      '4.66.0',
      LINKS.azurermChangelogV4.url,
      'Only when both change in the same plan and pod_cidr is left as it is (PR #30959).',
    ),
  },
  'plugin-other': {
    kind: 'plugin-other',
    label: 'network_plugin',
    inPlaceSince: alwaysReplaces(
      'Every network_plugin change other than kubenet → azure with overlay (azure → kubenet, kubenet → azure ' +
        'without overlay, → none, none → …).',
    ),
  },
  'plugin-mode-to-overlay': {
    kind: 'plugin-mode-to-overlay',
    label: 'network_plugin_mode unset → "overlay" (Azure CNI Node Subnet → Overlay)',
    inPlaceSince: {
      ...inPlaceSince(
        '4.66.0',
        LINKS.azurermPodCidrForceNew.url,
        'Together with a pod_cidr, which the cluster did not have before. 3.72.0 made network_plugin_mode ' +
          'updatable, but pod_cidr stayed ForceNew up to 4.65.0, so 3.72.0–4.65.0 destroy and recreate the ' +
          'cluster; PR #30959 (4.66.0) added the in-place path.',
      ),
      asOf: CORRECTED,
    },
  },
  'plugin-mode-removed': {
    kind: 'plugin-mode-removed',
    label: 'network_plugin_mode "overlay" → unset',
    inPlaceSince: alwaysReplaces(),
  },
  'policy-added-azure': {
    kind: 'policy-added-azure',
    label: 'network_policy unset → "azure"',
    inPlaceSince: inPlaceSince('3.108.0', LINKS.azurermChangelogV3.url),
  },
  'policy-added-calico': {
    kind: 'policy-added-calico',
    label: 'network_policy unset → "calico"',
    inPlaceSince: inPlaceSince('3.108.0', LINKS.azurermChangelogV3.url),
  },
  'policy-added-cilium': {
    kind: 'policy-added-cilium',
    label: 'network_policy unset → "cilium"',
    inPlaceSince: inPlaceSince('3.75.0', LINKS.azurermChangelogV3.url),
  },
  'policy-azure-to-cilium': {
    kind: 'policy-azure-to-cilium',
    label: 'network_policy "azure" → "cilium"',
    inPlaceSince: inPlaceSince('4.58.0', LINKS.azurermChangelogV4.url, 'PR #30958.'),
  },
  'policy-calico-to-cilium': {
    kind: 'policy-calico-to-cilium',
    label: 'network_policy "calico" → "cilium"',
    inPlaceSince: inPlaceSince('4.59.0', LINKS.azurermChangelogV4.url, 'PR #31627.'),
  },
  'policy-other': {
    kind: 'policy-other',
    label: 'network_policy',
    inPlaceSince: alwaysReplaces(
      'azure ↔ calico and any change away from cilium; Terraform cannot express network_policy = "none".',
    ),
  },
  'dataplane-azure-to-cilium': {
    kind: 'dataplane-azure-to-cilium',
    label: 'network_data_plane "azure" → "cilium"',
    inPlaceSince: inPlaceSince(
      '4.58.0',
      LINKS.azurermChangelogV4.url,
      'Before 4.58.0 (4.0–4.57, and 3.108+ through network_data_plane) the provider replaces the cluster.',
    ),
  },
  'ebpf-data-plane-to-cilium': {
    kind: 'ebpf-data-plane-to-cilium',
    label: 'ebpf_data_plane = "cilium" (azurerm 3.x)',
    inPlaceSince: inPlaceSince(
      '3.71.0',
      LINKS.azurermChangelogV3.url,
      'ebpf_data_plane was deprecated in 3.108.0 and removed in 4.0.0.',
    ),
  },
  'dataplane-cilium-to-azure': {
    kind: 'dataplane-cilium-to-azure',
    label: 'network_data_plane "cilium" → "azure"',
    inPlaceSince: alwaysReplaces(),
  },
  'pod-cidr-added': {
    kind: 'pod-cidr-added',
    label: 'pod_cidr unset → a value',
    inPlaceSince: {
      ...inPlaceSince('4.66.0', LINKS.azurermPodCidrForceNew.url, 'Schema ForceNew before 4.66.0.'),
      asOf: CORRECTED,
    },
  },
  'pod-cidr-changed': {
    kind: 'pod-cidr-changed',
    label: 'pod_cidr',
    inPlaceSince: alwaysReplaces('Including an expansion that AKS itself supports in place.'),
  },
  'service-cidr': { kind: 'service-cidr', label: 'service_cidr', inPlaceSince: alwaysReplaces() },
  'dns-service-ip': { kind: 'dns-service-ip', label: 'dns_service_ip', inPlaceSince: alwaysReplaces() },
  'ip-versions': { kind: 'ip-versions', label: 'ip_versions', inPlaceSince: alwaysReplaces() },
  'network-mode': { kind: 'network-mode', label: 'network_mode', inPlaceSince: alwaysReplaces() },
  'load-balancer-sku': {
    kind: 'load-balancer-sku',
    label: 'load_balancer_sku',
    inPlaceSince: alwaysReplaces('Schema ForceNew, although AKS upgrades Basic to Standard in place.'),
  },
  'outbound-type': {
    kind: 'outbound-type',
    label: 'outbound_type',
    inPlaceSince: inPlaceSince('3.94.0', LINKS.azurermChangelogV3.url),
  },
};

/** `network_data_plane`'s default: "azure" from azurerm 4.0.0; in 3.x it was Computed (omitting it changed nothing). */
export const DATAPLANE_DEFAULT: Fact<{ value: string; since: string }> = {
  value: { value: 'azure', since: '4.0.0' },
  source: UPGRADE_GUIDE_4_0,
  asOf: AZURERM,
  confidence: 'confirmed',
};

/** The hazards of §4.3: edits or omissions that plan a replacement of a cluster changed outside Terraform. */
export const HAZARDS = {
  dataplaneOmitted: {
    value:
      'A cluster moved to Cilium outside Terraform (CLI, portal) whose configuration omits network_data_plane plans ' +
      'cilium → azure on azurerm 4.0 or later, which replaces the cluster.',
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'inferred',
  },
  kubenetAfterOverlay: {
    value:
      'A cluster migrated kubenet → Overlay outside Terraform whose configuration still says network_plugin = ' +
      '"kubenet" plans azure → kubenet, which replaces the cluster.',
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'inferred',
  },
  podCidrEdited: {
    value:
      'Editing pod_cidr of an existing Overlay or kubenet cluster (e.g. to expand it) replaces the cluster in ' +
      'Terraform, even though AKS supports in-place expansion.',
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'inferred',
  },
} satisfies Record<string, Fact<string>>;

/** A change AKS makes in place with `az aks update`, outside Terraform (then update the code to match). */
export interface OutOfBandRoute {
  /** With `$CLUSTER`, `$RG` and the route's own placeholders. */
  command: string;
  /** What to know before running it. */
  caveats: string;
}

/** §3.5: the routes that are not IPAM or data plane migrations (those are in `MIGRATIONS`). */
export const OUT_OF_BAND = {
  /** Overlay only (the expansion doc), Linux-only clusters. */
  podCidrExpansion: {
    value: {
      command: 'az aks update -n $CLUSTER -g $RG --pod-cidr $POD_CIDR',
      caveats:
        'the new pod CIDR must contain the current one; Linux-only clusters, not with Windows or hybrid node pools',
    },
    source: LINKS.overlayPodExpand.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  loadBalancerSku: {
    value: {
      command: 'az aks update -n $CLUSTER -g $RG --load-balancer-sku standard',
      caveats:
        'Kubernetes 1.27 or later and Azure CLI 2.76.0 or later; it causes downtime and cannot be rolled back; ' +
        'disable KMS with a private key vault and admission webhooks first',
    },
    source: LINKS.basicLbUpgrade.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  networkPolicySwitch: {
    value: {
      command:
        'az aks update -n $CLUSTER -g $RG --network-policy none, then az aks update -n $CLUSTER -g $RG ' +
        '--network-policy $POLICY',
      caveats: 'each step reimages the node pools',
    },
    source: LINKS.networkPolicies.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
} satisfies Record<string, Fact<OutOfBandRoute>>;
