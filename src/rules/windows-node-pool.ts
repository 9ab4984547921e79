import { LINKS } from '../knowledge/index.js';
import { UNSUPPORTED_COMBINATIONS } from '../knowledge/limits.js';
import type { Setting } from '../model/index.js';
import { createRule } from './rule.js';

const onKubenet = UNSUPPORTED_COMBINATIONS['windows-kubenet'];
const onCilium = UNSUPPORTED_COMBINATIONS['windows-cilium'];

export const windowsNodePool = createRule({
  meta: {
    id: 'windows-node-pool',
    description: 'Flags Windows node pools on network models that do not support Windows: kubenet and Cilium.',
    defaultSeverity: 'error',
    messages: {
      windowsKubenet:
        'Windows node pool "{{pool}}" on a cluster that uses {{plugin}}: {{fact}} Use Azure CNI Overlay (network plugin "azure", plugin mode "overlay"). Source: {{source}}',
      windowsCilium:
        'Windows node pool "{{pool}}" on a cluster with the Cilium dataplane: {{fact}} Run Windows workloads in a cluster without the Cilium dataplane (Azure CNI Overlay, Node Subnet or Pod Subnet), see {{docs}}. Source: {{source}}',
    },
  },
  checkCluster({ cluster }, context) {
    const { plugin, dataplane } = cluster.network;
    const kubenet = plugin !== undefined && lower(plugin) === 'kubenet';
    const cilium = dataplane !== undefined && lower(dataplane) === 'cilium';
    if (!kubenet && !cilium) return;
    for (const pool of cluster.nodePools) {
      const osType = pool.osType;
      if (osType === undefined || lower(osType) !== 'windows') continue;
      if (kubenet) {
        context.report({
          messageId: 'windowsKubenet',
          range: osType.range,
          decidedBy: [osType],
          key: pool.name,
          data: { pool: pool.name, plugin: describePlugin(plugin), fact: onKubenet.value, source: onKubenet.source },
        });
      } else {
        context.report({
          messageId: 'windowsCilium',
          range: osType.range,
          decidedBy: [osType],
          key: pool.name,
          data: { pool: pool.name, fact: onCilium.value, source: onCilium.source, docs: LINKS.overlayConcepts.url },
        });
      }
    }
  },
});

/** The value, lower-cased (AKS accepts mixed case); undefined when unresolved. */
function lower(setting: Setting<string>): string | undefined {
  return setting.how === 'unresolved' ? undefined : setting.value.toLowerCase();
}

function describePlugin(plugin: Setting<string>): string {
  if (plugin.how === 'default') return `kubenet (${plugin.note})`;
  if (plugin.how === 'resolved') return `kubenet (from \`${plugin.expression}\`)`;
  return 'kubenet';
}
