import type { Setting } from './setting.js';
import type { SourceRange } from './source.js';

/** The formats that can define a cluster. Each has a folder under `src/formats/`. */
export type FormatId =
  | 'terraform'
  | 'terraform-plan'
  | 'bicep'
  | 'arm'
  | 'azure-cli'
  | 'azure-powershell'
  | 'kubernetes'
  | 'pulumi';

/**
 * The network model a cluster ends up with, after classification (see `engine/classify.ts`).
 * `platform-default`: nothing decides it in the file, so AKS picks; `unresolved`: a deciding value is an
 * expression the analyzer could not evaluate.
 */
export type NetworkModel =
  | 'kubenet'
  | 'azure-cni-node-subnet'
  | 'azure-cni-pod-subnet'
  | 'azure-cni-overlay'
  | 'azure-cni-cilium'
  | 'byo-cni'
  | 'platform-default'
  | 'unresolved';

/** The cluster-wide network settings, named after the AKS API's `networkProfile`. */
export interface NetworkProfile {
  /** `networkPlugin`: `azure`, `kubenet` or `none`. */
  plugin?: Setting<string>;
  /** `networkPluginMode`: `overlay`. */
  pluginMode?: Setting<string>;
  /** `networkDataplane`: `azure` or `cilium`. */
  dataplane?: Setting<string>;
  /** `networkPolicy`: `none`, `calico`, `azure` or `cilium`. */
  policy?: Setting<string>;
  podCidr?: Setting<string>;
  serviceCidr?: Setting<string>;
  dnsServiceIp?: Setting<string>;
  outboundType?: Setting<string>;
  loadBalancerSku?: Setting<string>;
  /** `networkMode`: `transparent` or the no-longer-supported `bridge`. */
  networkMode?: Setting<string>;
}

export type NetworkSettingKey = keyof NetworkProfile;

export interface NodePool {
  name: string;
  /** The whole definition of the pool. */
  range: SourceRange;
  /** True for the pool defined inside the cluster (`default_node_pool`, the first agent pool profile). */
  isDefault: boolean;
  osType?: Setting<string>;
  nodeCount?: Setting<number>;
  autoScaling?: Setting<boolean>;
  minCount?: Setting<number>;
  maxCount?: Setting<number>;
  maxPods?: Setting<number>;
  vnetSubnetId?: Setting<string>;
  podSubnetId?: Setting<string>;
  podIpAllocationMode?: Setting<string>;
}

export interface Cluster {
  /** Unique within the analysis, e.g. `azurerm_kubernetes_cluster.aks` or `module.aks`. */
  id: string;
  format: FormatId;
  /** What defines it, e.g. `azurerm_kubernetes_cluster`, `module "Azure/aks/azurerm"`. */
  definition: string;
  /** The whole definition; `range.startLine` is the first line of the cluster. */
  range: SourceRange;
  /** The cluster's own name (the AKS resource name), when given. */
  name?: Setting<string>;
  resourceGroup?: Setting<string>;
  kubernetesVersion?: Setting<string>;
  /** Where the network profile block or object is, when there is one. */
  networkProfileRange?: SourceRange;
  network: NetworkProfile;
  nodePools: NodePool[];
}
