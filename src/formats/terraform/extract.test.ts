import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import type { Cluster, ExtractResult, FileSet, Setting, SourceFile, SourceRange } from '../../model/index.js';
import { avmEra, couldHoldCluster, extract, registryModule } from './extract.js';
import { terraform } from './index.js';
import { couldHoldAddressSpace } from './network.js';
import { initParser, setGrammarPath } from './parse.js';

beforeAll(async () => {
  await terraform.init?.();
});

interface TestFileSet extends FileSet {
  /** Every memo key computed, in order. */
  computed: string[];
}

function fileSet(files: Record<string, string>): TestFileSet {
  const byPath = new Map<string, SourceFile>(Object.entries(files).map(([path, text]) => [path, { path, text }]));
  const cache = new Map<string, unknown>();
  const computed: string[] = [];
  return {
    computed,
    get: (path) => byPath.get(path),
    inDirectory: (dir) =>
      [...byPath.values()]
        .filter((file) => (file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '') === dir)
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) {
        computed.push(key);
        cache.set(key, compute());
      }
      return cache.get(key) as T;
    },
  };
}

function run(files: Record<string, string>, path = 'main.tf'): ExtractResult {
  const text = files[path];
  if (text === undefined) throw new Error(`no ${path} in the test files`);
  return extract({ path, text }, fileSet(files));
}

function only(result: ExtractResult): Cluster {
  expect(result.problems).toEqual([]);
  expect(result.clusters).toHaveLength(1);
  const [cluster] = result.clusters;
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

function lines(startLine: number, endLine = startLine, file = 'main.tf'): SourceRange {
  return { file, startLine, endLine };
}

function literal<T>(value: T, line: number, file = 'main.tf') {
  return { how: 'literal' as const, value, range: lines(line, line, file) };
}

/** An azurerm cluster whose body starts on line 2. */
function azurerm(body: string, name = 'aks'): string {
  return `resource "azurerm_kubernetes_cluster" "${name}" {\n${body}\n}\n`;
}

/** An azurerm cluster with `network_plugin = <expression>` on line 3. */
function pluginFrom(expression: string): string {
  return azurerm(`  network_profile {\n    network_plugin = ${expression}\n  }`);
}

const fixtureRoot = new URL('./__fixtures__/', import.meta.url);

function fixture(name: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(new URL(`${name}/`, fixtureRoot))) {
    files[`${name}/${entry}`] = readFileSync(new URL(`${name}/${entry}`, fixtureRoot), 'utf8');
  }
  return files;
}

describe('terraform format metadata', () => {
  it.each([
    ['main.tf', true],
    ['infra/aks/cluster.tf', true],
    ['main.tf.json', false],
    ['terraform.tfvars', false],
    ['prod.auto.tfvars', false],
    ['main.tf.bak', false],
    ['README.md', false],
  ])('claims %s: %s', (path, expected) => {
    expect(terraform.claims(path)).toBe(expected);
  });

  it.each([
    ['terraform.tfvars', true],
    ['env/prod.tfvars', true],
    ['x.auto.tfvars.json', true],
    ['main.tf', false],
    ['vars.json', false],
  ])('reads %s as context: %s', (path, expected) => {
    expect(terraform.isContext?.(path)).toBe(expected);
  });

  it('has the terraform id', () => {
    expect({ id: terraform.id, displayName: terraform.displayName }).toEqual({
      id: 'terraform',
      displayName: 'Terraform',
    });
  });
});

describe('the pre-check', () => {
  it.each([
    ['resource "azurerm_kubernetes_cluster" "a" {}', true],
    ['type = "Microsoft.ContainerService/managedClusters@2024-09-01"', true],
    ['module "aks" {\n  source = "Azure/aks/azurerm"\n}', true],
    ['module "cluster" {\n  source = "Azure/avm-res-containerservice-managedcluster/azurerm"\n}', true],
    ['module "vnet" {\n  source = "Azure/vnet/azurerm"\n}', false],
    ['resource "azurerm_storage_account" "sa" {}', false],
    ['', false],
  ])('%j could hold a cluster: %s', (text, expected) => {
    expect(couldHoldCluster(text)).toBe(expected);
  });

  it('does not parse a file that cannot hold a cluster (a syntax error there is not reported)', () => {
    // Arrange
    const files = { 'main.tf': 'resource "azurerm_storage_account" "sa" {\n  name = = =\n' };
    const set = fileSet(files);
    // Act
    const result = extract({ path: 'main.tf', text: files['main.tf'] }, set);
    // Assert
    expect(result).toEqual({ clusters: [], problems: [] });
    expect(set.computed).toEqual([]);
  });
});

describe('azurerm_kubernetes_cluster', () => {
  it('reads the cluster, its identity and its ranges', () => {
    // Arrange
    const text = [
      'resource "azurerm_kubernetes_cluster" "prod" {',
      '  name                = "aks-prod"',
      '  resource_group_name = "rg-prod"',
      '  kubernetes_version  = "1.32"',
      '  network_profile {',
      '    network_plugin = "kubenet"',
      '  }',
      '}',
      '',
    ].join('\n');
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster).toEqual({
      id: 'azurerm_kubernetes_cluster.prod',
      format: 'terraform',
      definition: 'azurerm_kubernetes_cluster',
      range: lines(1, 8),
      name: literal('aks-prod', 2),
      resourceGroup: literal('rg-prod', 3),
      kubernetesVersion: literal('1.32', 4),
      networkProfileRange: lines(5, 7),
      network: { plugin: literal('kubenet', 6) },
      nodePools: [],
    });
  });

  it.each([
    ['network_plugin = "kubenet"', 'plugin', 'kubenet'],
    ['network_plugin_mode = "overlay"', 'pluginMode', 'overlay'],
    ['network_data_plane = "cilium"', 'dataplane', 'cilium'],
    ['ebpf_data_plane = "cilium"', 'dataplane', 'cilium'],
    ['network_policy = "calico"', 'policy', 'calico'],
    ['pod_cidr = "10.244.0.0/16"', 'podCidr', '10.244.0.0/16'],
    ['service_cidr = "10.0.0.0/16"', 'serviceCidr', '10.0.0.0/16'],
    ['dns_service_ip = "10.0.0.10"', 'dnsServiceIp', '10.0.0.10'],
    ['outbound_type = "userDefinedRouting"', 'outboundType', 'userDefinedRouting'],
    ['load_balancer_sku = "basic"', 'loadBalancerSku', 'basic'],
    ['network_mode = "bridge"', 'networkMode', 'bridge'],
  ])('network_profile { %s } sets %s', (attribute, key, value) => {
    // Arrange
    const text = azurerm(`  network_profile {\n    ${attribute}\n  }`);
    // Act
    const { network } = only(run({ 'main.tf': text }));
    // Assert
    expect(network).toEqual({ [key]: literal(value, 3) });
  });

  it.each([
    ['no network_profile block', '  name = "aks"', {}, undefined],
    ['an empty network_profile block', '  network_profile {\n  }', {}, lines(2, 3)],
    [
      'a null attribute',
      '  network_profile {\n    network_plugin = "azure"\n    network_policy = null\n  }',
      { plugin: literal('azure', 3) },
      lines(2, 5),
    ],
  ])('leaves absent settings undefined: %s', (_name, body, network, profileRange) => {
    // Act
    const cluster = only(run({ 'main.tf': azurerm(body) }));
    // Assert
    expect(cluster.network).toEqual(network);
    expect(cluster.networkProfileRange).toEqual(profileRange);
  });

  it('does not evaluate a dynamic network_profile block', () => {
    // Arrange
    const text = azurerm(
      '  dynamic "network_profile" {\n    for_each = var.profiles\n    content {\n      network_plugin = network_profile.value\n    }\n  }',
    );
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.networkProfileRange).toEqual(lines(2, 7));
    expect(cluster.network).toEqual({
      plugin: {
        how: 'unresolved',
        range: lines(2),
        expression: 'dynamic "network_profile"',
        reason: expect.stringMatching(/dynamic block, which is not evaluated/),
      },
    });
  });

  it.each([
    ['name = "system"', { name: 'system' }],
    ['node_count = 3', { nodeCount: literal(3, 4) }],
    ['auto_scaling_enabled = true', { autoScaling: literal(true, 4) }],
    ['enable_auto_scaling = true', { autoScaling: literal(true, 4) }],
    ['min_count = 1', { minCount: literal(1, 4) }],
    ['max_count = 5', { maxCount: literal(5, 4) }],
    ['max_pods = 250', { maxPods: literal(250, 4) }],
    [
      'vnet_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes"',
      {
        vnetSubnetId: literal(
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes',
          4,
        ),
      },
    ],
    [
      'pod_subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods"',
      {
        podSubnetId: literal(
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods',
          4,
        ),
      },
    ],
    ['os_type = "Windows"', {}],
  ])('default_node_pool { %s }', (attribute, expected) => {
    // Arrange
    const text = azurerm(`  default_node_pool {\n    name = "system"\n    ${attribute}\n  }`);
    // Act
    const [pool] = only(run({ 'main.tf': text })).nodePools;
    // Assert
    expect(pool).toEqual({ name: 'system', range: lines(2, 5), isDefault: true, ...expected });
  });
});

describe('node pools', () => {
  const cluster = azurerm('  name = "aks"\n  default_node_pool {\n    name = "system"\n  }');
  const windowsPool = [
    'resource "azurerm_kubernetes_cluster_node_pool" "win" {',
    '  name                  = "win"',
    '  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id',
    '  os_type               = "Windows"',
    '  node_count            = 2',
    '}',
    '',
  ].join('\n');

  it.each([
    ['in the same file', { 'infra/main.tf': `${cluster}\n${windowsPool}` }, 'infra/main.tf', 8],
    [
      'in another file of the directory',
      { 'infra/main.tf': cluster, 'infra/pools.tf': windowsPool },
      'infra/pools.tf',
      1,
    ],
  ])('attaches an azurerm_kubernetes_cluster_node_pool %s', (_name, files, poolFile, firstLine) => {
    // Act
    const result = run(files, 'infra/main.tf');
    // Assert
    expect(only(result).nodePools).toEqual([
      { name: 'system', range: lines(3, 5, 'infra/main.tf'), isDefault: true },
      {
        name: 'win',
        range: lines(firstLine, firstLine + 5, poolFile),
        isDefault: false,
        osType: literal('Windows', firstLine + 3, poolFile),
        nodeCount: literal(2, firstLine + 4, poolFile),
      },
    ]);
  });

  it.each([
    ['a cluster in another directory', { 'a/main.tf': cluster, 'b/pools.tf': windowsPool }],
    ['another cluster', { 'a/main.tf': cluster, 'a/pools.tf': windowsPool.replace('.aks.id', '.other.id') }],
    [
      'an indexed cluster (count is not evaluated)',
      { 'a/main.tf': cluster, 'a/pools.tf': windowsPool.replace('.aks.id', '.aks[0].id') },
    ],
  ])('does not attach a pool of %s', (_name, files) => {
    // Act
    const pools = only(run(files, 'a/main.tf')).nodePools;
    // Assert
    expect(pools.map((pool) => pool.name)).toEqual(['system']);
  });

  it('follows a local to the cluster id', () => {
    // Arrange
    const files = {
      'main.tf': cluster,
      'pools.tf': `locals {\n  cluster_id = azurerm_kubernetes_cluster.aks.id\n}\n${windowsPool.replace('azurerm_kubernetes_cluster.aks.id', 'local.cluster_id')}`,
    };
    // Act
    const pools = only(run(files)).nodePools;
    // Assert
    expect(pools.map((pool) => pool.name)).toEqual(['system', 'win']);
  });

  it('reports no cluster for a file holding only pools', () => {
    expect(run({ 'main.tf': cluster, 'pools.tf': windowsPool }, 'pools.tf')).toEqual({ clusters: [], problems: [] });
  });
});

describe('azapi_resource', () => {
  it.each([
    ['Automatic', { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium' }],
    ['automatic', { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium' }],
    ['Base', {}],
  ])("sku.name %s without a network profile gives AKS Automatic's defaults on the sku line", (sku, expected) => {
    // Arrange
    const text = `resource "azapi_resource" "aks" {\n  type = "Microsoft.ContainerService/managedClusters@2025-10-01"\n  body = {\n    sku = { name = "${sku}", tier = "Standard" }\n  }\n}\n`;
    // Act
    const { network } = only(run({ 'main.tf': text }));
    // Assert
    const values = Object.fromEntries(
      Object.entries(network).map(([key, setting]) => [
        key,
        setting?.how === 'unresolved' ? undefined : setting?.value,
      ]),
    );
    expect(values).toEqual(expected);
    for (const setting of Object.values(network)) expect(setting).toMatchObject({ how: 'default', range: lines(4) });
  });

  const jsonencoded = [
    'resource "azapi_resource" "aks" {',
    '  type = "Microsoft.ContainerService/managedClusters@2024-09-01"',
    '  name = "aks-azapi"',
    '  body = jsonencode({',
    '    properties = {',
    '      kubernetesVersion = "1.30"',
    '      agentPoolProfiles = [',
    '        {',
    '          name         = "system"',
    '          count        = 3',
    '          vnetSubnetId = "/subscriptions/s/subnets/nodes"',
    '        },',
    '        { name = "user", osType = "Windows", enableAutoScaling = true, minCount = 1, maxCount = 4, maxPods = 30 }',
    '      ]',
    '      networkProfile = {',
    '        networkPlugin     = "azure"',
    '        networkPluginMode = "overlay"',
    '        networkDataplane  = "cilium"',
    '        networkPolicy     = "cilium"',
    '        podCidr           = "192.168.0.0/16"',
    '        serviceCidr       = "10.0.0.0/16"',
    '        dnsServiceIP      = "10.0.0.10"',
    '        outboundType      = "managedNATGateway"',
    '        loadBalancerSku   = "standard"',
    '        networkMode       = "transparent"',
    '      }',
    '    }',
    '  })',
    '}',
    '',
  ].join('\n');

  it('reads a managedClusters body given with jsonencode', () => {
    // Act
    const cluster = only(run({ 'main.tf': jsonencoded }));
    // Assert
    expect(cluster).toEqual({
      id: 'azapi_resource.aks',
      format: 'terraform',
      definition: 'azapi_resource Microsoft.ContainerService/managedClusters@2024-09-01',
      range: lines(1, 29),
      apiVersion: '2024-09-01',
      name: literal('aks-azapi', 3),
      kubernetesVersion: literal('1.30', 6),
      networkProfileRange: lines(15, 26),
      network: {
        plugin: literal('azure', 16),
        pluginMode: literal('overlay', 17),
        dataplane: literal('cilium', 18),
        policy: literal('cilium', 19),
        podCidr: literal('192.168.0.0/16', 20),
        serviceCidr: literal('10.0.0.0/16', 21),
        dnsServiceIp: literal('10.0.0.10', 22),
        outboundType: literal('managedNATGateway', 23),
        loadBalancerSku: literal('standard', 24),
        networkMode: literal('transparent', 25),
      },
      nodePools: [
        {
          name: 'system',
          range: lines(8, 12),
          isDefault: true,
          nodeCount: literal(3, 10),
          // ARM property names are case-insensitive: vnetSubnetId is vnetSubnetID.
          vnetSubnetId: literal('/subscriptions/s/subnets/nodes', 11),
        },
        {
          name: 'user',
          range: lines(13),
          isDefault: false,
          osType: literal('Windows', 13),
          autoScaling: literal(true, 13),
          minCount: literal(1, 13),
          maxCount: literal(4, 13),
          maxPods: literal(30, 13),
        },
      ],
    });
  });

  it.each([
    [
      'a plain object body',
      'body = {\n    properties = {\n      networkProfile = {\n        networkPlugin = "kubenet"\n      }\n    }\n  }',
    ],
    [
      'quoted keys',
      'body = {\n    "properties" = {\n      "networkProfile" = {\n        "networkPlugin" = "kubenet"\n      }\n    }\n  }',
    ],
    [
      'JSON-style colons',
      'body = jsonencode({\n    "properties": {\n      "networkProfile": {\n        "networkPlugin": "kubenet"\n      }\n    }\n  })',
    ],
  ])('reads %s', (_name, body) => {
    // Arrange
    const text = `resource "azapi_resource" "aks" {\n  type = "Microsoft.ContainerService/managedClusters@2025-10-01"\n  ${body}\n}\n`;
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.network).toEqual({ plugin: literal('kubenet', 6) });
    expect(cluster.networkProfileRange).toEqual(lines(5, 7));
  });

  it('reads a body built in a local, anchored at the body attribute', () => {
    // Arrange
    const text = [
      'locals {',
      '  cluster_body = {',
      '    properties = { networkProfile = { networkPlugin = "kubenet" } }',
      '  }',
      '}',
      'resource "azapi_resource" "aks" {',
      '  type = "Microsoft.ContainerService/managedClusters@2025-10-01"',
      '  body = jsonencode(local.cluster_body)',
      '}',
      '',
    ].join('\n');
    // Act
    const { network } = only(run({ 'main.tf': text }));
    // Assert
    expect(network.plugin).toMatchObject({
      how: 'resolved',
      value: 'kubenet',
      range: lines(8),
      expression: 'jsonencode(local.cluster_body).properties.networkProfile.networkPlugin',
      via: [
        { description: 'local.cluster_body = {…} (main.tf:2-4)' },
        { description: 'properties = {…} (main.tf:3)' },
        { description: 'networkProfile = {…} (main.tf:3)' },
        { description: 'networkPlugin = "kubenet" (main.tf:3)' },
      ],
    });
  });

  it('marks the plugin unresolved when the body cannot be evaluated', () => {
    // Arrange
    const text =
      'resource "azapi_resource" "aks" {\n  type = "Microsoft.ContainerService/managedClusters@2025-10-01"\n  body = merge(local.base, local.network)\n}\n';
    // Act
    const { network } = only(run({ 'main.tf': text }));
    // Assert
    expect(network).toEqual({
      plugin: {
        how: 'unresolved',
        range: lines(3),
        expression: 'merge(local.base, local.network)',
        reason: expect.stringMatching(/function call merge\(local\.base, local\.network\) is not evaluated/),
      },
    });
  });

  it('attaches a managedClusters/agentPools child from another file', () => {
    // Arrange
    const pool = [
      'resource "azapi_resource" "win" {',
      '  type      = "Microsoft.ContainerService/managedClusters/agentPools@2024-09-01"',
      '  name      = "win"',
      '  parent_id = azapi_resource.aks.id',
      '  body = jsonencode({',
      '    properties = { count = 2, osType = "Windows", podSubnetID = "/subscriptions/s/subnets/pods", podIPAllocationMode = "StaticBlock" }',
      '  })',
      '}',
      '',
    ].join('\n');
    // Act
    const pools = only(run({ 'main.tf': jsonencoded, 'pools.tf': pool })).nodePools;
    // Assert
    expect(pools[2]).toEqual({
      name: 'win',
      range: lines(1, 8, 'pools.tf'),
      isDefault: false,
      nodeCount: literal(2, 6, 'pools.tf'),
      osType: literal('Windows', 6, 'pools.tf'),
      podSubnetId: literal('/subscriptions/s/subnets/pods', 6, 'pools.tf'),
      podIpAllocationMode: literal('StaticBlock', 6, 'pools.tf'),
    });
  });

  it.each([
    ['another resource type', 'Microsoft.Storage/storageAccounts@2023-01-01'],
    ['an agent pool', 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01'],
    ['a fleet', 'Microsoft.ContainerService/fleets@2024-04-01'],
  ])('is not a cluster for %s', (_name, type) => {
    const text = `resource "azapi_resource" "x" {\n  type = "${type}"\n  body = { properties = { networkProfile = { networkPlugin = "kubenet" } } }\n}\n`;
    expect(run({ 'main.tf': text })).toEqual({ clusters: [], problems: [] });
  });
});

describe('modules', () => {
  it.each([
    ['Azure/aks/azurerm', 'aks'],
    ['azure/AKS/azurerm', 'aks'],
    ['registry.terraform.io/Azure/aks/azurerm', 'aks'],
    ['Azure/aks/azurerm//modules/extra', 'aks'],
    ['Azure/avm-res-containerservice-managedcluster/azurerm', 'avm'],
    ['./modules/aks', undefined],
    ['git::https://github.com/Azure/terraform-azurerm-aks.git?ref=10.2.0', undefined],
    ['Azure/aks-engine/azurerm', undefined],
    ['claranet/aks-light/azurerm', undefined],
    ['Azure/avm-ptn-aks-production/azurerm', undefined],
  ])('source %s is module %s', (source, expected) => {
    expect(registryModule(source)).toBe(expected);
  });

  it('is no cluster for another module, even one that mentions aks', () => {
    const text = 'module "aks_network" {\n  source = "Azure/vnet/azurerm"\n  network_plugin = "kubenet"\n}\n';
    expect(run({ 'main.tf': text })).toEqual({ clusters: [], problems: [] });
  });

  describe('local module calls are cluster instances', () => {
    // modules/aks/main.tf: the resource on line 1, network_plugin on line 4, its pod subnet pool on line 8.
    const moduleMain =
      'resource "azurerm_kubernetes_cluster" "this" {\n  name = var.name\n  network_profile {\n    network_plugin = var.network_plugin\n  }\n}\n\n' +
      'resource "azurerm_kubernetes_cluster_node_pool" "extra" {\n  for_each = { for k, p in var.pools : k => p }\n  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id\n  pod_subnet_id = each.value.pod_subnet\n}\n';
    const moduleVariables =
      'variable "name" {}\nvariable "network_plugin" {\n  default  = "kubenet"\n  nullable = false\n}\nvariable "pools" {\n  default = {}\n}\n';
    const module = { 'modules/aks/main.tf': moduleMain, 'modules/aks/variables.tf': moduleVariables };

    it.each([
      ['a passed literal lands on the argument line', '  network_plugin = "azure"', 'azure', lines(4)],
      ['a passed variable is followed in the caller', '  network_plugin = var.plugin', 'azure', lines(4)],
      [
        'null to a non-nullable variable gives its default, on the call line',
        '  network_plugin = null',
        'kubenet',
        lines(1),
      ],
      ['the module default lands on the call line', '', 'kubenet', lines(1)],
    ])('%s', (_, argument, value, range) => {
      // Arrange
      const main = `module "aks" {\n  source = "./modules/aks"\n  name   = "prod"\n${argument}\n}\nvariable "plugin" {\n  default = "azure"\n}\n`;
      // Act
      const clusters = run({ 'main.tf': main, ...module }).clusters;
      // Assert
      expect(clusters).toHaveLength(1);
      const [cluster] = clusters;
      expect(cluster?.id).toBe('module.aks.azurerm_kubernetes_cluster.this');
      expect(cluster?.range).toEqual(lines(1, 5));
      expect(cluster?.network.plugin).toMatchObject({ how: 'resolved', value, range });
      // Every step names a file and lines: the module's own line comes first.
      const plugin = cluster?.network.plugin;
      if (plugin?.how !== 'resolved') throw new Error('not resolved');
      expect(plugin.via[0]?.range).toEqual(lines(4, 4, 'modules/aks/main.tf'));
      for (const step of plugin.via) expect(step.range.file).not.toBe('');
      // The pools' for_each over the empty default creates no pool.
      expect(cluster?.nodePools).toEqual([]);
    });

    it('follows nested calls, the outer argument deciding', () => {
      // Arrange
      const files = {
        'main.tf': 'module "platform" {\n  source = "./platform"\n  plugin = "azure"\n}\n',
        'platform/main.tf':
          'variable "plugin" {}\nmodule "cluster" {\n  source = "../modules/aks"\n  name = "x"\n  network_plugin = var.plugin\n}\n',
        ...module,
      };
      // Act
      const [cluster] = run(files).clusters;
      // Assert
      expect(cluster?.id).toBe('module.platform.module.cluster.azurerm_kubernetes_cluster.this');
      expect(cluster?.range).toEqual(lines(1, 4));
      expect(cluster?.network.plugin).toMatchObject({ how: 'resolved', value: 'azure', range: lines(3) });
    });

    it('notes count and for_each in the definition', () => {
      const main = 'module "aks" {\n  source = "./modules/aks"\n  count  = 2\n  name   = "a"\n}\n';
      const [cluster] = run({ 'main.tf': main, ...module }).clusters;
      expect(cluster?.definition).toBe(
        'module "aks" (source "./modules/aks") (count = 2) > azurerm_kubernetes_cluster',
      );
    });

    it('is no cluster when the called folder defines none', () => {
      const files = {
        'main.tf': 'module "net" {\n  source = "./network"\n}\n',
        'network/main.tf': 'variable "x" {}\n',
      };
      expect(run(files)).toEqual({ clusters: [], problems: [] });
    });

    it('stops at a module that calls itself', () => {
      const files = { 'main.tf': 'module "aks" {\n  source = "./"\n}\n' };
      expect(run(files)).toEqual({ clusters: [], problems: [] });
    });

    it.each([
      ['git::https://github.com/example/terraform-azurerm-aks.git?ref=v1', 'is not in the scanned files'],
      ['github.com/example/terraform-azurerm-aks', 'is not in the scanned files'],
      ['./modules/aks', 'is not in the scanned files; scan it too'],
    ])('a call of %s whose code is not scanned is an unresolved instance', (source, reason) => {
      // Arrange
      const main = `module "aks" {\n  source = "${source}"\n  network_plugin = "kubenet"\n}\n`;
      // Act
      const cluster = only(run({ 'main.tf': main }));
      // Assert
      expect(cluster.range).toEqual(lines(1, 4));
      expect(cluster.network.plugin).toMatchObject({ how: 'unresolved', range: lines(3) });
      const plugin = cluster.network.plugin;
      expect(plugin?.how === 'unresolved' ? plugin.reason : '').toContain(reason);
    });

    it.each(['github.com/example/terraform-azurerm-aks-node-pool', 'github.com/example/terraform-azurerm-network'])(
      'a remote call of %s is not a cluster',
      (source) => {
        const main = `module "aks_pool" {\n  source = "${source}"\n}\n`;
        expect(run({ 'main.tf': main })).toEqual({ clusters: [], problems: [] });
      },
    );
  });

  describe('Azure/aks/azurerm', () => {
    function aks(inputs: string): string {
      return `module "aks" {\n  source  = "Azure/aks/azurerm"\n  version = "10.2.0"\n${inputs}\n}\n`;
    }

    it('defaults to kubenet on the module line when network_plugin is left out', () => {
      // Act
      const cluster = only(run({ 'main.tf': aks('  resource_group_name = "rg"\n  cluster_name = "aks-shop"') }));
      // Assert
      expect(cluster).toMatchObject({
        id: 'module.aks',
        definition: 'module "Azure/aks/azurerm"',
        range: lines(1, 6),
        name: literal('aks-shop', 5),
        resourceGroup: literal('rg', 4),
        network: {
          plugin: {
            how: 'default',
            value: 'kubenet',
            range: lines(1),
            note: 'the Azure/aks/azurerm module\'s network_plugin variable defaults to "kubenet"',
          },
          outboundType: { how: 'default', value: 'loadBalancer', range: lines(1) },
          loadBalancerSku: { how: 'default', value: 'standard', range: lines(1) },
        },
      });
    });

    it.each([
      ['network_plugin = "azure"', { plugin: literal('azure', 4) }],
      [
        'network_plugin = null',
        {
          plugin: { how: 'default', value: 'kubenet', range: lines(4), note: expect.stringMatching(/null falls back/) },
        },
      ],
      ['network_plugin_mode = "overlay"', { pluginMode: literal('overlay', 4) }],
      ['network_policy = "calico"', { policy: literal('calico', 4) }],
      ['ebpf_data_plane = "cilium"', { dataplane: literal('cilium', 4) }],
      ['net_profile_pod_cidr = "10.244.0.0/16"', { podCidr: literal('10.244.0.0/16', 4) }],
      ['net_profile_service_cidr = "10.0.0.0/16"', { serviceCidr: literal('10.0.0.0/16', 4) }],
      ['net_profile_dns_service_ip = "10.0.0.10"', { dnsServiceIp: literal('10.0.0.10', 4) }],
      ['net_profile_outbound_type = "userDefinedRouting"', { outboundType: literal('userDefinedRouting', 4) }],
      ['load_balancer_sku = "basic"', { loadBalancerSku: literal('basic', 4) }],
    ])('reads %s', (input, expected) => {
      // Act
      const { network } = only(run({ 'main.tf': aks(`  ${input}`) }));
      // Assert
      expect(network).toMatchObject(expected);
    });

    it.each([
      [
        'v10 names',
        '  agents_pool_name = "system"\n  agents_count = 3\n  auto_scaling_enabled = false\n  agents_max_pods = 50\n  vnet_subnet = { id = "/s/nodes" }\n  pod_subnet = { id = "/s/pods" }',
        {
          name: 'system',
          nodeCount: literal(3, 5),
          autoScaling: literal(false, 6),
          maxPods: literal(50, 7),
          vnetSubnetId: literal('/s/nodes', 8),
          podSubnetId: literal('/s/pods', 9),
        },
      ],
      [
        'older names',
        '  enable_auto_scaling = true\n  agents_min_count = 1\n  agents_max_count = 4\n  vnet_subnet_id = "/s/nodes"\n  pod_subnet_id = "/s/pods"',
        {
          name: 'nodepool',
          autoScaling: literal(true, 4),
          minCount: literal(1, 5),
          maxCount: literal(4, 6),
          vnetSubnetId: literal('/s/nodes', 7),
          podSubnetId: literal('/s/pods', 8),
        },
      ],
    ])('reads the default pool from agents_* inputs (%s)', (_name, inputs, expected) => {
      // Act
      const [pool] = only(run({ 'main.tf': aks(inputs) })).nodePools;
      // Assert
      expect(pool).toEqual({ range: expect.objectContaining({ startLine: 1 }), isDefault: true, ...expected });
    });

    it('reads node_pools entries as further pools', () => {
      // Arrange
      const inputs =
        '  node_pools = {\n    win = {\n      name    = "win"\n      os_type = "Windows"\n      vnet_subnet = { id = "/s/win" }\n    }\n  }';
      // Act
      const pools = only(run({ 'main.tf': aks(inputs) })).nodePools;
      // Assert
      expect(pools[1]).toEqual({
        name: 'win',
        range: lines(5, 9),
        isDefault: false,
        osType: literal('Windows', 7),
        vnetSubnetId: literal('/s/win', 8),
      });
    });
  });

  describe('Azure/avm-res-containerservice-managedcluster/azurerm', () => {
    it.each([
      ['0.3.1', 'azurerm'],
      ['= 0.3.1', 'azurerm'],
      ['~> 0.3.0', 'azurerm'],
      ['< 0.4.0', 'azurerm'],
      ['>= 0.2.0, < 0.4.0', 'azurerm'],
      ['0.4.0', 'azapi'],
      ['>= 0.4.0', 'azapi'],
      ['~> 0.4.0', 'azapi'],
      ['~> 0.5', 'azapi'],
      ['v1.0.0', 'azapi'],
      ['>= 0.2', 'unknown'],
      ['~> 0.3', 'unknown'],
      ['> 0.3.9', 'unknown'],
      ['<= 0.4.0', 'unknown'],
      ['!= 0.3.0', 'unknown'],
      ['>= 0.5, < 0.3', 'unknown'],
      ['latest', 'unknown'],
      ['', 'unknown'],
      [undefined, 'unknown'],
    ])('version %j is %s-based', (constraint, expected) => {
      expect(avmEra(constraint)).toBe(expected);
    });

    function avm(version: string | undefined, inputs: string): string {
      const pin = version === undefined ? '' : `  version = "${version}"\n`;
      return `module "aks" {\n  source = "Azure/avm-res-containerservice-managedcluster/azurerm"\n${pin}  name = "aks-avm"\n${inputs}\n}\n`;
    }

    it('uses the v0.1–v0.3 network_profile default, citing the version, when it is left out', () => {
      // Act
      const { network } = only(run({ 'main.tf': avm('0.3.1', '  resource_group_name = "rg"') }));
      // Assert
      const note = expect.stringMatching(/module \(version "0\.3\.1", before v0\.4\.0\) defaults network_profile/);
      expect(network).toEqual({
        plugin: { how: 'default', value: 'azure', range: lines(1), note },
        pluginMode: { how: 'default', value: 'overlay', range: lines(1), note },
        policy: { how: 'default', value: 'azure', range: lines(1), note },
      });
    });

    it.each([
      ['~> 0.5', undefined],
      ['0.4.0', undefined],
    ])('leaves the plugin to AKS for version %s when network_profile is left out', (version) => {
      const cluster = only(run({ 'main.tf': avm(version, '') }));
      expect(cluster.network).toEqual({});
    });

    it('marks the plugin unresolved for an unpinned module without network_profile', () => {
      // Act
      const { network } = only(run({ 'main.tf': avm('>= 0.2', '') }));
      // Assert
      expect(network).toEqual({
        plugin: {
          how: 'unresolved',
          range: lines(3),
          expression: 'version = ">= 0.2"',
          reason: expect.stringMatching(/changed in v0\.4\.0.*pin a version/),
        },
      });
    });

    it.each([
      ['~> 0.5', 'network_dataplane', { dataplane: literal('cilium', 7) }],
      ['~> 0.5', 'network_data_plane', {}],
      ['0.3.1', 'network_data_plane', { dataplane: literal('cilium', 7) }],
      ['0.3.1', 'network_dataplane', {}],
      [undefined, 'network_dataplane', { dataplane: literal('cilium', 6) }],
      [undefined, 'network_data_plane', { dataplane: literal('cilium', 6) }],
    ])('version %j reads network_profile.%s as the version spells it', (version, spelling, dataplane) => {
      // Arrange
      const inputs = `  network_profile = {\n    network_plugin = "azure"\n    ${spelling} = "cilium"\n  }`;
      // Act
      const { network } = only(run({ 'main.tf': avm(version, inputs) }));
      // Assert
      const pluginLine = version === undefined ? 5 : 6;
      expect(network).toEqual({ plugin: literal('azure', pluginLine), ...dataplane });
    });

    it('reads v0.4+ default_agent_pool and agent_pools', () => {
      // Arrange
      const inputs = [
        '  default_agent_pool = {',
        '    count_of               = 3',
        '    pod_subnet_id          = "/s/pods"',
        '    pod_ip_allocation_mode = "StaticBlock"',
        '  }',
        '  agent_pools = {',
        '    win = { os_type = "Windows", enable_auto_scaling = true, max_count = 3 }',
        '  }',
      ].join('\n');
      // Act
      const pools = only(run({ 'main.tf': avm('0.6.0', inputs) })).nodePools;
      // Assert
      expect(pools).toEqual([
        {
          name: 'systempool',
          range: lines(5, 9),
          isDefault: true,
          nodeCount: literal(3, 6),
          podSubnetId: literal('/s/pods', 7),
          podIpAllocationMode: literal('StaticBlock', 8),
        },
        {
          name: 'win',
          range: lines(11),
          isDefault: false,
          osType: literal('Windows', 11),
          autoScaling: literal(true, 11),
          maxCount: literal(3, 11),
        },
      ]);
    });
  });
});

describe('resolving values', () => {
  const variables = [
    'variable "network_plugin" {',
    '  type    = string',
    '  default = "azure"',
    '}',
    '',
    'variable "network" {',
    '  default = {',
    '    plugin = "kubenet"',
    '  }',
    '}',
    '',
  ].join('\n');

  it.each([
    ['a literal', { 'main.tf': pluginFrom('"kubenet"') }, literal('kubenet', 3)],
    ['a template with only literal parts', { 'main.tf': pluginFrom('"kube${"net"}"') }, literal('kubenet', 3)],
    ['escapes', { 'main.tf': pluginFrom('"kube\\u006eet"') }, literal('kubenet', 3)],
    ['strip markers', { 'main.tf': pluginFrom('"  ${~ "kubenet" ~}  "') }, literal('kubenet', 3)],
    [
      'a variable default',
      { 'main.tf': pluginFrom('var.network_plugin'), 'variables.tf': variables },
      {
        how: 'resolved',
        value: 'azure',
        range: lines(3),
        expression: 'var.network_plugin',
        via: [
          { description: 'var.network_plugin default "azure" (variables.tf:3)', range: lines(3, 3, 'variables.tf') },
        ],
      },
    ],
    [
      'terraform.tfvars over the default',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': variables,
        'terraform.tfvars': 'network_plugin = "kubenet"\n',
      },
      {
        how: 'resolved',
        value: 'kubenet',
        via: [
          {
            description: 'terraform.tfvars sets var.network_plugin = "kubenet" (terraform.tfvars:1)',
            range: lines(1, 1, 'terraform.tfvars'),
          },
        ],
      },
    ],
    [
      'terraform.tfvars.json over terraform.tfvars',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': variables,
        'terraform.tfvars': 'network_plugin = "kubenet"\n',
        'terraform.tfvars.json': '{\n  "network_plugin": "none"\n}\n',
      },
      {
        how: 'resolved',
        value: 'none',
        via: [{ description: 'terraform.tfvars.json sets var.network_plugin = "none" (terraform.tfvars.json:2)' }],
      },
    ],
    [
      '*.auto.tfvars in lexical order, after terraform.tfvars',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': variables,
        'z.auto.tfvars': 'network_plugin = "kubenet"\n',
        'a.auto.tfvars.json': '{ "network_plugin": "none" }\n',
        'terraform.tfvars': 'network_plugin = "azure"\n',
      },
      {
        how: 'resolved',
        value: 'kubenet',
        via: [{ description: 'z.auto.tfvars sets var.network_plugin = "kubenet" (z.auto.tfvars:1)' }],
      },
    ],
    [
      'a local',
      { 'main.tf': `locals {\n  plugin = "kubenet"\n}\n${pluginFrom('local.plugin').replace(/^/, '')}` },
      {
        how: 'resolved',
        value: 'kubenet',
        range: lines(6),
        via: [{ description: 'local.plugin = "kubenet" (main.tf:2)', range: lines(2) }],
      },
    ],
    [
      'a local in another file that uses a variable',
      {
        'main.tf': pluginFrom('local.plugin'),
        'locals.tf': 'locals {\n  plugin = var.network_plugin\n}\n',
        'variables.tf': variables,
      },
      {
        how: 'resolved',
        value: 'azure',
        via: [
          { description: 'local.plugin = "azure" (locals.tf:2)' },
          { description: 'var.network_plugin default "azure" (variables.tf:3)' },
        ],
      },
    ],
    [
      'a conditional whose condition resolves',
      {
        'main.tf': pluginFrom('var.network_plugin == "azure" && !false ? "azure" : "kubenet"'),
        'variables.tf': variables,
      },
      {
        how: 'resolved',
        value: 'azure',
        via: [
          { description: 'var.network_plugin default "azure" (variables.tf:3)' },
          { description: expect.stringMatching(/is true, so "azure"/) },
        ],
      },
    ],
    [
      'the false branch of a conditional',
      {
        'main.tf': pluginFrom('var.network_plugin != "azure" || 1 > 2 ? "azure" : "kubenet"'),
        'variables.tf': variables,
      },
      {
        how: 'resolved',
        value: 'kubenet',
        via: [{}, { description: expect.stringMatching(/is false, so "kubenet"/) }],
      },
    ],
    [
      'a conditional whose branches agree',
      {
        'main.tf': pluginFrom('var.unknown_flag ? "kubenet" : "kubenet"'),
        'variables.tf': 'variable "unknown_flag" {}\n',
      },
      { how: 'resolved', value: 'kubenet', via: [{ description: expect.stringMatching(/^both branches/) }] },
    ],
    [
      'a template with a variable',
      { 'main.tf': pluginFrom('"${var.network_plugin}"'), 'variables.tf': variables },
      { how: 'resolved', value: 'azure', expression: '"${var.network_plugin}"' },
    ],
    [
      'an attribute of an object default',
      { 'main.tf': pluginFrom('var.network.plugin'), 'variables.tf': variables },
      {
        how: 'resolved',
        value: 'kubenet',
        via: [
          { description: 'var.network default {…} (variables.tf:7-9)' },
          { description: 'var.network.plugin = "kubenet" (variables.tf:8)' },
        ],
      },
    ],
    [
      'an index into an object default',
      { 'main.tf': pluginFrom('var.network["plugin"]'), 'variables.tf': variables },
      {
        how: 'resolved',
        value: 'kubenet',
        via: [{}, { description: 'var.network["plugin"] = "kubenet" (variables.tf:8)' }],
      },
    ],
    [
      'tfvars null for a non-nullable variable (the default stays)',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': 'variable "network_plugin" {\n  default  = "azure"\n  nullable = false\n}\n',
        'terraform.tfvars': 'network_plugin = null\n',
      },
      {
        how: 'resolved',
        value: 'azure',
        via: [{ description: 'var.network_plugin default "azure" (variables.tf:2)' }],
      },
    ],
    [
      'a -var-file that agrees with the resolved value',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': variables,
        'prod.tfvars': 'network_plugin = "azure"\n',
      },
      { how: 'resolved', value: 'azure' },
    ],
  ])('resolves %s', (_name, files, expected) => {
    // Act
    const { network } = only(run(files));
    // Assert
    expect(network.plugin).toMatchObject(expected);
  });

  it.each([
    [
      'a variable without default or tfvars',
      { 'main.tf': pluginFrom('var.plugin'), 'variables.tf': 'variable "plugin" {\n  type = string\n}\n' },
      /^var\.plugin has no default and no terraform\.tfvars\/\*\.auto\.tfvars sets it; a Terraform plan JSON gives exact values$/,
    ],
    [
      'an undeclared variable',
      { 'main.tf': pluginFrom('var.plugin') },
      /var\.plugin is not declared in any \.tf file in the root directory/,
    ],
    [
      'a variable that -var-files set differently',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': variables,
        'prod.tfvars': 'network_plugin = "kubenet"\n',
        'dev.tfvars': 'network_plugin = "azure"\n',
      },
      /depends on which -var-file is passed: without one it is "azure" \(the default in variables\.tf\); dev\.tfvars sets "azure", prod\.tfvars sets "kubenet"/,
    ],
    [
      'a variable without default that only -var-files set',
      {
        'main.tf': pluginFrom('var.plugin'),
        'variables.tf': 'variable "plugin" {}\n',
        'prod.tfvars': 'plugin = "kubenet"\n',
      },
      /no default.*depends on which -var-file is passed: prod\.tfvars sets "kubenet"/,
    ],
    [
      'a broken terraform.tfvars that may set it',
      {
        'main.tf': pluginFrom('var.network_plugin'),
        'variables.tf': variables,
        'terraform.tfvars': 'network_plugin = [\n',
      },
      /terraform\.tfvars has a syntax error at line 1/,
    ],
    [
      'a resource attribute',
      { 'main.tf': pluginFrom('azurerm_resource_group.rg.name') },
      /refers to another resource, known only after apply/,
    ],
    ['a data source', { 'main.tf': pluginFrom('data.external.settings.result.plugin') }, /read from a data source/],
    ['a module output', { 'main.tf': pluginFrom('module.settings.plugin') }, /output of another module/],
    [
      'a function call',
      { 'main.tf': pluginFrom('lower("KUBENET")') },
      /function call lower\("KUBENET"\) is not evaluated/,
    ],
    ['try()', { 'main.tf': pluginFrom('try(var.settings.plugin, "kubenet")') }, /function call try\(/],
    [
      'a for expression',
      { 'main.tf': pluginFrom('[for p in ["kubenet"] : p][0]') },
      /a for expression is not evaluated/,
    ],
    ['a splat', { 'main.tf': pluginFrom('var.list[*].plugin') }, /a splat expression/],
    ['each.value', { 'main.tf': pluginFrom('each.value.plugin') }, /depends on the resource's for_each/],
    ['a template directive', { 'main.tf': pluginFrom('"%{ if true }kubenet%{ endif }"') }, /template directive/],
    [
      'a cycle between locals',
      { 'main.tf': `${pluginFrom('local.a')}locals {\n  a = local.b\n  b = local.a\n}\n` },
      /local\.a refers back to itself \(local\.a → local\.b → local\.a\)/,
    ],
    [
      'a local that refers to itself',
      { 'main.tf': `${pluginFrom('local.a')}locals {\n  a = "${'${local.a}'}x"\n}\n` },
      /refers back to itself/,
    ],
    [
      'a chain of locals deeper than 32',
      {
        'main.tf': `${pluginFrom('local.l0')}locals {\n${Array.from({ length: 40 }, (_, i) => `  l${i} = local.l${i + 1}`).join('\n')}\n  l40 = "kubenet"\n}\n`,
      },
      /more than 32 references deep/,
    ],
    [
      'a condition that cannot be evaluated',
      { 'main.tf': pluginFrom('var.use_cni ? "azure" : "kubenet"'), 'variables.tf': 'variable "use_cni" {}\n' },
      /the condition var\.use_cni could not be evaluated: var\.use_cni has no default/,
    ],
    [
      'a missing object attribute',
      { 'main.tf': pluginFrom('var.network.mode'), 'variables.tf': variables },
      /var\.network has no mode/,
    ],
    ['a number where a string is expected', { 'main.tf': pluginFrom('{ a = 1 }') }, /is \{…\}, expected a string/],
  ])('leaves %s unresolved, saying why', (_name, files, reason) => {
    // Act
    const { network } = only(run(files));
    // Assert
    expect(network.plugin).toEqual({
      how: 'unresolved',
      range: lines(3),
      expression: expect.any(String),
      reason: expect.stringMatching(reason),
    });
  });

  it.each([
    ['a computed attribute it does not write', 'azurerm_resource_group.rg.id', 'name = "rg-prod"'],
    ['a block repeated by count', 'azurerm_resource_group.rg.name', 'count = 2\n  name = "rg-prod"'],
  ])('leaves a resource reference to %s unresolved', (_name, expression, body) => {
    const main = `${azurerm(`  resource_group_name = ${expression}`)}resource "azurerm_resource_group" "rg" {\n  ${body}\n}\n`;
    const cluster = only(run({ 'main.tf': main }));
    expect(cluster.resourceGroup).toMatchObject({
      how: 'unresolved',
      reason: expect.stringMatching(/another resource/),
    });
  });

  it("reads an argument another resource block writes, as Terraform plans it (the resource group's name)", () => {
    // Arrange
    const main = `${azurerm('  resource_group_name = azurerm_resource_group.rg.name')}resource "azurerm_resource_group" "rg" {\n  name = var.rg\n}\n`;
    const files = { 'main.tf': main, 'variables.tf': 'variable "rg" {\n  default = "rg-prod"\n}\n' };
    // Act
    const cluster = only(run(files));
    // Assert
    expect(cluster.resourceGroup).toMatchObject({ how: 'resolved', value: 'rg-prod', range: lines(2) });
    expect(
      cluster.resourceGroup?.how === 'resolved' && cluster.resourceGroup.via.map((step) => step.description),
    ).toEqual(['azurerm_resource_group.rg.name = "rg-prod" (main.tf:5)', 'var.rg default "rg-prod" (variables.tf:2)']);
  });

  it('keeps the expression as written in an unresolved setting', () => {
    const { network } = only(run({ 'main.tf': pluginFrom('var.plugin') }));
    expect(network.plugin).toMatchObject({ how: 'unresolved', expression: 'var.plugin' });
  });

  it.each([
    ['a heredoc', 'name = <<EOT\n  aks-prod\nEOT', '  aks-prod\n'],
    ['an indented heredoc', 'name = <<-EOT\n    aks-prod\n      second\n    EOT', 'aks-prod\n  second\n'],
    ['a heredoc with an interpolation', 'name = <<EOT\n${"aks"}-prod\nEOT', 'aks-prod\n'],
    ['escaped template markers', 'name = "$${aks}-%%{prod}"', '${aks}-%{prod}'],
  ])('reads %s as a string', (_name, attribute, value) => {
    const cluster = only(run({ 'main.tf': azurerm(`  ${attribute}`) }));
    expect(cluster.name).toMatchObject({ value });
  });

  it('converts numbers written as strings, as Terraform does', () => {
    // Arrange
    const text = azurerm(
      '  default_node_pool {\n    name = "system"\n    max_pods = "110"\n    auto_scaling_enabled = "true"\n  }',
    );
    // Act
    const [pool] = only(run({ 'main.tf': text })).nodePools;
    // Assert
    expect(pool).toMatchObject({ maxPods: literal(110, 4), autoScaling: literal(true, 5) });
  });
});

describe('things that only look like settings', () => {
  it.each([
    ['a # comment', '  # network_plugin = "kubenet"\n  network_profile {\n    network_plugin = "azure"\n  }'],
    ['a // comment', '  // network_plugin = "kubenet"\n  network_profile {\n    network_plugin = "azure"\n  }'],
    [
      'a /* */ comment',
      '  /*\n  network_profile {\n    network_plugin = "kubenet"\n  }\n  */\n  network_profile {\n    network_plugin = "azure"\n  }',
    ],
    ['a tag', '  tags = { network_plugin = "kubenet" }\n  network_profile {\n    network_plugin = "azure"\n  }'],
    ['a string', '  dns_prefix = "network_plugin = kubenet"\n  network_profile {\n    network_plugin = "azure"\n  }'],
    [
      'a heredoc',
      '  custom_note = <<EOT\nnetwork_profile {\n  network_plugin = "kubenet"\n}\nEOT\n  network_profile {\n    network_plugin = "azure"\n  }',
    ],
  ])('ignores kubenet in %s', (_name, body) => {
    // Act
    const { network } = only(run({ 'main.tf': azurerm(body) }));
    // Assert
    expect(network.plugin).toMatchObject({ how: 'literal', value: 'azure' });
  });

  it.each([
    [
      'a commented-out cluster',
      '# resource "azurerm_kubernetes_cluster" "old" {\n#   network_profile { network_plugin = "kubenet" }\n# }\n',
    ],
    [
      'a cluster inside a heredoc',
      'locals {\n  doc = <<-EOT\n    resource "azurerm_kubernetes_cluster" "x" {\n    }\n  EOT\n}\n',
    ],
    [
      'a data source',
      'data "azurerm_kubernetes_cluster" "existing" {\n  name                = "aks"\n  resource_group_name = "rg"\n}\n',
    ],
    [
      'a cluster inside a string',
      'output "hint" {\n  value = "resource \\"azurerm_kubernetes_cluster\\" \\"x\\" {}"\n}\n',
    ],
  ])('finds no cluster in %s', (_name, text) => {
    expect(run({ 'main.tf': text })).toEqual({ clusters: [], problems: [] });
  });
});

describe('syntax errors', () => {
  const valid = azurerm('  network_profile {\n    network_plugin = "kubenet"\n  }', 'ok');

  it.each([
    // tree-sitter notices the missing "]" where the "}" comes; the line before it is reported.
    ['an unclosed list', 'resource "azurerm_storage_account" "sa" {\n  tags = [1, 2\n}\n', 2],
    ['an unclosed call', 'resource "azurerm_storage_account" "sa" {\n  name = lower(\n}\n', 2],
    ['a stray value', 'resource "azurerm_storage_account" "sa" {\n  name = "a" "b"\n}\n', 2],
  ])('reports %s with its line and still returns the valid clusters', (_name, broken, line) => {
    // Arrange
    const text = `${broken}${valid}`;
    // Act
    const result = run({ 'main.tf': text });
    // Assert
    expect(result.problems).toEqual([
      {
        kind: 'parse-error',
        range: lines(line),
        message: expect.stringMatching(
          new RegExp(
            `^Syntax error at line ${line}.*resource "azurerm_storage_account" "sa" \\(lines 1-3\\) was not analyzed\\.$`,
          ),
        ),
      },
    ]);
    expect(result.clusters.map((cluster) => [cluster.id, cluster.range.startLine])).toEqual([
      ['azurerm_kubernetes_cluster.ok', 4],
    ]);
    expect(result.clusters[0]?.network.plugin).toEqual(literal('kubenet', 6));
  });

  it.each([
    [
      'a file that ends inside an attribute',
      'resource "azurerm_kubernetes_cluster" "broken" {\n  network_profile {\n    network_plugin = \n',
      3,
      /^Syntax error at line 3: the file could not be parsed, so nothing in it was analyzed\.$/,
    ],
    [
      'a file that ends before the closing brace',
      'resource "azurerm_kubernetes_cluster" "open" {\n  name = "aks"\n\n\n',
      2,
      /^Syntax error at line 2 \(missing \}\): resource "azurerm_kubernetes_cluster" "open" \(lines 1-\d\) was not analyzed\.$/,
    ],
  ])('reports %s at the line where it stops', (_name, text, line, message) => {
    expect(run({ 'main.tf': text })).toEqual({
      clusters: [],
      problems: [{ kind: 'parse-error', range: lines(line), message: expect.stringMatching(message) }],
    });
  });

  it('skips a cluster block that holds the error, and says which', () => {
    // Arrange
    const text = `${azurerm('  network_profile {\n    network_plugin = "kubenet" "azure"\n  }', 'broken')}${valid}`;
    // Act
    const result = run({ 'main.tf': text });
    // Assert
    expect(result.problems).toMatchObject([
      { kind: 'parse-error', range: lines(3), message: expect.stringContaining('"broken"') },
    ]);
    expect(result.clusters.map((cluster) => cluster.id)).toEqual(['azurerm_kubernetes_cluster.ok']);
  });

  it('mentions a damaged sibling when a variable is not found', () => {
    // Arrange
    const files = {
      'main.tf': pluginFrom('var.network_plugin'),
      'variables.tf': 'variable "network_plugin" {\n  default = [\n}\n',
    };
    // Act
    const { network } = only(run(files));
    // Assert
    expect(network.plugin).toMatchObject({
      how: 'unresolved',
      reason: expect.stringMatching(/syntax errors in variables\.tf \(line \d+\) may hide it/),
    });
  });
});

describe('hostile input', () => {
  it('finishes a 5 MB file', () => {
    // Arrange
    const parts = [pluginFrom('"kubenet"')];
    let size = 0;
    for (let i = 0; size < 5_000_000; i++) {
      const part = `resource "azurerm_storage_account" "sa${i}" {\n  name = "st${i}"\n  tags = { env = "prod", index = ${i} }\n}\n`;
      parts.push(part);
      size += part.length;
    }
    // Act
    const result = run({ 'main.tf': parts.join('') });
    // Assert
    expect(result.problems).toEqual([]);
    expect(result.clusters.map((cluster) => cluster.network.plugin)).toEqual([literal('kubenet', 3)]);
  }, 120_000);

  it.each([
    ['5,000 nested objects', `  tags = ${'{ a = '.repeat(5000)}1${' }'.repeat(5000)}`],
    ['5,000 nested parentheses', `  dns_prefix = ${'('.repeat(5000)}"x"${')'.repeat(5000)}`],
    ['5,000 nested lists', `  tags = ${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['3,000 nested blocks', `${'  dynamic "x" {\n'.repeat(3000)}${'  }\n'.repeat(3000)}`],
  ])('reports %s as a problem instead of crashing', (_name, body) => {
    // Arrange
    const text = azurerm(`${body}\n  network_profile {\n    network_plugin = "kubenet"\n  }`);
    // Act
    const result = run({ 'main.tf': text });
    // Assert
    expect(result.problems).toEqual([
      {
        kind: 'parse-error',
        range: expect.any(Object),
        message: expect.stringMatching(/^Nesting deeper than 100 levels/),
      },
    ]);
    expect(result.clusters[0]?.network.plugin).toMatchObject({ how: 'literal', value: 'kubenet' });
  });

  it('turns an unexpected failure into a problem, never an exception', () => {
    // Arrange
    const files = fileSet({ 'main.tf': pluginFrom('"kubenet"') });
    const failing: FileSet = {
      ...files,
      inDirectory: () => {
        throw new Error('disk on fire');
      },
    };
    // Act
    const result = extract({ path: 'main.tf', text: pluginFrom('"kubenet"') }, failing);
    // Assert
    expect(result).toEqual({
      clusters: [],
      problems: [
        { kind: 'parse-error', range: lines(1), message: 'The Terraform file could not be analyzed: disk on fire' },
      ],
    });
  });
});

describe('caching', () => {
  it('parses each file of a directory once for all the clusters in it', () => {
    // Arrange
    const files: Record<string, string> = {
      'env/a.tf': azurerm('  network_profile {\n    network_plugin = var.plugin\n  }', 'a'),
      'env/b.tf': azurerm('  network_profile {\n    network_plugin = var.plugin\n  }', 'b'),
      'env/variables.tf': 'variable "plugin" {\n  default = "kubenet"\n}\n',
      'env/terraform.tfvars': 'plugin = "azure"\n',
      'env/outputs.tf': 'output "id" {\n  value = azurerm_kubernetes_cluster.a.id\n}\n',
    };
    const set = fileSet(files);
    // Act
    const plugins = ['env/a.tf', 'env/b.tf'].flatMap((path) =>
      extract({ path, text: files[path] ?? '' }, set).clusters.map(
        (cluster) => cluster.network.plugin?.how === 'resolved' && cluster.network.plugin.value,
      ),
    );
    // Assert
    expect(plugins).toEqual(['azure', 'azure']);
    expect(set.computed).toEqual([
      'terraform:parse:env/a.tf',
      'terraform:directory:env',
      'terraform:parse:env/terraform.tfvars',
      'terraform:parse:env/variables.tf',
      'terraform:parse:env/b.tf',
    ]);
  });
});

describe('fixtures', () => {
  function summary(cluster: Cluster): Record<string, unknown> {
    const network: Record<string, unknown> = {};
    for (const [key, setting] of Object.entries(cluster.network)) {
      if (setting === undefined) continue;
      network[key] =
        setting.how === 'unresolved' ? 'unresolved' : `${setting.how}:${setting.value}@${setting.range.startLine}`;
    }
    return {
      id: cluster.id,
      line: cluster.range.startLine,
      network,
      pools: cluster.nodePools.map(
        (pool) =>
          `${pool.isDefault ? '*' : ''}${pool.name}${pool.osType?.how === 'literal' ? `/${pool.osType.value}` : ''}@${pool.range.file.split('/').pop()}:${pool.range.startLine}`,
      ),
    };
  }

  it.each([
    [
      'azurerm-basic',
      'main.tf',
      [{ id: 'azurerm_kubernetes_cluster.example', line: 11, network: {}, pools: ['*default@main.tf:17'] }],
    ],
    [
      'azurerm-kubenet-udr',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.example',
          line: 9,
          network: {
            plugin: 'literal:kubenet@25',
            podCidr: 'literal:10.244.0.0/16@26',
            loadBalancerSku: 'literal:standard@27',
            outboundType: 'literal:userDefinedRouting@28',
          },
          pools: ['*system@main.tf:16'],
        },
      ],
    ],
    [
      'azurerm-windows-pool',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.win',
          line: 1,
          network: { plugin: 'literal:azure@20', policy: 'literal:azure@21' },
          pools: ['*system@main.tf:7', 'win/Windows@windows.tf:2'],
        },
      ],
    ],
    [
      'azurerm-pod-subnet',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.pods',
          line: 2,
          network: {
            plugin: 'literal:azure@20',
            policy: 'literal:calico@21',
            serviceCidr: 'literal:10.0.0.0/16@22',
            dnsServiceIp: 'literal:10.0.0.10@23',
          },
          pools: ['*system@main.tf:8', 'user@main.tf:31'],
        },
      ],
    ],
    [
      'aks-module-default',
      'main.tf',
      [
        {
          id: 'module.aks',
          line: 2,
          network: {
            plugin: 'default:kubenet@2',
            outboundType: 'default:loadBalancer@2',
            loadBalancerSku: 'default:standard@2',
          },
          pools: ['*system@main.tf:2', 'win/Windows@main.tf:22'],
        },
      ],
    ],
    [
      'aks-module-v6',
      'main.tf',
      [
        {
          id: 'module.aks',
          line: 2,
          network: {
            plugin: 'literal:azure@8',
            pluginMode: 'literal:overlay@9',
            dataplane: 'literal:cilium@10',
            policy: 'literal:cilium@11',
            podCidr: 'literal:192.168.0.0/16@12',
            serviceCidr: 'literal:10.0.0.0/16@13',
            dnsServiceIp: 'literal:10.0.0.10@14',
            outboundType: 'literal:userDefinedRouting@15',
            loadBalancerSku: 'default:standard@2',
          },
          pools: ['*nodepool@main.tf:2'],
        },
      ],
    ],
    [
      'avm-v0.5',
      'main.tf',
      [
        {
          id: 'module.aks',
          line: 2,
          network: {
            plugin: 'literal:azure@12',
            pluginMode: 'literal:overlay@13',
            dataplane: 'literal:cilium@14',
            policy: 'literal:cilium@15',
            podCidr: 'literal:192.168.0.0/16@16',
          },
          pools: ['*systempool@main.tf:19', 'user/Linux@main.tf:28'],
        },
      ],
    ],
    [
      'avm-v0.3',
      'main.tf',
      [
        {
          id: 'module.aks',
          line: 2,
          network: { plugin: 'default:azure@2', pluginMode: 'default:overlay@2', policy: 'default:azure@2' },
          pools: ['*default@main.tf:10'],
        },
      ],
    ],
    ['avm-unpinned', 'main.tf', [{ id: 'module.aks', line: 2, network: { plugin: 'unresolved' }, pools: [] }]],
    [
      'azapi-jsonencode',
      'main.tf',
      [
        {
          id: 'azapi_resource.aks',
          line: 2,
          network: { plugin: 'literal:kubenet@27', podCidr: 'literal:10.244.0.0/16@28' },
          pools: ['*system/Linux@main.tf:17', 'win/Windows@pools.tf:1'],
        },
      ],
    ],
    [
      'azapi-object',
      'main.tf',
      [
        {
          id: 'azapi_resource.aks',
          line: 2,
          network: {
            plugin: 'literal:azure@25',
            dataplane: 'literal:cilium@26',
            policy: 'literal:cilium@27',
            serviceCidr: 'literal:10.0.0.0/16@28',
            dnsServiceIp: 'literal:10.0.0.10@29',
          },
          pools: ['*system@main.tf:12', 'user/Linux@main.tf:18'],
        },
      ],
    ],
    [
      'traps',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.trap',
          line: 8,
          network: { plugin: 'literal:azure@27', pluginMode: 'literal:overlay@28' },
          pools: ['*system@main.tf:20'],
        },
      ],
    ],
    [
      'tfvars-override',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.this',
          line: 1,
          network: {
            plugin: 'resolved:kubenet@14',
            policy: 'resolved:calico@15',
            outboundType: 'resolved:loadBalancer@16',
          },
          pools: ['*system@main.tf:7'],
        },
      ],
    ],
    [
      'auto-tfvars',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.this',
          line: 1,
          network: { plugin: 'resolved:azure@14', pluginMode: 'resolved:overlay@15' },
          pools: ['*system@main.tf:7'],
        },
      ],
    ],
    [
      'var-file-choice',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.this',
          line: 1,
          network: { plugin: 'unresolved', policy: 'resolved:cilium@14' },
          pools: ['*system@main.tf:7'],
        },
      ],
    ],
    [
      'two-clusters',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.blue',
          line: 1,
          network: { plugin: 'literal:kubenet@13' },
          pools: ['*system@main.tf:7'],
        },
        {
          id: 'azurerm_kubernetes_cluster.green',
          line: 17,
          network: {
            plugin: 'literal:azure@29',
            pluginMode: 'literal:overlay@30',
            dataplane: 'literal:cilium@31',
            policy: 'literal:cilium@32',
          },
          pools: ['*system@main.tf:23'],
        },
      ],
    ],
    [
      'local-conditional',
      'main.tf',
      [
        {
          id: 'azurerm_kubernetes_cluster.this',
          line: 8,
          network: { plugin: 'resolved:azure@20', pluginMode: 'resolved:overlay@21' },
          pools: ['*system@main.tf:14'],
        },
      ],
    ],
  ])('%s/%s', (name, file, expected) => {
    // Arrange
    const files = fixture(name);
    // Act
    const result = run(files, `${name}/${file}`);
    // Assert
    expect(result.problems).toEqual([]);
    expect(result.clusters.map(summary)).toEqual(expected);
  });

  it('auto-tfvars: later auto-loaded files win, per variable', () => {
    // Act
    const cluster = only(run(fixture('auto-tfvars'), 'auto-tfvars/main.tf'));
    // Assert
    expect(cluster.name).toMatchObject({ how: 'resolved', value: 'aks-from-tfvars-json' });
    expect(cluster.nodePools[0]?.maxPods).toMatchObject({
      how: 'resolved',
      value: 110,
      via: [{ description: 'b-network.auto.tfvars.json sets var.max_pods = 110 (b-network.auto.tfvars.json:3)' }],
    });
  });

  it('var-file-choice: names each -var-file and its value', () => {
    const cluster = only(run(fixture('var-file-choice'), 'var-file-choice/main.tf'));
    expect(cluster.network.plugin).toMatchObject({
      how: 'unresolved',
      reason:
        'var.network_plugin depends on which -var-file is passed: without one it is "azure" (the default in variables.tf); dev.tfvars sets "azure", prod.tfvars sets "kubenet"',
    });
  });
});

describe('loading the grammar', () => {
  const grammar = createRequire(import.meta.url).resolve(
    '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  );
  const text = pluginFrom('"kubenet"');

  it('reports a problem, not an exception, before the grammar is loaded, and loads it from setGrammarPath', async () => {
    // Arrange
    setGrammarPath('/nonexistent/tree-sitter-terraform.wasm');
    // Act
    const rejected = initParser().then(
      () => 'loaded',
      () => 'rejected',
    );
    const before = run({ 'main.tf': text });
    setGrammarPath(grammar);
    await initParser();
    const after = run({ 'main.tf': text });
    // Assert
    expect(await rejected).toBe('rejected');
    expect(before).toEqual({
      clusters: [],
      problems: [{ kind: 'parse-error', range: lines(1), message: expect.stringMatching(/grammar is not loaded/) }],
    });
    expect(after.clusters.map((cluster) => cluster.network.plugin)).toEqual([literal('kubenet', 3)]);
  });

  it('loads once: init returns the same promise', () => {
    expect(initParser()).toBe(initParser());
  });
});

describe('virtual networks and subnets', () => {
  it.each([
    ['resource "azurerm_subnet" "nodes" {}', true],
    ['resource "azurerm_virtual_network" "vnet" {}', true],
    ['type = "Microsoft.Network/virtualNetworks@2024-05-01"', true],
    ['type = "Microsoft.Network/virtualNetworks/subnets@2024-05-01"', true],
    ['resource "azurerm_network_security_group" "nsg" {}', false],
    ['resource "azurerm_storage_account" "sa" {}', false],
  ])('%j could hold an address space: %s', (text, expected) => {
    expect(couldHoldAddressSpace(text)).toBe(expected);
  });

  it('reads a file with only a virtual network and its inline subnets', () => {
    // Arrange
    const text = [
      'resource "azurerm_virtual_network" "vnet" {',
      '  name                = "vnet-shop"',
      '  resource_group_name = "rg"',
      '  address_space       = ["10.0.0.0/16", "10.1.0.0/16"]',
      '',
      '  subnet {',
      '    name             = "nodes"',
      '    address_prefixes = ["10.0.0.0/22"]',
      '  }',
      '',
      '  subnet {',
      '    name           = "pods"',
      '    address_prefix = "10.1.0.0/16"',
      '  }',
      '}',
      '',
    ].join('\n');
    // Act
    const result = run({ 'network.tf': text }, 'network.tf');
    // Assert
    const at = (line: number) => literal('', line, 'network.tf').range;
    expect(result).toEqual({
      clusters: [],
      problems: [],
      addressSpaces: [
        {
          kind: 'virtual-network',
          id: 'network.tf#azurerm_virtual_network.vnet',
          name: 'vnet-shop',
          prefixes: [literal('10.0.0.0/16', 4, 'network.tf'), literal('10.1.0.0/16', 4, 'network.tf')],
          range: lines(1, 15, 'network.tf'),
          references: ['azurerm_virtual_network.vnet.id'],
        },
        {
          kind: 'subnet',
          id: 'network.tf#azurerm_virtual_network.vnet.subnet[0]',
          name: 'nodes',
          virtualNetwork: 'vnet-shop',
          prefixes: [literal('10.0.0.0/22', 8, 'network.tf')],
          range: { ...at(6), endLine: 9 },
          // azurerm_virtual_network.vnet.subnet.*.id is a splat over a set: not matchable.
          references: ['"${azurerm_virtual_network.vnet.id}/subnets/nodes"'],
        },
        {
          kind: 'subnet',
          id: 'network.tf#azurerm_virtual_network.vnet.subnet[1]',
          name: 'pods',
          virtualNetwork: 'vnet-shop',
          prefixes: [literal('10.1.0.0/16', 13, 'network.tf')],
          range: { ...at(11), endLine: 14 },
          references: ['"${azurerm_virtual_network.vnet.id}/subnets/pods"'],
        },
      ],
    });
  });

  it('names the virtual network of an azurerm_subnet through a reference to another file', () => {
    // Arrange
    const files = {
      'net/vnet.tf':
        'resource "azurerm_virtual_network" "main" {\n  name          = var.vnet_name\n  address_space = ["10.10.0.0/16"]\n}\n',
      'net/variables.tf': 'variable "vnet_name" {\n  default = "vnet-prod"\n}\n',
      'net/subnets.tf': [
        'resource "azurerm_subnet" "nodes" {',
        '  name                 = "snet-nodes"',
        '  virtual_network_name = azurerm_virtual_network.main.name',
        '  address_prefixes     = ["10.10.0.0/22"]',
        '}',
        'resource "azurerm_subnet" "other" {',
        '  name                 = "snet-other"',
        '  virtual_network_name = data.azurerm_virtual_network.hub.name',
        '  address_prefixes     = ["10.20.0.0/24"]',
        '}',
        '',
      ].join('\n'),
    };
    // Act
    const spaces = run(files, 'net/subnets.tf').addressSpaces;
    // Assert
    expect(spaces).toEqual([
      {
        kind: 'subnet',
        id: 'net/subnets.tf#azurerm_subnet.nodes',
        name: 'snet-nodes',
        virtualNetwork: 'vnet-prod',
        prefixes: [literal('10.10.0.0/22', 4, 'net/subnets.tf')],
        range: lines(1, 5, 'net/subnets.tf'),
        references: ['azurerm_subnet.nodes.id', 'azurerm_subnet.nodes'],
      },
      {
        kind: 'subnet',
        id: 'net/subnets.tf#azurerm_subnet.other',
        name: 'snet-other',
        prefixes: [literal('10.20.0.0/24', 9, 'net/subnets.tf')],
        range: lines(6, 10, 'net/subnets.tf'),
        references: ['azurerm_subnet.other.id', 'azurerm_subnet.other'],
      },
    ]);
  });

  const prefixVariables = [
    'variable "prefixes" {',
    '  default = ["10.0.1.0/24", "10.0.2.0/24"]',
    '}',
    'variable "prefix" {',
    '  default = "10.0.3.0/24"',
    '}',
    'variable "vnet_cidr" {',
    '  default = "10.0.0.0/16"',
    '}',
    'variable "unset" {}',
    'locals {',
    '  nodes = "10.0.4.0/24"',
    '}',
    '',
  ].join('\n');

  it.each([
    ['address_prefixes = ["10.0.0.0/24"]', ['literal:10.0.0.0/24@3']],
    ['address_prefix = "10.0.0.0/24"', ['literal:10.0.0.0/24@3']],
    ['address_prefixes = var.prefixes', ['resolved:10.0.1.0/24@3', 'resolved:10.0.2.0/24@3']],
    ['address_prefixes = [var.prefix, local.nodes]', ['resolved:10.0.3.0/24@3', 'resolved:10.0.4.0/24@3']],
    ['address_prefixes = ["${local.nodes}"]', ['resolved:10.0.4.0/24@3']],
    ['address_prefixes = var.unset', ['unresolved:var.unset@3']],
    ['address_prefixes = [cidrsubnet(var.vnet_cidr, 8, 1)]', ['unresolved:cidrsubnet(var.vnet_cidr, 8, 1)@3']],
    [
      'address_prefixes = azurerm_virtual_network.vnet.address_space',
      ['unresolved:azurerm_virtual_network.vnet.address_space@3'],
    ],
    ['address_prefixes = []', []],
  ])('reads %s', (written, expected) => {
    // Arrange
    const files = {
      'main.tf': `resource "azurerm_subnet" "nodes" {\n  name = "nodes"\n  ${written}\n}\n`,
      'variables.tf': prefixVariables,
    };
    // Act
    const [subnet] = run(files).addressSpaces ?? [];
    // Assert
    expect(
      subnet?.prefixes.map(
        (prefix) =>
          `${prefix.how}:${prefix.how === 'unresolved' ? prefix.expression : prefix.value}@${prefix.range.startLine}`,
      ),
    ).toEqual(expected);
  });

  it('says where a resolved prefix comes from', () => {
    // Arrange
    const files = {
      'main.tf':
        'resource "azurerm_subnet" "nodes" {\n  name             = "nodes"\n  address_prefixes = [var.prefix]\n}\n',
      'variables.tf': prefixVariables,
    };
    // Act
    const [subnet] = run(files).addressSpaces ?? [];
    // Assert
    expect(subnet?.prefixes).toEqual([
      {
        how: 'resolved',
        value: '10.0.3.0/24',
        range: lines(3),
        expression: 'var.prefix',
        via: [{ description: 'var.prefix default "10.0.3.0/24" (variables.tf:5)', range: lines(5, 5, 'variables.tf') }],
      },
    ]);
  });

  it('keeps the reason of an unresolved prefix', () => {
    // Arrange
    const files = {
      'main.tf':
        'resource "azurerm_subnet" "nodes" {\n  name             = "nodes"\n  address_prefixes = var.unset\n}\n',
      'variables.tf': prefixVariables,
    };
    // Act
    const [subnet] = run(files).addressSpaces ?? [];
    // Assert
    expect(subnet?.prefixes).toEqual([
      {
        how: 'unresolved',
        range: lines(3),
        expression: 'var.unset',
        reason:
          'var.unset has no default and no terraform.tfvars/*.auto.tfvars sets it; a Terraform plan JSON gives exact values',
      },
    ]);
  });

  it.each([
    ['count = 1', ['azurerm_subnet.nodes[0].id', 'azurerm_subnet.nodes[0]']],
    ['count = var.one', ['azurerm_subnet.nodes[0].id', 'azurerm_subnet.nodes[0]']],
    ['count = 2', undefined],
    ['count = var.create ? 1 : 0', undefined],
    ['for_each = toset(["a", "b"])', undefined],
  ])('with %s the references are %j (repeated resources are left out)', (meta, expected) => {
    // Arrange
    const files = {
      'main.tf': `resource "azurerm_subnet" "nodes" {\n  ${meta}\n  name             = "nodes"\n  address_prefixes = ["10.0.0.0/24"]\n}\n`,
      'variables.tf': 'variable "one" {\n  default = 1\n}\nvariable "create" {}\n',
    };
    // Act
    const result = run(files);
    // Assert
    expect(result.addressSpaces?.map((space) => space.references)[0]).toEqual(expected);
  });

  it('reads AzAPI virtual networks with inline subnets and child subnets', () => {
    // Arrange
    const text = [
      'resource "azapi_resource" "vnet" {',
      '  type      = "Microsoft.Network/virtualNetworks@2024-05-01"',
      '  name      = "vnet-azapi"',
      '  parent_id = azurerm_resource_group.rg.id',
      '  body = {',
      '    properties = {',
      '      addressSpace = { addressPrefixes = ["10.50.0.0/16"] }',
      '      subnets = [',
      '        { name = "inline", properties = { addressPrefix = "10.50.0.0/24" } },',
      '      ]',
      '    }',
      '  }',
      '}',
      'resource "azapi_resource" "nodes" {',
      '  type      = "Microsoft.Network/virtualNetworks/subnets@2024-05-01"',
      '  name      = "snet-nodes"',
      '  parent_id = azapi_resource.vnet.id',
      '  body = jsonencode({',
      '    properties = { addressPrefixes = ["10.50.4.0/22"] }',
      '  })',
      '}',
      'resource "azapi_resource" "pods" {',
      '  type      = "Microsoft.Network/virtualNetworks/subnets@2024-05-01"',
      '  name      = "snet-pods"',
      '  parent_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-hub"',
      '  body = { properties = { addressPrefix = "10.60.0.0/16" } }',
      '}',
      '',
    ].join('\n');
    // Act
    const result = run({ 'main.tf': text });
    // Assert
    expect(result.clusters).toEqual([]);
    expect(result.addressSpaces).toEqual([
      {
        kind: 'virtual-network',
        id: 'main.tf#azapi_resource.vnet',
        name: 'vnet-azapi',
        prefixes: [literal('10.50.0.0/16', 7)],
        range: lines(1, 13),
        references: ['azapi_resource.vnet.id'],
      },
      {
        kind: 'subnet',
        id: 'main.tf#azapi_resource.vnet.subnets[0]',
        name: 'inline',
        virtualNetwork: 'vnet-azapi',
        prefixes: [literal('10.50.0.0/24', 9)],
        range: lines(9),
        references: ['"${azapi_resource.vnet.id}/subnets/inline"'],
      },
      {
        kind: 'subnet',
        id: 'main.tf#azapi_resource.nodes',
        name: 'snet-nodes',
        virtualNetwork: 'vnet-azapi',
        prefixes: [literal('10.50.4.0/22', 19)],
        range: lines(14, 21),
        references: ['azapi_resource.nodes.id'],
      },
      {
        kind: 'subnet',
        id: 'main.tf#azapi_resource.pods',
        name: 'snet-pods',
        virtualNetwork: 'vnet-hub',
        prefixes: [literal('10.60.0.0/16', 26)],
        range: lines(22, 27),
        references: ['azapi_resource.pods.id'],
      },
    ]);
  });

  it('keeps a node pool subnet reference as written, for the engine to link', () => {
    // Arrange
    const text = azurerm(
      '  default_node_pool {\n    name           = "system"\n    vnet_subnet_id = azurerm_subnet.nodes.id\n  }',
    );
    // Act
    const [pool] = only(run({ 'main.tf': text })).nodePools;
    // Assert
    expect(pool?.vnetSubnetId).toEqual({
      how: 'unresolved',
      range: lines(4),
      expression: 'azurerm_subnet.nodes.id',
      reason:
        'azurerm_subnet.nodes.id refers to another resource, known only after apply; a Terraform plan JSON gives exact values',
    });
  });
});

describe('linking node pools to subnets (through the engine)', () => {
  const network = [
    'resource "azurerm_virtual_network" "vnet" {',
    '  name          = "vnet-shop"',
    '  address_space = ["10.240.0.0/12"]',
    '  subnet {',
    '    name             = "inline"',
    '    address_prefixes = ["10.250.0.0/24"]',
    '  }',
    '}',
    'resource "azurerm_subnet" "nodes" {',
    '  name                 = "snet-nodes"',
    '  virtual_network_name = azurerm_virtual_network.vnet.name',
    '  address_prefixes     = [var.nodes_prefix]',
    '}',
    'resource "azapi_resource" "pods" {',
    '  type      = "Microsoft.Network/virtualNetworks/subnets@2024-05-01"',
    '  name      = "snet-pods"',
    '  parent_id = azurerm_virtual_network.vnet.id',
    '  body      = { properties = { addressPrefix = "10.241.0.0/16" } }',
    '}',
    'variable "nodes_prefix" {',
    '  default = "10.240.0.0/22"',
    '}',
    '',
  ].join('\n');

  function prefixesOf(setting: Setting<string>[] | undefined): (string | undefined)[] | undefined {
    return setting?.map((prefix) => (prefix.how === 'unresolved' ? undefined : `${prefix.value}@${prefix.range.file}`));
  }

  it.each([
    ['azurerm_subnet.nodes.id', ['10.240.0.0/22@infra/network.tf'], 'snet-nodes'],
    ['azurerm_subnet.nodes .id', ['10.240.0.0/22@infra/network.tf'], 'snet-nodes'],
    ['azapi_resource.pods.id', ['10.241.0.0/16@infra/network.tf'], 'snet-pods'],
    [
      '"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-nodes"',
      ['10.240.0.0/22@infra/network.tf'],
      'snet-nodes',
    ],
    [
      '"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/inline"',
      ['10.250.0.0/24@infra/network.tf'],
      'inline',
    ],
    ['"${azurerm_virtual_network.vnet.id}/subnets/inline"', ['10.250.0.0/24@infra/network.tf'], 'inline'],
    ['azurerm_subnet.elsewhere.id', undefined, undefined],
  ])('vnet_subnet_id = %s links to %j', async (written, prefixes, name) => {
    // Arrange
    const cluster = azurerm(
      `  default_node_pool {\n    name           = "system"\n    vnet_subnet_id = ${written}\n  }`,
    );
    const files = [
      { path: 'infra/main.tf', content: cluster },
      { path: 'infra/network.tf', content: network },
    ];
    // Act
    const report = await analyze({ files }, defaultConfig('2026-11-27'));
    // Assert
    const node = report.clusters[0]?.subnets[0]?.node;
    expect(prefixesOf(node?.prefixes)).toEqual(prefixes);
    expect(node?.name).toBe(name);
    if (node !== undefined) expect(node.virtualNetwork).toBe('vnet-shop');
  });

  it('links a pod subnet of an AzAPI cluster and an Azure/aks module default pool', async () => {
    // Arrange
    const files = [
      {
        path: 'main.tf',
        content: [
          'resource "azapi_resource" "aks" {',
          '  type = "Microsoft.ContainerService/managedClusters@2025-10-01"',
          '  body = {',
          '    properties = {',
          '      agentPoolProfiles = [{ name = "system", vnetSubnetID = azurerm_subnet.nodes.id, podSubnetID = azapi_resource.pods.id }]',
          '    }',
          '  }',
          '}',
          'module "aks" {',
          '  source      = "Azure/aks/azurerm"',
          '  vnet_subnet = { id = azurerm_subnet.nodes.id }',
          '}',
          '',
        ].join('\n'),
      },
      { path: 'network.tf', content: network },
    ];
    // Act
    const report = await analyze({ files }, defaultConfig('2026-11-27'));
    // Assert
    expect(
      report.clusters.map((entry) =>
        entry.subnets.map((links) => [links.pool.name, links.node?.name, links.pod?.name]),
      ),
    ).toEqual([[['system', 'snet-nodes', 'snet-pods']], [['nodepool', 'snet-nodes', undefined]]]);
  });
});

describe('removed settings', () => {
  it('records azurerm 3.x arguments removed in 4.0, with their lines', () => {
    // Arrange
    const text = azurerm(
      [
        '  api_server_authorized_ip_ranges = ["1.2.3.4/32"]',
        '  network_profile {',
        '    network_plugin     = "azure"',
        '    docker_bridge_cidr = "172.17.0.1/16"',
        '    ebpf_data_plane    = "cilium"',
        '  }',
      ].join('\n'),
    );
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.removedSettings).toEqual([
      { kind: 'api-server-authorized-ip-ranges', name: 'api_server_authorized_ip_ranges', range: lines(2) },
      { kind: 'docker-bridge-cidr', name: 'docker_bridge_cidr', range: lines(5) },
      { kind: 'ebpf-data-plane', name: 'ebpf_data_plane', range: lines(6) },
    ]);
    // ebpf_data_plane still decides the data plane.
    expect(cluster.network.dataplane).toEqual(literal('cilium', 6));
  });

  it.each([
    [
      'the current names',
      azurerm(
        '  api_server_access_profile {\n    authorized_ip_ranges = ["1.2.3.4/32"]\n  }\n  network_profile {\n    network_plugin     = "azure"\n    network_data_plane = "cilium"\n  }',
      ),
    ],
    [
      'the Azure/aks/azurerm module, which maps ebpf_data_plane to network_data_plane',
      'module "aks" {\n  source          = "Azure/aks/azurerm"\n  ebpf_data_plane = "cilium"\n  api_server_authorized_ip_ranges = ["1.2.3.4/32"]\n}\n',
    ],
  ])('records nothing for %s', (_name, text) => {
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.removedSettings).toBeUndefined();
  });

  it('records an AzAPI dockerBridgeCidr under the name as written', () => {
    // Arrange
    const text = [
      'resource "azapi_resource" "aks" {',
      '  type = "Microsoft.ContainerService/managedClusters@2022-09-01"',
      '  body = jsonencode({',
      '    properties = {',
      '      networkProfile = {',
      '        networkPlugin    = "kubenet"',
      '        dockerBridgeCIDR = "172.17.0.1/16"',
      '      }',
      '    }',
      '  })',
      '}',
      '',
    ].join('\n');
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.removedSettings).toEqual([
      { kind: 'docker-bridge-cidr', name: 'dockerBridgeCIDR', range: lines(7) },
    ]);
    expect(cluster.apiVersion).toBe('2022-09-01');
  });
});

describe('provider version', () => {
  const required = (entry: string) =>
    `terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    ${entry}\n  }\n}\n`;
  const lock = [
    '# This file is maintained automatically by "terraform init".',
    '# Manual edits may be lost in future updates.',
    '',
    'provider "registry.terraform.io/azure/azapi" {',
    '  version = "2.5.0"',
    '}',
    '',
    'provider "registry.terraform.io/hashicorp/azurerm" {',
    '  version     = "4.57.0"',
    '  constraints = "~> 4.40"',
    '  hashes = [',
    '    "h1:abc=",',
    '  ]',
    '}',
    '',
  ].join('\n');
  const cluster = pluginFrom('"azure"');

  it.each([
    [
      'the object form',
      'azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.40"\n    }',
      literal('~> 4.40', 6, 'versions.tf'),
    ],
    ['the legacy string form', 'azurerm = "~> 3.0"', literal('~> 3.0', 4, 'versions.tf')],
    [
      'another local name with a full source address',
      'az = { source = "registry.terraform.io/hashicorp/azurerm", version = ">= 3.90, < 5.0" }',
      literal('>= 3.90, < 5.0', 4, 'versions.tf'),
    ],
    ['no version', 'azurerm = { source = "hashicorp/azurerm" }', undefined],
    ['only another provider', 'azapi = { source = "azure/azapi", version = "~> 2.0" }', undefined],
    [
      'an azurerm local name for another source',
      'azurerm = { source = "example/azurerm", version = "1.0" }',
      undefined,
    ],
    [
      'a version that is not a literal',
      'azurerm = { source = "hashicorp/azurerm", version = var.azurerm_version }',
      {
        how: 'unresolved',
        range: lines(4, 4, 'versions.tf'),
        expression: 'var.azurerm_version',
        reason: 'var.azurerm_version is not declared in any .tf file in the root directory',
      },
    ],
  ])('reads %s of required_providers', (_name, entry, expected) => {
    // Act
    const result = only(run({ 'main.tf': cluster, 'versions.tf': required(entry) }));
    // Assert
    expect(result.providerVersion).toEqual(expected);
  });

  it('prefers the version selected in .terraform.lock.hcl, anchored at the constraint', () => {
    // Arrange
    const files = {
      'env/main.tf': cluster,
      'env/versions.tf': required('azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "~> 4.40"\n    }'),
      'env/.terraform.lock.hcl': lock,
    };
    // Act
    const result = only(run(files, 'env/main.tf'));
    // Assert
    expect(result.providerVersion).toEqual({
      how: 'resolved',
      value: '4.57.0',
      range: lines(6, 6, 'env/versions.tf'),
      expression: '"~> 4.40"',
      via: [
        {
          description: 'hashicorp/azurerm 4.57.0 selected in .terraform.lock.hcl (.terraform.lock.hcl:9)',
          range: lines(9, 9, 'env/.terraform.lock.hcl'),
        },
      ],
    });
  });

  it('takes the lock file alone when no constraint is written', () => {
    // Act
    const result = only(run({ 'main.tf': cluster, '.terraform.lock.hcl': lock }));
    // Assert
    expect(result.providerVersion).toEqual({
      how: 'resolved',
      value: '4.57.0',
      range: lines(9, 9, '.terraform.lock.hcl'),
      expression: 'version = "4.57.0"',
      via: [
        {
          description: 'hashicorp/azurerm 4.57.0 selected in .terraform.lock.hcl (.terraform.lock.hcl:9)',
          range: lines(9, 9, '.terraform.lock.hcl'),
        },
      ],
    });
  });

  it('ignores a lock file of another directory', () => {
    // Act
    const result = only(run({ 'main.tf': cluster, 'other/.terraform.lock.hcl': lock }));
    // Assert
    expect(result.providerVersion).toBeUndefined();
  });

  it.each([
    ['the Azure/aks/azurerm module', 'module "aks" {\n  source = "Azure/aks/azurerm"\n}\n'],
    [
      'the AVM module',
      'module "aks" {\n  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"\n  version = "0.5.0"\n}\n',
    ],
    [
      'an AzAPI cluster',
      'resource "azapi_resource" "aks" {\n  type = "Microsoft.ContainerService/managedClusters@2025-10-01"\n}\n',
    ],
  ])('leaves it to %s', (_name, text) => {
    // Act
    const result = only(
      run({ 'main.tf': text, 'versions.tf': required('azurerm = "~> 4.0"'), '.terraform.lock.hcl': lock }),
    );
    // Assert
    expect(result.providerVersion).toBeUndefined();
  });

  it.each([
    ['.terraform.lock.hcl', true],
    ['infra/.terraform.lock.hcl', true],
    ['infra/x.terraform.lock.hcl', false],
  ])('reads %s as context: %s', (path, expected) => {
    expect(terraform.isContext?.(path)).toBe(expected);
  });
});

describe('IP families', () => {
  const variables = 'variable "dual" {\n  default = ["IPv4", "IPv6"]\n}\nvariable "unset" {}\n';

  it.each([
    ['["IPv4"]', literal(['IPv4'], 5)],
    ['["IPv4", "IPv6"]', literal(['IPv4', 'IPv6'], 5)],
    [
      'var.dual',
      {
        how: 'resolved',
        value: ['IPv4', 'IPv6'],
        range: lines(5),
        expression: 'var.dual',
        via: [{ description: 'var.dual default […] (variables.tf:2)', range: lines(2, 2, 'variables.tf') }],
      },
    ],
    [
      '["IPv4", var.unset]',
      {
        how: 'unresolved',
        range: lines(5),
        expression: '["IPv4", var.unset]',
        reason:
          'var.unset has no default and no terraform.tfvars/*.auto.tfvars sets it; a Terraform plan JSON gives exact values',
      },
    ],
  ])('reads azurerm ip_versions = %s', (written, expected) => {
    // Arrange
    const text = azurerm(
      `  network_profile {\n    network_plugin = "azure"\n    network_plugin_mode = "overlay"\n    ip_versions = ${written}\n  }`,
    );
    // Act
    const cluster = only(run({ 'main.tf': text, 'variables.tf': variables }));
    // Assert
    expect(cluster.ipFamilies).toEqual(expected);
  });

  it('reads AzAPI networkProfile.ipFamilies', () => {
    // Arrange
    const text = [
      'resource "azapi_resource" "aks" {',
      '  type = "Microsoft.ContainerService/managedClusters@2025-10-01"',
      '  body = {',
      '    properties = {',
      '      networkProfile = { networkPlugin = "azure", ipFamilies = ["IPv4", "IPv6"] }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.ipFamilies).toEqual(literal(['IPv4', 'IPv6'], 5));
    expect(cluster.apiVersion).toBe('2025-10-01');
  });

  it.each([
    ['0.5.0', 'ip_families', literal(['IPv4', 'IPv6'], 7)],
    ['0.5.0', 'ip_versions', undefined],
    ['0.3.1', 'ip_versions', literal(['IPv4', 'IPv6'], 7)],
    ['0.3.1', 'ip_families', undefined],
  ])('reads the AVM module (version %s) network_profile.%s', (version, spelling, expected) => {
    // Arrange
    const text = [
      'module "aks" {',
      '  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"',
      `  version = "${version}"`,
      '  network_profile = {',
      '    network_plugin      = "azure"',
      '    network_plugin_mode = "overlay"',
      `    ${spelling} = ["IPv4", "IPv6"]`,
      '  }',
      '}',
      '',
    ].join('\n');
    // Act
    const cluster = only(run({ 'main.tf': text }));
    // Assert
    expect(cluster.ipFamilies).toEqual(expected);
  });

  it('leaves ipFamilies out when ip_versions is not written', () => {
    expect(only(run({ 'main.tf': pluginFrom('"azure"') })).ipFamilies).toBeUndefined();
  });
});
