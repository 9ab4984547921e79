import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact, IsoDate, ModelId } from './types.js';

/**
 * Hard limits and unsupported combinations (fact base §0.7, §0.8, §1.1, §1.2, §1.6, §1.7, §1.8, §4.1, §4.3,
 * §5.5, §5.6, §5.7, §6 item 4). Rules import this file directly.
 */

const DOCS = SOURCE_AS_OF.aksDocs;
const CHANGELOG = SOURCE_AS_OF.aksChangelog;
const AZURERM = SOURCE_AS_OF.azurerm;

/**
 * The AKS API definition the fact base read (stable 2026-01-01). The fact base gives no read date for the
 * spec, so its facts carry the date of the docs snapshot the fact base was compiled with.
 */
const SPEC_URL =
  'https://github.com/Azure/azure-rest-api-specs/blob/main/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-01-01/managedClusters.json';

export interface MaxPodsDefault {
  /** What AKS uses when `maxPods` is left out. */
  defaultValue: string;
  maximum: number;
}

export const LIMITS = {
  kubenetMaxNodes: {
    value: 400,
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note:
      'Azure supports at most 400 routes in a route table (UDR) and kubenet needs one route per node, so a ' +
      'kubenet cluster can have at most 400 nodes.',
  } satisfies Fact<number>,
  /** AKS checks the 400-node limit when a cluster is created and when it is upgraded. */
  kubenetNodeLimitEnforced: {
    value: { create: '2023-06-25', upgrade: '2023-09-10' },
    source: LINKS.aksChangelog.url,
    asOf: CHANGELOG,
    confidence: 'confirmed',
    note: 'AKS release notes, Release 2023-06-25 (create-time check) and Release 2023-09-10 (upgrade-time check).',
  } satisfies Fact<{ create: IsoDate; upgrade: IsoDate }>,
  /** The largest cluster the other models allow, for the "migrate" advice (fact base §1.1). */
  overlayMaxNodes: {
    value: 5000,
    source: LINKS.overlayConcepts.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<number>,
  maxPodsMin: {
    value: 10,
    source: LINKS.ipPlanning.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note: 'A pool may go as low as 10 only if it keeps room for at least 30 pods (3 nodes at 10).',
  } satisfies Fact<number>,
  maxPodsMax: {
    value: 250,
    source: LINKS.ipPlanning.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note: 'The same maximum for kubenet, Azure CNI Node Subnet, Pod Subnet and Overlay.',
  } satisfies Fact<number>,
  windowsMaxPodsRecommended: {
    value: 110,
    source: LINKS.quotas.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note: '"Maximum recommended for Windows Server containers: 110": a recommendation, not a limit AKS enforces.',
  } satisfies Fact<number>,
  /**
   * "Service address CIDR must be smaller than /12." Read strictly, a /12 is not smaller than a /12; the fact
   * base's own rule list reads it as "larger than /12 (prefix < 12)". Only prefixes below 12 are wrong on
   * both readings, so that is what a rule may flag.
   */
  serviceCidrPrefixBound: {
    value: 12,
    source: LINKS.ipPlanning.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note:
      'Microsoft\'s wording is "must be smaller than /12"; whether a /12 itself is accepted is ambiguous, so ' +
      'only wider ranges (/11, /10, …) are certainly too wide.',
  } satisfies Fact<number>,
  serviceCidrDefault: {
    value: '10.0.0.0/16',
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
  dnsServiceIpDefault: {
    value: '10.0.0.10',
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
  /** The DNS service IP must be inside the service CIDR and must not be its first address. */
  dnsServiceIpPlacement: {
    value:
      'The DNS service IP must be inside the service CIDR and must not be its first address (.1), which ' +
      'kubernetes.default.svc takes; the docs say it should be the .10 address of the range.',
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note:
      'The network address (.0) is invalid as well: it is the range itself, not an address a service can ' +
      'take (address arithmetic).',
  } satisfies Fact<string>,
  /** .10 is the recommended host part of the DNS service IP. */
  dnsServiceIpHostOffset: {
    value: 10,
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<number>,
  /** azurerm: `dns_service_ip` and `service_cidr` must both be set or both be empty (§4.3). */
  terraformServicePair: {
    value: 'In azurerm_kubernetes_cluster, dns_service_ip and service_cidr must both be set or both be empty.',
    source: LINKS.azurermClusterDocs.url,
    asOf: AZURERM,
    confidence: 'confirmed',
  } satisfies Fact<string>,
};

/**
 * Default and maximum pods per node by model (fact base §1.1), for the docs; "unset" is not a finding.
 * The Pod Subnet default is a conflict between two Microsoft pages.
 */
export const MAX_PODS_DEFAULTS: Record<Exclude<ModelId, 'byo-cni' | 'azure-cni-cilium'>, Fact<MaxPodsDefault>> = {
  kubenet: {
    value: { defaultValue: '110 (Azure portal: 30)', maximum: 250 },
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'azure-cni-node-subnet': {
    value: { defaultValue: '30', maximum: 250 },
    source: LINKS.ipPlanning.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'azure-cni-pod-subnet': {
    value: { defaultValue: '110 or 250 (sources disagree)', maximum: 250 },
    source: LINKS.ipPlanning.url,
    asOf: DOCS,
    confidence: 'conflict',
    note: 'The sources disagree: the IP planning page says 110; the dynamic IP allocation page says 250.',
  },
  'azure-cni-overlay': {
    value: { defaultValue: '250', maximum: 250 },
    source: LINKS.overlayConcepts.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
};

export type CombinationId =
  | 'kubenet-azure-policy'
  | 'kubenet-overlay'
  | 'cilium-policy-without-cilium-dataplane'
  | 'cilium-dataplane-kubenet'
  | 'terraform-pod-cidr-without-overlay'
  | 'dual-stack-policy'
  | 'dual-stack-without-overlay'
  | 'windows-kubenet'
  | 'windows-cilium';

/** Settings AKS (or a provider) does not support together. Each value is the sentence a message cites. */
export const UNSUPPORTED_COMBINATIONS: Record<CombinationId, Fact<string>> = {
  'kubenet-azure-policy': {
    value: 'Azure Network Policy Manager is not supported on kubenet; kubenet supports only Calico network policies.',
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'kubenet-overlay': {
    value: 'networkPluginMode "overlay" is only valid with networkPlugin "azure" (Azure CNI Overlay).',
    source: SPEC_URL,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'cilium-policy-without-cilium-dataplane': {
    value: 'networkPolicy "cilium" requires networkDataplane to be "cilium" (AKS API definition).',
    source: SPEC_URL,
    asOf: DOCS,
    confidence: 'confirmed',
    note:
      'The reverse is not stated: whether AKS rejects the Cilium dataplane with networkPolicy unset or "none" ' +
      'is unconfirmed (only Cluster API Provider Azure requires it).',
  },
  'cilium-dataplane-kubenet': {
    value:
      'The Cilium dataplane works with Azure CNI Overlay, Pod Subnet or Node Subnet, not with kubenet; a ' +
      'kubenet cluster must move to Azure CNI Overlay first.',
    source: LINKS.cilium.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'terraform-pod-cidr-without-overlay': {
    value:
      'The azurerm provider accepts pod_cidr with network_plugin "azure" only when network_plugin_mode is ' +
      '"overlay".',
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'confirmed',
  },
  'dual-stack-policy': {
    value: 'Azure Network Policy Manager and Calico are not supported with dual-stack (IPv4/IPv6) clusters.',
    source: LINKS.overlayConfigure.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'dual-stack-without-overlay': {
    value: 'Dual-stack (IPv4/IPv6) networking requires Azure CNI Overlay.',
    source: LINKS.dualStack.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note:
      'kubenet dual-stack was GA in 2023 (AKS release notes 2023-04-16) and the old kubenet dual-stack page ' +
      'now redirects to one that requires Overlay: whether new kubenet dual-stack clusters are still accepted ' +
      'is unconfirmed (conflict), so rules leave kubenet out.',
  },
  'windows-kubenet': {
    value: 'Windows node pools are not supported on kubenet; they need Azure CNI.',
    source: LINKS.configureKubenet.url,
    asOf: DOCS,
    confidence: 'confirmed',
  },
  'windows-cilium': {
    value: 'Azure CNI Powered by Cilium is available only for Linux: Windows node pools are not supported.',
    source: LINKS.cilium.url,
    asOf: DOCS,
    confidence: 'confirmed',
    note:
      'Updating a cluster with Windows pools to Cilium is blocked; whether AKS rejects adding a Windows pool ' +
      'to a new Cilium cluster, or accepts it unsupported, is not stated.',
  },
};
