import { LINKS, SOURCE_AS_OF } from './links.js';
import type { ModelId, ModelInfo } from './types.js';

const DOCS = SOURCE_AS_OF.aksDocs;

/** The network models (fact base §1): Microsoft's names, how the API selects each, and status. */
export const MODELS: Record<ModelId, ModelInfo> = {
  kubenet: {
    id: 'kubenet',
    name: 'kubenet',
    selectedBy: 'networkPlugin: kubenet',
    status: {
      value: 'retiring',
      source: LINKS.configureKubenet.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: 'Legacy; AKS no longer supports kubenet starting 2028-03-31.',
    },
    summary: {
      value:
        'Nodes get VNet IPs; pods get IPs from a separate pod CIDR (a /24 per node) and reach the VNet through NAT ' +
        'and a route table AKS maintains, which caps a cluster at 400 nodes.',
      source: LINKS.configureKubenet.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    docs: LINKS.configureKubenet.url,
  },
  'azure-cni-node-subnet': {
    id: 'azure-cni-node-subnet',
    name: 'Azure CNI Node Subnet',
    selectedBy: 'networkPlugin: azure, no networkPluginMode, no agent-pool podSubnetID',
    status: {
      value: 'legacy',
      source: LINKS.legacyCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    summary: {
      value:
        'Every pod gets an IP from the node subnet and maxPods IPs are reserved per node up front, which often leads ' +
        'to IP address exhaustion or rebuilding the cluster in a larger subnet.',
      source: LINKS.legacyCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    docs: LINKS.configureAzureCni.url,
  },
  'azure-cni-pod-subnet': {
    id: 'azure-cni-pod-subnet',
    name: 'Azure CNI Pod Subnet',
    selectedBy:
      'networkPlugin: azure, no networkPluginMode, agent-pool podSubnetID ' +
      '(podIPAllocationMode: DynamicIndividual, the default, or StaticBlock)',
    status: {
      value: 'recommended',
      source: LINKS.cniOverview.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: 'The recommended flat-network option: pods are directly reachable in the VNet.',
    },
    summary: {
      value:
        'Pods get IPs from a separate pod subnet in the VNet and are directly reachable; dynamic allocation hands ' +
        'out IPs in batches of 16 per node, static block allocation /28 blocks per node.',
      source: LINKS.podSubnetConcepts.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    docs: LINKS.podSubnetConcepts.url,
  },
  'azure-cni-overlay': {
    id: 'azure-cni-overlay',
    name: 'Azure CNI Overlay',
    selectedBy: 'networkPlugin: azure, networkPluginMode: overlay',
    status: {
      value: 'recommended',
      source: LINKS.cniOverview.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note: 'Microsoft: "Use this IPAM option for most scenarios."',
    },
    summary: {
      value:
        'Pods get IPs from a private pod CIDR outside the VNet (a /24 per node); traffic leaving the pod CIDR is ' +
        'SNATed to the node IP, and no custom routes are needed.',
      source: LINKS.overlayConcepts.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    docs: LINKS.overlayConcepts.url,
  },
  'azure-cni-cilium': {
    id: 'azure-cni-cilium',
    name: 'Azure CNI Powered by Cilium',
    selectedBy:
      'networkPlugin: azure (Overlay, Pod Subnet or Node Subnet IPAM), networkDataplane: cilium ' +
      '(networkPolicy: cilium)',
    status: {
      value: 'recommended',
      source: LINKS.updateAzureCni.url,
      asOf: DOCS,
      confidence: 'confirmed',
      note:
        'Microsoft calls it the "recommended and supported long-term networking configuration"; ' +
        'Overlay with Cilium is the default for AKS Automatic clusters.',
    },
    summary: {
      value:
        'A Cilium (eBPF) data plane without kube-proxy that also enforces network policy; it runs on top of ' +
        'Overlay, Pod Subnet or Node Subnet IPAM and is available only for Linux.',
      source: LINKS.cilium.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    docs: LINKS.cilium.url,
  },
  'byo-cni': {
    id: 'byo-cni',
    name: 'Bring your own CNI (BYO CNI)',
    selectedBy: 'networkPlugin: none',
    status: {
      value: 'not-managed',
      source: LINKS.cniOverview.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    summary: {
      value: 'AKS installs no managed CNI; you bring your own, and Microsoft does not support CNI issues.',
      source: LINKS.cniOverview.url,
      asOf: DOCS,
      confidence: 'confirmed',
    },
    docs: LINKS.cniOverview.url,
  },
};
