import { expect } from 'vitest';
import type { Cluster, ExtractResult, NetworkProfile, NodePool, Setting } from '../../src/model/index.js';

type AnySetting = Setting<string> | Setting<number> | Setting<boolean>;

/** A setting as a plain value for `toEqual`: its value, or `unresolved: <expression>`. */
export function valueOf(setting: AnySetting | undefined): string | number | boolean | undefined {
  if (setting === undefined) return undefined;
  return setting.how === 'unresolved' ? `unresolved: ${setting.expression}` : setting.value;
}

export function networkValues(network: NetworkProfile): Record<string, unknown> {
  return Object.fromEntries(Object.entries(network).map(([key, setting]) => [key, valueOf(setting)]));
}

export function poolValues(pool: NodePool | undefined): Record<string, unknown> {
  if (pool === undefined) return {};
  const { name, isDefault, range: _range, ...settings } = pool;
  return {
    name,
    isDefault,
    ...Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, valueOf(setting)])),
  };
}

/** The one cluster of a result (the test fails when there is not exactly one). */
export function onlyCluster(result: ExtractResult): Cluster {
  expect(result.clusters).toHaveLength(1);
  const cluster = result.clusters[0];
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}
