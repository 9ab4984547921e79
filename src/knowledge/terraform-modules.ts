import type { Fact } from './types.js';

/**
 * What the Terraform format relies on about the two registry modules that create AKS clusters: the
 * defaults a module applies when an input is left out. From `shared/aks-networking.md` §4.2, §4.4 and §4.5,
 * checked against the modules' `variables.tf`.
 */

/** The network settings a module sends when its network input is left out. */
export interface ModuleNetworkDefault {
  networkPlugin: string;
  networkPluginMode?: string;
  networkPolicy?: string;
}

export interface AksModuleFacts {
  /** The registry address, as written in `source`. */
  source: string;
  repository: string;
  /** `var.network_plugin`'s default; `nullable = false`, so passing `null` gives the default too. */
  networkPluginDefault: Fact<string>;
  /** `var.net_profile_outbound_type`'s default. */
  outboundTypeDefault: Fact<string>;
  /** `var.load_balancer_sku`'s default. */
  loadBalancerSkuDefault: Fact<string>;
  /** `var.agents_pool_name`'s default: the default node pool's name. */
  defaultPoolName: Fact<string>;
  /** The module is being retired in favour of the AVM module. */
  retirement: Fact<string>;
}

export interface AvmModuleFacts {
  source: string;
  repository: string;
  /** The first version built on AzAPI, whose `network_profile` defaults to `null`. */
  azapiSince: Fact<string>;
  /** v0.4.0 and later: `network_profile` defaults to `null`, so AKS picks. */
  networkProfileDefault: Fact<ModuleNetworkDefault | null>;
  /** v0.1.x to v0.3.x: the `network_profile` default, which selects Azure NPM (itself retiring). */
  legacyNetworkProfileDefault: Fact<ModuleNetworkDefault>;
  /** v0.4.0 and later: `default_agent_pool.name`'s default. */
  defaultAgentPoolName: Fact<string>;
}

const AKS_VARIABLES = 'https://github.com/Azure/terraform-azurerm-aks/blob/main/variables.tf';
const AVM_REPOSITORY = 'https://github.com/Azure/terraform-azurerm-avm-res-containerservice-managedcluster';
const AKS_AS_OF = '2026-04-10';
const AVM_AS_OF = '2026-08-19';

export const aksModule: AksModuleFacts = {
  source: 'Azure/aks/azurerm',
  repository: 'https://github.com/Azure/terraform-azurerm-aks',
  networkPluginDefault: {
    value: 'kubenet',
    source: AKS_VARIABLES,
    asOf: AKS_AS_OF,
    confidence: 'confirmed',
    note: 'nullable = false, so network_plugin = null also gives "kubenet".',
  },
  outboundTypeDefault: { value: 'loadBalancer', source: AKS_VARIABLES, asOf: AKS_AS_OF, confidence: 'confirmed' },
  loadBalancerSkuDefault: { value: 'standard', source: AKS_VARIABLES, asOf: AKS_AS_OF, confidence: 'confirmed' },
  defaultPoolName: { value: 'nodepool', source: AKS_VARIABLES, asOf: AKS_AS_OF, confidence: 'confirmed' },
  retirement: {
    value: 'No new features; planned for retirement. Migrate to Azure/avm-res-containerservice-managedcluster/azurerm.',
    source: 'https://github.com/Azure/terraform-azurerm-aks/blob/main/README.md',
    asOf: AKS_AS_OF,
    confidence: 'confirmed',
  },
};

export const avmModule: AvmModuleFacts = {
  source: 'Azure/avm-res-containerservice-managedcluster/azurerm',
  repository: AVM_REPOSITORY,
  azapiSince: {
    value: '0.4.0',
    source: `${AVM_REPOSITORY}/blob/main/main.tf`,
    asOf: AVM_AS_OF,
    confidence: 'confirmed',
    note: 'v0.4.0 (2026-01-27) moved the module from azurerm_kubernetes_cluster to an azapi_resource and renamed inputs (network_data_plane -> network_dataplane).',
  },
  networkProfileDefault: {
    value: null,
    source: `${AVM_REPOSITORY}/blob/main/variables.tf`,
    asOf: AVM_AS_OF,
    confidence: 'confirmed',
  },
  legacyNetworkProfileDefault: {
    value: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkPolicy: 'azure' },
    source: `${AVM_REPOSITORY}/blob/v0.3.0/variables.tf`,
    asOf: AVM_AS_OF,
    confidence: 'confirmed',
    note: 'Same default read at v0.2.0; network_policy = "azure" is Azure NPM, which is retiring.',
  },
  defaultAgentPoolName: {
    value: 'systempool',
    source: `${AVM_REPOSITORY}/blob/main/variables.tf`,
    asOf: AVM_AS_OF,
    confidence: 'confirmed',
  },
};
