import { LIMITS } from '../knowledge/limits.js';
import type { NodePool } from '../model/index.js';
import type { RuleContext } from './rule.js';
import { createRule } from './rule.js';

const min = LIMITS.maxPodsMin;
const max = LIMITS.maxPodsMax;

type MessageId = 'tooFew' | 'tooMany';

export const maxPodsRange = createRule<MessageId>({
  meta: {
    id: 'max-pods-range',
    description: 'Flags node pools whose maximum pods per node is below 10 or above 250, outside what AKS allows.',
    defaultSeverity: 'error',
    messages: {
      tooFew:
        'Node pool "{{pool}}" sets max pods to {{maxPods}}, below the AKS minimum of {{min}} pods per node. Set {{min}} or more (a pool may use {{min}} only if it keeps room for at least 30 pods, e.g. 3 nodes). Source: {{source}}',
      tooMany:
        'Node pool "{{pool}}" sets max pods to {{maxPods}}, above the AKS maximum of {{max}} pods per node. Set {{max}} or less. Source: {{source}}',
    },
  },
  checkCluster({ cluster, classification }, context) {
    // The fact base gives the bounds for the managed CNIs only; with bring-your-own CNI it says nothing.
    if (classification.model === 'byo-cni') return;
    for (const pool of cluster.nodePools) checkPool(pool, context);
  },
  checkUpdate(update, context) {
    for (const pool of update.nodePools) checkPool(pool, context);
  },
});

function checkPool(pool: NodePool, context: RuleContext<MessageId>): void {
  const setting = pool.maxPods;
  if (setting === undefined || setting.how === 'unresolved' || !Number.isFinite(setting.value)) return;
  const data = { pool: pool.name, maxPods: setting.value, min: min.value, max: max.value };
  if (setting.value < min.value) {
    context.report({
      messageId: 'tooFew',
      range: setting.range,
      decidedBy: [setting],
      key: pool.name,
      data: { ...data, source: min.source },
    });
  } else if (setting.value > max.value) {
    context.report({
      messageId: 'tooMany',
      range: setting.range,
      decidedBy: [setting],
      key: pool.name,
      data: { ...data, source: max.source },
    });
  }
}
