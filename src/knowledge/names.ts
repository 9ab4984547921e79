import type { NetworkSettingKey } from '../model/cluster.js';

/**
 * What each network setting is called in the AKS API and in the tools that write it: the one table the
 * extractors read by and the format writers spell with (fact base §4: the API's `networkProfile`, azurerm's
 * `network_profile` block, `az aks create`/`update` flags, `New-AzAksCluster` parameters). `networkMode` has no
 * az CLI flag or PowerShell parameter.
 */
export interface SettingNames {
  /** The API property in `networkProfile`, as ARM, Bicep, AzAPI, Pulumi azure-native and ASO write it. */
  api: string;
  /** The azurerm `network_profile` attribute. */
  azurerm: string;
  /** The `az aks create` flag. */
  azureCli?: string;
  /** The `New-AzAksCluster` parameter. */
  powershell?: string;
}

/** In the API's property order, which is also the order the extractors read the settings in. */
export const NETWORK_NAMES = {
  plugin: {
    api: 'networkPlugin',
    azurerm: 'network_plugin',
    azureCli: '--network-plugin',
    powershell: '-NetworkPlugin',
  },
  pluginMode: {
    api: 'networkPluginMode',
    azurerm: 'network_plugin_mode',
    azureCli: '--network-plugin-mode',
    powershell: '-NetworkPluginMode',
  },
  dataplane: {
    api: 'networkDataplane',
    azurerm: 'network_data_plane',
    azureCli: '--network-dataplane',
    powershell: '-NetworkDataplane',
  },
  policy: {
    api: 'networkPolicy',
    azurerm: 'network_policy',
    azureCli: '--network-policy',
    powershell: '-NetworkPolicy',
  },
  podCidr: { api: 'podCidr', azurerm: 'pod_cidr', azureCli: '--pod-cidr', powershell: '-PodCidr' },
  serviceCidr: { api: 'serviceCidr', azurerm: 'service_cidr', azureCli: '--service-cidr', powershell: '-ServiceCidr' },
  dnsServiceIp: {
    api: 'dnsServiceIP',
    azurerm: 'dns_service_ip',
    azureCli: '--dns-service-ip',
    powershell: '-DnsServiceIP',
  },
  outboundType: {
    api: 'outboundType',
    azurerm: 'outbound_type',
    azureCli: '--outbound-type',
    powershell: '-OutboundType',
  },
  loadBalancerSku: {
    api: 'loadBalancerSku',
    azurerm: 'load_balancer_sku',
    azureCli: '--load-balancer-sku',
    powershell: '-LoadBalancerSku',
  },
  networkMode: { api: 'networkMode', azurerm: 'network_mode' },
} as const satisfies Record<NetworkSettingKey, SettingNames>;

/** The settings every tool can write, so every format can spell them. */
export type WrittenSetting = {
  [K in NetworkSettingKey]: (typeof NETWORK_NAMES)[K] extends { azureCli: string; powershell: string } ? K : never;
}[NetworkSettingKey];

/** `NETWORK_NAMES` as `[key, name]` pairs for one tool, in the table's order, leaving out what the tool has no name for. */
export function namesFor(tool: keyof SettingNames): [NetworkSettingKey, string][] {
  const pairs: [NetworkSettingKey, string][] = [];
  for (const [key, names] of Object.entries(NETWORK_NAMES) as [NetworkSettingKey, SettingNames][]) {
    const name = names[tool];
    if (name !== undefined) pairs.push([key, name]);
  }
  return pairs;
}

/** Every setting mapped through `pick`: `eachSetting((names) => names.azurerm)` is azurerm's name for each. */
export function eachSetting<T>(pick: (names: SettingNames) => T): Record<NetworkSettingKey, T> {
  const entries = Object.entries(NETWORK_NAMES).map(([key, names]) => [key, pick(names)]);
  // Object.entries loses the key type; the keys are exactly NETWORK_NAMES's, which `satisfies` checks above.
  return Object.fromEntries(entries) as Record<NetworkSettingKey, T>;
}
