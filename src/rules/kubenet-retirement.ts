import { fillCommand } from '../domain/commands.js';
import { daysBetween, describeRemaining } from '../domain/dates.js';
import { LINKS, RETIREMENTS, routeBetween } from '../knowledge/index.js';
import type { Cluster } from '../model/index.js';
import { writerFor } from '../formats/index.js';
import { createRule } from './rule.js';

const retirement = RETIREMENTS.kubenet;

export const kubenetRetirement = createRule({
  meta: {
    id: 'kubenet-retirement',
    description: 'Flags clusters and node pools that use kubenet, which AKS retires on 31 March 2028.',
    defaultSeverity: 'error',
    messages: {
      kubenet:
        'This cluster uses kubenet, which AKS retires on {{date}} ({{remaining}}): after that AKS no longer supports kubenet, and Microsoft removes the ability to create kubenet clusters. Migrate in place to Azure CNI Overlay with `{{command}}` (irreversible; all node pools are reimaged), see {{docs}}',
      kubenetDefault:
        'This cluster gets kubenet without saying so: {{note}}. AKS retires kubenet on {{date}} ({{remaining}}). Set the network plugin to "azure" with plugin mode "overlay" (Azure CNI Overlay), see {{docs}}',
      kubenetPool:
        'This node pool belongs to kubenet cluster {{cluster}}; AKS retires kubenet on {{date}} ({{remaining}}). Migrate the cluster to Azure CNI Overlay, see {{docs}}',
      kubenetAdded:
        'This change adds a new kubenet cluster ({{reason}}): creating kubenet clusters is exactly what Microsoft removes by {{date}} ({{remaining}}), and a new cluster would have to be migrated later (irreversible, all node pools reimaged). Create it with network plugin "azure" and plugin mode "overlay" (Azure CNI Overlay) instead, see {{docs}}',
      kubenetPoolAdded:
        'This change adds node pool {{pool}} to kubenet cluster {{cluster}}, growing a cluster that AKS retires on {{date}} ({{remaining}}); every pool is reimaged when the cluster migrates. Migrate the cluster to Azure CNI Overlay, see {{docs}}',
    },
  },
  checkCluster({ cluster, classification, change }, context) {
    if (classification.model !== 'kubenet') return;
    const plugin = cluster.network.plugin;
    const data = {
      date: retirement.date.value,
      remaining: describeRemaining(daysBetween(context.today, retirement.date.value)),
      command: migrationCommand(cluster),
      docs: retirement.migrationDocs,
    };
    // A literal `kubenet` on one line can be rewritten, in the format's syntax, where that is safe (its write.ts);
    // not when a plugin mode or data plane is already written, which the edit would then contradict.
    const line =
      plugin?.how === 'literal' &&
      plugin.range.startLine === plugin.range.endLine &&
      cluster.network.pluginMode === undefined &&
      cluster.network.dataplane === undefined
        ? context.sourceLine(plugin.range.file, plugin.range.startLine)
        : undefined;
    // Trailing blanks are dropped first, so every pattern in the writers ends in a single, linear `$`.
    const replacement =
      line === undefined
        ? undefined
        : writerFor(cluster.format).overlaySuggestion(cluster, line.trimEnd(), change === 'added');
    const suggestion =
      replacement === undefined || plugin === undefined ? {} : { suggestion: { range: plugin.range, replacement } };
    if (change === 'added') {
      context.report({
        messageId: 'kubenetAdded',
        range: classification.range,
        decidedBy: classification.decidedBy,
        data: { ...data, reason: classification.reason },
        ...suggestion,
      });
    } else if (plugin?.how === 'default') {
      context.report({
        messageId: 'kubenetDefault',
        range: plugin.range,
        decidedBy: [plugin],
        data: { ...data, note: plugin.note },
      });
    } else {
      context.report({
        messageId: 'kubenet',
        range: classification.range,
        decidedBy: classification.decidedBy,
        data,
        ...suggestion,
      });
    }
    // With a base (or a plan's `before`), a pool the cluster did not have is one this change adds.
    const before = cluster.previous?.nodePools.map((pool) => pool.name);
    for (const pool of cluster.nodePools) {
      if (pool.isDefault) continue;
      const added = change !== 'added' && before !== undefined && !before.includes(pool.name);
      context.report({
        messageId: added ? 'kubenetPoolAdded' : 'kubenetPool',
        range: { ...pool.range, endLine: pool.range.startLine },
        key: pool.name,
        data: { ...data, cluster: cluster.id, pool: pool.name },
      });
    }
  },
});

/** The knowledge base's migration command, with this cluster's name and resource group where known. */
function migrationCommand(cluster: Cluster): string {
  // The route table's in-place route kubenet -> Overlay (one leg).
  const command = routeBetween('kubenet', 'azure-cni-overlay')?.legs[0]?.command;
  if (command === undefined) return LINKS.updateAzureCni.url;
  return fillCommand(command, cluster);
}
