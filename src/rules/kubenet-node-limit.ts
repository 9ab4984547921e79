import { LINKS } from '../knowledge/index.js';
import { LIMITS } from '../knowledge/limits.js';
import type { NodePool, Setting, SourceRange } from '../model/index.js';
import { createRule } from './rule.js';

const limit = LIMITS.kubenetMaxNodes;
const enforced = LIMITS.kubenetNodeLimitEnforced;

export const kubenetNodeLimit = createRule({
  meta: {
    id: 'kubenet-node-limit',
    description: 'Flags kubenet clusters whose node pools can together exceed the kubenet limit of 400 nodes.',
    defaultSeverity: 'error',
    messages: {
      overLimit:
        'This kubenet cluster can grow to {{total}} nodes ({{arithmetic}}), over the kubenet limit of {{limit}} nodes: kubenet needs a route per node, and Azure supports at most {{limit}} routes in a route table. AKS checks this at cluster creation (since {{create}}) and upgrade (since {{upgrade}}). Lower the node counts, or migrate to Azure CNI Overlay (up to {{overlayMax}} nodes), see {{docs}}. Source: {{source}}',
    },
  },
  checkCluster({ cluster, classification }, context) {
    if (classification.model !== 'kubenet') return;
    const counts: PoolCount[] = [];
    for (const pool of cluster.nodePools) {
      const count = poolCount(pool);
      // One count we can't know makes the total unknown: say nothing rather than guess.
      if (count === undefined) return;
      counts.push(count);
    }
    const total = counts.reduce((sum, count) => sum + count.nodes, 0);
    const range = crossingRange(counts);
    if (total <= limit.value || range === undefined) return;
    context.report({
      messageId: 'overLimit',
      range,
      data: {
        total,
        arithmetic: arithmetic(counts, total),
        limit: limit.value,
        create: enforced.value.create,
        upgrade: enforced.value.upgrade,
        overlayMax: LIMITS.overlayMaxNodes.value.toLocaleString('en-US'),
        docs: LINKS.updateAzureCni.url,
        source: limit.source,
      },
    });
  },
});

interface PoolCount {
  pool: NodePool;
  nodes: number;
  /** Where the count is written. */
  range: SourceRange;
  /** "max" when the count is the autoscaler's maximum. */
  kind: 'max' | 'fixed';
}

/** The most nodes a pool can have: the autoscaler's maximum when it scales, else its node count. */
function poolCount(pool: NodePool): PoolCount | undefined {
  const autoScaling = pool.autoScaling;
  if (autoScaling?.how === 'unresolved') return undefined;
  if (autoScaling?.value === true) return count(pool, pool.maxCount, 'max');
  return count(pool, pool.nodeCount, 'fixed');
}

function count(pool: NodePool, setting: Setting<number> | undefined, kind: PoolCount['kind']): PoolCount | undefined {
  if (setting === undefined || setting.how === 'unresolved') return undefined;
  if (!Number.isInteger(setting.value) || setting.value < 0) return undefined;
  return { pool, nodes: setting.value, range: setting.range, kind };
}

/** The count of the pool that takes the running total over the limit (in a change, usually the one it adds). */
function crossingRange(counts: PoolCount[]): SourceRange | undefined {
  let running = 0;
  for (const entry of counts) {
    running += entry.nodes;
    if (running > limit.value) return entry.range;
  }
  return undefined;
}

/** "3 pools: 300 (system, autoscaler max) + 80 (user) + 30 (gpu) = 410 > 400". */
function arithmetic(counts: PoolCount[], total: number): string {
  const terms = counts.map(
    (entry) => `${entry.nodes} (${entry.pool.name}${entry.kind === 'max' ? ', autoscaler max' : ''})`,
  );
  const sum = counts.length === 1 ? terms.join('') : `${terms.join(' + ')} = ${total}`;
  return `${counts.length} pool${counts.length === 1 ? '' : 's'}: ${sum} > ${limit.value}`;
}
