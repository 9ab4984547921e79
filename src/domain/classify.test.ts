import { describe, expect, it } from 'vitest';
import type { Cluster, NetworkProfile, NodePool, Setting, SourceRange } from '../model/index.js';
import { classify } from './classify.js';

const at = (line: number): SourceRange => ({ file: 'main.tf', startLine: line, endLine: line });
const lit = (value: string, line: number): Setting<string> => ({ how: 'literal', value, range: at(line) });
const unknown = (expression: string, line: number): Setting<string> => ({
  how: 'unresolved',
  expression,
  reason: 'no default',
  range: at(line),
});

function cluster(network: NetworkProfile, pools: Partial<NodePool>[] = [], kubernetesVersion?: string): Cluster {
  const result: Cluster = {
    id: 'azurerm_kubernetes_cluster.aks',
    format: 'terraform',
    definition: 'azurerm_kubernetes_cluster',
    range: { file: 'main.tf', startLine: 1, endLine: 30 },
    network,
    nodePools: pools.map((pool, index) => ({
      name: `p${index}`,
      range: at(20 + index),
      isDefault: index === 0,
      ...pool,
    })),
  };
  if (kubernetesVersion !== undefined) result.kubernetesVersion = lit(kubernetesVersion, 3);
  return result;
}

describe('classify', () => {
  it.each([
    { name: 'none', network: { plugin: lit('none', 5) }, model: 'byo-cni', line: 5 },
    { name: 'kubenet', network: { plugin: lit('kubenet', 5) }, model: 'kubenet', line: 5 },
    { name: 'mixed-case Kubenet', network: { plugin: lit('Kubenet', 5) }, model: 'kubenet', line: 5 },
    {
      name: 'kubenet wins over a cilium dataplane',
      network: { plugin: lit('kubenet', 5), dataplane: lit('cilium', 6) },
      model: 'kubenet',
      line: 5,
    },
    {
      name: 'azure + cilium (overlay)',
      network: { plugin: lit('azure', 5), pluginMode: lit('overlay', 6), dataplane: lit('cilium', 7) },
      model: 'azure-cni-cilium',
      line: 7,
    },
    {
      name: 'azure + cilium (node subnet)',
      network: { plugin: lit('azure', 5), dataplane: lit('cilium', 7) },
      model: 'azure-cni-cilium',
      line: 7,
    },
    {
      name: 'azure + overlay',
      network: { plugin: lit('azure', 5), pluginMode: lit('overlay', 6) },
      model: 'azure-cni-overlay',
      line: 6,
    },
    {
      name: 'azure + azure dataplane + overlay',
      network: { plugin: lit('azure', 5), pluginMode: lit('overlay', 6), dataplane: lit('azure', 7) },
      model: 'azure-cni-overlay',
      line: 6,
    },
    { name: 'azure alone', network: { plugin: lit('azure', 5) }, model: 'azure-cni-node-subnet', line: 5 },
    { name: 'unresolved plugin', network: { plugin: unknown('var.p', 5) }, model: 'unresolved', line: 5 },
    {
      name: 'unresolved dataplane for azure',
      network: { plugin: lit('azure', 5), dataplane: unknown('var.d', 6) },
      model: 'unresolved',
      line: 6,
    },
    {
      name: 'unresolved mode for azure',
      network: { plugin: lit('azure', 5), pluginMode: unknown('var.m', 6) },
      model: 'unresolved',
      line: 6,
    },
    {
      name: 'unknown mode does not matter for kubenet',
      network: { plugin: lit('kubenet', 5), pluginMode: unknown('var.m', 6) },
      model: 'kubenet',
      line: 5,
    },
    { name: 'an invalid plugin value', network: { plugin: lit('calico', 5) }, model: 'unresolved', line: 5 },
  ] satisfies { name: string; network: NetworkProfile; model: string; line: number }[])(
    '$name -> $model',
    ({ network, model, line }) => {
      const result = classify(cluster(network));
      expect({ model: result.model, line: result.range.startLine }).toEqual({ model, line });
    },
  );

  it('azure with a pod subnet on any pool is pod subnet, pointing at the pod subnet', () => {
    const result = classify(
      cluster({ plugin: lit('azure', 5) }, [{}, { podSubnetId: unknown('azurerm_subnet.pods.id', 25) }]),
    );
    expect({ model: result.model, line: result.range.startLine }).toEqual({ model: 'azure-cni-pod-subnet', line: 25 });
  });

  it('overlay wins over a pod subnet', () => {
    const result = classify(
      cluster({ plugin: lit('azure', 5), pluginMode: lit('overlay', 6) }, [{ podSubnetId: lit('/sub/pods', 21) }]),
    );
    expect(result.model).toBe('azure-cni-overlay');
  });

  it('records what blocked the decision', () => {
    const result = classify(cluster({ plugin: unknown('var.p', 5) }));
    expect(result.unknowns.map((u) => ({ key: u.key, expression: u.setting.expression }))).toEqual([
      { key: 'plugin', expression: 'var.p' },
    ]);
  });

  it.each([
    { version: undefined, model: 'azure-cni-overlay' },
    { version: '1.29.4', model: 'kubenet' },
    { version: '1.30', model: 'azure-cni-overlay' },
    { version: '1.33.1', model: 'azure-cni-overlay' },
  ])('nothing set is the platform default; with Kubernetes $version AKS picks $model', ({ version, model }) => {
    const result = classify(cluster({}, [], version));
    expect(result.model).toBe('platform-default');
    expect(result.platformDefault?.model).toBe(model);
    expect(result.range.startLine).toBe(1);
  });

  it('a module default counts like a value, and names the module line', () => {
    const result = classify(
      cluster({ plugin: { how: 'default', value: 'kubenet', range: at(1), note: 'the module defaults to kubenet' } }),
    );
    expect({ model: result.model, line: result.range.startLine }).toEqual({ model: 'kubenet', line: 1 });
    expect(result.reason).toContain('the module defaults to kubenet');
  });
});
