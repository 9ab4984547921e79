import type { IsoDate, Link } from './types.js';

/**
 * When each primary source behind the facts was read (the source table of `shared/aks-networking.md`).
 * A fact stated by some other source (a pull request, a GitHub comment) carries that source's own date.
 */
export const SOURCE_AS_OF = {
  /** MicrosoftDocs/azure-aks-docs at fb060abe: the Markdown behind learn.microsoft.com/azure/aks. */
  aksDocs: '2026-08-21',
  /** Azure/AKS CHANGELOG.md at 8d1c8909: the AKS release notes. */
  aksChangelog: '2026-08-07',
  /** hashicorp/terraform-provider-azurerm at 69697b7f (after v5.2.0). */
  azurerm: '2026-08-22',
  /**
   * The fact base's correction of 2026-12-05: the azurerm schema read at v3.72.0…v4.65.0 and v4.66.0
   * (pod_cidr ForceNew), Az.Aks `NewAzureRmAks.cs` and the Pulumi azure-native SDKs' client-side defaults.
   */
  corrected: '2026-12-05',
} satisfies Record<string, IsoDate>;

/** Official pages, from the fact base's URL list (§3.6) plus the primary sources its facts cite. */
export const LINKS = {
  cniOverview: {
    title: 'AKS CNI networking overview',
    url: 'https://learn.microsoft.com/azure/aks/concepts-network-cni-overview',
  },
  configureKubenet: {
    title: 'Configure kubenet networking in AKS',
    url: 'https://learn.microsoft.com/azure/aks/configure-kubenet',
  },
  legacyCni: {
    title: 'Legacy CNI concepts (kubenet, Azure CNI Node Subnet)',
    url: 'https://learn.microsoft.com/azure/aks/concepts-network-legacy-cni',
  },
  kubenetRetirementUpdate: {
    title: 'Azure Updates: kubenet retirement on AKS',
    url: 'https://azure.microsoft.com/updates?id=485172',
  },
  kubenetRetirementIssue: {
    title: 'Azure/AKS#4859: kubenet retirement',
    url: 'https://github.com/Azure/AKS/issues/4859',
  },
  // The retirement notices are docs includes; they have no Learn page of their own.
  kubenetRetirementInclude: {
    title: 'AKS docs: kubenet retirement notice',
    url: 'https://github.com/MicrosoftDocs/azure-aks-docs/blob/main/articles/aks/includes/kubenet-retirement.md',
  },
  configureAzureCni: {
    title: 'Configure Azure CNI Node Subnet',
    url: 'https://learn.microsoft.com/azure/aks/configure-azure-cni',
  },
  podSubnetConcepts: {
    title: 'Azure CNI Pod Subnet concepts',
    url: 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet',
  },
  dynamicIp: {
    title: 'Azure CNI Pod Subnet: dynamic IP allocation',
    url: 'https://learn.microsoft.com/azure/aks/configure-azure-cni-dynamic-ip-allocation',
  },
  staticBlock: {
    title: 'Azure CNI Pod Subnet: static block allocation',
    url: 'https://learn.microsoft.com/azure/aks/configure-azure-cni-static-block-allocation',
  },
  overlayConcepts: {
    title: 'Azure CNI Overlay concepts',
    url: 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay',
  },
  overlayConfigure: {
    title: 'Configure Azure CNI Overlay (and dual-stack)',
    url: 'https://learn.microsoft.com/azure/aks/azure-cni-overlay',
  },
  overlayPodExpand: {
    title: 'Expand the Azure CNI Overlay pod CIDR',
    url: 'https://learn.microsoft.com/azure/aks/azure-cni-overlay-pod-expand',
  },
  cilium: {
    title: 'Azure CNI Powered by Cilium',
    url: 'https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium',
  },
  updateAzureCni: {
    title: 'Update Azure CNI IPAM mode and data plane technology',
    url: 'https://learn.microsoft.com/azure/aks/update-azure-cni',
  },
  npmToCilium: {
    title: 'Migrate from Azure Network Policy Manager to Cilium Network Policy',
    url: 'https://learn.microsoft.com/azure/aks/migrate-from-npm-to-cilium-network-policy',
  },
  networkPolicies: {
    title: 'Network policies in AKS',
    url: 'https://learn.microsoft.com/azure/aks/use-network-policies',
  },
  networkPolicyBestPractices: {
    title: 'Network policy best practices in AKS',
    url: 'https://learn.microsoft.com/azure/aks/network-policy-best-practices',
  },
  npmRetirementLinux: {
    title: 'Azure Updates: Azure Network Policy Manager retirement on Linux nodes',
    url: 'https://azure.microsoft.com/updates?id=500268',
  },
  npmRetirementWindows: {
    title: 'Azure Updates: Azure Network Policy Manager retirement on Windows nodes',
    url: 'https://azure.microsoft.com/updates?id=500273',
  },
  npmLinuxRetirementInclude: {
    title: 'AKS docs: Azure Network Policy Manager (Linux) retirement notice',
    url: 'https://github.com/MicrosoftDocs/azure-aks-docs/blob/main/articles/aks/includes/azure-network-policy-manager-linux-retirement.md',
  },
  npmWindowsRetirementInclude: {
    title: 'AKS docs: Azure Network Policy Manager (Windows) retirement notice',
    url: 'https://github.com/MicrosoftDocs/azure-aks-docs/blob/main/articles/aks/includes/azure-network-policy-manager-windows-retirement.md',
  },
  ipPlanning: {
    title: 'IP address planning for AKS',
    url: 'https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning',
  },
  planPodNetworking: {
    title: 'Plan pod networking in AKS',
    url: 'https://learn.microsoft.com/azure/aks/plan-pod-networking',
  },
  dualStack: {
    title: 'Configure dual-stack (IPv4/IPv6) networking in AKS',
    url: 'https://learn.microsoft.com/azure/aks/configure-dual-stack',
  },
  outboundTypes: {
    title: 'AKS outbound types',
    url: 'https://learn.microsoft.com/azure/aks/egress-outboundtype',
  },
  basicLbUpgrade: {
    title: 'Upgrade from Basic to Standard Load Balancer on AKS',
    url: 'https://learn.microsoft.com/azure/aks/upgrade-basic-load-balancer-on-aks',
  },
  basicLbRetirementIssue: {
    title: 'Azure/AKS#5020: Basic Load Balancer retirement',
    url: 'https://github.com/Azure/AKS/issues/5020',
  },
  basicLbRetirementInclude: {
    title: 'AKS docs: Basic Load Balancer retirement notice',
    url: 'https://github.com/MicrosoftDocs/azure-aks-docs/blob/main/articles/aks/includes/basic-load-balancer-retirement.md',
  },
  apiServerAuthorizedIp: {
    title: 'API server authorized IP ranges in AKS',
    url: 'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
  },
  privateClusters: {
    title: 'Private AKS clusters',
    url: 'https://learn.microsoft.com/azure/aks/private-clusters',
  },
  quotas: {
    title: 'AKS quotas, SKUs and region availability',
    url: 'https://learn.microsoft.com/azure/aks/quotas-skus-regions',
  },
  aksChangelog: {
    title: 'AKS release notes (Azure/AKS CHANGELOG.md)',
    url: 'https://github.com/Azure/AKS/blob/master/CHANGELOG.md',
  },
  defaultPluginSpecPr: {
    title: 'azure-rest-api-specs#30844: network plugin default by Kubernetes version',
    url: 'https://github.com/Azure/azure-rest-api-specs/pull/30844',
  },
  azurermChangelogV3: {
    title: 'Terraform azurerm provider changelog (v3)',
    url: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/CHANGELOG-v3.md',
  },
  azurermChangelogV4: {
    title: 'Terraform azurerm provider changelog (v4)',
    url: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/CHANGELOG-v4.md',
  },
  azAksNewCluster: {
    title: 'Az.Aks New-AzAksCluster source (NewAzureRmAks.cs)',
    url: 'https://github.com/Azure/azure-powershell/blob/main/src/Aks/Aks/Commands/NewAzureRmAks.cs',
  },
  pulumiAzureNative: {
    title: 'Pulumi azure-native provider and SDKs',
    url: 'https://github.com/pulumi/pulumi-azure-native',
  },
  azurermPodCidrForceNew: {
    title: 'hashicorp/terraform-provider-azurerm#26259: pod_cidr forces a new cluster (fixed in 4.66.0 by PR #30959)',
    url: 'https://github.com/hashicorp/terraform-provider-azurerm/issues/26259',
  },
  azurermClusterResource: {
    title: 'Terraform azurerm: kubernetes_cluster resource (update and replace rules)',
    url: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/internal/services/containers/kubernetes_cluster_resource.go',
  },
  azurermClusterDocs: {
    title: 'Terraform azurerm: azurerm_kubernetes_cluster documentation',
    url: 'https://github.com/hashicorp/terraform-provider-azurerm/blob/main/website/docs/r/kubernetes_cluster.html.markdown',
  },
} satisfies Record<string, Link>;

export type LinkId = keyof typeof LINKS;
