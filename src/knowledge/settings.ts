import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact, IsoDate } from './types.js';

/**
 * Settings that stopped working, and the facts the retirement rules quote besides the dates in
 * `retirements.ts`: when each setting was deprecated or removed, what replaces it, and the Basic Load
 * Balancer upgrade's conditions. From `shared/aks-networking.md` §1.3, §1.8, §2, §3.4, §3.5, §4.2, §4.3, §5.3.
 */

const DOCS = SOURCE_AS_OF.aksDocs;
const CHANGELOG = SOURCE_AS_OF.aksChangelog;
const AZURERM = SOURCE_AS_OF.azurerm;

/** The azurerm 4.0 upgrade guide, which lists the attributes 4.0 removed. */
export const AZURERM_4_UPGRADE_GUIDE =
  'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/guides/4.0-upgrade-guide.html.markdown';

/** The AKS API spec (stable 2026-01-01), whose `networkMode` enum says `bridge` "is no longer supported". */
export const AKS_API_SPEC_2026_01_01 =
  'https://github.com/Azure/azure-rest-api-specs/blob/main/specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-01-01/managedClusters.json';

/** One removed or retired setting: where it stopped working and what to write instead. */
export interface RemovedSettingFacts {
  /** The Terraform azurerm attribute, when the provider had one. */
  terraformName?: string;
  /** The azurerm version that deprecated it (a warning, still accepted). */
  azurermDeprecated?: Fact<string>;
  /** The azurerm version that removed it: a configuration that sets it fails to validate. */
  azurermRemoved?: Fact<string>;
  /** The AKS API version from which the property no longer exists (ARM, Bicep, AzAPI). */
  apiRemoved?: Fact<IsoDate>;
  /** What to write instead, in one sentence. */
  replacement: Fact<string>;
  docs: string;
}

export const DOCKER_BRIDGE_CIDR: RemovedSettingFacts = {
  terraformName: 'docker_bridge_cidr',
  azurermDeprecated: {
    value: '3.49.0',
    source: LINKS.azurermChangelogV3.url,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'azurerm 3.49.0 (2023-03-23): "no longer supported by the API since docker is no longer a valid container runtime".',
  },
  azurermRemoved: {
    value: '4.0.0',
    source: AZURERM_4_UPGRADE_GUIDE,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'azurerm 4.0.0 was released on 2024-08-22.',
  },
  apiRemoved: {
    value: '2023-04-01',
    source: LINKS.aksChangelog.url,
    asOf: CHANGELOG,
    confidence: 'confirmed',
    note:
      'AKS releases 2023-03-05 and 2023-05-07: dockerBridgeCidr is removed starting with API version 2023-04-01; ' +
      'earlier API versions accept it but ignore it. It became redundant with the move to containerd (Kubernetes 1.19).',
  },
  replacement: {
    value: 'Nothing replaces it: the Docker bridge is gone since AKS moved to containerd.',
    source: LINKS.aksChangelog.url,
    asOf: CHANGELOG,
    confidence: 'confirmed',
  },
  docs: AZURERM_4_UPGRADE_GUIDE,
};

export const EBPF_DATA_PLANE: RemovedSettingFacts = {
  terraformName: 'ebpf_data_plane',
  azurermDeprecated: {
    value: '3.108.0',
    source: LINKS.azurermChangelogV3.url,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'azurerm 3.108.0 (2024-06-13) deprecated ebpf_data_plane in favour of network_data_plane.',
  },
  azurermRemoved: {
    value: '4.0.0',
    source: AZURERM_4_UPGRADE_GUIDE,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'In 4.x network_data_plane defaults to "azure", so leaving it out on a Cilium cluster plans a replacement.',
  },
  replacement: {
    value:
      'network_data_plane = "cilium" (the AKS API property networkDataplane, which replaced the preview ebpfDataplane)',
    source: LINKS.azurermChangelogV3.url,
    asOf: AZURERM,
    confidence: 'confirmed',
  },
  docs: AZURERM_4_UPGRADE_GUIDE,
};

export const API_SERVER_AUTHORIZED_IP_RANGES: RemovedSettingFacts = {
  terraformName: 'api_server_authorized_ip_ranges',
  azurermDeprecated: {
    // The fact base gives no exact 3.x version for the deprecation.
    value: '3.x',
    source: AZURERM_4_UPGRADE_GUIDE,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'Deprecated during 3.x (read in the v3.117.1 schema); the exact 3.x release is not recorded.',
  },
  azurermRemoved: {
    value: '4.0.0',
    source: AZURERM_4_UPGRADE_GUIDE,
    asOf: AZURERM,
    confidence: 'confirmed',
  },
  replacement: {
    value: 'api_server_access_profile { authorized_ip_ranges = [...] }',
    source: AZURERM_4_UPGRADE_GUIDE,
    asOf: AZURERM,
    confidence: 'confirmed',
  },
  docs: LINKS.apiServerAuthorizedIp.url,
};

/** `networkMode: bridge` (fact base §1.3, §4.1, §4.3). */
export const BRIDGE_NETWORK_MODE = {
  unsupported: {
    value: 'networkMode "bridge" is no longer supported.',
    source: AKS_API_SPEC_2026_01_01,
    // The stable API version whose text was read (the same text is in 2024-09-01).
    asOf: '2026-01-01',
    confidence: 'confirmed',
  },
  transparentDefaultSince: {
    value: '2021-01-04',
    source: LINKS.aksChangelog.url,
    asOf: CHANGELOG,
    confidence: 'confirmed',
    note: 'AKS release 2021-01-04: Azure CNI uses transparent network mode by default (before: bridge).',
  },
  terraformForceNew: {
    value: 'Changing network_mode replaces the cluster in every azurerm version.',
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'The provider accepts "bridge" only for existing clusters.',
  },
} satisfies Record<string, Fact<string>>;

/** The Basic Load Balancer beyond its retirement date: creation blocked, and the upgrade (fact base §0.3, §3.5). */
export const BASIC_LOAD_BALANCER = {
  creationBlockedSince: {
    value: '2025-03-31',
    source: LINKS.aksChangelog.url,
    asOf: CHANGELOG,
    confidence: 'confirmed',
    note: 'AKS release 2025-04-27: "As of 31 March 2025, AKS no longer allows new cluster creation with the Basic Load Balancer".',
  } satisfies Fact<IsoDate>,
  command: 'az aks update -n $CLUSTER -g $RG --load-balancer-sku standard',
  prerequisites: {
    value:
      'Kubernetes 1.27 or later and Azure CLI 2.76.0 or later; the upgrade causes downtime and cannot be rolled ' +
      'back; disable KMS with a private key vault and admission webhooks first; clusters on Availability Sets need ' +
      'the combined Availability Sets to Virtual Machines migration.',
    source: LINKS.basicLbUpgrade.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
  terraformForceNew: {
    value:
      'load_balancer_sku is ForceNew in azurerm: changing it replaces the cluster; upgrade with the Azure CLI first, ' +
      'then change the code.',
    source: LINKS.azurermClusterResource.url,
    asOf: AZURERM,
    confidence: 'confirmed',
  } satisfies Fact<string>,
};

/** Azure CNI Node Subnet addressing (fact base §1.3, §1.8, §4.2, §5.5). */
export const NODE_SUBNET = {
  defaultMaxPods: {
    value: 30,
    source: LINKS.ipPlanning.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<number>,
  /** At the default 30 pods per node: nodes (and pods) a /24 node subnet holds. */
  slash24Capacity: {
    value: { nodes: 8, pods: 240 },
    source: LINKS.legacyCni.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<{ nodes: number; pods: number }>,
  backwardCompatibility: {
    value:
      'When networkPlugin is "azure" and networkPluginMode is left out, AKS intentionally uses node subnet mode for ' +
      'backward compatibility.',
    source: LINKS.overlayConfigure.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
  /** pod_cidr, which Overlay needs, was ForceNew up to 4.65.0 (corrected 2026-12-05; 3.72.0 was wrong). */
  terraformOverlayInPlaceSince: {
    value: '4.66.0',
    source: LINKS.azurermPodCidrForceNew.url,
    asOf: SOURCE_AS_OF.corrected,
    confidence: 'confirmed',
  } satisfies Fact<string>,
};

/**
 * Azure NPM to Cilium Network Policy: the behaviour differences to review first (fact base §3.4) and the
 * azurerm version that updates in place.
 */
export const NPM_TO_CILIUM = {
  policyReview: {
    value:
      "ipBlock can no longer select pod or node IPs, named ports may misbehave (use numbers), egress to the pod's " +
      'own node is blocked (NPM allowed it), ingress through LoadBalancer/NodePort services with ' +
      'externalTrafficPolicy=Cluster is enforced, and endPort needs Cilium 1.17',
    source: LINKS.npmToCilium.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
  terraformInPlaceSince: {
    value: '4.58.0',
    source: LINKS.azurermChangelogV4.url,
    asOf: AZURERM,
    confidence: 'confirmed',
    note: 'network_data_plane azure → cilium and network_policy azure → cilium; earlier 4.x versions replace the cluster.',
  } satisfies Fact<string>,
  windows: {
    value:
      'Cilium Network Policy is not supported on Windows nodes, and the Cilium data plane update is blocked while ' +
      'Windows node pools exist; for Windows nodes Microsoft recommends Calico.',
    source: LINKS.networkPolicyBestPractices.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
  switchEngine: {
    value:
      'Changing the policy engine goes through none (az aks update --network-policy none, then calico) and reimages ' +
      'all node pools; in Terraform, azure → calico replaces the cluster.',
    source: LINKS.networkPolicies.url,
    asOf: DOCS,
    confidence: 'confirmed',
  } satisfies Fact<string>,
};

/** azurerm: `network_profile` is optional, but inside it `network_plugin` is required (fact base §4.2, §4.3). */
export const TERRAFORM_PLUGIN_REQUIRED: Fact<string> = {
  value:
    'In azurerm_kubernetes_cluster, network_plugin is required inside a network_profile block (there is no provider ' +
    'default); leaving the whole block out sends no network profile, and AKS picks.',
  source: LINKS.azurermClusterDocs.url,
  asOf: AZURERM,
  confidence: 'confirmed',
};
