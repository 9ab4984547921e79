import type { Setting } from './setting.js';
import type { SourceRange } from './source.js';

/** The formats that can define a cluster. Each has a folder under `src/formats/`. */
export type FormatId =
  | 'terraform'
  | 'terraform-plan'
  | 'bicep'
  | 'arm'
  | 'azure-live'
  | 'azure-cli'
  | 'azure-powershell'
  | 'kubernetes'
  | 'pulumi';

/**
 * The network model a cluster ends up with, after classification (see `domain/classify.ts`).
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

/**
 * Settings that AKS or a provider no longer accepts, recorded where they are written so that a rule can
 * say since when (the facts live in the knowledge base).
 */
export type RemovedSettingKind = 'docker-bridge-cidr' | 'ebpf-data-plane' | 'api-server-authorized-ip-ranges';

export interface RemovedSetting {
  kind: RemovedSettingKind;
  /** The name as written, e.g. `docker_bridge_cidr` or `dockerBridgeCidr`. */
  name: string;
  range: SourceRange;
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
  /**
   * `networkProfile.ipFamilies` (`ip_versions` in azurerm): `IPv4`, or `IPv4` and `IPv6` for dual-stack.
   * Kept beside the network profile because it is a list, not a single value.
   */
  ipFamilies?: Setting<string[]>;
  /** The resource's API version (`Microsoft.ContainerService/managedClusters@2025-10-01` -> `2025-10-01`), when given. */
  apiVersion?: string;
  /** Terraform: the `azurerm` provider version constraint from `required_providers` in the same module. */
  providerVersion?: Setting<string>;
  /** Removed or retired settings written in the definition. */
  removedSettings?: RemovedSetting[];
  /**
   * True when the cluster is defined only in documentation (a Markdown code fence): it can't break a
   * deployment, so its findings get the lower documentation severity.
   */
  documentation?: boolean;
  /**
   * The module call that instantiates this cluster from a module file (a local Bicep or Terraform module),
   * when it was reached through one. The engine then drops the same cluster read from the module file on
   * its own, whose parameters are unresolved.
   */
  instantiatedBy?: SourceRange;
  /**
   * What the cluster was before this change, when the format itself knows (a Terraform plan's `before`).
   * `replaced` is true when the change destroys and recreates the cluster.
   */
  previous?: { network: NetworkProfile; nodePools: NodePool[]; replaced: boolean };
}

/**
 * A change to a cluster defined elsewhere: `az aks update`, `Set-AzAksCluster`, `az aks nodepool add`.
 * Only the settings the command gives are present. Not a cluster definition: a kubenet -> Overlay update
 * is a migration, never a kubenet cluster.
 */
export interface ClusterUpdate {
  /** Unique within the analysis, e.g. `az aks update -n aks-prod` at a line. */
  id: string;
  format: FormatId;
  /** The command or resource, e.g. `az aks update`. */
  definition: string;
  range: SourceRange;
  /** The target cluster's name and resource group, when given. */
  name?: Setting<string>;
  resourceGroup?: Setting<string>;
  network: NetworkProfile;
  /** Node pools the change adds. */
  nodePools: NodePool[];
  documentation?: boolean;
}

/**
 * A virtual network or subnet defined in the same configuration, so that capacity and overlap rules can see
 * the address ranges a cluster uses. Node pools refer to subnets by ID or expression; `references` lists the
 * expressions that name this one (`azurerm_subnet.nodes.id`, `vnet::nodes.id`), and `name` with
 * `virtualNetwork` match literal IDs (`.../virtualNetworks/<vnet>/subnets/<name>`).
 */
export interface AddressSpace {
  kind: 'virtual-network' | 'subnet';
  /** Unique within the analysis, e.g. `azurerm_subnet.nodes`. */
  id: string;
  /** The Azure resource name, when known. */
  name?: string;
  /** For a subnet: its virtual network's name, when known. */
  virtualNetwork?: string;
  /** `address_prefixes` / `addressPrefix(es)` / `address_space`. */
  prefixes: Setting<string>[];
  range: SourceRange;
  references: string[];
}
