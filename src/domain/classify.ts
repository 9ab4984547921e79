import { platformDefaultFor } from '../knowledge/index.js';
import type { BlockingUnknown, Classification, Cluster, NetworkModel, Setting, SourceRange } from '../model/index.js';

export type { BlockingUnknown, Classification } from '../model/index.js';

/**
 * The precedence is the product's contract: `none` -> byo-cni; `kubenet`; `azure` with the Cilium
 * dataplane (any IP mode); `azure` + `overlay`; `azure` with a pod subnet on any pool; `azure` alone ->
 * node subnet; nothing set -> platform default; a deciding value that can't be resolved -> unresolved.
 * AKS accepts mixed-case plugin values (since 2026-07-17), so values compare case-insensitively.
 */
export function classify(cluster: Cluster): Classification {
  const { plugin, pluginMode, dataplane } = cluster.network;
  const header = headerRange(cluster);
  if (plugin === undefined) return platformDefault(cluster, header);
  if (plugin.how === 'unresolved') return unresolved(plugin.range, [{ key: 'plugin', setting: plugin }]);
  const pluginValue = plugin.value.toLowerCase();
  if (pluginValue === 'none') {
    return decided('byo-cni', plugin.range, 'network plugin "none": bring your own CNI', [plugin]);
  }
  if (pluginValue === 'kubenet')
    return decided('kubenet', plugin.range, describe(plugin, 'network plugin "kubenet"'), [plugin]);
  if (pluginValue !== 'azure') {
    return {
      model: 'unresolved',
      range: plugin.range,
      reason: `network plugin "${plugin.value}" is not one AKS accepts (azure, kubenet, none)`,
      decidedBy: [plugin],
      unknowns: [],
    };
  }
  if (dataplane?.how === 'unresolved') return unresolved(dataplane.range, [{ key: 'dataplane', setting: dataplane }]);
  if (dataplane !== undefined && dataplane.value.toLowerCase() === 'cilium') {
    return decided(
      'azure-cni-cilium',
      dataplane.range,
      describe(dataplane, 'network plugin "azure" with the Cilium dataplane'),
      [plugin, dataplane],
    );
  }
  if (pluginMode?.how === 'unresolved')
    return unresolved(pluginMode.range, [{ key: 'pluginMode', setting: pluginMode }]);
  if (pluginMode !== undefined && pluginMode.value.toLowerCase() === 'overlay') {
    return decided(
      'azure-cni-overlay',
      pluginMode.range,
      describe(pluginMode, 'network plugin "azure" in overlay mode'),
      [plugin, pluginMode],
    );
  }
  // A pod subnet given as an expression we can't evaluate (a resource reference, say) is still given.
  const podSubnet = cluster.nodePools.map((pool) => pool.podSubnetId).find((setting) => setting !== undefined);
  if (podSubnet !== undefined) {
    return decided('azure-cni-pod-subnet', podSubnet.range, 'network plugin "azure" with a pod subnet on a node pool', [
      plugin,
      podSubnet,
    ]);
  }
  return decided(
    'azure-cni-node-subnet',
    plugin.range,
    describe(plugin, 'network plugin "azure" without overlay mode or a pod subnet'),
    [plugin, pluginMode, dataplane].filter((setting) => setting !== undefined),
  );
}

function platformDefault(cluster: Cluster, header: SourceRange): Classification {
  const version = cluster.kubernetesVersion;
  if (version?.how === 'unresolved') {
    // The default depends on the version, but only for versions AKS no longer offers; say which we assume.
    const picked = platformDefaultFor(undefined);
    return {
      model: 'platform-default',
      range: cluster.networkProfileRange ?? header,
      reason: 'no network plugin is set, so AKS picks one',
      decidedBy: [version],
      unknowns: [],
      platformDefault: { model: picked.model, basis: `${picked.basis} (the Kubernetes version is not resolved)` },
    };
  }
  const picked = platformDefaultFor(version?.value);
  return {
    model: 'platform-default',
    range: cluster.networkProfileRange ?? header,
    reason: 'no network plugin is set, so AKS picks one',
    decidedBy: version === undefined ? [] : [version],
    unknowns: [],
    platformDefault: picked,
  };
}

function decided(
  model: NetworkModel,
  range: SourceRange,
  reason: string,
  decidedBy: Setting<unknown>[],
): Classification {
  return { model, range, reason, decidedBy, unknowns: [] };
}

function unresolved(range: SourceRange, unknowns: BlockingUnknown[]): Classification {
  const names = unknowns.map((u) => `\`${u.setting.expression}\``).join(', ');
  return {
    model: 'unresolved',
    range,
    reason: `the deciding value ${names} could not be resolved`,
    decidedBy: unknowns.map((unknown) => unknown.setting),
    unknowns,
  };
}

function describe(setting: Setting<string>, text: string): string {
  if (setting.how === 'default') return `${text} (${setting.note})`;
  if (setting.how === 'resolved') return `${text} (from \`${setting.expression}\`)`;
  return text;
}

/** The first line of a definition, for findings about the definition as a whole. */
export function headerRange(cluster: Cluster): SourceRange {
  return { file: cluster.range.file, startLine: cluster.range.startLine, endLine: cluster.range.startLine };
}
