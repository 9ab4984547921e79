import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractResult, Setting } from '../../model/index.js';
import { fileSet, sourceFile } from '../../../test/support/files.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import { pulumi } from './index.js';

beforeAll(async () => {
  await pulumi.init?.();
});

function run(files: Record<string, string>, path: string): ExtractResult {
  return pulumi.extract(sourceFile(files, path), fileSet(files));
}

function value<T>(setting: Setting<T> | undefined): T | string | undefined {
  if (setting === undefined) return undefined;
  return setting.how === 'unresolved' ? `unresolved: ${setting.expression}` : setting.value;
}

const TS_HEADER = 'import * as azure_native from "@pulumi/azure-native";\n';

function tsCluster(body: string, before = ''): string {
  return `${TS_HEADER}${before}const cluster = new azure_native.containerservice.ManagedCluster("aks", {\n${body}\n});\n`;
}

function pyCluster(kwargs: string, before = ''): string {
  return `import pulumi_azure_native as azure_native\n${before}cluster = azure_native.containerservice.ManagedCluster("aks",\n${kwargs}\n)\n`;
}

function yamlCluster(properties: string, before = ''): string {
  return `name: proj\nruntime: yaml\n${before}resources:\n  aks:\n    type: azure-native:containerservice:ManagedCluster\n    properties:\n${properties}\n`;
}

describe('the network model fields', () => {
  const cases: {
    name: string;
    files: Record<string, string>;
    path: string;
    network: Record<string, string>;
    podSubnet?: string;
  }[] = [
    {
      name: 'TypeScript kubenet',
      files: { 'index.ts': tsCluster('  networkProfile: { networkPlugin: "kubenet" },') },
      path: 'index.ts',
      network: { plugin: 'kubenet' },
    },
    {
      name: 'TypeScript azure (node subnet)',
      files: { 'index.ts': tsCluster('  networkProfile: { networkPlugin: "azure" },') },
      path: 'index.ts',
      network: { plugin: 'azure' },
    },
    {
      name: 'TypeScript azure + overlay',
      files: { 'index.ts': tsCluster('  networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay" },') },
      path: 'index.ts',
      network: { plugin: 'azure', pluginMode: 'overlay' },
    },
    {
      name: 'TypeScript azure + overlay + cilium',
      files: {
        'index.ts': tsCluster(
          '  networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkDataplane: "cilium", networkPolicy: "cilium" },',
        ),
      },
      path: 'index.ts',
      network: { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium', policy: 'cilium' },
    },
    {
      name: 'TypeScript azure + pod subnet',
      files: {
        'index.ts': tsCluster(
          '  networkProfile: { networkPlugin: "azure" },\n  agentPoolProfiles: [{ name: "sys", podSubnetID: podSubnet.id }],',
        ),
      },
      path: 'index.ts',
      network: { plugin: 'azure' },
      podSubnet: 'unresolved: podSubnet.id',
    },
    {
      name: 'TypeScript nothing specified',
      files: { 'index.ts': tsCluster('  dnsPrefix: "aks",') },
      path: 'index.ts',
      network: {},
    },
    {
      name: 'TypeScript none (BYO CNI)',
      files: {
        'index.ts': tsCluster('  networkProfile: { networkPlugin: azure_native.containerservice.NetworkPlugin.None },'),
      },
      path: 'index.ts',
      network: { plugin: 'none' },
    },
    {
      name: 'Python kubenet',
      files: { '__main__.py': pyCluster('    network_profile={"network_plugin": "kubenet"},') },
      path: '__main__.py',
      network: { plugin: 'kubenet' },
    },
    {
      name: 'Python azure + overlay + cilium with enum members',
      files: {
        '__main__.py': pyCluster(
          '    network_profile=azure_native.containerservice.ContainerServiceNetworkProfileArgs(\n' +
            '        network_plugin=azure_native.containerservice.NetworkPlugin.AZURE,\n' +
            '        network_plugin_mode=azure_native.containerservice.NetworkPluginMode.OVERLAY,\n' +
            '        network_dataplane=azure_native.containerservice.NetworkDataplane.CILIUM,\n' +
            '        outbound_type=azure_native.containerservice.OutboundType.USER_DEFINED_ROUTING),',
        ),
      },
      path: '__main__.py',
      network: { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium', outboundType: 'userDefinedRouting' },
    },
    {
      name: 'Python azure + pod subnet',
      files: {
        '__main__.py': pyCluster(
          '    network_profile={"network_plugin": "azure"},\n    agent_pool_profiles=[{"name": "sys", "pod_subnet_id": pod_subnet.id}],',
        ),
      },
      path: '__main__.py',
      network: { plugin: 'azure' },
      podSubnet: 'unresolved: pod_subnet.id',
    },
    {
      name: 'Python nothing specified',
      files: { '__main__.py': pyCluster('    dns_prefix="aks",') },
      path: '__main__.py',
      network: {},
    },
    {
      name: 'YAML azure + overlay',
      files: {
        'Pulumi.yaml': yamlCluster(
          '      networkProfile:\n        networkPlugin: azure\n        networkPluginMode: overlay',
        ),
      },
      path: 'Pulumi.yaml',
      network: { plugin: 'azure', pluginMode: 'overlay' },
    },
    {
      name: 'YAML none',
      files: { 'Pulumi.yaml': yamlCluster('      networkProfile:\n        networkPlugin: none') },
      path: 'Pulumi.yaml',
      network: { plugin: 'none' },
    },
  ];

  it.each(cases)('$name', ({ files, path, network, podSubnet }) => {
    const result = run(files, path);

    expect(result.problems).toEqual([]);
    expect(result.clusters).toHaveLength(1);
    const cluster = result.clusters[0]!;
    const found = Object.fromEntries(Object.entries(cluster.network).map(([key, setting]) => [key, value(setting)]));
    expect(found).toEqual(network);
    expect(value(cluster.nodePools[0]?.podSubnetId)).toEqual(podSubnet);
  });
});

describe('recognising the SDK', () => {
  const body = 'networkProfile: { networkPlugin: "kubenet" } });';
  const cases: { name: string; source: string; clusters: number }[] = [
    {
      name: 'root namespace import',
      source: `import * as azure_native from "@pulumi/azure-native";\nnew azure_native.containerservice.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'another alias of the root',
      source: `import * as azure from "@pulumi/azure-native";\nnew azure.containerservice.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'module import',
      source: `import * as containerservice from "@pulumi/azure-native/containerservice";\nnew containerservice.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'versioned module',
      source: `import * as cs from "@pulumi/azure-native/containerservice/v20240801";\nnew cs.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'named module import',
      source: `import { containerservice } from "@pulumi/azure-native";\nnew containerservice.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'named class import',
      source: `import { ManagedCluster } from "@pulumi/azure-native/containerservice";\nnew ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'require of the root',
      source: `const azure_native = require("@pulumi/azure-native");\nnew azure_native.containerservice.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'destructured require',
      source: `const { containerservice } = require("@pulumi/azure-native");\nnew containerservice.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'alias through a constant',
      source: `import * as az from "@pulumi/azure-native";\nconst cs = az.containerservice;\nnew cs.ManagedCluster("a", { ${body}`,
      clusters: 1,
    },
    {
      name: 'the classic azure provider is not azure-native',
      source: `import * as azure from "@pulumi/azure";\nnew azure.containerservice.ManagedCluster("a", { ${body}`,
      clusters: 0,
    },
    {
      name: 'a local class of the same name',
      source: `class ManagedCluster {}\nconst containerservice = {};\nnew ManagedCluster("a", { ${body}`,
      clusters: 0,
    },
  ];

  it.each(cases)('$name', ({ source, clusters }) => {
    const result = run({ 'index.ts': source }, 'index.ts');

    expect(result.clusters).toHaveLength(clusters);
    if (clusters > 0) expect(value(result.clusters[0]?.network.plugin)).toBe('kubenet');
  });

  it.each([
    ['import pulumi_azure_native as azure_native', 'azure_native.containerservice.ManagedCluster'],
    ['from pulumi_azure_native import containerservice', 'containerservice.ManagedCluster'],
    ['from pulumi_azure_native import containerservice as cs', 'cs.ManagedCluster'],
    ['import pulumi_azure_native.containerservice as cs', 'cs.ManagedCluster'],
    ['from pulumi_azure_native.containerservice import ManagedCluster', 'ManagedCluster'],
    ['import pulumi_azure_native.containerservice', 'pulumi_azure_native.containerservice.ManagedCluster'],
  ])('Python: %s', (importLine, callee) => {
    const source = `${importLine}\ncluster = ${callee}("aks", network_profile={"network_plugin": "kubenet"})\n`;

    const result = run({ '__main__.py': source }, '__main__.py');

    expect(result.clusters.map((c) => value(c.network.plugin))).toEqual(['kubenet']);
  });

  it('reads JavaScript as well as TypeScript', () => {
    const source = `const azure_native = require("@pulumi/azure-native");\nnew azure_native.containerservice.ManagedCluster("a", { ${body}`;

    const result = run({ 'index.js': source }, 'index.js');

    expect(result.clusters.map((c) => value(c.network.plugin))).toEqual(['kubenet']);
  });
});

describe('resolving values', () => {
  const cases: { name: string; files: Record<string, string>; path?: string; plugin: unknown; how: string }[] = [
    {
      name: 'string literal',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: "kubenet" },') },
      plugin: 'kubenet',
      how: 'literal',
    },
    {
      name: 'const',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: p },', 'const p = "kubenet";\n') },
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'as const',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: p },', 'const p = "kubenet" as const;\n') },
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'shorthand property',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin },', 'const networkPlugin = "azure";\n') },
      plugin: 'azure',
      how: 'resolved',
    },
    {
      name: 'template literal',
      files: {
        'index.ts': tsCluster('networkProfile: { networkPlugin: `kube${suffix}` },', 'const suffix = "net";\n'),
      },
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'profile through a const',
      files: { 'index.ts': tsCluster('networkProfile: profile,', 'const profile = { networkPlugin: "kubenet" };\n') },
      plugin: 'kubenet',
      how: 'literal',
    },
    {
      name: 'spread of a const object',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { ...base, podCidr: "10.244.0.0/16" },',
          'const base = { networkPlugin: "kubenet" };\n',
        ),
      },
      plugin: 'kubenet',
      how: 'literal',
    },
    {
      name: 'SDK enum member',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: azure_native.containerservice.NetworkPlugin.Kubenet },',
        ),
      },
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'let is not a constant',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: p },', 'let p = "kubenet";\n') },
      plugin: 'unresolved: p',
      how: 'unresolved',
    },
    {
      name: 'a function call',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: pick() },') },
      plugin: 'unresolved: pick()',
      how: 'unresolved',
    },
    {
      name: 'pulumi.interpolate',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: pulumi.interpolate`${x}` },') },
      plugin: 'unresolved: pulumi.interpolate`${x}`',
      how: 'unresolved',
    },
    {
      name: 'an unknown enum member',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: azure_native.containerservice.NetworkPlugin.Flannel },',
        ),
      },
      plugin: 'unresolved: azure_native.containerservice.NetworkPlugin.Flannel',
      how: 'unresolved',
    },
    {
      name: 'an undefined name',
      files: { 'index.ts': tsCluster('networkProfile: { networkPlugin: somewhere },') },
      plugin: 'unresolved: somewhere',
      how: 'unresolved',
    },
    {
      name: 'a profile from a function',
      files: { 'index.ts': tsCluster('networkProfile: makeProfile(),') },
      plugin: 'unresolved: makeProfile()',
      how: 'unresolved',
    },
    {
      name: 'config with one stack file',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: config.get("plugin") ?? "azure" },',
          'import * as pulumi from "@pulumi/pulumi";\nconst config = new pulumi.Config();\n',
        ),
        'Pulumi.yaml': 'name: proj\nruntime: nodejs\n',
        'Pulumi.dev.yaml': 'config:\n  proj:plugin: kubenet\n',
      },
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'config in stacks that disagree',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: config.get("plugin") ?? "azure" },',
          'const config = new pulumi.Config();\n',
        ),
        'Pulumi.yaml': 'name: proj\nruntime: nodejs\n',
        'Pulumi.dev.yaml': 'config:\n  proj:plugin: kubenet\n',
        'Pulumi.prod.yaml': 'config:\n  proj:plugin: azure\n',
      },
      plugin: 'unresolved: config.get("plugin") ?? "azure"',
      how: 'unresolved',
    },
    {
      name: 'config set in no stack: the fallback',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: config.get("plugin") || "kubenet" },',
          'const config = new pulumi.Config();\n',
        ),
        'Pulumi.yaml': 'name: proj\nruntime: nodejs\n',
      },
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'config required but set nowhere',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: config.require("plugin") },',
          'const config = new pulumi.Config();\n',
        ),
        'Pulumi.yaml': 'name: proj\nruntime: nodejs\n',
      },
      plugin: 'unresolved: config.require("plugin")',
      how: 'unresolved',
    },
    {
      name: 'config secret',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: config.requireSecret("plugin") },',
          'const config = new pulumi.Config();\n',
        ),
        'Pulumi.yaml': 'name: proj\n',
      },
      plugin: 'unresolved: config.requireSecret("plugin")',
      how: 'unresolved',
    },
    {
      name: 'config with a namespace',
      files: {
        'index.ts': tsCluster(
          'networkProfile: { networkPlugin: net.get("plugin") },',
          'const net = new pulumi.Config("network");\n',
        ),
        'Pulumi.yaml': 'name: proj\n',
        'Pulumi.dev.yaml': 'config:\n  network:plugin: azure\n  proj:plugin: kubenet\n',
      },
      plugin: 'azure',
      how: 'resolved',
    },
    {
      name: 'Python module constant',
      files: { '__main__.py': pyCluster('    network_profile={"network_plugin": PLUGIN},', 'PLUGIN = "azure"\n') },
      path: '__main__.py',
      plugin: 'azure',
      how: 'resolved',
    },
    {
      name: 'Python name assigned twice',
      files: {
        '__main__.py': pyCluster(
          '    network_profile={"network_plugin": plugin},',
          'plugin = config.get("plugin")\nif plugin is None:\n    plugin = "kubenet"\n',
        ),
      },
      path: '__main__.py',
      plugin: 'unresolved: plugin',
      how: 'unresolved',
    },
    {
      name: 'Python f-string',
      files: {
        '__main__.py': pyCluster('    network_profile={"network_plugin": f"kube{SUFFIX}"},', 'SUFFIX = "net"\n'),
      },
      path: '__main__.py',
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'Python config with or-fallback',
      files: {
        '__main__.py': pyCluster(
          '    network_profile={"network_plugin": config.get("plugin") or "kubenet"},',
          'import pulumi\nconfig = pulumi.Config()\n',
        ),
        'Pulumi.yaml': 'name: proj\n',
      },
      path: '__main__.py',
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'YAML variable',
      files: {
        'Pulumi.yaml': yamlCluster(
          '      networkProfile:\n        networkPlugin: ${plugin}',
          'variables:\n  plugin: kubenet\n',
        ),
      },
      path: 'Pulumi.yaml',
      plugin: 'kubenet',
      how: 'resolved',
    },
    {
      name: 'YAML config from the stack over the default',
      files: {
        'Pulumi.yaml': yamlCluster(
          '      networkProfile:\n        networkPlugin: ${plugin}',
          'config:\n  plugin:\n    type: string\n    default: kubenet\n',
        ),
        'Pulumi.prod.yaml': 'config:\n  proj:plugin: azure\n',
      },
      path: 'Pulumi.yaml',
      plugin: 'azure',
      how: 'resolved',
    },
    {
      name: 'YAML resource output',
      files: { 'Pulumi.yaml': yamlCluster('      networkProfile:\n        networkPlugin: ${other.plugin}') },
      path: 'Pulumi.yaml',
      plugin: 'unresolved: ${other.plugin}',
      how: 'unresolved',
    },
    {
      name: 'YAML function',
      files: {
        'Pulumi.yaml': yamlCluster('      networkProfile:\n        networkPlugin: { fn::invoke: { function: pick } }'),
      },
      path: 'Pulumi.yaml',
      plugin: 'unresolved: { fn::invoke: { function: pick } }',
      how: 'unresolved',
    },
  ];

  it.each(cases)('$name', ({ files, path, plugin, how }) => {
    const result = run(files, path ?? 'index.ts');

    const setting = result.clusters[0]?.network.plugin;
    expect(value(setting)).toEqual(plugin);
    expect(setting?.how).toBe(how);
    if (setting?.how === 'unresolved') expect(setting.reason.length).toBeGreaterThan(20);
  });

  it('says where a stack value came from and why several stacks leave it open', () => {
    const files = {
      'app/index.ts': tsCluster(
        'networkProfile: { networkPlugin: config.get("plugin") ?? "azure" },',
        'const config = new pulumi.Config();\n',
      ),
      'app/Pulumi.yaml': 'name: proj\n',
      'app/Pulumi.dev.yaml': 'config:\n  proj:plugin: kubenet\n',
      'app/Pulumi.prod.yaml': 'config:\n  proj:other: x\n',
    };

    const plugin = run(files, 'app/index.ts').clusters[0]?.network.plugin;

    expect(plugin).toMatchObject({ how: 'unresolved', range: { file: 'app/index.ts', startLine: 4 } });
    expect(plugin?.how === 'unresolved' ? plugin.reason : '').toContain(
      'Pulumi.dev.yaml: "kubenet", Pulumi.prod.yaml: "azure"',
    );
  });

  it('points the via steps at the stack file line', () => {
    const files = {
      'index.ts': tsCluster(
        'networkProfile: { networkPlugin: config.get("plugin") },',
        'const config = new pulumi.Config();\n',
      ),
      'Pulumi.yaml': 'name: proj\n',
      'Pulumi.dev.yaml': 'config:\n  azure-native:location: westeurope\n  proj:plugin: kubenet\n',
    };

    const plugin = run(files, 'index.ts').clusters[0]?.network.plugin;

    expect(plugin).toEqual({
      how: 'resolved',
      value: 'kubenet',
      range: { file: 'index.ts', startLine: 4, endLine: 4 },
      expression: 'config.get("plugin")',
      via: [
        {
          description: 'proj:plugin = "kubenet" (Pulumi.dev.yaml)',
          range: { file: 'Pulumi.dev.yaml', startLine: 3, endLine: 3 },
        },
      ],
    });
  });

  it('reads numbers and booleans of node pools, coercing stack text', () => {
    const files = {
      'index.ts': tsCluster(
        'agentPoolProfiles: [{ name: "sys", count: config.getNumber("count"), enableAutoScaling: true, minCount: 1, maxCount: 5, maxPods: 30, osType: "Linux", vnetSubnetID: "/subscriptions/x/subnets/nodes", podIPAllocationMode: "StaticBlock" }],',
        'const config = new pulumi.Config();\n',
      ),
      'Pulumi.yaml': 'name: proj\n',
      'Pulumi.dev.yaml': 'config:\n  proj:count: "3"\n',
    };

    const pool = run(files, 'index.ts').clusters[0]?.nodePools[0];

    expect(pool).toMatchObject({ name: 'sys', isDefault: true });
    expect([
      value(pool?.nodeCount),
      value(pool?.autoScaling),
      value(pool?.minCount),
      value(pool?.maxCount),
      value(pool?.maxPods),
    ]).toEqual([3, true, 1, 5, 30]);
    expect([pool?.osType, pool?.vnetSubnetId, pool?.podIpAllocationMode].map(value)).toEqual([
      'Linux',
      '/subscriptions/x/subnets/nodes',
      'StaticBlock',
    ]);
  });
});

describe('clusters, pools and updates', () => {
  it('names the cluster and records its resource group and version', () => {
    const source = tsCluster('resourceName: "aks-prod",\nresourceGroupName: "rg-prod",\nkubernetesVersion: "1.30.3",');

    const [cluster] = run({ 'index.ts': source }, 'index.ts').clusters;

    expect(cluster).toMatchObject({
      id: 'index.ts::ManagedCluster::aks',
      format: 'pulumi',
      definition: 'azure-native:containerservice:ManagedCluster',
      range: { file: 'index.ts', startLine: 2, endLine: 6 },
      name: { how: 'literal', value: 'aks-prod', range: { startLine: 3 } },
      resourceGroup: { how: 'literal', value: 'rg-prod', range: { startLine: 4 } },
      kubernetesVersion: { how: 'literal', value: '1.30.3', range: { startLine: 5 } },
    });
  });

  it('attaches an AgentPool to the cluster it names through a variable', () => {
    const source =
      tsCluster('agentPoolProfiles: [{ name: "sys" }],') +
      'const pool = new azure_native.containerservice.AgentPool("user", {\n  resourceName: cluster.name,\n  agentPoolName: "user",\n  podSubnetID: podSubnet.id,\n});\n';

    const result = run({ 'index.ts': source }, 'index.ts');

    expect(result.updates).toBeUndefined();
    expect(result.clusters[0]?.nodePools.map((p) => [p.name, p.isDefault, p.range.startLine, p.range.endLine])).toEqual(
      [
        ['sys', true, 3, 3],
        ['user', false, 5, 9],
      ],
    );
    expect(result.clusters[0]?.nodePools[1]?.podSubnetId?.how).toBe('unresolved');
  });

  it('reports an AgentPool for a cluster defined elsewhere as an update', () => {
    const source = `${TS_HEADER}new azure_native.containerservice.AgentPool("user", { resourceName: "aks-prod", resourceGroupName: "rg", count: 2 });\n`;

    const result = run({ 'pool.ts': source }, 'pool.ts');

    expect(result.clusters).toEqual([]);
    expect(result.updates).toMatchObject([
      {
        definition: 'azure-native:containerservice:AgentPool',
        name: { value: 'aks-prod' },
        resourceGroup: { value: 'rg' },
        nodePools: [{ name: 'user', isDefault: false }],
      },
    ]);
  });

  it('gives two clusters of one logical name distinct ids', () => {
    const source =
      tsCluster('dnsPrefix: "a",') + 'new azure_native.containerservice.ManagedCluster("aks", { dnsPrefix: "b" });\n';

    const ids = run({ 'index.ts': source }, 'index.ts').clusters.map((c) => c.id);

    expect(ids).toEqual(['index.ts::ManagedCluster::aks', 'index.ts::ManagedCluster::aks#2']);
  });

  it('skips a YAML resource that only reads an existing cluster', () => {
    const source =
      'resources:\n  existing:\n    type: azure-native:containerservice:ManagedCluster\n    get:\n      id: /subscriptions/x\n';

    expect(run({ 'Pulumi.yaml': source }, 'Pulumi.yaml').clusters).toEqual([]);
  });
});

describe('broken input', () => {
  it.each([
    [
      'index.ts',
      `${TS_HEADER}new azure_native.containerservice.ManagedCluster("aks", {\n  networkProfile: { networkPlugin: "kubenet" },\n  ))) \n});\n`,
      4,
    ],
    [
      '__main__.py',
      'import pulumi_azure_native as azure_native\ncluster = azure_native.containerservice.ManagedCluster("aks",\n    network_profile={"network_plugin": "kubenet"},\n    ]]\n)\n',
      4,
    ],
    [
      'Pulumi.yaml',
      'resources:\n  aks:\n    type: azure-native:containerservice:ManagedCluster\n    properties:\n   bad: indent\n      x: y\n',
      4,
    ],
  ])('%s reports a parse error with its line', (path, text, line) => {
    const result = run({ [path]: text }, path);

    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems[0]).toMatchObject({ kind: 'parse-error', range: { file: path } });
    expect(result.problems.map((p) => p.range.startLine)).toContain(line);
  });

  it('still extracts the cluster around a syntax error', () => {
    const text = `${TS_HEADER}const x = ;\nnew azure_native.containerservice.ManagedCluster("aks", { networkProfile: { networkPlugin: "kubenet" } });\n`;

    const result = run({ 'index.ts': text }, 'index.ts');

    expect(result.problems[0]?.range.startLine).toBe(2);
    expect(result.clusters.map((c) => value(c.network.plugin))).toEqual(['kubenet']);
  });
});

describe('hostile input', () => {
  it.each([
    [
      'index.ts',
      `${TS_HEADER}// containerservice ManagedCluster\nconst x = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`,
    ],
    ['__main__.py', `# containerservice ManagedCluster\nx = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['Pulumi.yaml', `# azure-native:containerservice:ManagedCluster\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
  ])('%s nested 10,000 levels deep gives a result', (path, text) => {
    const result = run({ [path]: text }, path);

    expect(result.clusters).toEqual([]);
  });

  it('keeps a deeply nested value inside a cluster unresolved', () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const result = run({ 'index.ts': tsCluster(`networkProfile: { networkPlugin: ${deep} },`) }, 'index.ts');

    expect(result.clusters[0]?.network.plugin?.how).toBe('unresolved');
  });

  it('rejects a 50 MB single-line file without the markers', () => {
    const text = `const x = "${'a'.repeat(50 * 1024 * 1024)}";`;
    const file = { path: 'big.ts', text };

    expect(pulumi.sniff?.(file)).toBe(false);
    expect(pulumi.extract(file, fileSet({}))).toEqual({ clusters: [], problems: [] });
  });

  it('reads a cluster with 100,000 lines of node pools', () => {
    const pools = Array.from({ length: 100_000 }, (_, i) => `{ name: "p${i}" },`).join('\n');
    const text = tsCluster(`networkProfile: { networkPlugin: "azure" },\nagentPoolProfiles: [\n${pools}\n],`);

    const [cluster] = run({ 'index.ts': text }, 'index.ts').clusters;

    expect(cluster?.nodePools).toHaveLength(100_000);
    expect(cluster?.nodePools[99_999]?.range.startLine).toBe(100_004);
  });
});

describe('claims, sniff and context', () => {
  it.each([
    ['index.ts', true],
    ['src/main.mts', true],
    ['lib/index.cjs', true],
    ['__main__.py', true],
    ['Pulumi.yaml', true],
    ['infra/Pulumi.dev.yaml', true],
    ['k8s/deploy.yml', true],
    ['types.d.ts', false],
    ['main.tf', false],
    ['README.md', false],
  ])('claims %s: %s', (path, claimed) => {
    expect(pulumi.claims(path)).toBe(claimed);
  });

  it.each([
    ['an unrelated TypeScript file', 'app.ts', 'export function add(a: number, b: number) { return a + b; }\n', false],
    ['an unrelated Python file', 'tool.py', 'import os\nprint(os.getcwd())\n', false],
    [
      'a Kubernetes ASO ManagedCluster',
      'aso.yaml',
      'apiVersion: containerservice.azure.com/v1api20240901\nkind: ManagedCluster\n',
      false,
    ],
    [
      'a Pulumi YAML program',
      'Main.yaml',
      'resources:\n  aks:\n    type: azure-native:containerservice:ManagedCluster\n',
      true,
    ],
    [
      'a program using the SDK',
      'index.ts',
      'import * as containerservice from "@pulumi/azure-native/containerservice";\nnew containerservice.ManagedCluster("a", {});\n',
      true,
    ],
    ['a stack file', 'Pulumi.dev.yaml', 'config:\n  proj:plugin: kubenet\n', true],
  ])('sniff: %s', (_name, path, text, expected) => {
    expect(pulumi.sniff?.({ path, text })).toBe(expected);
  });

  it('treats stack files as context that defines nothing', () => {
    const files = { 'Pulumi.dev.yaml': 'config:\n  proj:x: azure-native:containerservice:ManagedCluster\n' };

    expect(pulumi.isContext?.('Pulumi.dev.yaml')).toBe(true);
    expect(pulumi.isContext?.('Pulumi.yaml')).toBe(false);
    expect(run(files, 'Pulumi.dev.yaml')).toEqual({ clusters: [], problems: [] });
  });
});

describe('fixtures', () => {
  function fixture(dir: string): Record<string, string> {
    const base = new URL(`./__fixtures__/${dir}/`, import.meta.url);
    const files: Record<string, string> = {};
    for (const name of readdirSync(base)) files[`${dir}/${name}`] = readFileSync(new URL(name, base), 'utf8');
    return files;
  }

  it('azure-ts-aks: kubenet from the dev stack, enums, the code fallback for the name', () => {
    const [cluster] = run(fixture('azure-ts-aks'), 'azure-ts-aks/index.ts').clusters;

    expect(cluster?.id).toBe('azure-ts-aks/index.ts::ManagedCluster::azure-aks');
    expect(value(cluster?.network.plugin)).toBe('kubenet');
    expect([cluster?.network.outboundType, cluster?.network.loadBalancerSku].map(value)).toEqual([
      'loadBalancer',
      'standard',
    ]);
    expect(cluster?.networkProfileRange).toMatchObject({ startLine: 28, endLine: 35 });
    expect(value(cluster?.nodePools[0]?.nodeCount)).toBe(3);
    expect(value(cluster?.kubernetesVersion)).toBe('1.29.7');
  });

  it('azure-py-aks: Overlay with Cilium through Args classes', () => {
    const [cluster] = run(fixture('azure-py-aks'), 'azure-py-aks/__main__.py').clusters;

    expect(
      [cluster?.network.plugin, cluster?.network.pluginMode, cluster?.network.dataplane, cluster?.network.podCidr].map(
        value,
      ),
    ).toEqual(['azure', 'overlay', 'cilium', '192.168.0.0/16']);
    expect(value(cluster?.name)).toBe('aks-prod');
    expect(cluster?.nodePools[0]).toMatchObject({
      name: 'system',
      isDefault: true,
      vnetSubnetId: { how: 'unresolved' },
    });
  });

  it('azure-yaml-aks: a pod subnet, a variable, a config default and an attached pool', () => {
    const [cluster] = run(fixture('azure-yaml-aks'), 'azure-yaml-aks/Pulumi.yaml').clusters;

    expect(value(cluster?.network.plugin)).toBe('azure');
    expect(value(cluster?.kubernetesVersion)).toBe('1.29.7');
    expect(cluster?.nodePools.map((p) => p.name)).toEqual(['systempool', 'userpool']);
    expect(cluster?.nodePools[0]?.podSubnetId?.how).toBe('unresolved');
    expect(cluster?.networkProfileRange).toMatchObject({ startLine: 31, endLine: 35 });
  });

  it('azure-js-aks: kubenet through an enum, with a separate AgentPool', () => {
    const [cluster] = run(fixture('azure-js-aks'), 'azure-js-aks/index.js').clusters;

    expect(value(cluster?.network.plugin)).toBe('kubenet');
    expect(value(cluster?.name)).toBe('aks-js');
    expect(cluster?.nodePools.map((p) => [p.name, value(p.maxPods)])).toEqual([
      ['system', undefined],
      ['user', 30],
    ]);
  });
});

describe('ipFamilies', () => {
  it.each([
    [
      'TypeScript single-stack',
      'index.ts',
      tsCluster('  networkProfile: { networkPlugin: "azure", ipFamilies: ["IPv4"] },'),
      ['IPv4'],
      'literal',
    ],
    [
      'TypeScript dual-stack',
      'index.ts',
      tsCluster('  networkProfile: { networkPlugin: "azure", ipFamilies: ["IPv4", "IPv6"] },'),
      ['IPv4', 'IPv6'],
      'literal',
    ],
    [
      'Python ip_families',
      '__main__.py',
      pyCluster('    network_profile={"network_plugin": "azure", "ip_families": ["IPv4", "IPv6"]},'),
      ['IPv4', 'IPv6'],
      'literal',
    ],
    [
      'through a constant',
      'index.ts',
      tsCluster(
        '  networkProfile: { ipFamilies: [first, second] },',
        'const first = "IPv4";\nconst second = "IPv6";\n',
      ),
      ['IPv4', 'IPv6'],
      'resolved',
    ],
  ])('%s', (_name, path, text, expected, how) => {
    const cluster = run({ [path]: text }, path).clusters[0];
    expect(cluster?.ipFamilies).toMatchObject({ how, value: expected });
  });

  it('an unknown item leaves it unresolved', () => {
    const text = tsCluster('  networkProfile: { ipFamilies: [process.env.FAMILY] },');
    expect(run({ 'index.ts': text }, 'index.ts').clusters[0]?.ipFamilies).toMatchObject({ how: 'unresolved' });
  });
});

describe('a network profile without networkPlugin: the azure-native SDK version decides (fact base §4.8)', () => {
  const program = tsCluster(
    '    resourceGroupName: "rg",\n    networkProfile: {\n        podCidr: "10.244.0.0/16",\n    },',
  );
  const python = pyCluster(
    '    resource_group_name="rg",\n    network_profile=azure_native.containerservice.ContainerServiceNetworkProfileArgs(pod_cidr="10.244.0.0/16"),',
  );
  const pkg = (spec: string) => JSON.stringify({ dependencies: { '@pulumi/azure-native': spec } });

  it.each<[string, Record<string, string>, string, unknown]>([
    [
      'v2 in package.json: the SDK fills in kubenet',
      { 'index.ts': program, 'package.json': pkg('^2.5.0') },
      'index.ts',
      { how: 'default', value: 'kubenet' },
    ],
    [
      'v1 in requirements.txt: kubenet',
      { '__main__.py': python, 'requirements.txt': 'pulumi-azure-native==1.104.0\n' },
      '__main__.py',
      { how: 'default', value: 'kubenet' },
    ],
    [
      'v3 in package.json: AKS picks, as written',
      { 'index.ts': program, 'package.json': pkg('^3.0.0') },
      'index.ts',
      undefined,
    ],
    [
      'v3 in pyproject.toml: AKS picks',
      { '__main__.py': python, 'pyproject.toml': '[project]\ndependencies = ["pulumi-azure-native>=3.0.0,<4.0.0"]\n' },
      '__main__.py',
      undefined,
    ],
    [
      'no version found: unresolved, never guessed',
      { 'index.ts': program },
      'index.ts',
      { how: 'unresolved', expression: 'networkProfile without networkPlugin' },
    ],
  ])('%s', (_name, files, path, expected) => {
    // Act
    const [cluster] = run(files, path).clusters;

    // Assert
    if (expected === undefined) expect(cluster?.network.plugin).toBeUndefined();
    else expect(cluster?.network.plugin).toMatchObject(expected as object);
  });

  it('the default names the SDK version and the file it comes from; unknown names both outcomes', () => {
    const known = run({ 'index.ts': program, 'package.json': pkg('^2.5.0') }, 'index.ts').clusters[0]?.network.plugin;
    const unknown = run({ 'index.ts': program }, 'index.ts').clusters[0]?.network.plugin;
    expect(known?.how === 'default' ? known.note : '').toMatch(
      /azure-native SDK v2 \(package\.json: \^2\.5\.0\).*v3 and later leave it to AKS/,
    );
    expect(unknown?.how === 'unresolved' ? unknown.reason : '').toMatch(
      /v1 and v2 SDKs fill in networkPlugin "kubenet".*v3 leaves the choice to AKS/,
    );
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'no networkProfile at all: the SDK sends none, whatever its version',
      { 'index.ts': tsCluster('    resourceGroupName: "rg",'), 'package.json': pkg('^2.5.0') },
      'index.ts',
    ],
    [
      'a YAML program has no SDK',
      {
        'Pulumi.yaml': yamlCluster(
          '      resourceGroupName: rg\n      networkProfile:\n        podCidr: 10.244.0.0/16',
        ),
        'package.json': pkg('^2.5.0'),
      },
      'Pulumi.yaml',
    ],
  ])('%s: no plugin', (_name, files, path) => {
    expect(run(files, path).clusters[0]?.network.plugin).toBeUndefined();
  });

  it('the dependency files are context for the CLI and the GitHub layer', () => {
    expect(
      ['package.json', 'infra/requirements.txt', 'a/pyproject.toml', 'go.mod', 'infra/tsconfig.json'].map((path) =>
        pulumi.isContext?.(path),
      ),
    ).toEqual([true, true, true, true, false]);
  });
});

describe('analyzed with its package.json', () => {
  const program = tsCluster(
    '    resourceGroupName: "rg",\n    kubernetesVersion: "1.33",\n    networkProfile: {\n        podCidr: "10.244.0.0/16",\n    },',
  );
  it.each([
    ['^2.5.0', 'kubenet', ['kubenet-retirement']],
    ['^3.0.0', 'platform-default', ['platform-default']],
    ['*', 'unresolved', ['unresolved-setting']],
  ])('@pulumi/azure-native %s: %s', async (spec, model, rules) => {
    // Arrange
    const files = [
      { path: 'infra/index.ts', content: program },
      { path: 'infra/package.json', content: JSON.stringify({ dependencies: { '@pulumi/azure-native': spec } }) },
    ];

    // Act
    const report = await analyze({ files }, defaultConfig('2026-12-05'));

    // Assert
    expect(report.clusters.map((analyzed) => analyzed.classification.model)).toEqual([model]);
    expect([...new Set(report.findings.map((finding) => finding.ruleId))].sort()).toEqual(rules);
  });
});
