import { routeBetween, policyRouteBetween } from '../knowledge/index.js';
import type { NetworkEndpoint, NetworkRoute, PolicyEngine, PolicyRoute } from '../knowledge/index.js';
import type { AnalyzedCluster, Classification, NetworkProfile, NodePool } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { classify } from './classify.js';

/**
 * Where a cluster stands in the route table: its classified model, with the Cilium data plane split by the
 * IPAM mode under it (the same precedence as `classify`: overlay, then a pod subnet on any pool, else the
 * node subnet). `undefined` when the model is unresolved.
 */
export function endpointOf(
  classification: Pick<Classification, 'model'>,
  network: NetworkProfile,
  nodePools: readonly NodePool[],
): NetworkEndpoint | undefined {
  switch (classification.model) {
    case 'unresolved':
      return undefined;
    case 'azure-cni-cilium': {
      if (settingValue(network.pluginMode)?.toLowerCase() === 'overlay') return 'cilium-overlay';
      if (nodePools.some((pool) => pool.podSubnetId !== undefined)) return 'cilium-pod-subnet';
      return 'cilium-node-subnet';
    }
    default:
      return classification.model;
  }
}

/** The policy engine a network profile names (`none` when unset, which is AKS's default); undefined if unknown. */
export function policyEngineOf(network: NetworkProfile): PolicyEngine | undefined {
  if (network.policy?.how === 'unresolved') return undefined;
  const value = settingValue(network.policy)?.toLowerCase() ?? 'none';
  return value === 'none' || value === 'azure' || value === 'calico' || value === 'cilium' ? value : undefined;
}

export interface ClusterMove {
  from: NetworkEndpoint;
  to: NetworkEndpoint;
  route: NetworkRoute;
}

/** The network move a change makes (before → after), when both ends are known and differ. */
export function clusterMove(analyzed: AnalyzedCluster, before?: Classification): ClusterMove | undefined {
  const previous = analyzed.cluster.previous;
  if (previous === undefined) return undefined;
  // A Terraform plan knows the cluster before the change without a base version: classify that.
  const beforeClass =
    before ??
    analyzed.previousClassification ??
    classify({ ...analyzed.cluster, network: previous.network, nodePools: previous.nodePools });
  const from = endpointOf(beforeClass, previous.network, previous.nodePools);
  const to = endpointOf(analyzed.classification, analyzed.cluster.network, analyzed.cluster.nodePools);
  if (from === undefined || to === undefined || from === to) return undefined;
  // Writing down the model AKS picked anyway (or dropping it for the default that picks it) moves nothing.
  if (from === 'platform-default' && beforeClass.platformDefault?.model === to) return undefined;
  if (to === 'platform-default' && analyzed.classification.platformDefault?.model === from) return undefined;
  const route = routeBetween(from, to);
  return route === undefined ? undefined : { from, to, route };
}

export interface PolicyMove {
  from: PolicyEngine;
  to: PolicyEngine;
  route: PolicyRoute;
}

/** The policy-engine move a change makes, when both ends are known and differ. */
export function policyMove(analyzed: AnalyzedCluster): PolicyMove | undefined {
  const previous = analyzed.cluster.previous;
  if (previous === undefined) return undefined;
  const from = policyEngineOf(previous.network);
  const to = policyEngineOf(analyzed.cluster.network);
  if (from === undefined || to === undefined || from === to) return undefined;
  const route = policyRouteBetween(from, to);
  return route === undefined ? undefined : { from, to, route };
}
