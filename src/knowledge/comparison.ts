import { LINKS, SOURCE_AS_OF } from './links.js';
import type { ComparisonRow } from './types.js';

// A row's asOf is the oldest snapshot among its sources: every cell is known true at least as of then.
const DOCS = SOURCE_AS_OF.aksDocs;
const WITH_CHANGELOG = SOURCE_AS_OF.aksChangelog;

const SAME_AS_IPAM = 'As the IPAM mode it runs on (Overlay, Pod Subnet or Node Subnet)';

/** The comparison matrix (fact base §1.1). Cells stay short; conflicts say "(sources disagree)". */
export const COMPARISON: ComparisonRow[] = [
  {
    id: 'pod-ip-source',
    label: 'Pod IP source',
    values: {
      kubenet: 'Separate pod CIDR outside the VNet, a /24 per node; NAT to the node IP',
      'azure-cni-node-subnet': 'Node subnet (VNet IPs); maxPods IPs pre-reserved per node',
      'azure-cni-pod-subnet': 'Separate pod subnet in the VNet; dynamic: batches of 16 IPs, static: /28 blocks',
      'azure-cni-overlay': 'Private pod CIDR outside the VNet, a /24 per node; SNAT to node IP on egress',
      'azure-cni-cilium': SAME_AS_IPAM,
    },
    sources: [
      LINKS.configureKubenet.url,
      LINKS.legacyCni.url,
      LINKS.podSubnetConcepts.url,
      LINKS.overlayConcepts.url,
      LINKS.cilium.url,
    ],
    asOf: DOCS,
  },
  {
    id: 'reachable-from-vnet',
    label: 'Pods directly reachable from the VNet, peered VNets, on-premises',
    values: {
      kubenet: 'No (pod-initiated connections only)',
      'azure-cni-node-subnet': 'Yes (both ways)',
      'azure-cni-pod-subnet': 'Yes (both ways)',
      'azure-cni-overlay': 'No (pod-initiated connections only)',
      'azure-cni-cilium': SAME_AS_IPAM,
    },
    sources: [LINKS.cniOverview.url, LINKS.overlayConcepts.url],
    asOf: DOCS,
  },
  {
    id: 'max-nodes',
    label: 'Max nodes per cluster',
    values: {
      kubenet: '400 (Azure allows at most 400 routes in a route table)',
      'azure-cni-node-subnet': '5,000 (AKS cluster limit), bounded by subnet IPs',
      'azure-cni-pod-subnet': '5,000 (AKS limit); dynamic: ~64k pod IPs per VNet; static block: up to 1M pods',
      'azure-cni-overlay': '5,000',
      'azure-cni-cilium': SAME_AS_IPAM,
    },
    sources: [
      LINKS.configureKubenet.url,
      LINKS.quotas.url,
      LINKS.podSubnetConcepts.url,
      LINKS.dynamicIp.url,
      LINKS.overlayConcepts.url,
    ],
    asOf: DOCS,
  },
  {
    id: 'max-pods',
    label: 'Max pods per node (default → max)',
    values: {
      kubenet: '110 → 250 (Azure portal default: 30)',
      'azure-cni-node-subnet': '30 → 250',
      'azure-cni-pod-subnet': 'Default 110 or 250 (sources disagree) → 250',
      'azure-cni-overlay': '250 → 250 (min 10); Windows: 110 max recommended',
      'azure-cni-cilium': SAME_AS_IPAM,
    },
    sources: [
      LINKS.ipPlanning.url,
      LINKS.dynamicIp.url,
      LINKS.configureKubenet.url,
      LINKS.quotas.url,
      LINKS.overlayConcepts.url,
    ],
    asOf: DOCS,
  },
  {
    id: 'windows-node-pools',
    label: 'Windows node pools',
    values: {
      kubenet: 'No',
      'azure-cni-node-subnet': 'Yes',
      'azure-cni-pod-subnet': 'Yes (static block: Windows Server 2019 not supported)',
      'azure-cni-overlay': 'Yes (docs now list Windows Server 2022 and 2025)',
      'azure-cni-cilium': 'No (Linux only)',
    },
    sources: [
      LINKS.configureKubenet.url,
      LINKS.cniOverview.url,
      LINKS.staticBlock.url,
      LINKS.overlayConcepts.url,
      LINKS.cilium.url,
      LINKS.aksChangelog.url,
    ],
    asOf: WITH_CHANGELOG,
  },
  {
    id: 'network-policy-engines',
    label: 'Network policy engines',
    values: {
      kubenet: 'Calico only (Azure NPM not supported)',
      'azure-cni-node-subnet': 'Azure NPM, Calico, none',
      'azure-cni-pod-subnet': 'Azure NPM, Calico, none (static block docs also list Cilium)',
      'azure-cni-overlay': 'Azure NPM, Calico, none',
      'azure-cni-cilium': 'Cilium only',
    },
    sources: [LINKS.networkPolicies.url, LINKS.configureKubenet.url, LINKS.staticBlock.url, LINKS.cilium.url],
    asOf: DOCS,
  },
  {
    id: 'data-plane',
    label: 'Data plane',
    values: {
      kubenet: 'kube-proxy (iptables) plus route-table (UDR) routes',
      'azure-cni-node-subnet': 'Azure (iptables, kube-proxy)',
      'azure-cni-pod-subnet': 'Azure (iptables)',
      'azure-cni-overlay': 'Azure (iptables)',
      'azure-cni-cilium': 'eBPF (Cilium); no kube-proxy',
    },
    sources: [LINKS.cniOverview.url, LINKS.cilium.url],
    asOf: DOCS,
  },
  {
    id: 'dual-stack',
    label: 'Dual-stack (IPv4/IPv6)',
    values: {
      kubenet: 'GA in 2023-04; the current dual-stack doc requires Overlay (sources disagree)',
      'azure-cni-node-subnet': 'No (per the current dual-stack doc)',
      'azure-cni-pod-subnet': 'No (per the current dual-stack doc)',
      'azure-cni-overlay': 'Yes (Linux GA 2024-04; Windows without preview registration since 2026-07)',
      'azure-cni-cilium': 'Yes, with Overlay (Kubernetes 1.29 or later)',
    },
    sources: [LINKS.dualStack.url, LINKS.overlayConfigure.url, LINKS.cilium.url, LINKS.aksChangelog.url],
    asOf: WITH_CHANGELOG,
  },
  {
    id: 'subnet-shareable',
    label: 'Subnet shareable across clusters',
    values: {
      kubenet: 'No (nor the route table)',
      'azure-cni-node-subnet': 'Yes',
      'azure-cni-pod-subnet': 'Yes (the pod subnet can be shared)',
      'azure-cni-overlay': 'Yes (the pod CIDR can be reused across clusters)',
      'azure-cni-cilium': SAME_AS_IPAM,
    },
    sources: [LINKS.configureKubenet.url, LINKS.cniOverview.url, LINKS.overlayConcepts.url],
    asOf: DOCS,
  },
  {
    id: 'route-table',
    label: 'Route table (UDR) needed for pods',
    values: {
      kubenet: 'Yes (AKS-managed or bring your own)',
      'azure-cni-node-subnet': 'No',
      'azure-cni-pod-subnet': 'No',
      'azure-cni-overlay': 'No',
      'azure-cni-cilium': 'No',
    },
    sources: [LINKS.configureKubenet.url, LINKS.cniOverview.url, LINKS.overlayConcepts.url],
    asOf: DOCS,
  },
  {
    id: 'performance',
    label: 'Performance (as Microsoft describes it)',
    values: {
      kubenet: 'An extra hop adds minor latency',
      'azure-cni-node-subnet': 'Native VNet performance',
      'azure-cni-pod-subnet': 'Native VNet performance; no degradation at scale',
      'azure-cni-overlay': 'On par with VMs in a virtual network',
      'azure-cni-cilium': 'Improved service routing, more efficient policy enforcement, larger clusters',
    },
    sources: [
      LINKS.cniOverview.url,
      LINKS.overlayConcepts.url,
      LINKS.podSubnetConcepts.url,
      LINKS.planPodNetworking.url,
      LINKS.cilium.url,
    ],
    asOf: DOCS,
  },
  {
    id: 'virtual-nodes',
    label: 'Virtual nodes (Azure Container Instances)',
    values: {
      kubenet: 'Not supported',
      'azure-cni-node-subnet': 'Supported',
      'azure-cni-pod-subnet': 'Not stated in the docs',
      'azure-cni-overlay': 'Not listed as supported; docs point to flat networking for virtual nodes',
      'azure-cni-cilium': 'Not stated in the docs',
    },
    sources: [LINKS.configureKubenet.url, LINKS.cniOverview.url, LINKS.overlayConcepts.url],
    asOf: DOCS,
  },
  {
    id: 'app-gateway-for-containers',
    label: 'Application Gateway for Containers',
    values: {
      kubenet: 'Not supported',
      'azure-cni-node-subnet': 'Supported',
      'azure-cni-pod-subnet': 'Supported',
      'azure-cni-overlay': 'Supported (GA with Overlay since 2025-08)',
      'azure-cni-cilium': SAME_AS_IPAM,
    },
    sources: [LINKS.cniOverview.url, LINKS.aksChangelog.url],
    asOf: WITH_CHANGELOG,
  },
  {
    id: 'status',
    label: 'Status',
    values: {
      kubenet: 'Retiring on 2028-03-31',
      'azure-cni-node-subnet': 'Legacy',
      'azure-cni-pod-subnet': 'Recommended flat-network option',
      'azure-cni-overlay': 'Recommended ("Use this IPAM option for most scenarios")',
      'azure-cni-cilium': 'Recommended long-term data plane',
    },
    sources: [LINKS.kubenetRetirementInclude.url, LINKS.legacyCni.url, LINKS.cniOverview.url, LINKS.updateAzureCni.url],
    asOf: DOCS,
  },
];
