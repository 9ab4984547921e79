import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSet, sourceFile } from '../../../test/support/files.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import type { Cluster, ExtractResult } from '../../model/index.js';
import { extract } from './extract.js';
import { arm } from './index.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
const CLUSTER = 'Microsoft.ContainerService/managedClusters';
const POOL = 'Microsoft.ContainerService/managedClusters/agentPools';

function template(body: Record<string, unknown>): string {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...body }, null, 2);
}

function cluster(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: CLUSTER, apiVersion: '2024-09-01', name: 'aks', location: 'westeurope', ...extra, properties };
}

function parametersFile(values: Record<string, unknown>): string {
  const parameters = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }]));
  return JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters }, null, 2);
}

function run(files: Record<string, string>, path = 'main.json'): ExtractResult {
  return extract(sourceFile(files, path), fileSet(files));
}

function only(result: ExtractResult): Cluster {
  expect(result.clusters).toHaveLength(1);
  const [first] = result.clusters;
  if (first === undefined) throw new Error('no cluster');
  return first;
}

/** The value of a setting, or its provenance when it has none. */
function valueOf(setting: { how: string; value?: unknown } | undefined): unknown {
  if (setting === undefined) return undefined;
  return setting.how === 'unresolved' ? 'unresolved' : setting.value;
}

describe('arm format metadata', () => {
  it.each([
    { path: 'infra/azuredeploy.json', claims: true, context: false },
    { path: 'infra/main.jsonc', claims: true, context: false },
    { path: 'infra/azuredeploy.parameters.json', claims: true, context: true },
    { path: 'infra/main.parameters.prod.json', claims: true, context: true },
    { path: 'infra/main.bicep', claims: false, context: false },
  ])('$path: claims $claims, context $context', ({ path, claims, context }) => {
    expect({ claims: arm.claims(path), context: arm.isContext?.(path) }).toEqual({ claims, context });
  });

  it.each([
    { name: 'a resource-group template', text: `{ "$schema": "${SCHEMA}" }`, expected: true },
    {
      name: 'a subscription template',
      text: '{"$schema":"https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"}',
      expected: true,
    },
    { name: 'a parameters file', text: parametersFile({}), expected: false },
    { name: 'package.json', text: '{ "name": "x", "dependencies": {} }', expected: false },
    {
      name: 'a $schema past the first 4 KB',
      text: `{ "x": "${'a'.repeat(5000)}", "$schema": "${SCHEMA}" }`,
      expected: false,
    },
  ])('sniffs $name as $expected', ({ text, expected }) => {
    expect(arm.sniff?.({ path: 'a.json', text })).toBe(expected);
  });
});

describe('the network model fields', () => {
  it.each([
    {
      name: 'kubenet',
      profile: { networkPlugin: 'kubenet' },
      pool: {},
      expected: ['kubenet', undefined, undefined, false],
    },
    {
      name: 'azure (node subnet)',
      profile: { networkPlugin: 'azure' },
      pool: {},
      expected: ['azure', undefined, undefined, false],
    },
    {
      name: 'azure + overlay',
      profile: { networkPlugin: 'azure', networkPluginMode: 'overlay' },
      pool: {},
      expected: ['azure', 'overlay', undefined, false],
    },
    {
      name: 'azure + overlay + cilium',
      profile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium' },
      pool: {},
      expected: ['azure', 'overlay', 'cilium', false],
    },
    {
      name: 'azure + pod subnet on a pool',
      profile: { networkPlugin: 'azure' },
      pool: {
        podSubnetID: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods',
      },
      expected: ['azure', undefined, undefined, true],
    },
    {
      name: 'none (bring your own CNI)',
      profile: { networkPlugin: 'none' },
      pool: {},
      expected: ['none', undefined, undefined, false],
    },
    { name: 'nothing specified', profile: undefined, pool: {}, expected: [undefined, undefined, undefined, false] },
  ])('$name', ({ profile, pool, expected }) => {
    // Arrange
    const properties: Record<string, unknown> = { agentPoolProfiles: [{ name: 'system', count: 1, ...pool }] };
    if (profile !== undefined) properties.networkProfile = profile;
    const files = { 'main.json': template({ resources: [cluster(properties)] }) };

    // Act
    const found = only(run(files));

    // Assert
    expect([
      valueOf(found.network.plugin),
      valueOf(found.network.pluginMode),
      valueOf(found.network.dataplane),
      found.nodePools[0]?.podSubnetId !== undefined,
    ]).toEqual(expected);
  });

  it('reads every network profile property and every pool property', () => {
    // Arrange
    const profile = {
      networkPlugin: 'azure',
      networkPluginMode: 'overlay',
      networkDataplane: 'cilium',
      networkPolicy: 'cilium',
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.0.0.0/16',
      dnsServiceIP: '10.0.0.10',
      outboundType: 'userDefinedRouting',
      loadBalancerSku: 'standard',
      networkMode: 'transparent',
    };
    const pool = {
      name: 'system',
      count: 3,
      enableAutoScaling: true,
      minCount: 1,
      maxCount: 5,
      maxPods: 110,
      vnetSubnetID: '/subnets/nodes',
      podSubnetID: '/subnets/pods',
      osType: 'Linux',
      podIPAllocationMode: 'StaticBlock',
    };
    const files = {
      'main.json': template({
        resources: [cluster({ kubernetesVersion: '1.31.2', networkProfile: profile, agentPoolProfiles: [pool] })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(Object.fromEntries(Object.entries(found.network).map(([key, setting]) => [key, valueOf(setting)]))).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      dataplane: 'cilium',
      policy: 'cilium',
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.0.0.0/16',
      dnsServiceIp: '10.0.0.10',
      outboundType: 'userDefinedRouting',
      loadBalancerSku: 'standard',
      networkMode: 'transparent',
    });
    const [system] = found.nodePools;
    expect({
      name: system?.name,
      isDefault: system?.isDefault,
      nodeCount: valueOf(system?.nodeCount),
      autoScaling: valueOf(system?.autoScaling),
      minCount: valueOf(system?.minCount),
      maxCount: valueOf(system?.maxCount),
      maxPods: valueOf(system?.maxPods),
      vnetSubnetId: valueOf(system?.vnetSubnetId),
      podSubnetId: valueOf(system?.podSubnetId),
      osType: valueOf(system?.osType),
      podIpAllocationMode: valueOf(system?.podIpAllocationMode),
    }).toEqual({
      name: 'system',
      isDefault: true,
      nodeCount: 3,
      autoScaling: true,
      minCount: 1,
      maxCount: 5,
      maxPods: 110,
      vnetSubnetId: '/subnets/nodes',
      podSubnetId: '/subnets/pods',
      osType: 'Linux',
      podIpAllocationMode: 'StaticBlock',
    });
    expect(valueOf(found.kubernetesVersion)).toBe('1.31.2');
  });

  it('marks only the first agent pool profile as the default pool', () => {
    // Arrange
    const files = {
      'main.json': template({ resources: [cluster({ agentPoolProfiles: [{ name: 'sys' }, { name: 'user' }] })] }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.nodePools.map((pool) => [pool.name, pool.isDefault])).toEqual([
      ['sys', true],
      ['user', false],
    ]);
  });

  it('matches the resource type case-insensitively and records the apiVersion', () => {
    // Arrange
    const files = {
      'main.json': template({
        resources: [cluster({}, { type: 'microsoft.containerservice/MANAGEDCLUSTERS', apiVersion: '2021-05-01' })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect({ id: found.id, definition: found.definition, format: found.format }).toEqual({
      id: `${CLUSTER} aks`,
      definition: `${CLUSTER}@2021-05-01`,
      format: 'arm',
    });
  });

  it('treats a null value as not set', () => {
    const files = { 'main.json': template({ resources: [cluster({ networkProfile: { networkPlugin: null } })] }) };
    expect(only(run(files)).network.plugin).toBeUndefined();
  });
});

describe('line ranges', () => {
  it('puts each setting on the line where it is written and the cluster on its whole object', () => {
    // Arrange
    const text = [
      '{', //                                                                 1
      `  "$schema": "${SCHEMA}",`, //                                          2
      '  "resources": [', //                                                    3
      '    {', //                                                               4
      `      "type": "${CLUSTER}",`, //                                        5
      '      "apiVersion": "2024-09-01",', //                                   6
      '      "name": "aks",', //                                                7
      '      "properties": {', //                                               8
      '        "agentPoolProfiles": [', //                                      9
      '          { "name": "sys", "count": 2 },', //                            10
      '          {', //                                                         11
      '            "name": "user"', //                                          12
      '          }', //                                                         13
      '        ],', //                                                          14
      '        "networkProfile": {', //                                         15
      '          "networkPlugin": "kubenet"', //                                16
      '        }', //                                                           17
      '      }', //                                                             18
      '    }', //                                                               19
      '  ]', //                                                                 20
      '}', //                                                                   21
    ].join('\n');

    // Act
    const found = only(run({ 'main.json': text }));

    // Assert
    expect({
      cluster: [found.range.startLine, found.range.endLine],
      name: [found.name?.range.startLine],
      profile: [found.networkProfileRange?.startLine, found.networkProfileRange?.endLine],
      plugin: [found.network.plugin?.range.startLine, found.network.plugin?.range.endLine],
      pools: found.nodePools.map((pool) => [pool.range.startLine, pool.range.endLine]),
      count: [found.nodePools[0]?.nodeCount?.range.startLine],
    }).toEqual({
      cluster: [4, 19],
      name: [7],
      profile: [15, 17],
      plugin: [16, 16],
      pools: [
        [10, 10],
        [11, 13],
      ],
      count: [10],
    });
  });
});

describe('value resolution', () => {
  it.each([
    {
      name: 'a literal',
      body: { resources: [cluster({ networkProfile: { networkPlugin: 'kubenet' } })] },
      expected: { how: 'literal', value: 'kubenet' },
    },
    {
      name: "a parameter's defaultValue",
      body: {
        parameters: { plugin: { type: 'string', defaultValue: 'kubenet' } },
        resources: [cluster({ networkProfile: { networkPlugin: "[parameters('plugin')]" } })],
      },
      expected: {
        how: 'resolved',
        value: 'kubenet',
        expression: "[parameters('plugin')]",
        via: [{ description: 'parameters(\'plugin\') defaultValue = "kubenet"' }],
      },
    },
    {
      name: 'a variable that uses a parameter',
      body: {
        parameters: { plugin: { type: 'string', defaultValue: 'azure' } },
        variables: { chosen: "[parameters('plugin')]" },
        resources: [cluster({ networkProfile: { networkPlugin: "[variables('chosen')]" } })],
      },
      expected: {
        how: 'resolved',
        value: 'azure',
        via: [
          { description: "variables('chosen') = \"[parameters('plugin')]\"" },
          { description: 'parameters(\'plugin\') defaultValue = "azure"' },
        ],
      },
    },
    {
      name: 'concat of literals and a variable',
      body: {
        variables: { tail: 'net' },
        resources: [cluster({ networkProfile: { networkPlugin: "[concat('kube', variables('tail'))]" } })],
      },
      expected: { how: 'resolved', value: 'kubenet' },
    },
    {
      name: 'format with placeholders',
      body: { resources: [cluster({ networkProfile: { podCidr: "[format('{0}/{1}', '10.244.0.0', 16)]" } })] },
      expected: { how: 'resolved', value: '10.244.0.0/16' },
      key: 'podCidr',
    },
    {
      name: 'a property of an object variable (with case-insensitive names)',
      body: {
        variables: { Net: { Plugin: 'azure' } },
        resources: [cluster({ networkProfile: { networkPlugin: "[variables('net').plugin]" } })],
      },
      expected: { how: 'resolved', value: 'azure' },
    },
    {
      name: 'an escaped [[ literal',
      body: { resources: [cluster({ networkProfile: { podCidr: '[[not an expression]' } })] },
      expected: { how: 'literal', value: '[not an expression]' },
      key: 'podCidr',
    },
  ])('resolves $name', ({ body, expected, key }) => {
    // Arrange
    const files = { 'main.json': template(body) };

    // Act
    const found = only(run(files));

    // Assert
    const setting = key === 'podCidr' ? found.network.podCidr : found.network.plugin;
    expect(setting).toMatchObject(expected);
  });

  it('reads a whole network profile from a variable, at the line that uses it', () => {
    // Arrange
    const files = {
      'main.json': template({
        variables: { np: { networkPlugin: 'azure', networkPluginMode: "[concat('over', 'lay')]" } },
        resources: [cluster({ networkProfile: "[variables('np')]" })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network).toMatchObject({
      plugin: { how: 'resolved', value: 'azure', expression: "[variables('np').networkPlugin]" },
      pluginMode: { how: 'resolved', value: 'overlay', expression: "[variables('np').networkPluginMode]" },
    });
    expect(found.network.plugin?.range.startLine).toBe(found.networkProfileRange?.startLine);
  });

  it('reads agent pool profiles from an array variable', () => {
    // Arrange
    const files = {
      'main.json': template({
        variables: { pools: [{ name: 'sys', podSubnetID: '/subnets/pods' }] },
        resources: [cluster({ agentPoolProfiles: "[variables('pools')]" })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.nodePools).toMatchObject([
      {
        name: 'sys',
        isDefault: true,
        podSubnetId: { how: 'resolved', value: '/subnets/pods', expression: "[variables('pools')[0].podSubnetID]" },
      },
    ]);
  });

  it('converts an int parameter to a number setting', () => {
    // Arrange
    const files = {
      'main.json': template({
        parameters: { nodes: { type: 'int', defaultValue: 3 } },
        resources: [cluster({ agentPoolProfiles: [{ name: 'sys', count: "[parameters('nodes')]" }] })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.nodePools[0]?.nodeCount).toMatchObject({ how: 'resolved', value: 3 });
  });
});

describe('parameters files', () => {
  const body = {
    parameters: { plugin: { type: 'string', defaultValue: 'azure' } },
    resources: [cluster({ networkProfile: { networkPlugin: "[parameters('plugin')]" } })],
  };

  it.each([
    {
      name: 'azuredeploy.parameters.json for azuredeploy.json',
      template: 'azuredeploy.json',
      parameters: 'azuredeploy.parameters.json',
    },
    { name: '<base>.parameters.json', template: 'main.json', parameters: 'main.parameters.json' },
    { name: '<base>.parameters.<env>.json', template: 'main.json', parameters: 'main.parameters.prod.json' },
  ])('lets $name override the default', ({ template: path, parameters }) => {
    // Arrange
    const files = { [path]: template(body), [parameters]: parametersFile({ plugin: 'kubenet' }) };

    // Act
    const found = only(run(files, path));

    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'resolved',
      value: 'kubenet',
      via: [
        { description: `parameters('plugin') in ${parameters} = "kubenet"`, range: { file: parameters, startLine: 6 } },
      ],
    });
  });

  it.each([
    { name: 'in another directory', path: 'other/main.parameters.json' },
    { name: 'for another template', path: 'network.parameters.json' },
  ])('ignores a parameters file $name', ({ path }) => {
    const files = { 'main.json': template(body), [path]: parametersFile({ plugin: 'kubenet' }) };
    expect(only(run(files)).network.plugin).toMatchObject({ how: 'resolved', value: 'azure' });
  });

  it('resolves when several parameters files agree', () => {
    // Arrange
    const files = {
      'main.json': template(body),
      'main.parameters.dev.json': parametersFile({ plugin: 'kubenet' }),
      'main.parameters.prod.json': parametersFile({ plugin: 'kubenet' }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.plugin).toMatchObject({ how: 'resolved', value: 'kubenet' });
  });

  it('leaves it unresolved, naming the files, when parameters files disagree', () => {
    // Arrange
    const files = {
      'main.json': template(body),
      'main.parameters.dev.json': parametersFile({ plugin: 'kubenet' }),
      'main.parameters.prod.json': parametersFile({}),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.plugin).toEqual({
      how: 'unresolved',
      range: expect.objectContaining({ file: 'main.json' }) as unknown,
      expression: "[parameters('plugin')]",
      reason:
        'parameter \'plugin\' differs between the parameter files (main.parameters.dev.json: "kubenet"; main.parameters.prod.json (not set there: the template default): "azure"); the file chosen at deployment decides it',
    });
  });

  it('compares object values by their JSON, not by where they are written', () => {
    // Arrange
    const objectBody = {
      parameters: { net: { type: 'object' } },
      resources: [cluster({ networkProfile: "[parameters('net')]" })],
    };
    const files = {
      'main.json': template(objectBody),
      'main.parameters.dev.json': parametersFile({ net: { networkPlugin: 'azure' } }),
      'main.parameters.prod.json': `\n\n${parametersFile({ net: { networkPlugin: 'azure' } })}`,
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'resolved',
      value: 'azure',
      expression: "[parameters('net').networkPlugin]",
    });
  });

  it('leaves it unresolved when the parameters file is broken', () => {
    const files = { 'main.json': template(body), 'main.parameters.json': '{\n  "parameters": {\n    "plugin": \n}' };
    expect(only(run(files)).network.plugin).toMatchObject({
      how: 'unresolved',
      reason: expect.stringMatching(
        /^main\.parameters\.json could not be read \(invalid JSON: value expected at line 4\)/,
      ) as unknown,
    });
  });

  it('leaves a Key Vault reference unresolved', () => {
    // Arrange
    const parameters = JSON.stringify({
      parameters: { plugin: { reference: { keyVault: { id: '/kv' }, secretName: 's' } } },
    });
    const files = { 'main.json': template(body), 'main.parameters.json': parameters };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'unresolved',
      reason: "main.parameters.json reads parameter 'plugin' from Key Vault at deployment time",
    });
  });
});

describe('unresolved values', () => {
  it.each([
    {
      name: 'if()',
      value: "[if(parameters('prod'), 'azure', 'kubenet')]",
      reason: /^if\(\) picks its value at deployment time/,
    },
    { name: 'reference()', value: "[reference('x').plugin]", reason: /^reference\(\) reads a deployed resource/ },
    {
      name: 'resourceGroup()',
      value: '[resourceGroup().tags.plugin]',
      reason: /^resourceGroup\(\) describes the deployment target/,
    },
    {
      name: 'another function',
      value: "[toLower('AZURE')]",
      reason: /^the analyzer does not evaluate the ARM function toLower\(\)/,
    },
    {
      name: 'a parameter without a default',
      value: "[parameters('required')]",
      reason: /^parameter 'required' has no defaultValue, so its value is given at deployment time/,
    },
    {
      name: 'an undeclared parameter',
      value: "[parameters('nope')]",
      reason: /^parameter 'nope' is not declared in the template/,
    },
    {
      name: 'an undeclared variable',
      value: "[variables('nope')]",
      reason: /^variable 'nope' is not declared in the template/,
    },
    {
      name: 'a variable that refers to itself',
      value: "[variables('loop')]",
      reason: /^variables\('loop'\) refers to itself/,
    },
    { name: 'an expression that does not parse', value: "[concat('a']", reason: /^the expression could not be parsed/ },
    { name: 'a missing property', value: "[variables('obj').missing]", reason: /has no property 'missing'/ },
  ])('$name', ({ value, reason }) => {
    // Arrange
    const files = {
      'main.json': template({
        parameters: { prod: { type: 'bool' }, required: { type: 'string' } },
        variables: { loop: "[variables('loop')]", obj: { a: 1 } },
        resources: [cluster({ networkProfile: { networkPlugin: value } })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.plugin).toMatchObject({
      how: 'unresolved',
      expression: value,
      reason: expect.stringMatching(reason) as unknown,
    });
  });

  it('reads a pod subnet given by resourceId() as the subnet ID it builds, with stand-ins for the deployment', () => {
    // Arrange
    const podSubnet = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'pods')]";
    const files = {
      'main.json': template({ resources: [cluster({ agentPoolProfiles: [{ name: 'sys', podSubnetID: podSubnet }] })] }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.nodePools[0]?.podSubnetId).toMatchObject({
      how: 'resolved',
      value:
        '/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pods',
      expression: podSubnet,
    });
  });

  it('keeps a pod subnet unresolved when resourceId() names something unknown', () => {
    // Arrange
    const podSubnet = "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnet'), 'pods')]";
    const files = {
      'main.json': template({
        parameters: { vnet: { type: 'string' } },
        resources: [cluster({ agentPoolProfiles: [{ name: 'sys', podSubnetID: podSubnet }] })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.nodePools[0]?.podSubnetId).toMatchObject({
      how: 'unresolved',
      expression: podSubnet,
      reason: 'resourceId() builds a resource ID at deployment time; the analyzer does not evaluate it',
    });
  });

  it('refuses a value of the wrong type', () => {
    const files = {
      'main.json': template({ resources: [cluster({ agentPoolProfiles: [{ name: 'sys', count: '3' }] })] }),
    };
    expect(only(run(files)).nodePools[0]?.nodeCount).toMatchObject({
      how: 'unresolved',
      reason: 'the value "3" is not a number',
    });
  });

  it('marks the plugin unresolved when the whole network profile is an unresolvable expression', () => {
    const files = {
      'main.json': template({ resources: [cluster({ networkProfile: "[reference('x').networkProfile]" })] }),
    };
    expect(only(run(files)).network).toEqual({
      plugin: expect.objectContaining({ how: 'unresolved', expression: "[reference('x').networkProfile]" }) as unknown,
    });
  });

  it('stops a long chain of variables', () => {
    // Arrange
    const variables: Record<string, string> = { v0: 'kubenet' };
    for (let i = 1; i <= 40; i++) variables[`v${i}`] = `[variables('v${i - 1}')]`;
    const files = {
      'main.json': template({
        variables,
        resources: [cluster({ networkProfile: { networkPlugin: "[variables('v40')]" } })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.plugin).toMatchObject({ how: 'unresolved', reason: 'more than 32 references deep' });
  });
});

describe('bounded evaluation', () => {
  it('stops variables that fan out exponentially', () => {
    // Arrange: v30 would be 2^30 characters, reached by 2^30 references.
    const variables: Record<string, string> = { v0: 'x' };
    for (let i = 1; i <= 30; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const files = {
      'main.json': template({ variables, resources: [cluster({ networkProfile: { podCidr: "[variables('v30')]" } })] }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.podCidr).toMatchObject({ how: 'unresolved', reason: 'more than 2000 references to follow' });
  });

  it('stops concat() from building huge strings', () => {
    // Arrange
    const big = 'x'.repeat(60_000);
    const files = {
      'main.json': template({
        variables: { big },
        resources: [cluster({ networkProfile: { podCidr: "[concat(variables('big'), variables('big'))]" } })],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.network.podCidr).toMatchObject({
      how: 'unresolved',
      reason: 'concat() builds a string longer than 100000 characters',
    });
  });
});

describe('agent pools as resources', () => {
  it.each([
    {
      name: 'a top-level pool named "<cluster>/<pool>" with concat()',
      extra: { parameters: { clusterName: { type: 'string', defaultValue: 'aks' } } },
      clusterName: "[parameters('clusterName')]",
      pool: { type: POOL, name: "[concat(parameters('clusterName'), '/user')]" },
    },
    {
      name: 'a top-level pool named "<cluster>/<pool>" literally',
      extra: {},
      clusterName: 'aks',
      pool: { type: POOL, name: 'aks/user' },
    },
    {
      name: 'a pool whose cluster name is a required parameter',
      extra: { parameters: { clusterName: { type: 'string' } } },
      clusterName: "[parameters('clusterName')]",
      pool: { type: POOL, name: "[format('{0}/{1}', parameters('clusterName'), 'user')]" },
    },
    {
      name: 'a pool that dependsOn the cluster by resourceId()',
      extra: { parameters: { clusterName: { type: 'string' } } },
      clusterName: "[parameters('clusterName')]",
      pool: {
        type: POOL,
        name: "[variables('unknownName')]",
        dependsOn: ["[resourceId('Microsoft.ContainerService/managedClusters', parameters('clusterName'))]"],
      },
    },
  ])('attaches $name to its cluster', ({ extra, clusterName, pool }) => {
    // Arrange
    const files = {
      'main.json': template({
        ...extra,
        resources: [
          cluster({ agentPoolProfiles: [{ name: 'sys' }] }, { name: clusterName }),
          { apiVersion: '2024-09-01', ...pool, properties: { count: 2, podSubnetID: '/subnets/pods' } },
        ],
      }),
    };

    // Act
    const result = run(files);

    // Assert
    expect(result.updates).toEqual([]);
    expect(only(result).nodePools.map((p) => [p.isDefault, valueOf(p.podSubnetId)])).toEqual([
      [true, undefined],
      [false, '/subnets/pods'],
    ]);
  });

  it('reads pools nested in the cluster as child resources', () => {
    // Arrange
    const files = {
      'main.json': template({
        resources: [
          cluster(
            {},
            {
              resources: [{ type: 'agentPools', apiVersion: '2024-09-01', name: 'user', properties: { maxPods: 250 } }],
            },
          ),
        ],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect(found.nodePools).toMatchObject([
      { name: 'user', isDefault: false, maxPods: { how: 'literal', value: 250 } },
    ]);
  });

  it('makes a pool for a cluster defined elsewhere a cluster update', () => {
    // Arrange
    const files = {
      'main.json': template({
        resources: [{ type: POOL, apiVersion: '2024-09-01', name: 'prod-aks/user', properties: { count: 2 } }],
      }),
    };

    // Act
    const result = run(files);

    // Assert
    expect(result.clusters).toEqual([]);
    expect(result.updates).toMatchObject([
      {
        id: `${POOL} prod-aks/user`,
        format: 'arm',
        definition: `${POOL}@2024-09-01`,
        name: { how: 'literal', value: 'prod-aks' },
        network: {},
        nodePools: [{ name: 'user', isDefault: false, nodeCount: { value: 2 } }],
      },
    ]);
  });

  it('makes a pool on an `existing` cluster (languageVersion 2.0) a cluster update', () => {
    // Arrange
    const files = {
      'main.json': template({
        languageVersion: '2.0',
        resources: {
          aks: { type: CLUSTER, apiVersion: '2024-09-01', name: 'prod-aks', existing: true },
          pool: { type: POOL, apiVersion: '2024-09-01', name: 'prod-aks/user', dependsOn: ['aks'], properties: {} },
        },
      }),
    };

    // Act
    const result = run(files);

    // Assert
    expect(result.clusters).toEqual([]);
    expect(result.updates).toMatchObject([
      { name: { how: 'literal', value: 'prod-aks' }, nodePools: [{ name: 'user' }] },
    ]);
  });
});

describe('template shapes', () => {
  it('reads resources keyed by symbolic name (languageVersion 2.0) and uses the symbolic name in the id', () => {
    // Arrange
    const files = {
      'main.json': template({
        languageVersion: '2.0',
        resources: { myAks: cluster({ networkProfile: { networkPlugin: 'kubenet' } }) },
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect({ id: found.id, plugin: valueOf(found.network.plugin) }).toEqual({
      id: `${CLUSTER} myAks`,
      plugin: 'kubenet',
    });
  });

  it.each([
    { name: 'inner scope uses the inner parameters given by the deployment', scope: 'inner', expected: 'kubenet' },
    { name: 'outer scope uses the parent template', scope: 'outer', expected: 'azure' },
  ])('nested deployment: $name', ({ scope, expected }) => {
    // Arrange
    const inner = {
      parameters: { plugin: { type: 'string', defaultValue: 'none' } },
      resources: [cluster({ networkProfile: { networkPlugin: "[parameters('plugin')]" } })],
    };
    const files = {
      'main.json': template({
        parameters: { plugin: { type: 'string', defaultValue: 'azure' } },
        resources: [
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'inner',
            properties: {
              expressionEvaluationOptions: { scope },
              parameters: { plugin: { value: 'kubenet' } },
              template: inner,
            },
          },
        ],
      }),
    };

    // Act
    const found = only(run(files));

    // Assert
    expect({ id: found.id, plugin: valueOf(found.network.plugin) }).toEqual({
      id: `Microsoft.Resources/deployments inner > ${CLUSTER} aks`,
      plugin: expected,
    });
  });

  it('gives two clusters written alike distinct ids', () => {
    const files = { 'main.json': template({ resources: [cluster({}), cluster({})] }) };
    expect(run(files).clusters.map((c) => c.id)).toEqual([`${CLUSTER} aks`, `${CLUSTER} aks #2`]);
  });

  it('skips a file with no AKS cluster before parsing it', () => {
    expect(run({ 'main.json': '{ not json, but no cluster either' })).toEqual({ clusters: [], problems: [] });
  });
});

describe('broken and hostile input', () => {
  it('reports invalid JSON with its line and still reads what parses', () => {
    // Arrange
    const text = template({ resources: [cluster({ networkProfile: { networkPlugin: 'kubenet' } })] }).replace(
      '"contentVersion": "1.0.0.0",',
      '"contentVersion": "1.0.0.0"',
    );

    // Act
    const result = run({ 'main.json': text });

    // Assert
    expect(result.problems).toEqual([
      {
        kind: 'parse-error',
        range: { file: 'main.json', startLine: 4, endLine: 4 },
        message: 'invalid JSON: comma expected',
      },
    ]);
    expect(valueOf(only(result).network.plugin)).toBe('kubenet');
  });

  it('gives a problem, not a stack overflow, for 10,000 levels of nesting', () => {
    // Arrange
    const text = `{"type": "${CLUSTER}", "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;

    // Act
    const result = run({ 'main.json': text });

    // Assert
    expect(result).toMatchObject({ clusters: [], problems: [{ kind: 'too-deep', range: { startLine: 1 } }] });
  });

  it('reads a template with 100,000 lines', () => {
    // Arrange
    const padding = Array.from({ length: 100_000 }, (_, i) => `    "v${i}": ${i},`).join('\n');
    const text = `{\n  "$schema": "${SCHEMA}",\n  "variables": {\n${padding}\n    "last": 0\n  },\n  "resources": [{ "type": "${CLUSTER}", "name": "aks", "properties": {} }]\n}`;

    // Act
    const result = run({ 'main.json': text });

    // Assert
    expect(only(result).range.startLine).toBe(100_006);
  });

  it('reads a large single-line template', () => {
    // Arrange
    const filler = 'x'.repeat(5_000_000);
    const text = `{"$schema":"${SCHEMA}","metadata":{"blob":"${filler}"},"resources":[{"type":"${CLUSTER}","name":"aks","properties":{"networkProfile":{"networkPlugin":"azure"}}}]}`;

    // Act
    const result = run({ 'main.json': text });

    // Assert
    expect(valueOf(only(result).network.plugin)).toBe('azure');
  });
});

describe('fixtures', () => {
  const root = join(import.meta.dirname, '__fixtures__');

  function fixture(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(join(root, dir)))
      files[`${dir}/${name}`] = readFileSync(join(root, dir, name), 'utf8');
    return files;
  }

  it('aks-quickstart: no network profile; the parameters file names the cluster', () => {
    // Arrange
    const files = fixture('aks-quickstart');

    // Act
    const found = only(run(files, 'aks-quickstart/azuredeploy.json'));

    // Assert
    expect(found.network).toEqual({});
    expect(found.name).toMatchObject({ how: 'resolved', value: 'GEN-UNIQUE' });
    expect(found.nodePools).toMatchObject([
      {
        name: 'agentpool',
        isDefault: true,
        nodeCount: { how: 'resolved', value: 3 },
        osType: { how: 'literal', value: 'Linux' },
      },
    ]);
    expect(found.range).toMatchObject({ startLine: 24, endLine: 42 });
  });

  it('aks-advanced-networking: azure CNI with a pod subnet on a separate pool', () => {
    // Arrange
    const files = fixture('aks-advanced-networking');

    // Act
    const result = run(files, 'aks-advanced-networking/azuredeploy.json');

    // Assert
    const found = only(result);
    expect(found.network).toMatchObject({
      plugin: { how: 'resolved', value: 'azure', range: { startLine: 40 } },
      policy: { how: 'literal', value: 'azure' },
      serviceCidr: { how: 'resolved', value: '10.0.0.0/16' },
      dnsServiceIp: { how: 'resolved', value: '10.0.0.10' },
    });
    const id = (subnet: string) =>
      `/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/virtualNetworks/aks-vnet/subnets/${subnet}`;
    expect(found.nodePools).toMatchObject([
      {
        name: 'system',
        isDefault: true,
        maxPods: { how: 'resolved', value: 50 },
        vnetSubnetId: { how: 'resolved', value: id('nodes'), expression: "[variables('nodeSubnetId')]" },
      },
      {
        name: 'userpool',
        isDefault: false,
        podSubnetId: { how: 'resolved', value: id('pods'), range: { startLine: 59 } },
      },
    ]);
    expect(found.nodePools[0]?.podSubnetId).toBeUndefined();
    expect(found.apiVersion).toBe('2024-09-01');
    expect(
      result.addressSpaces?.map((space) => [
        space.kind,
        space.virtualNetwork ?? space.name,
        space.name,
        space.prefixes.map(valueOf),
      ]),
    ).toEqual([
      ['virtual-network', 'aks-vnet', 'aks-vnet', ['10.240.0.0/12']],
      ['subnet', 'aks-vnet', 'nodes', ['10.240.0.0/24']],
      ['subnet', 'aks-vnet', 'pods', ['10.241.0.0/16']],
    ]);
  });

  it('nested-deployment: inner and outer scoped templates', () => {
    // Arrange
    const files = fixture('nested-deployment');

    // Act
    const result = run(files, 'nested-deployment/azuredeploy.json');

    // Assert
    expect(
      result.clusters.map((c) => [
        c.definition,
        valueOf(c.name),
        valueOf(c.network.plugin),
        valueOf(c.network.podCidr),
      ]),
    ).toEqual([
      [
        `${CLUSTER}@2023-08-01 in Microsoft.Resources/deployments aksDeployment`,
        'aks-nested',
        'kubenet',
        '172.16.0.0/16',
      ],
      [
        `${CLUSTER}@2023-08-01 in Microsoft.Resources/deployments outerScoped`,
        'aks-nested-2',
        'kubenet',
        '10.244.0.0/16',
      ],
    ]);
  });

  it('language-version-2: overlay + cilium, with a separate pool by symbolic dependsOn', () => {
    // Arrange
    const files = fixture('language-version-2');

    // Act
    const found = only(run(files, 'language-version-2/main.json'));

    // Assert
    expect(Object.fromEntries(Object.entries(found.network).map(([key, setting]) => [key, valueOf(setting)]))).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      dataplane: 'cilium',
      policy: 'cilium',
      podCidr: '192.168.0.0/16',
    });
    expect(found.name).toMatchObject({ value: 'aks-cilium' });
    expect(found.nodePools.map((pool) => [pool.name, pool.isDefault, valueOf(pool.maxPods)])).toEqual([
      ['system', true, undefined],
      ['user', false, 110],
    ]);
  });
});

describe('virtual networks and subnets', () => {
  const VNET = 'Microsoft.Network/virtualNetworks';
  const SUBNET = 'Microsoft.Network/virtualNetworks/subnets';

  function vnet(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { type: VNET, apiVersion: '2023-09-01', name: 'vnet-prod', ...extra, properties };
  }

  /** kind, virtual network, name, prefixes (values, or 'unresolved'), references. */
  function spaces(result: ExtractResult): unknown[] {
    return (result.addressSpaces ?? []).map((space) => [
      space.kind,
      space.virtualNetwork,
      space.name,
      space.prefixes.map(valueOf),
    ]);
  }

  it.each([
    {
      name: 'a virtual network with inline subnets (addressPrefix and addressPrefixes)',
      body: {
        resources: [
          vnet({
            addressSpace: { addressPrefixes: ['10.0.0.0/16', '10.1.0.0/16'] },
            subnets: [
              { name: 'nodes', properties: { addressPrefix: '10.0.0.0/24' } },
              { name: 'pods', properties: { addressPrefixes: ['10.1.0.0/17', '10.1.128.0/17'] } },
            ],
          }),
        ],
      },
      expected: [
        ['virtual-network', undefined, 'vnet-prod', ['10.0.0.0/16', '10.1.0.0/16']],
        ['subnet', 'vnet-prod', 'nodes', ['10.0.0.0/24']],
        ['subnet', 'vnet-prod', 'pods', ['10.1.0.0/17', '10.1.128.0/17']],
      ],
    },
    {
      name: 'names and prefixes from parameters and variables',
      body: {
        parameters: {
          vnetName: { type: 'string', defaultValue: 'vnet-param' },
          space: { type: 'array', defaultValue: ['10.10.0.0/16'] },
        },
        variables: { nodes: { name: 'snet-nodes', prefix: '10.10.1.0/24' } },
        resources: [
          vnet(
            {
              addressSpace: { addressPrefixes: "[parameters('space')]" },
              subnets: [
                {
                  name: "[variables('nodes').name]",
                  properties: { addressPrefix: "[variables('nodes').prefix]" },
                },
              ],
            },
            { name: "[parameters('vnetName')]" },
          ),
        ],
      },
      expected: [
        ['virtual-network', undefined, 'vnet-param', ['10.10.0.0/16']],
        ['subnet', 'vnet-param', 'snet-nodes', ['10.10.1.0/24']],
      ],
    },
    {
      name: 'a prefix from a parameter with no value',
      body: {
        parameters: { nodePrefix: { type: 'string' }, space: { type: 'array' } },
        resources: [
          vnet({
            addressSpace: { addressPrefixes: "[parameters('space')]" },
            subnets: [{ name: 'nodes', properties: { addressPrefix: "[parameters('nodePrefix')]" } }],
          }),
        ],
      },
      expected: [
        ['virtual-network', undefined, 'vnet-prod', ['unresolved']],
        ['subnet', 'vnet-prod', 'nodes', ['unresolved']],
      ],
    },
    {
      name: 'top-level subnets named vnet/subnet (literal, concat(), format())',
      body: {
        parameters: { vnetName: { type: 'string', defaultValue: 'vnet-a' } },
        resources: [
          { type: SUBNET, apiVersion: '2023-09-01', name: 'vnet-a/one', properties: { addressPrefix: '10.0.1.0/24' } },
          {
            type: SUBNET,
            apiVersion: '2023-09-01',
            name: "[concat(parameters('vnetName'), '/two')]",
            properties: { addressPrefix: '10.0.2.0/24' },
          },
          {
            type: SUBNET,
            apiVersion: '2023-09-01',
            name: "[format('{0}/{1}', parameters('vnetName'), 'three')]",
            properties: { addressPrefixes: ['10.0.3.0/24'] },
          },
        ],
      },
      expected: [
        ['subnet', 'vnet-a', 'one', ['10.0.1.0/24']],
        ['subnet', 'vnet-a', 'two', ['10.0.2.0/24']],
        ['subnet', 'vnet-a', 'three', ['10.0.3.0/24']],
      ],
    },
    {
      name: 'subnets as child resources of the virtual network',
      body: {
        resources: [
          vnet(
            { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } },
            {
              resources: [
                {
                  type: 'subnets',
                  apiVersion: '2023-09-01',
                  name: 'nodes',
                  properties: { addressPrefix: '10.0.0.0/24' },
                },
                { type: SUBNET, name: 'vnet-prod/pods', properties: { addressPrefix: '10.0.64.0/18' } },
              ],
            },
          ),
        ],
      },
      expected: [
        ['virtual-network', undefined, 'vnet-prod', ['10.0.0.0/16']],
        ['subnet', 'vnet-prod', 'nodes', ['10.0.0.0/24']],
        ['subnet', 'vnet-prod', 'pods', ['10.0.64.0/18']],
      ],
    },
    {
      name: 'an existing virtual network (skipped) with a new child subnet; an existing subnet (skipped)',
      body: {
        resources: [
          vnet(
            {},
            {
              existing: true,
              resources: [
                { type: 'subnets', name: 'nodes', properties: { addressPrefix: '10.0.0.0/24' } },
                { type: 'subnets', name: 'old', existing: true },
              ],
            },
          ),
          { type: SUBNET, name: 'vnet-prod/legacy', existing: true },
        ],
      },
      expected: [['subnet', 'vnet-prod', 'nodes', ['10.0.0.0/24']]],
    },
    {
      name: 'a virtual network in a copy loop (a documented gap: skipped)',
      body: {
        resources: [
          vnet(
            { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } },
            { name: "[concat('vnet-', copyIndex())]", copy: { name: 'loop', count: 2 } },
          ),
        ],
      },
      expected: [],
    },
  ])('$name', ({ body, expected }) => {
    // Arrange
    const files = { 'network.json': template(body) };

    // Act
    const result = run(files, 'network.json');

    // Assert
    expect(result.problems).toEqual([]);
    expect(result.clusters).toEqual([]);
    expect(spaces(result)).toEqual(expected);
  });

  it('reads a prefix from a parameters file, with its steps', () => {
    // Arrange
    const files = {
      'network.json': template({
        parameters: { nodePrefix: { type: 'string', defaultValue: '10.0.0.0/24' } },
        resources: [
          vnet({ subnets: [{ name: 'nodes', properties: { addressPrefix: "[parameters('nodePrefix')]" } }] }),
        ],
      }),
      'network.parameters.json': parametersFile({ nodePrefix: '10.9.0.0/22' }),
    };

    // Act
    const [, subnet] = run(files, 'network.json').addressSpaces ?? [];

    // Assert
    expect(subnet?.prefixes).toEqual([
      {
        how: 'resolved',
        value: '10.9.0.0/22',
        range: expect.objectContaining({ file: 'network.json' }) as unknown,
        expression: "[parameters('nodePrefix')]",
        via: [
          expect.objectContaining({
            description: `parameters('nodePrefix') in network.parameters.json = "10.9.0.0/22"`,
          }),
        ],
      },
    ]);
  });

  it('gives unique ids with the file path, ranges, and the resourceId() reference of a subnet whose names are unknown', () => {
    // Arrange
    const files = {
      'infra/network.json': template({
        parameters: { vnetName: { type: 'string' } },
        resources: [
          vnet(
            { subnets: [{ name: 'nodes', properties: { addressPrefix: '10.0.0.0/24' } }] },
            { name: "[parameters('vnetName')]" },
          ),
          {
            type: SUBNET,
            name: "[concat(parameters('vnetName'), '/pods')]",
            properties: { addressPrefix: '10.1.0.0/16' },
          },
        ],
      }),
    };

    // Act
    const result = run(files, 'infra/network.json');

    // Assert
    expect(
      result.addressSpaces?.map((space) => ({
        id: space.id,
        name: space.name,
        virtualNetwork: space.virtualNetwork,
        startLine: space.range.startLine,
        references: space.references,
      })),
    ).toEqual([
      {
        id: `infra/network.json: ${VNET} [parameters('vnetName')]`,
        name: undefined,
        virtualNetwork: undefined,
        startLine: 10,
        references: [],
      },
      {
        id: `infra/network.json: ${VNET} [parameters('vnetName')] > properties.subnets[0]`,
        name: 'nodes',
        virtualNetwork: undefined,
        startLine: 16,
        references: [`[resourceId('${SUBNET}', parameters('vnetName'), 'nodes')]`],
      },
      {
        id: `infra/network.json: ${SUBNET} [concat(parameters('vnetName'), '/pods')]`,
        name: 'pods',
        virtualNetwork: undefined,
        startLine: 25,
        references: [`[resourceId('${SUBNET}', parameters('vnetName'), 'pods')]`],
      },
    ]);
  });

  it('lets a file with only networking past the pre-check, and keeps other JSON fast', () => {
    expect(run({ 'a.json': template({ resources: [vnet({})] }) }, 'a.json').addressSpaces).toHaveLength(1);
    expect(
      run({ 'b.json': template({ resources: [{ type: 'Microsoft.Storage/storageAccounts' }] }) }, 'b.json'),
    ).toEqual({
      clusters: [],
      problems: [],
    });
  });
});

describe('subnets linked to node pools through the engine', () => {
  const nodesId = "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'nodes')]";
  const vnetResource = {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2023-09-01',
    name: "[parameters('vnetName')]",
    properties: {
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      subnets: [{ name: 'nodes', properties: { addressPrefix: '10.0.0.0/22' } }],
    },
  };
  const withDefault = { vnetName: { type: 'string', defaultValue: 'vnet-prod' } };

  it.each([
    {
      name: 'the virtual network in the same template, named by a parameter with a default',
      files: {
        'infra/main.json': template({
          parameters: withDefault,
          variables: { subnetId: nodesId },
          resources: [
            vnetResource,
            cluster({ agentPoolProfiles: [{ name: 'sys', vnetSubnetID: "[variables('subnetId')]" }] }),
          ],
        }),
      },
    },
    {
      name: 'the virtual network in another template of the same directory',
      files: {
        'infra/main.json': template({
          parameters: withDefault,
          resources: [cluster({ agentPoolProfiles: [{ name: 'sys', vnetSubnetID: nodesId }] })],
        }),
        'infra/network.json': template({ parameters: withDefault, resources: [vnetResource] }),
      },
    },
    {
      name: 'a parameter with no value, matched by the same resourceId() text',
      files: {
        'infra/main.json': template({
          parameters: { vnetName: { type: 'string' } },
          resources: [vnetResource, cluster({ agentPoolProfiles: [{ name: 'sys', vnetSubnetID: nodesId }] })],
        }),
      },
    },
  ])('$name', async ({ files }) => {
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

describe('apiVersion, removed settings and IP families', () => {
  it.each([
    { name: 'a literal apiVersion', extra: {}, expected: '2024-09-01' },
    {
      name: 'an apiVersion from a variable',
      extra: { apiVersion: "[variables('aksApi')]" },
      expected: '2025-10-01',
    },
    { name: 'no apiVersion', extra: { apiVersion: undefined }, expected: undefined },
  ])('$name', ({ extra, expected }) => {
    const files = {
      'main.json': template({ variables: { aksApi: '2025-10-01' }, resources: [cluster({}, extra)] }),
    };
    expect(only(run(files)).apiVersion).toBe(expected);
  });

  it.each([
    {
      name: 'dockerBridgeCidr written literally',
      body: { resources: [cluster({ networkProfile: { networkPlugin: 'azure', dockerBridgeCidr: '172.17.0.1/16' } })] },
      expected: [
        {
          kind: 'docker-bridge-cidr',
          name: 'dockerBridgeCidr',
          range: { file: 'main.json', startLine: 13, endLine: 13 },
        },
      ],
    },
    {
      name: 'dockerBridgeCIDR from a parameter, spelled differently',
      body: {
        parameters: { bridge: { type: 'string' } },
        resources: [cluster({ networkProfile: { dockerBridgeCIDR: "[parameters('bridge')]" } })],
      },
      expected: [
        {
          kind: 'docker-bridge-cidr',
          name: 'dockerBridgeCIDR',
          range: { file: 'main.json', startLine: 17, endLine: 17 },
        },
      ],
    },
    {
      name: 'a network profile in a variable',
      body: {
        variables: { profile: { dockerBridgeCidr: '172.17.0.1/16' } },
        resources: [cluster({ networkProfile: "[variables('profile')]" })],
      },
      expected: [
        {
          kind: 'docker-bridge-cidr',
          name: 'dockerBridgeCidr',
          range: { file: 'main.json', startLine: 6, endLine: 6 },
        },
      ],
    },
    {
      name: 'dockerBridgeCidr: null',
      body: { resources: [cluster({ networkProfile: { dockerBridgeCidr: null } })] },
      expected: undefined,
    },
    {
      name: 'none',
      body: { resources: [cluster({ networkProfile: { networkPlugin: 'azure' } })] },
      expected: undefined,
    },
  ])('removed settings: $name', ({ body, expected }) => {
    expect(only(run({ 'main.json': template(body) })).removedSettings).toEqual(expected);
  });

  it.each([
    { name: 'single-stack', ipFamilies: ['IPv4'], expected: { how: 'literal', value: ['IPv4'] } },
    { name: 'dual-stack', ipFamilies: ['IPv4', 'IPv6'], expected: { how: 'literal', value: ['IPv4', 'IPv6'] } },
    {
      name: 'from a parameter default',
      ipFamilies: "[parameters('families')]",
      expected: { how: 'resolved', value: ['IPv4', 'IPv6'], expression: "[parameters('families')]" },
    },
    {
      name: 'an item from a parameter',
      ipFamilies: ['IPv4', "[parameters('second')]"],
      expected: { how: 'resolved', value: ['IPv4', 'IPv6'] },
    },
    {
      name: 'from a parameter with no value',
      ipFamilies: "[parameters('unknown')]",
      expected: { how: 'unresolved', expression: "[parameters('unknown')]" },
    },
    {
      name: 'not a list',
      ipFamilies: 'IPv4',
      expected: { how: 'unresolved', reason: 'the value is not a list of strings' },
    },
  ])('ipFamilies: $name', ({ ipFamilies, expected }) => {
    const files = {
      'main.json': template({
        parameters: {
          families: { type: 'array', defaultValue: ['IPv4', 'IPv6'] },
          second: { type: 'string', defaultValue: 'IPv6' },
          unknown: { type: 'array' },
        },
        resources: [cluster({ networkProfile: { networkPlugin: 'azure', ipFamilies } })],
      }),
    };
    expect(only(run(files)).ipFamilies).toMatchObject(expected);
  });
});
