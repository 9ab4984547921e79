import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileSet, sourceFile } from '../../../test/support/files.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import type { Cluster, ExtractResult } from '../../model/index.js';
import { extract } from './extract.js';
import { bicep } from './index.js';

function run(files: Record<string, string>, path = 'main.bicep'): ExtractResult {
  return extract(sourceFile(files, path), fileSet(files));
}

function cluster(files: Record<string, string>, path = 'main.bicep'): Cluster {
  const result = run(files, path);
  expect(result.problems).toEqual([]);
  expect(result.clusters).toHaveLength(1);
  return result.clusters[0] as Cluster;
}

function aks(network: string, extra = ''): string {
  return [
    extra,
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
    "  name: 'aks-prod'",
    '  properties: {',
    '    networkProfile: {',
    network,
    '    }',
    '  }',
    '}',
  ].join('\n');
}

function fixture(path: string): string {
  return readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8');
}

describe('bicep format metadata', () => {
  it.each([
    ['infra/main.bicep', true, false],
    ['infra/MAIN.BICEP', true, false],
    ['infra/main.bicepparam', false, true],
    ['infra/main.json', false, false],
  ])('%s: claims %s, context %s', (path, claims, context) => {
    // Act / Assert
    expect([bicep.claims(path), bicep.isContext?.(path)]).toEqual([claims, context]);
  });
});

describe('extract: the model-deciding fields', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['kubenet', "      networkPlugin: 'kubenet'", { plugin: { how: 'literal', value: 'kubenet' } }],
    ['azure (node subnet)', "      networkPlugin: 'azure'", { plugin: { value: 'azure' } }],
    [
      'azure + overlay',
      "      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'",
      { plugin: { value: 'azure' }, pluginMode: { value: 'overlay' } },
    ],
    [
      'azure + overlay + cilium dataplane',
      "      networkPlugin: 'azure'\n      networkPluginMode: 'overlay'\n      networkDataplane: 'cilium'\n      networkPolicy: 'cilium'",
      {
        plugin: { value: 'azure' },
        pluginMode: { value: 'overlay' },
        dataplane: { value: 'cilium' },
        policy: { value: 'cilium' },
      },
    ],
    ['none (BYO CNI)', "      networkPlugin: 'none'", { plugin: { value: 'none' } }],
    [
      'the other network settings',
      "      podCidr: '10.244.0.0/16'\n      serviceCidr: '10.0.0.0/16'\n      dnsServiceIP: '10.0.0.10'\n      outboundType: 'loadBalancer'\n      loadBalancerSku: 'basic'\n      networkMode: 'bridge'",
      {
        podCidr: { value: '10.244.0.0/16' },
        serviceCidr: { value: '10.0.0.0/16' },
        dnsServiceIp: { value: '10.0.0.10' },
        outboundType: { value: 'loadBalancer' },
        loadBalancerSku: { value: 'basic' },
        networkMode: { value: 'bridge' },
      },
    ],
  ])('%s', (_name, network, expected) => {
    // Act
    const found = cluster({ 'main.bicep': aks(network) });
    // Assert
    expect(found.network).toMatchObject(expected);
  });

  it('records the cluster, its name, its range and the network profile range', () => {
    // Act
    const found = cluster({ 'main.bicep': aks("      networkPlugin: 'kubenet'") });
    // Assert
    expect(found).toMatchObject({
      id: 'Microsoft.ContainerService/managedClusters aks',
      format: 'bicep',
      definition: "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01'",
      range: { file: 'main.bicep', startLine: 2, endLine: 9 },
      name: { how: 'literal', value: 'aks-prod', range: { startLine: 3, endLine: 3 } },
      networkProfileRange: { file: 'main.bicep', startLine: 5, endLine: 7 },
      network: { plugin: { range: { file: 'main.bicep', startLine: 6, endLine: 6 } } },
    });
  });

  it('leaves everything undefined when nothing is specified', () => {
    // Act
    const found = cluster({
      'main.bicep':
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'a'\n  properties: {}\n}",
    });
    // Assert
    expect([found.network, found.networkProfileRange, found.nodePools]).toEqual([{}, undefined, []]);
  });

  it('reads agent pool profiles, the first as the default pool', () => {
    // Arrange
    const text = [
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
      '  properties: {',
      "    networkProfile: { networkPlugin: 'azure' }",
      '    agentPoolProfiles: [',
      '      {',
      "        name: 'system'",
      '        count: 3',
      '        enableAutoScaling: true',
      '        minCount: 1',
      '        maxCount: 5',
      '        maxPods: 50',
      "        osType: 'Linux'",
      "        vnetSubnetID: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes'",
      "        podSubnetID: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods'",
      "        podIPAllocationMode: 'StaticBlock'",
      '      }',
      "      { name: 'win', osType: 'Windows' }",
      '    ]',
      '  }',
      '}',
    ].join('\n');
    // Act
    const found = cluster({ 'main.bicep': text });
    // Assert
    expect(found.nodePools).toMatchObject([
      {
        name: 'system',
        isDefault: true,
        range: { startLine: 5, endLine: 16 },
        nodeCount: { how: 'literal', value: 3, range: { startLine: 7 } },
        autoScaling: { value: true },
        minCount: { value: 1 },
        maxCount: { value: 5 },
        maxPods: { value: 50 },
        osType: { value: 'Linux' },
        vnetSubnetId: { value: expect.stringContaining('/subnets/nodes') },
        podSubnetId: { value: expect.stringContaining('/subnets/pods') },
        podIpAllocationMode: { value: 'StaticBlock' },
      },
      { name: 'win', isDefault: false, osType: { value: 'Windows' }, range: { startLine: 17, endLine: 17 } },
    ]);
  });

  it('finds the cluster through a conditional deployment and names the condition', () => {
    // Act
    const found = cluster({
      'main.bicep':
        "param deploy bool\nresource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = if (deploy) {\n  properties: { networkProfile: { networkPlugin: 'kubenet' } }\n}",
    });
    // Assert
    expect(found).toMatchObject({
      definition: expect.stringContaining('deployed only if deploy'),
      network: { plugin: { value: 'kubenet' } },
    });
  });

  it('returns nothing for a file that defines no cluster', () => {
    // Act
    const result = run({
      'main.bicep': "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'sa'\n}",
    });
    // Assert
    expect(result).toEqual({ clusters: [], problems: [] });
  });

  it('does not treat an existing cluster as a definition', () => {
    // Act
    const result = run({
      'main.bicep':
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {\n  name: 'aks'\n}",
    });
    // Assert
    expect(result.clusters).toEqual([]);
  });
});

describe('extract: child agent pools', () => {
  it('adds a nested agentPools resource and a top-level one with parent', () => {
    // Arrange
    const text = [
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
      "  properties: { networkProfile: { networkPlugin: 'azure' } }",
      "  resource nested 'agentPools' = {",
      "    name: 'nested'",
      "    properties: { podSubnetID: 'pods', maxPods: 110 }",
      '  }',
      '}',
      "resource top 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {",
      '  parent: aks',
      "  name: 'user'",
      '  properties: {',
      "    osType: 'Windows'",
      '  }',
      '}',
    ].join('\n');
    // Act
    const found = cluster({ 'main.bicep': text });
    // Assert
    expect(found.nodePools).toMatchObject([
      {
        name: 'nested',
        isDefault: false,
        range: { startLine: 3, endLine: 6 },
        podSubnetId: { value: 'pods', range: { startLine: 5 } },
        maxPods: { value: 110 },
      },
      {
        name: 'user',
        isDefault: false,
        range: { startLine: 8, endLine: 14 },
        osType: { value: 'Windows', range: { startLine: 12 } },
      },
    ]);
  });

  it('turns a pool added to an existing cluster into a cluster update', () => {
    // Arrange
    const text = [
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {",
      "  name: 'aks-prod'",
      '}',
      "resource pool 'Microsoft.ContainerService/managedClusters/agentPools@2024-09-01' = {",
      '  parent: aks',
      "  name: 'win'",
      "  properties: { osType: 'Windows' }",
      '}',
    ].join('\n');
    // Act
    const result = run({ 'main.bicep': text });
    // Assert
    expect(result.clusters).toEqual([]);
    expect(result.updates).toMatchObject([
      {
        format: 'bicep',
        name: { value: 'aks-prod' },
        range: { startLine: 4, endLine: 8 },
        nodePools: [{ name: 'win', osType: { value: 'Windows' } }],
      },
    ]);
  });
});

describe('extract: resolving values', () => {
  it.each<[string, string, string, Record<string, unknown>]>([
    [
      'a param default',
      "param plugin string = 'kubenet'",
      'networkPlugin: plugin',
      {
        how: 'resolved',
        value: 'kubenet',
        expression: 'plugin',
        via: [{ description: "param plugin default 'kubenet' (main.bicep:1)", range: { startLine: 1 } }],
      },
    ],
    [
      'a var',
      "var plugin = 'azure'",
      'networkPlugin: plugin',
      { how: 'resolved', value: 'azure', via: [{ description: "var plugin = 'azure' (main.bicep:1)" }] },
    ],
    [
      'a var object property',
      "var net = {\n  plugin: 'kubenet'\n}",
      'networkPlugin: net.plugin',
      { how: 'resolved', value: 'kubenet' },
    ],
    [
      'an indexed var property',
      "var net = {\n  plugin: 'kubenet'\n}",
      "networkPlugin: net['plugin']",
      { how: 'resolved', value: 'kubenet' },
    ],
    [
      'a ternary on a param',
      "param env string = 'prod'",
      "networkPlugin: env == 'prod' ? 'azure' : 'kubenet'",
      {
        how: 'resolved',
        value: 'azure',
        via: [
          { description: expect.stringContaining("param env default 'prod'") },
          { description: "env == 'prod' is true (main.bicep:6)" },
        ],
      },
    ],
    [
      'a negated bool ternary',
      'param legacy bool = false',
      "networkPlugin: !legacy ? 'azure' : 'kubenet'",
      { how: 'resolved', value: 'azure' },
    ],
    [
      'an interpolation',
      "param cidr string = '10.244'",
      "podCidr: '${cidr}.0.0/16'",
      { how: 'resolved', value: '10.244.0.0/16' },
    ],
    [
      'a param defaulting to another param',
      "param a string = 'kubenet'\nparam b string = a",
      'networkPlugin: b',
      { how: 'resolved', value: 'kubenet', via: [{}, {}] },
    ],
  ])('resolves %s', (_name, declarations, setting, expected) => {
    // Act
    const found = cluster({ 'main.bicep': aks(`      ${setting}`, declarations) });
    // Assert
    expect(Object.values(found.network)[0]).toMatchObject(expected);
  });

  it.each<[string, string, string, string]>([
    [
      'a param without a default',
      'param plugin string',
      'networkPlugin: plugin',
      "parameter 'plugin' has no default value; a .bicepparam file",
    ],
    ['a function call', '', 'networkPlugin: toLower(x)', 'calls the function toLower()'],
    [
      'a resource reference',
      "resource net 'Microsoft.Network/virtualNetworks@2023-01-01' existing = {\n  name: 'n'\n}",
      'networkPlugin: net.properties.plugin',
      "reads the deployed resource or module 'net'",
    ],
    [
      'a ternary on an unknown condition',
      'param env string',
      "networkPlugin: env == 'prod' ? 'azure' : 'kubenet'",
      "the condition 'env == 'prod'' is not known",
    ],
    [
      'an interpolation of an unknown value',
      '',
      "podCidr: '${subscription().id}/16'",
      'the interpolation ${subscription().id} is not known',
    ],
    ['an undeclared name', '', 'networkPlugin: nowhere', "'nowhere' is not declared in main.bicep"],
    ['a cycle between variables', 'var a = b\nvar b = a', 'networkPlugin: a', 'refers too deeply'],
    ['a value of the wrong type', '', 'networkPlugin: 3', "'networkPlugin' is 3, not a string"],
    ['an object where a string belongs', '', 'networkPlugin: {}', 'is an object or array here'],
  ])('leaves %s unresolved with a reason', (_name, declarations, setting, reason) => {
    // Act
    const found = cluster({ 'main.bicep': aks(`      ${setting}`, declarations) });
    // Assert
    expect(Object.values(found.network)[0]).toMatchObject({
      how: 'unresolved',
      expression: setting.slice(setting.indexOf(':') + 2),
      reason: expect.stringContaining(reason),
    });
  });

  it('treats null as not set', () => {
    // Act
    const found = cluster({ 'main.bicep': aks('      networkPolicy: null') });
    // Assert
    expect(found.network).toEqual({});
  });

  it('marks settings inside a pool loop as unresolved on the loop variable', () => {
    // Arrange
    const text = [
      "param pools array = [ { name: 'a', subnet: 's' } ]",
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
      '  properties: {',
      '    agentPoolProfiles: [for pool in pools: {',
      '      name: pool.name',
      '      vnetSubnetID: pool.subnet',
      '      maxPods: 30',
      '    }]',
      '  }',
      '}',
    ].join('\n');
    // Act
    const found = cluster({ 'main.bicep': text });
    // Assert
    expect(found.nodePools).toMatchObject([
      {
        name: 'pool.name',
        isDefault: true,
        range: { startLine: 4, endLine: 8 },
        maxPods: { value: 30 },
        vnetSubnetId: { how: 'unresolved', reason: expect.stringContaining("'pool' is the loop variable") },
      },
    ]);
  });
});

describe('extract: .bicepparam files', () => {
  const template = aks('      networkPlugin: plugin', "param plugin string = 'kubenet'");

  it('overrides a default from a .bicepparam that uses the template', () => {
    // Act
    const found = cluster(
      { 'infra/main.bicep': template, 'infra/prod.bicepparam': "using './main.bicep'\n\nparam plugin = 'azure'" },
      'infra/main.bicep',
    );
    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'resolved',
      value: 'azure',
      range: { file: 'infra/main.bicep', startLine: 6 },
      via: [
        {
          description: "param plugin = 'azure' (prod.bicepparam:3)",
          range: { file: 'infra/prod.bicepparam', startLine: 3 },
        },
      ],
    });
  });

  it('ignores a .bicepparam that uses another template', () => {
    // Act
    const found = cluster({
      'main.bicep': template,
      'other.bicepparam': "using './other.bicep'\nparam plugin = 'azure'",
    });
    // Assert
    expect(found.network.plugin).toMatchObject({ value: 'kubenet' });
  });

  it('leaves a parameter unresolved when two .bicepparam files disagree, naming them', () => {
    // Act
    const found = cluster({
      'main.bicep': template,
      'dev.bicepparam': "using './main.bicep'\nparam plugin = 'kubenet'",
      'prod.bicepparam': "using 'main.bicep'\nparam plugin = 'azure'",
    });
    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'unresolved',
      reason: expect.stringMatching(/dev\.bicepparam sets 'kubenet'; prod\.bicepparam sets 'azure'/),
    });
  });

  it('resolves a parameter that two .bicepparam files set alike', () => {
    // Act
    const found = cluster({
      'main.bicep': template,
      'dev.bicepparam': "using './main.bicep'\nparam plugin = 'azure'",
      'prod.bicepparam': "using './main.bicep'\nparam plugin = 'azure'",
    });
    // Assert
    expect(found.network.plugin).toMatchObject({ how: 'resolved', value: 'azure' });
  });

  it('counts a file that keeps the default as a disagreement', () => {
    // Act
    const found = cluster({
      'main.bicep': template,
      'a.bicepparam': "using './main.bicep'\nparam plugin = 'azure'",
      'b.bicepparam': "using './main.bicep'\nparam other = 1",
    });
    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'unresolved',
      reason: expect.stringContaining("b.bicepparam sets the default 'kubenet'"),
    });
  });
});

describe('extract: modules', () => {
  const module = aks(
    "      networkPlugin: plugin\n      podCidr: '${prefix}.0.0/16'",
    "param plugin string\nparam prefix string = '10.244'",
  );

  it('extracts the cluster of a local module with the call parameters applied', () => {
    // Arrange
    const files = {
      'main.bicep':
        "module cluster './modules/aks.bicep' = {\n  name: 'aks'\n  params: {\n    plugin: 'kubenet'\n  }\n}",
      'modules/aks.bicep': module,
    };
    // Act
    const found = cluster(files);
    // Assert
    expect(found).toMatchObject({
      id: 'module cluster (modules/aks.bicep) > Microsoft.ContainerService/managedClusters aks',
      definition:
        "module cluster './modules/aks.bicep' > resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01'",
      range: { file: 'modules/aks.bicep', startLine: 3 },
      network: {
        plugin: {
          how: 'resolved',
          value: 'kubenet',
          range: { file: 'modules/aks.bicep', startLine: 7 },
          via: [{ range: { file: 'main.bicep', startLine: 4 } }],
        },
        podCidr: { how: 'resolved', value: '10.244.0.0/16' },
      },
    });
  });

  it('leaves a module parameter the call does not pass unresolved', () => {
    // Act
    const found = cluster({ 'main.bicep': "module cluster 'aks.bicep' = {\n  name: 'aks'\n}", 'aks.bicep': module });
    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'unresolved',
      reason: expect.stringContaining("the module call 'cluster' (main.bicep:1) does not pass it"),
    });
  });

  it('passes main-file parameters through the module call', () => {
    // Act
    const found = cluster({
      'main.bicep': "param plugin string = 'azure'\nmodule cluster 'aks.bicep' = {\n  params: { plugin: plugin }\n}",
      'aks.bicep': module,
    });
    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'resolved',
      value: 'azure',
      via: [{ range: { file: 'main.bicep', startLine: 3 } }, { range: { file: 'main.bicep', startLine: 1 } }],
    });
  });

  it('skips a local module that is not in the file set and a module that calls itself', () => {
    // Act
    const result = run({ 'main.bicep': "module a './missing.bicep' = {}\nmodule b './main.bicep' = {}" });
    // Assert
    expect(result).toEqual({ clusters: [], problems: [] });
  });

  it('does not resolve an unknown registry module', () => {
    // Act
    const result = run({
      'main.bicep': "module a 'br:contoso.azurecr.io/bicep/aks:1.0' = {\n  params: { networkPlugin: 'kubenet' }\n}",
    });
    // Assert
    expect(result.clusters).toEqual([]);
  });
});

describe('extract: broken and hostile input', () => {
  it('reports a parse error with its line and still extracts the cluster', () => {
    // Arrange
    const text = "var broken = 'open\n" + aks("      networkPlugin: 'kubenet'");
    // Act
    const result = run({ 'main.bicep': text });
    // Assert
    expect(result.problems).toMatchObject([{ kind: 'parse-error', range: { file: 'main.bicep', startLine: 1 } }]);
    expect(result.clusters[0]?.network.plugin).toMatchObject({ value: 'kubenet' });
  });

  it('reports an unbalanced brace at the line that opens it', () => {
    // Act
    const result = run({
      'main.bicep':
        "var a = 1\nresource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  properties: {\n",
    });
    // Assert
    expect(result.problems.map((problem) => problem.range.startLine)).toEqual([3]);
  });

  it.each([
    [
      '10,000 nested objects',
      `var a = ${'{a:'.repeat(10_000)}1${'}'.repeat(10_000)}\n${aks("networkPlugin: 'azure'")}`,
    ],
    ['a 100,000-link member chain', `var a = b${'.c'.repeat(100_000)}\n${aks('networkPlugin: a')}`],
    ['a 50 MB single line', `var a = '${'managedClusters'.repeat(3_500_000)}'\n${aks("networkPlugin: 'azure'")}`],
  ])('finishes on %s', (_name, text) => {
    // Act
    const result = run({ 'main.bicep': text });
    // Assert
    expect(result.clusters).toHaveLength(1);
  });
});

describe('extract: fixtures', () => {
  it('reads the AKS baseline cluster stamp (overlay + Cilium, nested user pool)', () => {
    // Act
    const found = cluster(
      { 'cluster-stamp.bicep': fixture('aks-baseline/cluster-stamp.bicep') },
      'cluster-stamp.bicep',
    );
    // Assert
    expect(found).toMatchObject({
      id: 'Microsoft.ContainerService/managedClusters mc',
      range: { startLine: 38, endLine: 88 },
      kubernetesVersion: { how: 'resolved', value: '1.30' },
      name: { how: 'unresolved', reason: expect.stringContaining('uniqueString()') },
      network: {
        plugin: { value: 'azure' },
        pluginMode: { value: 'overlay' },
        dataplane: { value: 'cilium' },
        outboundType: { value: 'userDefinedRouting' },
      },
    });
    expect(found.nodePools.map((pool) => [pool.name, pool.isDefault, pool.vnetSubnetId?.how])).toEqual([
      ['npsystem', true, 'unresolved'],
      ['npuser01', false, 'unresolved'],
    ]);
  });

  it('reads an Azure Verified Module managed-cluster call (kubenet)', () => {
    // Act
    const found = cluster({ 'main.bicep': fixture('avm/main.bicep') });
    // Assert
    expect(found).toMatchObject({
      id: 'module managedCluster (br/public:avm/res/container-service/managed-cluster:0.8.3)',
      name: { how: 'resolved', value: 'contosocsmkube001' },
      network: { plugin: { how: 'literal', value: 'kubenet', range: { startLine: 14 } } },
    });
    expect(found.nodePools.map((pool) => [pool.name, pool.isDefault])).toEqual([
      ['systempool', true],
      ['userpool1', false],
    ]);
  });

  it('reads the Azure quickstart with its .bicepparam (no network profile)', () => {
    // Arrange
    const files = {
      'qs/main.bicep': fixture('quickstart/main.bicep'),
      'qs/main.bicepparam': fixture('quickstart/main.bicepparam'),
    };
    // Act
    const found = cluster(files, 'qs/main.bicep');
    // Assert
    expect(found).toMatchObject({
      network: {},
      name: {
        how: 'resolved',
        value: 'aks-quickstart',
        via: [{ range: { file: 'qs/main.bicepparam', startLine: 3 } }],
      },
      nodePools: [{ name: 'agentpool', isDefault: true, nodeCount: { how: 'resolved', value: 3 } }],
    });
  });
});

describe('extract: virtual networks and subnets', () => {
  const VNET = "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {";

  /** kind, virtual network, name, prefixes (values, or 'unresolved'). */
  function spaces(result: ExtractResult): unknown[] {
    return (result.addressSpaces ?? []).map((space) => [
      space.kind,
      space.virtualNetwork,
      space.name,
      space.prefixes.map((prefix) => (prefix.how === 'unresolved' ? 'unresolved' : prefix.value)),
    ]);
  }

  it.each<[string, string[], unknown[]]>([
    [
      'inline subnets (addressPrefix and addressPrefixes)',
      [
        VNET,
        "  name: 'vnet-prod'",
        '  properties: {',
        "    addressSpace: { addressPrefixes: [ '10.0.0.0/16', '10.1.0.0/16' ] }",
        '    subnets: [',
        "      { name: 'nodes', properties: { addressPrefix: '10.0.0.0/24' } }",
        "      { name: 'pods', properties: { addressPrefixes: [ '10.1.0.0/17', '10.1.128.0/17' ] } }",
        '    ]',
        '  }',
        '}',
      ],
      [
        ['virtual-network', undefined, 'vnet-prod', ['10.0.0.0/16', '10.1.0.0/16']],
        ['subnet', 'vnet-prod', 'nodes', ['10.0.0.0/24']],
        ['subnet', 'vnet-prod', 'pods', ['10.1.0.0/17', '10.1.128.0/17']],
      ],
    ],
    [
      'a nested subnet resource and a top-level one with parent',
      [
        VNET,
        "  name: 'vnet-prod'",
        "  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }",
        "  resource nodes 'subnets' = {",
        "    name: 'nodes'",
        "    properties: { addressPrefix: '10.0.0.0/24' }",
        '  }',
        '}',
        "resource pods 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {",
        '  parent: vnet',
        "  name: 'pods'",
        "  properties: { addressPrefix: '10.0.64.0/18' }",
        '}',
      ],
      [
        ['virtual-network', undefined, 'vnet-prod', ['10.0.0.0/16']],
        ['subnet', 'vnet-prod', 'nodes', ['10.0.0.0/24']],
        ['subnet', 'vnet-prod', 'pods', ['10.0.64.0/18']],
      ],
    ],
    [
      'names and prefixes from parameters and variables',
      [
        "param vnetName string = 'vnet-param'",
        "param space array = [ '10.10.0.0/16' ]",
        "var nodes = { name: 'snet-nodes', prefix: '10.10.1.0/24' }",
        "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {",
        '  name: vnetName',
        '  properties: {',
        '    addressSpace: { addressPrefixes: space }',
        '    subnets: [ { name: nodes.name, properties: { addressPrefix: nodes.prefix } } ]',
        '  }',
        '}',
      ],
      [
        ['virtual-network', undefined, 'vnet-param', ['10.10.0.0/16']],
        ['subnet', 'vnet-param', 'snet-nodes', ['10.10.1.0/24']],
      ],
    ],
    [
      'prefixes from parameters with no default',
      [
        'param space array',
        'param nodePrefix string',
        VNET,
        "  name: 'vnet-prod'",
        '  properties: {',
        '    addressSpace: { addressPrefixes: space }',
        "    subnets: [ { name: 'nodes', properties: { addressPrefix: nodePrefix } } ]",
        '  }',
        '}',
      ],
      [
        ['virtual-network', undefined, 'vnet-prod', ['unresolved']],
        ['subnet', 'vnet-prod', 'nodes', ['unresolved']],
      ],
    ],
    [
      'an existing virtual network (skipped) with new subnets; existing subnets (skipped)',
      [
        "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {",
        "  name: 'vnet-hub'",
        "  resource old 'subnets' existing = { name: 'old' }",
        "  resource nodes 'subnets' = { name: 'nodes', properties: { addressPrefix: '10.0.0.0/24' } }",
        '}',
        "resource pods 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {",
        '  parent: vnet',
        "  name: 'pods'",
        "  properties: { addressPrefix: '10.0.64.0/18' }",
        '}',
        "resource other 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' existing = { parent: vnet, name: 'x' }",
      ],
      [
        ['subnet', 'vnet-hub', 'nodes', ['10.0.0.0/24']],
        ['subnet', 'vnet-hub', 'pods', ['10.0.64.0/18']],
      ],
    ],
    [
      "a legacy subnet named '<vnet>/<subnet>'",
      [
        "resource nodes 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {",
        "  name: 'vnet-prod/nodes'",
        "  properties: { addressPrefix: '10.0.0.0/24' }",
        '}',
      ],
      [['subnet', 'vnet-prod', 'nodes', ['10.0.0.0/24']]],
    ],
    [
      'a virtual network in a for loop (a documented gap: skipped)',
      [
        "resource vnets 'Microsoft.Network/virtualNetworks@2023-09-01' = [for n in [ 'a', 'b' ]: {",
        '  name: n',
        "  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }",
        '}]',
      ],
      [],
    ],
  ])('%s', (_name, lines, expected) => {
    // Arrange
    const files = { 'network.bicep': lines.join('\n') };

    // Act
    const result = run(files, 'network.bicep');

    // Assert
    expect(result.problems).toEqual([]);
    expect(result.clusters).toEqual([]);
    expect(spaces(result)).toEqual(expected);
  });

  it('gives ids with the file path, ranges, steps and the references a pool can use', () => {
    // Arrange
    const files = {
      'infra/network.bicep': [
        "param vnetName string = 'vnet-prod'",
        "var nodesPrefix = '10.0.0.0/24'",
        "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {",
        '  name: vnetName',
        "  properties: { subnets: [ { name: 'inline', properties: { addressPrefix: '10.0.9.0/24' } } ] }",
        "  resource nodes 'subnets' = {",
        "    name: 'nodes'",
        '    properties: { addressPrefix: nodesPrefix }',
        '  }',
        '}',
        'var nodeSubnetId = vnet::nodes.id',
      ].join('\n'),
    };

    // Act
    const result = run(files, 'infra/network.bicep');

    // Assert
    const [vnet, inline, nodes] = result.addressSpaces ?? [];
    expect(vnet).toMatchObject({
      id: 'infra/network.bicep#vnet',
      range: { startLine: 3, endLine: 10 },
      references: [],
    });
    expect(inline).toMatchObject({
      id: 'infra/network.bicep#vnet.properties.subnets[0]',
      range: { startLine: 5, endLine: 5 },
      references: [
        'vnet.properties.subnets[0].id',
        "resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-prod', 'inline')",
        "resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'inline')",
        "resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'inline')",
        "'${vnet.id}/subnets/inline'",
      ],
    });
    expect(nodes).toMatchObject({
      id: 'infra/network.bicep#vnet::nodes',
      range: { startLine: 6, endLine: 9 },
      prefixes: [
        {
          how: 'resolved',
          value: '10.0.0.0/24',
          expression: 'nodesPrefix',
          range: { file: 'infra/network.bicep', startLine: 8 },
          via: [{ description: "var nodesPrefix = '10.0.0.0/24' (network.bicep:2)" }],
        },
      ],
    });
    expect(nodes?.references).toEqual(
      expect.arrayContaining([
        'vnet::nodes.id',
        "resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'nodes')",
        "resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, vnet::nodes.name)",
        "'${vnet.id}/subnets/nodes'",
        'nodeSubnetId',
      ]),
    );
  });

  it('lets a file with only networking past the pre-check, and keeps other files fast', () => {
    expect(run({ 'a.bicep': `${VNET}\n  name: 'v'\n}` }, 'a.bicep').addressSpaces).toHaveLength(1);
    expect(run({ 'b.bicep': "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {}" }, 'b.bicep')).toEqual({
      clusters: [],
      problems: [],
    });
  });
});

describe('extract: subnets linked to node pools through the engine', () => {
  const network = [
    "param vnetName string = 'vnet-prod'",
    "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {",
    '  name: vnetName',
    '  properties: {',
    "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
    "    subnets: [ { name: 'nodes', properties: { addressPrefix: '10.0.0.0/22' } } ]",
    '  }',
    "  resource nested 'subnets' = { name: 'nested', properties: { addressPrefix: '10.0.0.0/22' } }",
    '}',
    "resource nodesSubnet 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {",
    '  parent: vnet',
    "  name: 'top'",
    "  properties: { addressPrefix: '10.0.0.0/22' }",
    '}',
    'var subnetId = vnet::nested.id',
  ].join('\n');

  function cluster(subnet: string): string {
    return [
      "resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {",
      "  name: 'aks'",
      "  properties: { agentPoolProfiles: [ { name: 'sys', vnetSubnetID: " + subnet + ' } ] }',
      '}',
    ].join('\n');
  }

  it.each<[string, Record<string, string>]>([
    ['vnet::nested.id', { 'infra/main.bicep': `${network}\n${cluster('vnet::nested.id')}` }],
    ['nodesSubnet.id (parent: vnet)', { 'infra/main.bicep': `${network}\n${cluster('nodesSubnet.id')}` }],
    [
      'vnet.properties.subnets[0].id',
      { 'infra/main.bicep': `${network}\n${cluster('vnet.properties.subnets[0].id')}` },
    ],
    ["'${vnet.id}/subnets/nodes'", { 'infra/main.bicep': `${network}\n${cluster("'${vnet.id}/subnets/nodes'")}` }],
    [
      'resourceId() with the parameter',
      {
        'infra/main.bicep': `${network}\n${cluster("resourceId('Microsoft.Network/virtualNetworks/subnets', vnetName, 'nodes')")}`,
      },
    ],
    ['a variable that holds vnet::nested.id', { 'infra/main.bicep': `${network}\n${cluster('subnetId')}` }],
    [
      'resourceId() with literal names, the network in another file of the directory',
      {
        'infra/main.bicep': cluster("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-prod', 'nodes')"),
        'infra/network.bicep': network,
      },
    ],
    [
      'a literal subnet ID, the network in another file of the directory',
      {
        'infra/main.bicep': cluster(
          "'/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/top'",
        ),
        'infra/network.bicep': network,
      },
    ],
  ])('%s', async (_name, files) => {
    // Arrange
    const input = { files: Object.entries(files).map(([path, content]) => ({ path, content })) };

    // Act
    const report = await analyze(input, defaultConfig('2026-11-27'));

    // Assert
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0]?.subnets[0]?.node?.prefixes).toEqual([
      expect.objectContaining({ how: 'literal', value: '10.0.0.0/22' }),
    ]);
  });
});

describe('extract: apiVersion, removed settings and IP families', () => {
  it.each<[string, string, string | undefined]>([
    ['with an API version', "'Microsoft.ContainerService/managedClusters@2025-10-01'", '2025-10-01'],
    ['a preview API version', "'Microsoft.ContainerService/managedClusters@2024-06-02-preview'", '2024-06-02-preview'],
  ])('apiVersion %s', (_name, type, expected) => {
    const found = cluster({ 'main.bicep': `resource aks ${type} = {\n  name: 'aks'\n}` });
    expect(found.apiVersion).toBe(expected);
  });

  it.each<[string, string, string, unknown]>([
    [
      'dockerBridgeCidr written literally',
      "      networkPlugin: 'azure'\n      dockerBridgeCidr: '172.17.0.1/16'",
      '',
      [
        {
          kind: 'docker-bridge-cidr',
          name: 'dockerBridgeCidr',
          range: { file: 'main.bicep', startLine: 7, endLine: 7 },
        },
      ],
    ],
    [
      'dockerBridgeCidr from a parameter',
      '      dockerBridgeCidr: bridge',
      'param bridge string',
      [
        {
          kind: 'docker-bridge-cidr',
          name: 'dockerBridgeCidr',
          range: { file: 'main.bicep', startLine: 6, endLine: 6 },
        },
      ],
    ],
    ['dockerBridgeCidr: null', '      dockerBridgeCidr: null', '', undefined],
    ['none', "      networkPlugin: 'azure'", '', undefined],
  ])('removed settings: %s', (_name, network, extra, expected) => {
    expect(cluster({ 'main.bicep': aks(network, extra) }).removedSettings).toEqual(expected);
  });

  it.each<[string, string, unknown]>([
    ['single-stack', "      ipFamilies: [ 'IPv4' ]", { how: 'literal', value: ['IPv4'] }],
    [
      'dual-stack',
      "      ipFamilies: [\n        'IPv4'\n        'IPv6'\n      ]",
      { how: 'literal', value: ['IPv4', 'IPv6'] },
    ],
    [
      'from a parameter default',
      '      ipFamilies: families',
      { how: 'resolved', value: ['IPv4', 'IPv6'], expression: 'families' },
    ],
    ['an item from a parameter', "      ipFamilies: [ 'IPv4', second ]", { how: 'resolved', value: ['IPv4', 'IPv6'] }],
    ['from a parameter with no default', '      ipFamilies: unknown', { how: 'unresolved', expression: 'unknown' }],
    ['not a list', "      ipFamilies: 'IPv4'", { how: 'unresolved', reason: "'ipFamilies' is not a list of strings" }],
  ])('ipFamilies: %s', (_name, network, expected) => {
    const extra = "param families array = [ 'IPv4', 'IPv6' ]\nparam second string = 'IPv6'\nparam unknown array";
    expect(cluster({ 'main.bicep': aks(network, extra) }).ipFamilies).toMatchObject(expected as object);
  });
});
