import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact, MigrationPath, MigrationStep, ModelId } from './types.js';

const DOCS = SOURCE_AS_OF.aksDocs;
const CHANGELOG = SOURCE_AS_OF.aksChangelog;
const AZURERM = SOURCE_AS_OF.azurerm;

const TO_OVERLAY = 'az aks update -n $CLUSTER -g $RG --network-plugin azure --network-plugin-mode overlay';
const TO_CILIUM = 'az aks update -n $CLUSTER -g $RG --network-dataplane cilium';

function fromDocs<T>(value: T, source: string, note?: string): Fact<T> {
  return note === undefined
    ? { value, source, asOf: DOCS, confidence: 'confirmed' }
    : { value, source, asOf: DOCS, confidence: 'confirmed', note };
}

// Prerequisites, each as the AKS docs or release notes state it (fact base §3).

const KUBERNETES_1_27 = fromDocs('Kubernetes 1.27 or later.', LINKS.updateAzureCni.url);

const NO_NETWORK_POLICY_ON_KUBENET: Fact<string> = {
  value: 'No network policy enabled: uninstall Calico first.',
  source: LINKS.updateAzureCni.url,
  asOf: DOCS,
  confidence: 'conflict',
  note:
    'The migration doc requires that no network policy is enabled, and the AKS release notes (2023-11-28) say ' +
    'kubenet with Calico to Overlay is blocked, yet the network policies doc describes "upgrades from kubenet ' +
    'with Calico to Azure CNI Overlay with Calico". Treat Calico as a blocker until Microsoft clarifies. Since ' +
    'AKS release 2026-05-29, Calico install and uninstall are rejected on Kubernetes below 1.30.',
};

const USER_ASSIGNED_IDENTITY = fromDocs(
  'The cluster uses a user-assigned managed identity (system-assigned is not supported), because the route ' +
    'table is detached.',
  LINKS.updateAzureCni.url,
  'Routes in a customer route table are deleted; an AKS-managed route table is deleted.',
);

const NO_CUSTOM_IP_MASQ_AGENT: Fact<string> = {
  value: 'No custom ip-masq-agent configuration in kube-system: AKS blocks the migration when one exists.',
  source: LINKS.aksChangelog.url,
  asOf: CHANGELOG,
  confidence: 'confirmed',
  note: 'AKS release 2025-01-30.',
};

const NO_LEFTOVER_IP_MASQ_CONFIG = fromDocs(
  'A leftover azure-ip-masq-agent-config ConfigMap is deleted; a custom azure-ip-masq-agent config can break ' +
    'connectivity.',
  LINKS.updateAzureCni.url,
);

const POD_CIDR_REQUIRED = fromDocs(
  'A new pod CIDR (--pod-cidr) that overlaps neither the VNet address space nor the existing service CIDR.',
  LINKS.updateAzureCni.url,
);

const POD_CIDR_PRIVATE = fromDocs(
  "A new pod CIDR is an RFC 1918 or RFC 6598 range; public ranges are outside Microsoft's support scope.",
  LINKS.overlayConcepts.url,
);

const POD_CIDR_NOT_RESERVED = fromDocs(
  'A new pod CIDR overlaps none of the reserved ranges 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, ' +
    '192.0.2.0/24.',
  LINKS.cniOverview.url,
  'AKS rejects such pod CIDRs on create and update for kubenet and Overlay since release 2026-05-29.',
);

const SEPARATE_OPERATIONS = fromDocs(
  'The IPAM mode and the data plane are changed in separate operations, never in one.',
  LINKS.updateAzureCni.url,
);

const NO_WINDOWS_POOLS = fromDocs(
  'No Windows node pools: the Cilium data plane is Linux only.',
  LINKS.updateAzureCni.url,
);

const NAP_DISABLED = fromDocs('Node auto-provisioning (NAP) is disabled during the update.', LINKS.cilium.url);

const POLICIES_REPLACED = fromDocs(
  'Network policies are reviewed: an existing Azure NPM or Calico is uninstalled and replaced by Cilium, and ' +
    'policy behaviour may change.',
  LINKS.updateAzureCni.url,
);

const NPM_POLICIES_REVIEWED = fromDocs(
  'Azure NPM policies are checked for Cilium differences: ipBlock to pod or node IPs, named ports, egress to ' +
    "the pod's own node, ingress from LoadBalancer/NodePort services.",
  LINKS.npmToCilium.url,
);

const CLI_2_52 = fromDocs('Azure CLI 2.52.0 or later.', LINKS.updateAzureCni.url);

// Terraform (azurerm) behaviour for each edit (fact base §4.3).

const TERRAFORM_KUBENET_TO_OVERLAY: Fact<string> = {
  value:
    'In place only with azurerm 4.66.0 or later, and only when network_plugin changes kubenet → azure together ' +
    'with network_plugin_mode = "overlay" and pod_cidr unchanged; older providers (3.x, 4.0–4.65) replace the ' +
    'cluster.',
  source: LINKS.azurermChangelogV4.url,
  asOf: AZURERM,
  confidence: 'confirmed',
  note: 'A changed pod_cidr replaces the cluster in every provider version.',
};

const TERRAFORM_NODE_SUBNET_TO_OVERLAY: Fact<string> = {
  value:
    'In place only with azurerm 4.66.0 or later: add network_plugin_mode = "overlay" and a pod_cidr; older ' +
    'providers (3.x, 4.0–4.65) replace the cluster, because pod_cidr was ForceNew up to 4.65.0.',
  source: LINKS.azurermPodCidrForceNew.url,
  asOf: SOURCE_AS_OF.corrected,
  confidence: 'confirmed',
  note:
    '3.72.0 made network_plugin_mode updatable, but not the pod_cidr Overlay needs (PR #30959 in 4.66.0 added the ' +
    'in-place path). The provider docs say "When upgrading from Azure CNI without overlay, pod_subnet_id must be specified", ' +
    "which contradicts Microsoft's docs (Pod Subnet clusters cannot migrate to Overlay); likely stale text.",
};

const TERRAFORM_TO_CILIUM: Fact<string> = {
  value:
    'In place with azurerm 4.58.0 or later: network_data_plane azure → cilium and network_policy azure → cilium; ' +
    'network_policy calico → cilium needs 4.59.0. Earlier 4.x versions replace the cluster.',
  source: LINKS.azurermChangelogV4.url,
  asOf: AZURERM,
  confidence: 'confirmed',
  note:
    'azurerm 3.71.0–3.117 could do it in place through the deprecated ebpf_data_plane = "cilium"; ' +
    'network_data_plane cilium → azure replaces the cluster in every version.',
};

const TERRAFORM_KUBENET_TO_CILIUM: Fact<string> = {
  value:
    'Two applies: first network_plugin kubenet → azure with network_plugin_mode = "overlay" (in place with ' +
    'azurerm 4.66.0 or later), then network_data_plane = "cilium" (in place with 4.58.0 or later).',
  source: LINKS.azurermChangelogV4.url,
  asOf: AZURERM,
  confidence: 'inferred',
  note:
    "Derived from the two provider changes and AKS's rule that IPAM and data plane change in separate " +
    'operations; a single plan doing both was not checked.',
};

const TERRAFORM_KUBENET_TO_FLAT: Fact<string> = {
  value:
    'Changing network_plugin from kubenet to azure without network_plugin_mode = "overlay" replaces the cluster ' +
    'in every azurerm version.',
  source: LINKS.azurermClusterResource.url,
  asOf: AZURERM,
  confidence: 'confirmed',
};

const TERRAFORM_TO_KUBENET: Fact<string> = {
  value: 'Changing network_plugin to "kubenet" replaces the cluster in every azurerm version.',
  source: LINKS.azurermClusterResource.url,
  asOf: AZURERM,
  confidence: 'confirmed',
};

const TERRAFORM_REMOVE_OVERLAY: Fact<string> = {
  value: 'Removing network_plugin_mode = "overlay" replaces the cluster in every azurerm version.',
  source: LINKS.azurermClusterResource.url,
  asOf: AZURERM,
  confidence: 'confirmed',
};

const TERRAFORM_POD_SUBNET_TO_OVERLAY: Fact<string> = {
  value:
    'The provider docs say "When upgrading from Azure CNI without overlay, pod_subnet_id must be specified"; ' +
    "Microsoft's docs say Pod Subnet (dynamic IP) clusters cannot migrate to Overlay (sources disagree).",
  source: LINKS.azurermClusterDocs.url,
  asOf: AZURERM,
  confidence: 'conflict',
};

// Steps.

const UNINSTALL_CALICO: MigrationStep = {
  text:
    'If Calico is enabled, uninstall it first; this reimages all node pools, and since AKS release 2026-05-29 ' +
    'needs Kubernetes 1.30 or later.',
  command: 'az aks update -n $CLUSTER -g $RG --network-policy none',
};

const MIGRATE_KUBENET_TO_OVERLAY: MigrationStep = {
  text:
    'Migrate to Azure CNI Overlay, keeping the existing pod CIDR; all node pools are reimaged at the same time ' +
    'and the change cannot be undone.',
  command: TO_OVERLAY,
};

const ENABLE_CILIUM: MigrationStep = {
  text:
    'Enable the Cilium data plane; all node pools are reimaged at the same time, and Cilium enforces network ' +
    'policies only after all nodes are reimaged.',
  command: TO_CILIUM,
};

const UNSUPPORTED_IPAM_MIGRATION =
  'IPAM migration is forward-only and irreversible, and goes only to Azure CNI Overlay, from kubenet or Azure ' +
  'CNI Node Subnet.';

function toCilium(from: ModelId, note: string): MigrationPath {
  return {
    from,
    to: 'azure-cni-cilium',
    supported: fromDocs(
      true,
      LINKS.updateAzureCni.url,
      'The Cilium data plane can be enabled on a cluster with any Azure CNI IPAM mode; the IPAM mode is kept. ' +
        note +
        ' Whether the data plane can be switched back is not covered by this knowledge base; in Terraform, ' +
        'cilium → azure replaces the cluster.',
    ),
    prerequisites: [
      NO_WINDOWS_POOLS,
      NAP_DISABLED,
      POLICIES_REPLACED,
      NPM_POLICIES_REVIEWED,
      SEPARATE_OPERATIONS,
      CLI_2_52,
    ],
    steps: [
      {
        text: 'Review network policies for Cilium differences (for Azure NPM, follow the NPM-to-Cilium guide).',
      },
      { text: 'Disable node auto-provisioning for the update, if it is enabled.' },
      ENABLE_CILIUM,
      {
        text:
          'In Terraform, set network_data_plane = "cilium" and network_policy = "cilium" (in place with azurerm ' +
          '4.58.0 or later; 4.59.0 when the current policy is calico).',
      },
    ],
    // Not stated as irreversible by Microsoft (unlike IPAM migration); see the note on `supported`.
    irreversible: false,
    terraform: TERRAFORM_TO_CILIUM,
    docs: LINKS.updateAzureCni.url,
  };
}

function toKubenet(from: ModelId): MigrationPath {
  return {
    from,
    to: 'kubenet',
    supported: {
      value: false,
      source: LINKS.updateAzureCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: `${UNSUPPORTED_IPAM_MIGRATION} kubenet itself retires on 2028-03-31.`,
    },
    prerequisites: [],
    steps: [],
    irreversible: false,
    terraform: TERRAFORM_TO_KUBENET,
    docs: LINKS.updateAzureCni.url,
  };
}

function kubenetToFlat(to: ModelId): MigrationPath {
  return {
    from: 'kubenet',
    to,
    supported: {
      value: false,
      source: LINKS.updateAzureCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: UNSUPPORTED_IPAM_MIGRATION,
    },
    prerequisites: [],
    steps: [
      { text: 'Migrate to Azure CNI Overlay instead, the only IPAM mode kubenet can move to.', command: TO_OVERLAY },
    ],
    irreversible: false,
    terraform: TERRAFORM_KUBENET_TO_FLAT,
    docs: LINKS.updateAzureCni.url,
  };
}

function overlayToFlat(to: ModelId): MigrationPath {
  return {
    from: 'azure-cni-overlay',
    to,
    supported: {
      value: false,
      source: LINKS.updateAzureCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: UNSUPPORTED_IPAM_MIGRATION,
    },
    prerequisites: [],
    steps: [],
    irreversible: false,
    terraform: TERRAFORM_REMOVE_OVERLAY,
    docs: LINKS.updateAzureCni.url,
  };
}

/**
 * Migration paths between models (fact base §3), supported and not. `irreversible` is false for unsupported
 * paths without a route: nothing changes. `findMigration` returns undefined for pairs the fact base says nothing about.
 */
export const MIGRATIONS: MigrationPath[] = [
  {
    from: 'kubenet',
    to: 'azure-cni-overlay',
    supported: fromDocs(true, LINKS.updateAzureCni.url, 'kubenet clusters are updated in place to Azure CNI Overlay.'),
    prerequisites: [
      KUBERNETES_1_27,
      NO_NETWORK_POLICY_ON_KUBENET,
      USER_ASSIGNED_IDENTITY,
      NO_CUSTOM_IP_MASQ_AGENT,
      NO_LEFTOVER_IP_MASQ_CONFIG,
      POD_CIDR_PRIVATE,
      POD_CIDR_NOT_RESERVED,
    ],
    steps: [
      UNINSTALL_CALICO,
      MIGRATE_KUBENET_TO_OVERLAY,
      {
        text: 'Or give a different pod CIDR (allowed since AKS release 2025-08-29).',
        command: `${TO_OVERLAY} --pod-cidr $POD_CIDR`,
      },
      {
        text:
          'In Terraform, change network_plugin to "azure" and add network_plugin_mode = "overlay" in one plan, ' +
          'leaving pod_cidr unchanged (in place with azurerm 4.66.0 or later).',
      },
    ],
    irreversible: true,
    terraform: TERRAFORM_KUBENET_TO_OVERLAY,
    docs: LINKS.updateAzureCni.url,
  },
  {
    from: 'azure-cni-node-subnet',
    to: 'azure-cni-overlay',
    supported: fromDocs(
      true,
      LINKS.updateAzureCni.url,
      'Azure CNI Node Subnet clusters are updated in place to Azure CNI Overlay.',
    ),
    prerequisites: [POD_CIDR_REQUIRED, POD_CIDR_PRIVATE, POD_CIDR_NOT_RESERVED, SEPARATE_OPERATIONS],
    steps: [
      { text: 'Choose a pod CIDR that overlaps neither the VNet address space nor the service CIDR.' },
      {
        text:
          'Migrate to Azure CNI Overlay; all node pools are reimaged at the same time and the change cannot be ' +
          'undone.',
        command: `${TO_OVERLAY} --pod-cidr $POD_CIDR`,
      },
      {
        text:
          'In Terraform, add network_plugin_mode = "overlay" and pod_cidr (in place with azurerm 4.66.0 or later; ' +
          'older providers replace the cluster).',
      },
    ],
    irreversible: true,
    terraform: TERRAFORM_NODE_SUBNET_TO_OVERLAY,
    docs: LINKS.updateAzureCni.url,
  },
  toCilium(
    'azure-cni-node-subnet',
    'Node Subnet to Node Subnet with Cilium is allowed since AKS release 2025-05-19; Cilium on Node Subnet needs ' +
      'Azure CLI 2.69.0 or later.',
  ),
  toCilium(
    'azure-cni-pod-subnet',
    'The migration doc names dynamic IP allocation; static block allocation is not mentioned.',
  ),
  toCilium('azure-cni-overlay', 'The cluster stays on Overlay IPAM.'),
  {
    from: 'kubenet',
    to: 'azure-cni-cilium',
    supported: {
      value: false,
      source: LINKS.updateAzureCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: 'kubenet cannot move to the Cilium data plane directly: migrate to Azure CNI Overlay first.',
    },
    route: ['kubenet', 'azure-cni-overlay', 'azure-cni-cilium'],
    prerequisites: [],
    steps: [
      { ...MIGRATE_KUBENET_TO_OVERLAY, text: `First: ${MIGRATE_KUBENET_TO_OVERLAY.text}` },
      { ...ENABLE_CILIUM, text: `Then, in a separate operation: ${ENABLE_CILIUM.text}` },
    ],
    // The route's first leg (kubenet -> Overlay) cannot be undone.
    irreversible: true,
    terraform: TERRAFORM_KUBENET_TO_CILIUM,
    docs: LINKS.updateAzureCni.url,
  },
  {
    from: 'azure-cni-pod-subnet',
    to: 'azure-cni-overlay',
    supported: {
      value: false,
      source: LINKS.updateAzureCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: 'Dynamic-IP (Pod Subnet) clusters cannot migrate to Overlay.',
    },
    prerequisites: [],
    steps: [{ text: 'Stay on Azure CNI Pod Subnet; the migration it supports is to the Cilium data plane.' }],
    irreversible: false,
    terraform: TERRAFORM_POD_SUBNET_TO_OVERLAY,
    docs: LINKS.updateAzureCni.url,
  },
  kubenetToFlat('azure-cni-node-subnet'),
  kubenetToFlat('azure-cni-pod-subnet'),
  overlayToFlat('azure-cni-node-subnet'),
  overlayToFlat('azure-cni-pod-subnet'),
  toKubenet('azure-cni-node-subnet'),
  toKubenet('azure-cni-pod-subnet'),
  toKubenet('azure-cni-overlay'),
  toKubenet('azure-cni-cilium'),
  toKubenet('byo-cni'),
];

export function findMigration(from: ModelId, to: ModelId): MigrationPath | undefined {
  return MIGRATIONS.find((path) => path.from === from && path.to === to);
}
