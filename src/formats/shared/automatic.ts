import { AKS_AUTOMATIC_NETWORK } from '../../knowledge/defaults.js';
import type { Cluster, Setting } from '../../model/index.js';

/**
 * AKS Automatic (`sku.name: Automatic` in the API, Terraform's azapi body, Bicep and ARM; `az aks create
 * --sku automatic`) gives Azure CNI Overlay with Cilium to a cluster that sets no network plugin: the
 * defaults land on the sku's line, citing the knowledge base. A sku that is not known, or another sku,
 * changes nothing.
 */
export function withAutomaticDefaults(cluster: Cluster, sku: Setting<string> | undefined, written?: string): void {
  if (sku === undefined || sku.how === 'unresolved' || sku.value.toLowerCase() !== 'automatic') return;
  if (cluster.network.plugin !== undefined) return;
  const { value, source } = AKS_AUTOMATIC_NETWORK;
  const note = `AKS Automatic (${written ?? `sku.name "${sku.value}"`}) defaults to Azure CNI Overlay with Cilium (${source})`;
  const range = sku.range;
  cluster.network.plugin = { how: 'default', value: value.plugin, range, note };
  cluster.network.pluginMode ??= { how: 'default', value: value.pluginMode, range, note };
  cluster.network.dataplane ??= { how: 'default', value: value.dataplane, range, note };
}
