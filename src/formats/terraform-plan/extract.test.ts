import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cluster, ExtractResult, Setting, SourceRange } from '../../model/index.js';
import { fileSet } from '../../../test/support/files.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import { extract } from './extract.js';
import { terraformPlan } from './index.js';

// ---------------------------------------------------------------------------------------------------------
// Helpers: plans shaped like `terraform show -json` prints them (one line, Go's key order).

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const CLUSTER_ID = `${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function run(text: string, path = 'plan.json'): ExtractResult {
  return extract({ path, text }, fileSet({ [path]: text }));
}

/** The text a range covers (1-based lines and inclusive columns). */
function slice(text: string, range: SourceRange): string {
  const lines = text.split('\n');
  const first = range.startLine - 1;
  const last = range.endLine - 1;
  const startColumn = (range.startColumn ?? 1) - 1;
  if (first === last) return (lines[first] ?? '').slice(startColumn, range.endColumn);
  const middle = lines.slice(first + 1, last);
  return [(lines[first] ?? '').slice(startColumn), ...middle, (lines[last] ?? '').slice(0, range.endColumn)].join('\n');
}

function valueOf<T>(setting: Setting<T> | undefined): T | 'unresolved' | undefined {
  if (setting === undefined) return undefined;
  return setting.how === 'unresolved' ? 'unresolved' : setting.value;
}

interface ChangeSpec {
  address: string;
  moduleAddress?: string;
  actions?: string[];
  before?: unknown;
  after?: unknown;
  afterUnknown?: unknown;
  mode?: string;
}

/** `module.aks["x"].azurerm_kubernetes_cluster.main[0]` -> type and name. */
function typeAndName(address: string): { type: string; name: string } {
  const parts = address.replace(/\[[^\]]*\]$/, '').split('.');
  return { type: parts.at(-2) ?? '', name: parts.at(-1) ?? '' };
}

function change(spec: ChangeSpec): Record<string, unknown> {
  const actions = spec.actions ?? ['create'];
  return {
    address: spec.address,
    ...(spec.moduleAddress === undefined ? {} : { module_address: spec.moduleAddress }),
    mode: spec.mode ?? 'managed',
    ...typeAndName(spec.address),
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: {
      actions,
      before: spec.before ?? null,
      after: actions.length === 1 && actions[0] === 'delete' ? null : (spec.after ?? null),
      after_unknown: spec.afterUnknown ?? {},
      before_sensitive: spec.before === undefined ? false : {},
      after_sensitive: {},
    },
  };
}

function aks(
  networkProfile: Record<string, unknown> | undefined,
  pool: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    default_node_pool: [{ auto_scaling_enabled: false, max_pods: 110, name: 'system', node_count: 3, ...pool }],
    kubernetes_version: '1.30.6',
    location: 'westeurope',
    name: 'aks-prod',
    ...(networkProfile === undefined ? {} : { network_profile: [networkProfile] }),
    resource_group_name: 'rg-aks',
  };
}

function planText(changes: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: changes, ...extra });
}

function configuration(
  resources: Record<string, unknown>[],
  moduleCalls?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    configuration: { root_module: { resources, ...(moduleCalls === undefined ? {} : { module_calls: moduleCalls }) } },
  };
}

function configResource(address: string, expressions: Record<string, unknown>): Record<string, unknown> {
  return { address, mode: 'managed', ...typeAndName(address), provider_config_key: 'azurerm', expressions };
}

const refs = (...references: string[]): Record<string, unknown> => ({ references });
const constant = (value: unknown): Record<string, unknown> => ({ constant_value: value });

function onlyCluster(result: ExtractResult): Cluster {
  expect(result.problems).toEqual([]);
  expect(result.clusters).toHaveLength(1);
  const [cluster] = result.clusters;
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

// ---------------------------------------------------------------------------------------------------------

describe('fixtures', () => {
  it('kubenet-create.json: a kubenet cluster created, no previous, ranges on the one line', () => {
    const text = fixture('kubenet-create.json');

    const cluster = onlyCluster(run(text));

    expect(cluster).toMatchObject({
      id: 'azurerm_kubernetes_cluster.aks',
      format: 'terraform-plan',
      definition: 'azurerm_kubernetes_cluster (planned create)',
      name: { how: 'literal', value: 'aks-prod-weu' },
      resourceGroup: { how: 'literal', value: 'rg-aks-prod' },
      kubernetesVersion: { how: 'literal', value: '1.30.6' },
      network: { plugin: { how: 'literal', value: 'kubenet' }, podCidr: { how: 'literal', value: '10.244.0.0/16' } },
    });
    expect(cluster.previous).toBeUndefined();
    expect(text.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(cluster.range).toMatchObject({ startLine: 1, endLine: 1 });
    expect(slice(text, cluster.range)).toMatch(/^\{"address":"azurerm_kubernetes_cluster\.aks".*\}$/);
    expect(slice(text, cluster.network.plugin?.range ?? cluster.range)).toBe('"kubenet"');
    expect(slice(text, cluster.networkProfileRange ?? cluster.range)).toMatch(
      /^\{"dns_service_ip".*"service_cidr":"10\.0\.0\.0\/16"\}$/,
    );
    expect(cluster.nodePools).toMatchObject([
      { name: 'system', isDefault: true, nodeCount: { value: 3 }, maxPods: { value: 110 } },
    ]);
    expect(slice(text, cluster.nodePools[0]?.range ?? cluster.range)).toMatch(/^\{"auto_scaling_enabled":false.*\}$/);
  });

  it('update-kubenet-to-overlay.json: an in-place update keeps the kubenet `before` as previous', () => {
    const cluster = onlyCluster(run(fixture('update-kubenet-to-overlay.json')));

    expect(cluster.definition).toBe('azurerm_kubernetes_cluster (planned update)');
    expect(valueOf(cluster.network.plugin)).toBe('azure');
    expect(valueOf(cluster.network.pluginMode)).toBe('overlay');
    expect(cluster.previous?.replaced).toBe(false);
    expect(valueOf(cluster.previous?.network.plugin)).toBe('kubenet');
    expect(cluster.previous?.network.pluginMode).toBeUndefined();
    expect(cluster.previous?.nodePools).toMatchObject([{ name: 'system', isDefault: true }]);
  });

  it('replace-plugin-change.json: delete-then-create on azurerm 3.x is a replacement', () => {
    const cluster = onlyCluster(run(fixture('replace-plugin-change.json')));

    expect(cluster.definition).toBe('azurerm_kubernetes_cluster (planned replace)');
    expect(cluster.previous?.replaced).toBe(true);
    expect(valueOf(cluster.previous?.network.plugin)).toBe('kubenet');
    expect(valueOf(cluster.network.plugin)).toBe('azure');
    expect(valueOf(cluster.network.pluginMode)).toBe('overlay');
    // Unknown only because the provider computes them; the configuration does not write them.
    expect(cluster.network.dataplane).toBeUndefined();
    expect(cluster.network.policy).toBeUndefined();
    // azurerm 3.x spelling of auto scaling.
    expect(cluster.nodePools[0]?.autoScaling).toMatchObject({ how: 'literal', value: false });
  });

  it('module-cluster.json: a for_each module cluster with a pod subnet known only after apply', () => {
    const cluster = onlyCluster(run(fixture('module-cluster.json')));

    expect(cluster.id).toBe('module.aks["prod"].azurerm_kubernetes_cluster.main');
    expect(valueOf(cluster.network.plugin)).toBe('azure');
    expect(cluster.network.pluginMode).toBeUndefined();
    expect(cluster.nodePools.map((pool) => [pool.name, pool.isDefault])).toEqual([
      ['system', true],
      ['user', false],
    ]);
    // The subnet is in the same module: the expression names it by its module path, as its references do.
    expect(cluster.nodePools[0]?.podSubnetId).toMatchObject({
      how: 'unresolved',
      expression: 'module.aks.azurerm_subnet.pods.id',
      reason: expect.stringContaining('azurerm_subnet.pods.id') as string,
    });
    expect(valueOf(cluster.nodePools[1]?.maxPods)).toBe(50);
  });

  it('azapi-object-body.json: azapi 2.x body object, Overlay + Cilium, two agent pool profiles', () => {
    const text = fixture('azapi-object-body.json');

    const cluster = onlyCluster(run(text));

    expect(cluster).toMatchObject({
      id: 'azapi_resource.aks',
      definition: 'azapi_resource Microsoft.ContainerService/managedClusters@2024-09-01 (planned create)',
      name: { value: 'aks-api' },
      resourceGroup: { value: 'rg-aks-api' },
      kubernetesVersion: { value: '1.31.2' },
    });
    expect(
      Object.fromEntries(Object.entries(cluster.network).map(([key, setting]) => [key, valueOf(setting)])),
    ).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      dataplane: 'cilium',
      policy: 'cilium',
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.0.0.0/16',
      dnsServiceIp: '10.0.0.10',
      outboundType: 'loadBalancer',
      loadBalancerSku: 'standard',
    });
    expect(cluster.nodePools).toMatchObject([
      { name: 'system', isDefault: true, maxPods: { value: 250 }, vnetSubnetId: { how: 'unresolved' } },
      { name: 'user', isDefault: false, autoScaling: { value: true }, minCount: { value: 2 }, maxCount: { value: 10 } },
    ]);
    expect(slice(text, cluster.networkProfileRange ?? cluster.range)).toMatch(/^\{"networkPlugin":"azure".*\}$/);
  });

  it('azapi-string-body.json: azapi 1.x body string, ranges point into the escaped text', () => {
    const text = fixture('azapi-string-body.json');

    const cluster = onlyCluster(run(text));

    expect(cluster.definition).toBe('azapi_resource Microsoft.ContainerService/managedClusters@2023-09-01 (no change)');
    expect(cluster.previous).toBeUndefined();
    expect(valueOf(cluster.network.plugin)).toBe('kubenet');
    expect(slice(text, cluster.network.plugin?.range ?? cluster.range)).toBe('\\"kubenet\\"');
    expect(slice(text, cluster.network.podCidr?.range ?? cluster.range)).toBe('\\"10.244.0.0/16\\"');
    expect(slice(text, cluster.nodePools[0]?.nodeCount?.range ?? cluster.range)).toBe('3');
  });

  it('node-pool-reference.json: a Windows pool attached through the configuration reference (pretty-printed)', () => {
    const text = fixture('node-pool-reference.json');

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools).toMatchObject([
      { name: 'system', isDefault: true },
      {
        name: 'win',
        isDefault: false,
        osType: { value: 'Windows' },
        autoScaling: { value: true },
        maxCount: { value: 6 },
      },
    ]);
    expect(cluster.network.plugin?.range).toMatchObject({ startLine: 157, endLine: 157 });
    expect(slice(text, cluster.network.plugin?.range ?? cluster.range)).toBe('"azure"');
    expect(cluster.nodePools[1]?.osType?.range).toMatchObject({ startLine: 238 });
  });

  it('state.json: `terraform show -json` of a state reads values.root_module', () => {
    const cluster = onlyCluster(run(fixture('state.json')));

    expect(cluster.definition).toBe('azurerm_kubernetes_cluster');
    expect(valueOf(cluster.network.dataplane)).toBe('cilium');
    expect(valueOf(cluster.network.policy)).toBe('cilium');
    expect(cluster.previous).toBeUndefined();
  });
});

describe('the settings that decide the network model', () => {
  const podSubnet = `${SUB}/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pods`;
  it.each([
    {
      model: 'kubenet',
      profile: { network_plugin: 'kubenet' },
      pool: {},
      plugin: 'kubenet',
      mode: undefined,
      dataplane: undefined,
      pod: undefined,
    },
    {
      model: 'azure node subnet',
      profile: { network_plugin: 'azure', network_plugin_mode: null },
      pool: {},
      plugin: 'azure',
      mode: undefined,
      dataplane: undefined,
      pod: undefined,
    },
    {
      model: 'azure + overlay',
      profile: { network_plugin: 'azure', network_plugin_mode: 'overlay' },
      pool: {},
      plugin: 'azure',
      mode: 'overlay',
      dataplane: undefined,
      pod: undefined,
    },
    {
      model: 'azure + overlay + cilium',
      profile: {
        network_data_plane: 'cilium',
        network_plugin: 'azure',
        network_plugin_mode: 'overlay',
        network_policy: 'cilium',
      },
      pool: {},
      plugin: 'azure',
      mode: 'overlay',
      dataplane: 'cilium',
      pod: undefined,
    },
    {
      model: 'azure + pod subnet',
      profile: { network_plugin: 'azure' },
      pool: { pod_subnet_id: podSubnet },
      plugin: 'azure',
      mode: undefined,
      dataplane: undefined,
      pod: podSubnet,
    },
    {
      model: 'none (BYO CNI)',
      profile: { network_plugin: 'none' },
      pool: {},
      plugin: 'none',
      mode: undefined,
      dataplane: undefined,
      pod: undefined,
    },
    {
      model: 'legacy ebpf_data_plane (azurerm 3.x)',
      profile: { ebpf_data_plane: 'cilium', network_plugin: 'azure' },
      pool: {},
      plugin: 'azure',
      mode: undefined,
      dataplane: 'cilium',
      pod: undefined,
    },
  ])('$model', ({ profile, pool, plugin, mode, dataplane, pod }) => {
    const text = planText([change({ address: 'azurerm_kubernetes_cluster.aks', after: aks(profile, pool) })]);

    const cluster = onlyCluster(run(text));

    expect(valueOf(cluster.network.plugin)).toBe(plugin);
    expect(valueOf(cluster.network.pluginMode)).toBe(mode);
    expect(valueOf(cluster.network.dataplane)).toBe(dataplane);
    expect(valueOf(cluster.nodePools[0]?.podSubnetId)).toBe(pod);
  });

  it('nothing specified: a network_profile unknown and not in the configuration stays unset', () => {
    const text = planText(
      [
        change({
          address: 'azurerm_kubernetes_cluster.aks',
          after: aks(undefined),
          afterUnknown: { network_profile: true },
        }),
      ],
      {
        ...configuration([configResource('azurerm_kubernetes_cluster.aks', { name: constant('aks-prod') })]),
      },
    );

    const cluster = onlyCluster(run(text));

    expect(cluster.network).toEqual({});
    expect(cluster.networkProfileRange).toBeUndefined();
  });
});

describe('values known only after apply', () => {
  const clusterAddress = 'azurerm_kubernetes_cluster.aks';
  it.each([
    {
      case: 'a plugin from a resource not yet created is unresolved, pointing at the `true` in after_unknown',
      afterUnknown: { network_profile: [{ network_plugin: true }] },
      config: { network_profile: [{ network_plugin: refs('random_shuffle.plugin.result', 'random_shuffle.plugin') }] },
      expected: { how: 'unresolved', expression: 'random_shuffle.plugin.result' },
    },
    {
      case: 'a whole unknown block with the attribute written is unresolved',
      afterUnknown: { network_profile: true },
      config: { network_profile: [{ network_plugin: refs('var.plugin') }] },
      expected: { how: 'unresolved', expression: 'var.plugin' },
    },
    {
      case: 'an unknown value the configuration does not write is left to the provider: unset',
      afterUnknown: { network_profile: [{ network_plugin: true }] },
      config: { network_profile: [{ pod_cidr: constant('10.244.0.0/16') }] },
      expected: undefined,
    },
    {
      case: 'without a configuration section an unknown value is unresolved (it may be written)',
      afterUnknown: { network_profile: [{ network_plugin: true }] },
      config: undefined,
      expected: { how: 'unresolved', expression: 'network_profile[0].network_plugin' },
    },
  ])('$case', ({ afterUnknown, config, expected }) => {
    const after = aks({ network_plugin_mode: 'overlay' });
    const text = planText([change({ address: clusterAddress, after, afterUnknown })], {
      ...(config === undefined ? {} : configuration([configResource(clusterAddress, config)])),
    });

    const cluster = onlyCluster(run(text));

    if (expected === undefined) {
      expect(cluster.network.plugin).toBeUndefined();
      return;
    }
    expect(cluster.network.plugin).toMatchObject({
      ...expected,
      reason: expect.stringMatching(/^known only after apply/) as string,
    });
    expect(slice(text, cluster.network.plugin?.range ?? cluster.range)).toBe('true');
  });

  it('a pod subnet that is unknown but written still counts as set', () => {
    const text = planText(
      [
        change({
          address: clusterAddress,
          after: aks({ network_plugin: 'azure' }),
          afterUnknown: { default_node_pool: [{ pod_subnet_id: true }] },
        }),
      ],
      configuration([
        configResource(clusterAddress, {
          default_node_pool: [{ pod_subnet_id: refs('azurerm_subnet.pods.id', 'azurerm_subnet.pods') }],
        }),
      ]),
    );

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools[0]?.podSubnetId).toMatchObject({
      how: 'unresolved',
      expression: 'azurerm_subnet.pods.id',
    });
  });

  it('planned_values (no resource_changes): an omitted value that the configuration writes is unresolved', () => {
    const values = aks({ network_plugin: 'azure' });
    const text = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: 'module.aks',
              resources: [
                {
                  address: 'module.aks.azurerm_kubernetes_cluster.main',
                  mode: 'managed',
                  type: 'azurerm_kubernetes_cluster',
                  name: 'main',
                  values,
                },
              ],
            },
          ],
        },
      },
      ...configuration([], {
        aks: {
          source: './aks',
          module: {
            resources: [
              configResource('azurerm_kubernetes_cluster.main', {
                default_node_pool: [{ pod_subnet_id: refs('azurerm_subnet.pods.id') }],
                network_profile: [{ network_plugin: constant('azure') }],
              }),
            ],
          },
        },
      }),
    });

    const cluster = onlyCluster(run(text));

    expect(cluster.id).toBe('module.aks.azurerm_kubernetes_cluster.main');
    expect(cluster.definition).toBe('azurerm_kubernetes_cluster');
    expect(valueOf(cluster.network.plugin)).toBe('azure');
    expect(cluster.nodePools[0]?.podSubnetId).toMatchObject({
      how: 'unresolved',
      expression: 'module.aks.azurerm_subnet.pods.id',
    });
    expect(cluster.nodePools[0]?.vnetSubnetId).toBeUndefined();
  });

  it('a value of the wrong JSON type is unresolved, not coerced', () => {
    const text = planText([
      change({ address: clusterAddress, after: aks({ network_plugin: 'azure' }, { max_pods: '30' }) }),
    ]);

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools[0]?.maxPods).toMatchObject({ how: 'unresolved', expression: '"30"' });
  });
});

describe('planned actions', () => {
  const before = aks({ network_plugin: 'kubenet' });
  const after = aks({ network_plugin: 'azure', network_plugin_mode: 'overlay' });
  it.each([
    {
      actions: ['create'],
      clusters: 1,
      previousPlugin: undefined,
      replaced: undefined,
      definition: 'azurerm_kubernetes_cluster (planned create)',
    },
    {
      actions: ['update'],
      clusters: 1,
      previousPlugin: 'kubenet',
      replaced: false,
      definition: 'azurerm_kubernetes_cluster (planned update)',
    },
    {
      actions: ['delete', 'create'],
      clusters: 1,
      previousPlugin: 'kubenet',
      replaced: true,
      definition: 'azurerm_kubernetes_cluster (planned replace)',
    },
    {
      actions: ['create', 'delete'],
      clusters: 1,
      previousPlugin: 'kubenet',
      replaced: true,
      definition: 'azurerm_kubernetes_cluster (planned replace)',
    },
    {
      actions: ['no-op'],
      clusters: 1,
      previousPlugin: undefined,
      replaced: undefined,
      definition: 'azurerm_kubernetes_cluster (no change)',
    },
    { actions: ['delete'], clusters: 0, previousPlugin: undefined, replaced: undefined, definition: undefined },
  ])('$actions', ({ actions, clusters, previousPlugin, replaced, definition }) => {
    const hasBefore = actions.includes('create') && actions.length === 1 ? undefined : before;
    const text = planText([change({ address: 'azurerm_kubernetes_cluster.aks', actions, before: hasBefore, after })]);

    const result = run(text);

    expect(result.clusters).toHaveLength(clusters);
    const [cluster] = result.clusters;
    expect(cluster?.definition).toBe(definition);
    expect(valueOf(cluster?.previous?.network.plugin)).toBe(previousPlugin);
    expect(cluster?.previous?.replaced).toBe(replaced);
  });

  it('skips deposed objects and data sources', () => {
    const deposed = {
      ...change({ address: 'azurerm_kubernetes_cluster.aks', actions: ['delete'], before }),
      deposed: '00000001',
    };
    const data = change({
      address: 'data.azurerm_kubernetes_cluster.existing',
      actions: ['read'],
      after,
      mode: 'data',
    });

    const result = run(planText([deposed, data]));

    expect(result).toEqual({ clusters: [], problems: [] });
  });
});

describe('addresses', () => {
  it.each([
    ['azurerm_kubernetes_cluster.aks', undefined],
    ['azurerm_kubernetes_cluster.aks[0]', undefined],
    ['module.aks.azurerm_kubernetes_cluster.main', 'module.aks'],
    ['module.aks["west"].azurerm_kubernetes_cluster.main', 'module.aks["west"]'],
    ['module.platform[1].module.aks.azurerm_kubernetes_cluster.this["a.b"]', 'module.platform[1].module.aks'],
  ])('%s is the cluster id', (address, moduleAddress) => {
    const text = planText([change({ address, moduleAddress, after: aks({ network_plugin: 'azure' }) })]);

    const cluster = onlyCluster(run(text));

    expect(cluster.id).toBe(address);
  });
});

describe('node pools', () => {
  const pool = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    max_pods: 30,
    mode: 'User',
    name: 'user',
    node_count: 2,
    os_type: 'Linux',
    ...extra,
  });
  const clusterChange = (address: string, moduleAddress?: string, id?: string): Record<string, unknown> =>
    change({
      address,
      moduleAddress,
      actions: id === undefined ? ['create'] : ['no-op'],
      before: id === undefined ? undefined : { ...aks({ network_plugin: 'azure' }), id },
      after: { ...aks({ network_plugin: 'azure' }), ...(id === undefined ? {} : { id }) },
    });
  const poolChange = (address: string, moduleAddress?: string, clusterId?: string): Record<string, unknown> =>
    change({
      address,
      moduleAddress,
      after: pool(clusterId === undefined ? {} : { kubernetes_cluster_id: clusterId }),
      afterUnknown: clusterId === undefined ? { id: true, kubernetes_cluster_id: true } : { id: true },
    });

  it('attaches through a reference in the same module instance', () => {
    const text = planText(
      [
        clusterChange('module.aks["a"].azurerm_kubernetes_cluster.main', 'module.aks["a"]'),
        clusterChange('module.aks["b"].azurerm_kubernetes_cluster.main', 'module.aks["b"]'),
        poolChange('module.aks["b"].azurerm_kubernetes_cluster_node_pool.user', 'module.aks["b"]'),
        poolChange('module.aks["a"].azurerm_kubernetes_cluster_node_pool.user', 'module.aks["a"]'),
      ],
      configuration([], {
        aks: {
          source: './aks',
          module: {
            resources: [
              configResource('azurerm_kubernetes_cluster.main', {}),
              configResource('azurerm_kubernetes_cluster_node_pool.user', {
                kubernetes_cluster_id: refs('azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main'),
              }),
            ],
          },
        },
      }),
    );

    const result = run(text);

    expect(result.updates).toBeUndefined();
    expect(result.clusters.map((cluster) => [cluster.id, cluster.nodePools.map((p) => p.name)])).toEqual([
      ['module.aks["a"].azurerm_kubernetes_cluster.main', ['system', 'user']],
      ['module.aks["b"].azurerm_kubernetes_cluster.main', ['system', 'user']],
    ]);
    // Each pool's range is its own resource_changes entry.
    const aPool = result.clusters[0]?.nodePools[1]?.range;
    const bPool = result.clusters[1]?.nodePools[1]?.range;
    expect(slice(text, aPool ?? { file: '', startLine: 0, endLine: 0 })).toMatch(
      /^\{"address":"module\.aks\[\\"a\\"\]\.azurerm_kubernetes_cluster_node_pool/,
    );
    expect(slice(text, bPool ?? { file: '', startLine: 0, endLine: 0 })).toMatch(
      /^\{"address":"module\.aks\[\\"b\\"\]\.azurerm_kubernetes_cluster_node_pool/,
    );
  });

  it('attaches through a module output and through a module variable', () => {
    const text = planText(
      [
        clusterChange('module.aks.azurerm_kubernetes_cluster.main', 'module.aks'),
        poolChange('azurerm_kubernetes_cluster_node_pool.root'),
        poolChange('module.pools.azurerm_kubernetes_cluster_node_pool.this', 'module.pools'),
      ],
      configuration(
        [
          configResource('azurerm_kubernetes_cluster_node_pool.root', {
            kubernetes_cluster_id: refs('module.aks.cluster_id', 'module.aks'),
          }),
        ],
        {
          aks: {
            source: './aks',
            module: {
              resources: [configResource('azurerm_kubernetes_cluster.main', {})],
              outputs: {
                cluster_id: {
                  expression: refs('azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main'),
                },
              },
            },
          },
          pools: {
            source: './pools',
            expressions: { cluster_id: refs('module.aks.cluster_id', 'module.aks') },
            module: {
              resources: [
                configResource('azurerm_kubernetes_cluster_node_pool.this', {
                  kubernetes_cluster_id: refs('var.cluster_id'),
                }),
              ],
            },
          },
        },
      ),
    );

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools).toHaveLength(3);
    expect(cluster.nodePools.map((p) => p.isDefault)).toEqual([true, false, false]);
  });

  it('attaches by equal known id when the cluster exists', () => {
    const text = planText([
      clusterChange('azurerm_kubernetes_cluster.aks', undefined, CLUSTER_ID),
      poolChange('azurerm_kubernetes_cluster_node_pool.user', undefined, CLUSTER_ID.toLowerCase()),
    ]);

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools.map((p) => p.name)).toEqual(['system', 'user']);
  });

  it('a pool for a cluster outside the plan is a ClusterUpdate named from the id', () => {
    const text = planText([poolChange('azurerm_kubernetes_cluster_node_pool.user', undefined, CLUSTER_ID)]);

    const result = run(text);

    expect(result.clusters).toEqual([]);
    expect(result.updates).toMatchObject([
      {
        id: 'azurerm_kubernetes_cluster_node_pool.user',
        format: 'terraform-plan',
        definition: 'azurerm_kubernetes_cluster_node_pool (planned create)',
        name: { how: 'literal', value: 'aks-prod' },
        resourceGroup: { how: 'literal', value: 'rg-aks' },
        network: {},
        nodePools: [{ name: 'user', isDefault: false, maxPods: { value: 30 } }],
      },
    ]);
  });

  it('an ambiguous reference (count without an index) attaches nowhere', () => {
    const text = planText(
      [
        clusterChange('azurerm_kubernetes_cluster.aks[0]'),
        clusterChange('azurerm_kubernetes_cluster.aks[1]'),
        poolChange('azurerm_kubernetes_cluster_node_pool.user'),
      ],
      configuration([
        configResource('azurerm_kubernetes_cluster_node_pool.user', {
          kubernetes_cluster_id: refs('azurerm_kubernetes_cluster.aks'),
        }),
      ]),
    );

    const result = run(text);

    expect(result.clusters.map((cluster) => cluster.nodePools.length)).toEqual([1, 1]);
    expect(result.updates?.map((update) => update.id)).toEqual(['azurerm_kubernetes_cluster_node_pool.user']);
  });

  it('an indexed reference picks that instance', () => {
    const text = planText(
      [
        clusterChange('azurerm_kubernetes_cluster.aks[0]'),
        clusterChange('azurerm_kubernetes_cluster.aks[1]'),
        poolChange('azurerm_kubernetes_cluster_node_pool.user'),
      ],
      configuration([
        configResource('azurerm_kubernetes_cluster_node_pool.user', {
          kubernetes_cluster_id: refs('azurerm_kubernetes_cluster.aks[1].id', 'azurerm_kubernetes_cluster.aks[1]'),
        }),
      ]),
    );

    const result = run(text);

    expect(result.clusters.map((cluster) => cluster.nodePools.length)).toEqual([1, 2]);
  });

  it('a pool updated with its cluster goes into previous with its before values; a deleted one only there', () => {
    const beforeCluster = { ...aks({ network_plugin: 'kubenet' }), id: CLUSTER_ID };
    const afterCluster = { ...aks({ network_plugin: 'azure', network_plugin_mode: 'overlay' }), id: CLUSTER_ID };
    const text = planText([
      change({
        address: 'azurerm_kubernetes_cluster.aks',
        actions: ['update'],
        before: beforeCluster,
        after: afterCluster,
      }),
      change({
        address: 'azurerm_kubernetes_cluster_node_pool.user',
        actions: ['update'],
        before: pool({ kubernetes_cluster_id: CLUSTER_ID, max_pods: 110 }),
        after: pool({ kubernetes_cluster_id: CLUSTER_ID, max_pods: 250 }),
      }),
      change({
        address: 'azurerm_kubernetes_cluster_node_pool.old',
        actions: ['delete'],
        before: pool({ kubernetes_cluster_id: CLUSTER_ID, name: 'old' }),
      }),
    ]);

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools.map((p) => [p.name, valueOf(p.maxPods)])).toEqual([
      ['system', 110],
      ['user', 250],
    ]);
    expect(cluster.previous?.nodePools.map((p) => [p.name, valueOf(p.maxPods)])).toEqual([
      ['system', 110],
      ['user', 110],
      ['old', 30],
    ]);
  });
});

describe('azapi', () => {
  const azapiChange = (
    after: Record<string, unknown>,
    afterUnknown: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    ...change({ address: 'azapi_resource.aks', after, afterUnknown }),
    provider_name: 'registry.terraform.io/azure/azapi',
  });
  const azapiAfter = (body: unknown): Record<string, unknown> => ({
    body,
    name: 'aks-api',
    parent_id: `${SUB}/resourceGroups/rg-api`,
    type: 'Microsoft.ContainerService/managedClusters@2024-09-01',
  });

  it('a whole body known only after apply leaves the plugin unresolved', () => {
    const text = planText(
      [azapiChange(azapiAfter(undefined), { body: true })],
      configuration([configResource('azapi_resource.aks', { body: refs('local.body') })]),
    );

    const cluster = onlyCluster(run(text));

    expect(cluster.network.plugin).toMatchObject({ how: 'unresolved', expression: 'local.body' });
    expect(cluster.nodePools).toEqual([]);
  });

  it('a body string that is not JSON leaves the plugin unresolved', () => {
    const text = planText([azapiChange(azapiAfter('{"properties":'))]);

    const cluster = onlyCluster(run(text));

    expect(cluster.network).toEqual({
      plugin: expect.objectContaining({
        how: 'unresolved',
        expression: 'body',
        reason: expect.stringContaining('not valid JSON') as string,
      }) as object,
    });
  });

  it('an escaped string body keeps exact columns after unicode escapes', () => {
    const body = JSON.stringify({
      tags: 'é<>&',
      properties: { networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay' } },
    });
    // Go escapes <, > and & as \u003c, \u003e, \u0026: six characters in the file for one in the body.
    const text = planText([azapiChange(azapiAfter(body))])
      .replaceAll('<', '\\u003c')
      .replaceAll('>', '\\u003e')
      .replaceAll('&', '\\u0026');
    expect(text).toContain('\\"tags\\":\\"é\\u003c\\u003e\\u0026\\"');

    const cluster = onlyCluster(run(text));

    expect(slice(text, cluster.network.pluginMode?.range ?? cluster.range)).toBe('\\"overlay\\"');
  });

  it('other azapi resource types are not clusters; agentPools attach through parent_id', () => {
    const clusterAfter = azapiAfter({
      properties: { networkProfile: { networkPlugin: 'azure' }, agentPoolProfiles: [{ name: 'system', count: 1 }] },
    });
    const poolAfter = {
      body: {
        properties: {
          count: 2,
          osType: 'Windows',
          podSubnetID: `${SUB}/x/subnets/pods`,
          podIPAllocationMode: 'StaticBlock',
        },
      },
      name: 'win',
      type: 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01',
    };
    const text = planText(
      [
        azapiChange(clusterAfter),
        {
          ...change({ address: 'azapi_resource.win', after: poolAfter, afterUnknown: { parent_id: true } }),
          provider_name: 'registry.terraform.io/azure/azapi',
        },
        {
          ...change({
            address: 'azapi_resource.vnet',
            after: { body: {}, name: 'vnet', type: 'Microsoft.Network/virtualNetworks@2024-05-01' },
          }),
        },
      ],
      configuration([
        configResource('azapi_resource.aks', {}),
        configResource('azapi_resource.win', { parent_id: refs('azapi_resource.aks.id', 'azapi_resource.aks') }),
      ]),
    );

    const cluster = onlyCluster(run(text));

    expect(cluster.nodePools).toMatchObject([
      { name: 'system', isDefault: true, nodeCount: { value: 1 } },
      {
        name: 'win',
        isDefault: false,
        nodeCount: { value: 2 },
        osType: { value: 'Windows' },
        podIpAllocationMode: { value: 'StaticBlock' },
      },
    ]);
    expect(valueOf(cluster.nodePools[1]?.podSubnetId)).toBe(`${SUB}/x/subnets/pods`);
  });
});

describe('problems', () => {
  it('reports invalid JSON with its line and still reads the complete clusters', () => {
    const good = JSON.stringify(
      change({ address: 'azurerm_kubernetes_cluster.a', after: aks({ network_plugin: 'kubenet' }) }),
    );
    const broken =
      '{"address":"azurerm_kubernetes_cluster.b","mode":"managed","type":"azurerm_kubernetes_cluster","name":"b","change":{"actions":["create"],"after":{"network_profile":[{"network_plugin":';
    const text = `{\n"format_version":"1.2",\n"terraform_version":"1.9.5",\n"resource_changes":[\n${good},\n${broken}`;

    const result = run(text);

    expect(result.clusters.map((cluster) => cluster.id)).toEqual(['azurerm_kubernetes_cluster.a']);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems[0]).toMatchObject({ kind: 'parse-error', range: { file: 'plan.json', startLine: 6 } });
    expect(result.problems[0]?.message).toMatch(/^invalid JSON: /);
  });

  it.each([
    [
      'an unsupported major format_version',
      '{"format_version":"2.0","terraform_version":"2.0.0","resource_changes":[{"type":"azurerm_kubernetes_cluster"}]}',
      /format_version 2\.0 is not supported/,
    ],
    ['a root that is not an object', '["azurerm_kubernetes_cluster"]', /is an object/],
    ['an empty document', ' azurerm_kubernetes_cluster', /invalid JSON/],
  ])('%s is a parse-error problem', (_case, text, message) => {
    const result = run(text);

    expect(result.clusters).toEqual([]);
    expect(result.problems[0]).toMatchObject({ kind: 'parse-error', range: { startLine: 1 } });
    expect(result.problems[0]?.message).toMatch(message);
  });

  it('nesting 10,000 levels deep is a too-deep problem: the plan was not analyzed', () => {
    const result = run(
      `{"format_version":"1.2","azurerm_kubernetes_cluster":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );

    expect(result.clusters).toEqual([]);
    expect(result.problems[0]).toMatchObject({ kind: 'too-deep', range: { startLine: 1 } });
    expect(result.problems[0]?.message).toMatch(/nested deeper than 256 levels/);
  });

  it('a plan without AKS is not parsed at all (cheap pre-check)', () => {
    const result = run('{"format_version":"1.2","terraform_version":"1.9.5", this is not JSON');

    expect(result).toEqual({ clusters: [], problems: [] });
  });
});

describe('large input', () => {
  function filler(count: number): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, index) =>
      change({
        address: `azurerm_storage_account.logs[${index}]`,
        actions: ['no-op'],
        before: { name: `stlogs${index}`, tags: { owner: 'platform', cost: [1, 2, 3] }, note: 'x'.repeat(200) },
        after: { name: `stlogs${index}`, tags: { owner: 'platform', cost: [1, 2, 3] }, note: 'x'.repeat(200) },
      }),
    );
  }

  it('reads a ~5 MB one-line plan with the cluster at the end', () => {
    const cluster = change({ address: 'azurerm_kubernetes_cluster.aks', after: aks({ network_plugin: 'kubenet' }) });
    const text = planText([...filler(9_000), cluster]);
    expect(text.length).toBeGreaterThan(5_000_000);

    const result = onlyCluster(run(text));

    expect(valueOf(result.network.plugin)).toBe('kubenet');
    expect(slice(text, result.network.plugin?.range ?? result.range)).toBe('"kubenet"');
  });

  it('reads a pretty-printed plan of over 100,000 lines', () => {
    const cluster = change({ address: 'azurerm_kubernetes_cluster.aks', after: aks({ network_plugin: 'azure' }) });
    const text = JSON.stringify(
      { format_version: '1.2', terraform_version: '1.9.5', resource_changes: [...filler(4_000), cluster] },
      null,
      2,
    );
    expect(text.split('\n').length).toBeGreaterThan(100_000);

    const result = onlyCluster(run(text));

    expect(result.network.plugin?.range.startLine).toBeGreaterThan(100_000);
    expect(slice(text, result.network.plugin?.range ?? result.range)).toBe('"azure"');
  });
});

describe('format metadata', () => {
  it.each([
    ['a plan', fixture('kubenet-create.json'), true],
    ['a state', fixture('state.json'), true],
    [
      'an ARM template',
      '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[]}',
      false,
    ],
    ['a provider schema', '{"format_version":"1.0","provider_schemas":{}}', false],
  ])('sniffs %s', (_case, text, expected) => {
    expect(terraformPlan.sniff?.({ path: 'x.json', text })).toBe(expected);
  });

  it.each([
    ['plan.json', true],
    ['infra/tfplan.JSON', true],
    ['main.tf', false],
  ])('claims %s', (path, expected) => {
    expect(terraformPlan.claims(path)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------

const clusterAddress = 'azurerm_kubernetes_cluster.aks';

describe('versions', () => {
  it.each([
    [
      'root provider',
      {
        azurerm: {
          name: 'azurerm',
          full_name: 'registry.terraform.io/hashicorp/azurerm',
          version_constraint: '~> 3.117',
        },
      },
      'azurerm',
      '~> 3.117',
    ],
    [
      'a module provider key',
      { 'module.aks:azurerm': { name: 'azurerm', version_constraint: '>= 4.0, < 5.0' } },
      'module.aks:azurerm',
      '>= 4.0, < 5.0',
    ],
    ['no version constraint', { azurerm: { name: 'azurerm' } }, 'azurerm', undefined],
    [
      'another provider under the key',
      { azurerm: { name: 'azapi', version_constraint: '~> 2.0' } },
      'azurerm',
      undefined,
    ],
  ])('providerVersion from provider_config: %s', (_name, providers, key, expected) => {
    const text = planText(
      [change({ address: 'azurerm_kubernetes_cluster.aks', after: aks({ network_plugin: 'azure' }) })],
      {
        configuration: {
          provider_config: providers,
          root_module: {
            resources: [{ ...configResource('azurerm_kubernetes_cluster.aks', {}), provider_config_key: key }],
          },
        },
      },
    );
    const cluster = onlyCluster(run(text));
    expect(valueOf(cluster.providerVersion)).toBe(expected);
    if (expected !== undefined)
      expect(slice(text, cluster.providerVersion?.range ?? cluster.range)).toBe(`"${expected}"`);
  });

  it('apiVersion from an azapi type; none for azurerm', () => {
    expect(onlyCluster(run(fixture('azapi-object-body.json'))).apiVersion).toBe('2024-09-01');
    expect(onlyCluster(run(fixture('kubenet-create.json'))).apiVersion).toBeUndefined();
    expect(valueOf(onlyCluster(run(fixture('kubenet-create.json'))).providerVersion)).toBe('~> 4.66');
  });
});

describe('removed settings (azurerm 3.x)', () => {
  const legacy = {
    ...aks({ network_plugin: 'kubenet', docker_bridge_cidr: '172.17.0.1/16', ebpf_data_plane: null }),
    api_server_authorized_ip_ranges: ['1.2.3.4/32'],
  };

  it('records what the configuration writes, at its line', () => {
    const text = JSON.stringify(
      {
        format_version: '1.2',
        terraform_version: '1.5.7',
        resource_changes: [change({ address: clusterAddress, after: legacy })],
        ...configuration([
          configResource(clusterAddress, {
            network_profile: [{ network_plugin: constant('kubenet'), docker_bridge_cidr: constant('172.17.0.1/16') }],
            api_server_authorized_ip_ranges: constant(['1.2.3.4/32']),
          }),
        ]),
      },
      null,
      2,
    );
    const cluster = onlyCluster(run(text));
    expect(
      cluster.removedSettings?.map((removed) => [
        removed.kind,
        removed.name,
        slice(text, removed.range).replace(/\s+/g, ''),
      ]),
    ).toEqual([
      ['docker-bridge-cidr', 'docker_bridge_cidr', '"172.17.0.1/16"'],
      ['api-server-authorized-ip-ranges', 'api_server_authorized_ip_ranges', '["1.2.3.4/32"]'],
    ]);
    const lines = text.split('\n');
    const bridgeLine = lines.findIndex((line) => line.includes('"docker_bridge_cidr": "172.17.0.1/16"')) + 1;
    expect(cluster.removedSettings?.[0]?.range.startLine).toBe(bridgeLine);
  });

  it('ignores a computed value the configuration does not write', () => {
    const text = planText([change({ address: clusterAddress, after: legacy })], {
      ...configuration([
        configResource(clusterAddress, { network_profile: [{ network_plugin: constant('kubenet') }] }),
      ]),
    });
    expect(onlyCluster(run(text)).removedSettings).toBeUndefined();
  });

  it('without a configuration section (a state), records values that are set', () => {
    const text = planText([
      change({
        address: clusterAddress,
        after: {
          ...aks({ network_plugin: 'azure', ebpf_data_plane: 'cilium', docker_bridge_cidr: null }),
          api_server_authorized_ip_ranges: [],
        },
      }),
    ]);
    expect(onlyCluster(run(text)).removedSettings?.map((removed) => removed.name)).toEqual(['ebpf_data_plane']);
  });
});

describe('ipFamilies', () => {
  it.each([
    ['single-stack', ['IPv4'], ['IPv4']],
    ['dual-stack', ['IPv4', 'IPv6'], ['IPv4', 'IPv6']],
  ])('ip_versions %s', (_name, versions, expected) => {
    const text = planText([
      change({ address: clusterAddress, after: aks({ network_plugin: 'azure', ip_versions: versions }) }),
    ]);
    const cluster = onlyCluster(run(text));
    expect(cluster.ipFamilies).toMatchObject({ how: 'literal', value: expected });
    expect(slice(text, cluster.ipFamilies?.range ?? cluster.range)).toBe(JSON.stringify(versions));
  });

  it('unknown ip_versions that the configuration writes is unresolved', () => {
    const text = planText(
      [
        change({
          address: clusterAddress,
          after: aks({ network_plugin: 'azure' }),
          afterUnknown: { network_profile: [{ ip_versions: true }] },
        }),
      ],
      configuration([configResource(clusterAddress, { network_profile: [{ ip_versions: refs('var.families') }] })]),
    );
    expect(onlyCluster(run(text)).ipFamilies).toMatchObject({ how: 'unresolved', expression: 'var.families' });
  });

  it('azapi ipFamilies', () => {
    const text = fixture('azapi-object-body.json').replaceAll(
      '"networkPlugin":"azure"',
      '"ipFamilies":["IPv4","IPv6"],"networkPlugin":"azure"',
    );
    expect(valueOf(onlyCluster(run(text)).ipFamilies)).toEqual(['IPv4', 'IPv6']);
  });
});

describe('virtual networks and subnets', () => {
  const vnet = {
    name: 'vnet-aks',
    address_space: ['10.0.0.0/8', '172.16.0.0/16'],
    resource_group_name: 'rg',
    subnet: [{ name: 'inline', address_prefixes: ['10.1.0.0/24'], id: null, security_group: '' }],
  };
  const subnet = {
    name: 'snet-nodes',
    virtual_network_name: 'vnet-aks',
    address_prefixes: ['10.240.0.0/16'],
    resource_group_name: 'rg',
  };

  it('reads azurerm_virtual_network (with inline subnets) and azurerm_subnet from a file without a cluster', () => {
    const text = planText([
      change({ address: 'azurerm_virtual_network.vnet', after: vnet }),
      change({ address: 'module.net["a"].azurerm_subnet.nodes', moduleAddress: 'module.net["a"]', after: subnet }),
      change({ address: 'azurerm_subnet.gone', actions: ['delete'], before: subnet }),
    ]);
    const result = run(text);
    expect(result.clusters).toEqual([]);
    expect(
      result.addressSpaces?.map((space) => ({
        kind: space.kind,
        id: space.id,
        name: space.name,
        virtualNetwork: space.virtualNetwork,
        prefixes: space.prefixes.map((prefix) => valueOf(prefix)),
        references: space.references,
      })),
    ).toEqual([
      {
        kind: 'virtual-network',
        id: 'azurerm_virtual_network.vnet',
        name: 'vnet-aks',
        virtualNetwork: undefined,
        prefixes: ['10.0.0.0/8', '172.16.0.0/16'],
        references: ['azurerm_virtual_network.vnet.id'],
      },
      {
        kind: 'subnet',
        id: 'azurerm_virtual_network.vnet.subnet["inline"]',
        name: 'inline',
        virtualNetwork: 'vnet-aks',
        prefixes: ['10.1.0.0/24'],
        references: [],
      },
      {
        kind: 'subnet',
        id: 'module.net["a"].azurerm_subnet.nodes',
        name: 'snet-nodes',
        virtualNetwork: 'vnet-aks',
        prefixes: ['10.240.0.0/16'],
        references: ['module.net.azurerm_subnet.nodes.id', 'module.net["a"].azurerm_subnet.nodes.id'],
      },
    ]);
    expect(terraformPlan.sniff?.({ path: 'plan.json', text })).toBe(true);
  });

  it('a prefix known only after apply is unresolved', () => {
    const text = planText(
      [
        change({
          address: 'azurerm_subnet.nodes',
          after: { ...subnet, address_prefixes: null },
          afterUnknown: { address_prefixes: true },
        }),
      ],
      configuration([configResource('azurerm_subnet.nodes', { address_prefixes: refs('local.prefixes') })]),
    );
    expect(run(text).addressSpaces?.[0]?.prefixes).toMatchObject([{ how: 'unresolved', expression: 'local.prefixes' }]);
  });

  it.each([
    ['a root subnet', '', 'azurerm_subnet.nodes.id', 'azurerm_subnet.nodes'],
    ['a subnet in the same module', 'module.aks', 'azurerm_subnet.nodes.id', 'module.aks.azurerm_subnet.nodes'],
  ])(
    'links a pool whose subnet ID is known only after apply to %s (through the engine)',
    async (_name, module, written, subnetAddress) => {
      const prefix = module === '' ? '' : `${module}.`;
      const clusterAt = `${prefix}azurerm_kubernetes_cluster.main`;
      const clusterResource = configResource('azurerm_kubernetes_cluster.main', {
        default_node_pool: [{ vnet_subnet_id: refs(written, written.replace(/\.id$/, '')) }],
      });
      const subnetResource = configResource('azurerm_subnet.nodes', { address_prefixes: constant(['10.240.0.0/16']) });
      const config =
        module === ''
          ? configuration([clusterResource, subnetResource])
          : configuration([], { aks: { source: './aks', module: { resources: [clusterResource, subnetResource] } } });
      const text = planText(
        [
          change({
            address: clusterAt,
            ...(module === '' ? {} : { moduleAddress: module }),
            after: aks({ network_plugin: 'azure' }),
            afterUnknown: { default_node_pool: [{ vnet_subnet_id: true }] },
          }),
          change({ address: subnetAddress, ...(module === '' ? {} : { moduleAddress: module }), after: subnet }),
        ],
        config,
      );
      const cluster = onlyCluster(run(text));
      expect(cluster.nodePools[0]?.vnetSubnetId).toMatchObject({
        how: 'unresolved',
        expression: `${subnetAddress}.id`,
      });
      const report = await analyze({ files: [{ path: 'plan.json', content: text }] }, defaultConfig('2026-11-27'));
      expect(report.clusters[0]?.subnets[0]?.node?.prefixes.map((p) => valueOf(p))).toEqual(['10.240.0.0/16']);
    },
  );

  it('links a pool with a literal subnet ID to a subnet in another plan of the directory', async () => {
    const network = planText([change({ address: 'azurerm_subnet.nodes', after: { ...subnet, name: 'snet-nodes' } })]);
    const files = [
      { path: 'plans/cluster.json', content: fixture('kubenet-create.json') },
      { path: 'plans/network.json', content: network },
    ];
    const report = await analyze({ files }, defaultConfig('2026-11-27'));
    expect(report.clusters[0]?.subnets[0]?.node?.prefixes.map((p) => valueOf(p))).toEqual(['10.240.0.0/16']);
  });
});
