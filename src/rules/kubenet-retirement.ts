import { LINKS, RETIREMENTS, findMigration } from '../knowledge/index.js';
import type { Cluster } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { createRule, daysBetween } from './rule.js';

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
    },
  },
  checkCluster({ cluster, classification }, context) {
    if (classification.model !== 'kubenet') return;
    const plugin = cluster.network.plugin;
    const data = {
      date: retirement.date.value,
      remaining: describeRemaining(daysBetween(context.today, retirement.date.value)),
      command: migrationCommand(cluster),
      docs: retirement.migrationDocs,
    };
    if (plugin?.how === 'default') {
      context.report({ messageId: 'kubenetDefault', range: plugin.range, data: { ...data, note: plugin.note } });
    } else {
      context.report({ messageId: 'kubenet', range: classification.range, data });
    }
    for (const pool of cluster.nodePools) {
      if (pool.isDefault) continue;
      context.report({
        messageId: 'kubenetPool',
        range: { ...pool.range, endLine: pool.range.startLine },
        key: pool.name,
        data: { ...data, cluster: cluster.id },
      });
    }
  },
});

export function describeRemaining(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'that is today';
  return `retired ${-days} day${days === -1 ? '' : 's'} ago`;
}

/** The knowledge base's migration command, with this cluster's name and resource group where known. */
function migrationCommand(cluster: Cluster): string {
  const steps = findMigration('kubenet', 'azure-cni-overlay')?.steps ?? [];
  const command = steps.find((step) => step.command?.includes('--network-plugin-mode overlay'))?.command;
  if (command === undefined) return LINKS.updateAzureCni.url;
  const name = settingValue(cluster.name);
  const group = settingValue(cluster.resourceGroup);
  return command.replace('$CLUSTER', plainWord(name) ?? '$CLUSTER').replace('$RG', plainWord(group) ?? '$RG');
}

/** Only names that are safe to paste into a shell as they are. */
function plainWord(value: string | undefined): string | undefined {
  return value !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(value) ? value : undefined;
}
