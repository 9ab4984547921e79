import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../model/index.js';
import { fileSet } from '../../../test/support/files.js';
import { networkValues, onlyCluster, poolValues, valueOf } from '../../../test/support/values.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import { extract } from './extract.js';
import { azurePowerShell } from './index.js';

function run(text: string, path = 'deploy.ps1'): ExtractResult {
  return extract({ path, text }, fileSet({ [path]: text }));
}

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('New-AzAksCluster: network settings', () => {
  it.each([
    ['kubenet', '-NetworkPlugin kubenet', { plugin: 'kubenet' }],
    ['azure (node subnet)', '-NetworkPlugin azure', { plugin: 'azure' }],
    ['azure + overlay', '-NetworkPlugin azure -NetworkPluginMode overlay', { plugin: 'azure', pluginMode: 'overlay' }],
    [
      'azure + overlay + cilium',
      '-NetworkPlugin azure -NetworkPluginMode overlay -NetworkDataplane cilium',
      { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium' },
    ],
    ['nothing specified: Az.Aks sends its own default, azure', '-NodeCount 1', { plugin: 'azure' }],
    ['only the mode: azure + overlay', '-NetworkPluginMode overlay', { plugin: 'azure', pluginMode: 'overlay' }],
    ['none', '-NetworkPlugin none', { plugin: 'none' }],
    [
      'case-insensitive names',
      '-networkplugin Azure -NETWORKPLUGINMODE overlay',
      { plugin: 'Azure', pluginMode: 'overlay' },
    ],
    ['-Name:value', '-NetworkPlugin:kubenet', { plugin: 'kubenet' }],
    [
      'the other network parameters',
      '-NetworkPolicy calico -ServiceCidr \'10.0.0.0/16\' -DnsServiceIP "10.0.0.10" -OutboundType loadBalancer -LoadBalancerSku standard -PodCidr 10.244.0.0/16',
      {
        policy: 'calico',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIp: '10.0.0.10',
        outboundType: 'loadBalancer',
        loadBalancerSku: 'standard',
        podCidr: '10.244.0.0/16',
        plugin: 'azure',
      },
    ],
  ])('%s', (_name, args, expected) => {
    const cluster = onlyCluster(run(`New-AzAksCluster -ResourceGroupName rg -Name aks ${args}`));
    expect(networkValues(cluster.network)).toEqual(expected);
  });

  it('without -NetworkPlugin the plugin is Az.Aks\'s default "azure" on the cmdlet word, citing NewAzureRmAks.cs', () => {
    // Arrange
    const text = '# create\nNew-AzAksCluster -ResourceGroupName rg -Name aks `\n  -NodeCount 3';

    // Act
    const cluster = onlyCluster(run(text));

    // Assert
    expect(cluster.network.plugin).toEqual({
      how: 'default',
      value: 'azure',
      range: { file: 'deploy.ps1', startLine: 2, endLine: 2 },
      note: expect.stringContaining('NewAzureRmAks.cs') as string,
    });
  });

  it.each([
    [
      'no network parameter: Azure CNI Node Subnet, reported as legacy',
      '-NodeCount 3',
      'azure-cni-node-subnet',
      'nodeSubnetDefault',
    ],
    [
      '-NetworkPluginMode overlay alone: Overlay',
      '-NetworkPluginMode overlay -PodCidr 192.168.0.0/16',
      'azure-cni-overlay',
      undefined,
    ],
  ])('analyzed: %s', async (_name, args, model, messageId) => {
    // Arrange
    const files = [{ path: 'deploy.ps1', content: `New-AzAksCluster -ResourceGroupName rg -Name aks ${args}\n` }];

    // Act
    const report = await analyze({ files }, defaultConfig('2026-12-05'));

    // Assert
    expect(report.clusters.map((analyzed) => analyzed.classification.model)).toEqual([model]);
    const legacy = report.findings.filter((finding) => finding.ruleId === 'legacy-node-subnet');
    expect(legacy.map((finding) => finding.messageId)).toEqual(messageId === undefined ? [] : [messageId]);
    expect(report.findings.filter((finding) => finding.ruleId === 'platform-default')).toEqual([]);
  });

  it('reads name and group by position, and the version', () => {
    const cluster = onlyCluster(run('New-AzAksCluster rg-prod aks-prod -KubernetesVersion 1.30.5'));
    expect(cluster).toMatchObject({
      id: 'New-AzAksCluster aks-prod',
      format: 'azure-powershell',
      definition: 'New-AzAksCluster',
      name: { how: 'literal', value: 'aks-prod' },
      resourceGroup: { how: 'literal', value: 'rg-prod' },
      kubernetesVersion: { how: 'literal', value: '1.30.5' },
    });
  });

  it.each([
    [
      'counts and pod limits',
      '-NodeCount 3 -NodeMaxPodCount 30',
      { name: 'default', isDefault: true, nodeCount: 3, maxPods: 30 },
    ],
    [
      'autoscaling switch',
      '-EnableNodeAutoScaling -NodeMinCount 1 -NodeMaxCount 5',
      { name: 'default', isDefault: true, autoScaling: true, minCount: 1, maxCount: 5 },
    ],
    ['a switch turned off', '-EnableNodeAutoScaling:$false', { name: 'default', isDefault: true, autoScaling: false }],
    [
      'subnets and allocation mode',
      '-NodeName system -NodeVnetSubnetID /s/nodes -NodePodSubnetID /s/pods -NodePodIPAllocationMode StaticBlock',
      {
        name: 'system',
        isDefault: true,
        vnetSubnetId: '/s/nodes',
        podSubnetId: '/s/pods',
        podIpAllocationMode: 'StaticBlock',
      },
    ],
  ])('default pool: %s', (_name, args, expected) => {
    const cluster = onlyCluster(run(`New-AzAksCluster -ResourceGroupName rg -Name aks -NetworkPlugin azure ${args}`));
    expect(poolValues(cluster.nodePools[0])).toEqual(expected);
  });
});

describe('values and variables', () => {
  it.each([
    ['a single-quoted variable', "$plugin = 'kubenet'\n", '$plugin', 'kubenet', ['$plugin = "kubenet" (deploy.ps1:1)']],
    [
      'case-insensitive variable names',
      '$Plugin = "kubenet"\n',
      '$PLUGIN',
      'kubenet',
      ['$Plugin = "kubenet" (deploy.ps1:1)'],
    ],
    [
      'an expandable string',
      '$base = \'kube\'\n$plugin = "${base}net"\n',
      '$plugin',
      'kubenet',
      ['$plugin = "kubenet" (deploy.ps1:2)', '$base = "kube" (deploy.ps1:1)'],
    ],
    [
      'a typed, scoped assignment',
      "[string]$script:plugin = 'kubenet'\n",
      '$script:plugin',
      'kubenet',
      ['$plugin = "kubenet" (deploy.ps1:1)'],
    ],
  ])('%s', (_name, before, use, value, steps) => {
    const text = `${before}New-AzAksCluster -Name aks -ResourceGroupName rg -NetworkPlugin ${use}`;
    const plugin = onlyCluster(run(text)).network.plugin;
    expect(plugin).toMatchObject({ how: 'resolved', value, expression: use });
    expect(plugin?.how === 'resolved' ? plugin.via.map((step) => step.description) : []).toEqual(steps);
  });

  it.each([
    ['a subexpression', '', '$(Get-Plugin)', 'subexpression'],
    ['a command result', '$plugin = Get-Content plugin.txt\n', '$plugin', 'result of Get-Content plugin.txt'],
    ['an environment variable', '', '$env:PLUGIN', 'environment variable $env:PLUGIN'],
    ['a property', '', '$config.Plugin', 'reads a property'],
    ['an unassigned variable', '', '$plugin', 'PowerShell variable $plugin is not assigned'],
    ['a parenthesised expression', '', '(Get-Plugin).Name', 'the expression (Get-Plugin).Name'],
    ['a bare command name assigned', '$plugin = kubenet\n', '$plugin', 'result of kubenet'],
  ])('%s stays unresolved with a reason', (_name, before, use, reason) => {
    const plugin = onlyCluster(run(`${before}New-AzAksCluster -Name aks -NetworkPlugin ${use}`)).network.plugin;
    expect(plugin?.how).toBe('unresolved');
    expect(plugin?.how === 'unresolved' ? plugin.reason : '').toContain(reason);
  });
});

describe('splatting', () => {
  it.each([
    ['a multi-line hashtable', "$p = @{\n  Name = 'aks'\n  NetworkPlugin = 'kubenet'\n  NodeCount = 3\n}\n", 3],
    ['a one-line hashtable', "$p = @{ Name = 'aks'; NetworkPlugin = 'kubenet'; NodeCount = 3 }\n", 1],
    [
      'quoted keys and a comment',
      "$p = @{\n  'Name' = 'aks' # the name\n  \"NetworkPlugin\" = 'kubenet'\n  NodeCount = 3\n}\n",
      3,
    ],
  ])('%s', (_name, before, line) => {
    const cluster = onlyCluster(run(`${before}New-AzAksCluster @p -ResourceGroupName rg`));
    expect(cluster.name).toMatchObject({ how: 'literal', value: 'aks' });
    expect(cluster.network.plugin).toMatchObject({ how: 'literal', value: 'kubenet', range: { startLine: line } });
    expect(cluster.nodePools[0]?.nodeCount).toMatchObject({ value: 3 });
  });

  it('lets an explicit parameter win over the splatted one', () => {
    const cluster = onlyCluster(
      run("$p = @{ NetworkPlugin = 'kubenet' }\nNew-AzAksCluster -NetworkPlugin azure @p -Name aks"),
    );
    expect(valueOf(cluster.network.plugin)).toBe('azure');
  });

  it('resolves variables inside the hashtable and switch values', () => {
    const cluster = onlyCluster(
      run(
        "$mode = 'overlay'\n$p = @{ NetworkPluginMode = $mode; EnableNodeAutoScaling = $true }\nNew-AzAksCluster @p -Name aks",
      ),
    );
    expect(cluster.network.pluginMode).toMatchObject({ how: 'resolved', value: 'overlay' });
    expect(cluster.nodePools[0]?.autoScaling).toMatchObject({ how: 'literal', value: true });
  });

  it('marks the plugin unresolved when the splatted hashtable is unknown', () => {
    const plugin = onlyCluster(run('New-AzAksCluster @clusterArgs -Name aks')).network.plugin;
    expect(plugin).toMatchObject({ how: 'unresolved', expression: '@clusterArgs' });
  });
});

describe('node pools and updates', () => {
  it('attaches New-AzAksNodePool to the cluster created earlier', () => {
    const text =
      'New-AzAksCluster -ResourceGroupName rg -Name aks -NetworkPlugin azure\nNew-AzAksNodePool -ResourceGroupName rg -ClusterName aks -Name win1 -OsType Windows -Count 2 -MaxPodCount 30 -PodSubnetID /s/pods -VnetSubnetID /s/nodes -EnableAutoScaling -MinCount 1 -MaxCount 4';
    const cluster = onlyCluster(run(text));
    expect(poolValues(cluster.nodePools[1])).toEqual({
      name: 'win1',
      isDefault: false,
      osType: 'Windows',
      nodeCount: 2,
      maxPods: 30,
      podSubnetId: '/s/pods',
      vnetSubnetId: '/s/nodes',
      autoScaling: true,
      minCount: 1,
      maxCount: 4,
    });
  });

  it('records a pool for a cluster defined elsewhere as a change', () => {
    const result = run('New-AzAksNodePool -ResourceGroupName rg -ClusterName aks -Name win1 -OsType Windows');
    expect(result.clusters).toEqual([]);
    expect(result.updates?.[0]).toMatchObject({
      id: 'New-AzAksNodePool aks/win1',
      definition: 'New-AzAksNodePool',
      network: {},
      nodePools: [{ name: 'win1' }],
    });
  });

  it.each([
    [
      'Set-AzAksCluster -ResourceGroupName rg -Name aks -NetworkPlugin azure -NetworkPluginMode overlay',
      'Set-AzAksCluster aks',
      { plugin: 'azure', pluginMode: 'overlay' },
    ],
    [
      'Update-AzAksCluster -ResourceGroupName rg -Name aks -NetworkDataplane cilium',
      'Update-AzAksCluster aks',
      { dataplane: 'cilium' },
    ],
    ['Get-AzAksCluster -Name aks -ResourceGroupName rg | Set-AzAksCluster -NodeCount 5', 'Set-AzAksCluster line 1', {}],
  ])('%s is a change, never a cluster', (text, id, network) => {
    const result = run(text);
    expect(result.clusters).toEqual([]);
    expect(result.updates?.[0]?.id).toBe(id);
    expect(networkValues(result.updates?.[0]?.network ?? {})).toEqual(network);
  });

  it('reads az aks lines with backtick continuations and PowerShell variables', () => {
    const text =
      "$name = 'aks'\naz aks create --name $name `\n  --resource-group rg `\n  --network-plugin kubenet\naz aks nodepool add --cluster-name $name -g rg -n pool2 -m 50";
    const cluster = onlyCluster(run(text));
    expect(cluster).toMatchObject({
      format: 'azure-powershell',
      definition: 'az aks create',
      range: { startLine: 2, endLine: 4 },
    });
    expect(cluster.network.plugin).toMatchObject({ value: 'kubenet', range: { startLine: 4 } });
    expect(cluster.name).toMatchObject({ how: 'resolved', value: 'aks' });
    expect(poolValues(cluster.nodePools[1])).toEqual({ name: 'pool2', isDefault: false, maxPods: 50 });
  });

  it('reads commands inside blocks and after pipelines', () => {
    const text =
      'if (-not (Get-AzAksCluster -Name aks -ErrorAction SilentlyContinue)) {\n  New-AzAksCluster -Name aks -NetworkPlugin kubenet | Out-Null\n}';
    expect(valueOf(onlyCluster(run(text)).network.plugin)).toBe('kubenet');
  });
});

describe('line ranges and problems', () => {
  it('spans a backtick-continued command', () => {
    const text = '# header\nNew-AzAksCluster `\n  -Name aks `\n  -NetworkPlugin `\n    kubenet\nWrite-Host done';
    const cluster = onlyCluster(run(text));
    expect(cluster.range).toEqual({ file: 'deploy.ps1', startLine: 2, endLine: 5 });
    expect(cluster.network.plugin?.range).toEqual({ file: 'deploy.ps1', startLine: 5, endLine: 5 });
  });

  it.each([
    ['an unclosed string', "New-AzAksCluster -Name aks -NetworkPlugin kubenet\nWrite-Host 'oops\n", 2, 'single quote'],
    [
      'an unclosed hashtable',
      "New-AzAksCluster -Name aks -NetworkPlugin kubenet\n$p = @{ Name = 'x'\n",
      2,
      'hashtable',
    ],
    [
      'an unclosed block comment',
      'New-AzAksCluster -Name aks -NetworkPlugin kubenet\n<# never closed\n',
      2,
      'block comment',
    ],
  ])('%s is a parse error with its line; earlier commands are still read', (_name, text, line, message) => {
    const result = run(text);
    expect(result.clusters).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'parse-error', range: { file: 'deploy.ps1', startLine: line } });
    expect(result.problems[0]?.message).toContain(message);
  });

  it('ignores commented-out commands', () => {
    const result = run(
      '# New-AzAksCluster -Name old -NetworkPlugin azure\n<#\nNew-AzAksCluster -Name older\n#>\nNew-AzAksCluster -Name aks -NetworkPlugin kubenet',
    );
    expect(onlyCluster(result).id).toBe('New-AzAksCluster aks');
  });
});

describe('hostile input', () => {
  it('reads 100,000 backtick continuation lines', () => {
    const text = `New-AzAksCluster -Name aks \`\n${'  -Tag @{a=1} `\n'.repeat(100_000)}  -NetworkPlugin kubenet\n`;
    expect(onlyCluster(run(text)).network.plugin?.range.startLine).toBe(100_002);
  });

  it('reads a 50 MB single line', () => {
    const text = `New-AzAksCluster -Name aks -NetworkPlugin kubenet ${'x'.repeat(50 * 1024 * 1024)}`;
    expect(valueOf(onlyCluster(run(text)).network.plugin)).toBe('kubenet');
  });

  it('bounds deeply nested parentheses and hashtables', () => {
    const text = `$x = ${'@{a='.repeat(10_000)}1${'}'.repeat(10_000)}\n$y = ${'('.repeat(10_000)}${')'.repeat(10_000)}\nNew-AzAksCluster -Name aks -NetworkPlugin kubenet`;
    expect(valueOf(onlyCluster(run(text)).network.plugin)).toBe('kubenet');
  });
});

describe('claims and sniff', () => {
  it.each([
    ['deploy.ps1', true],
    ['modules/Aks.psm1', true],
    ['deploy.sh', false],
    ['deploy.psd1', false],
  ])('claims %s: %s', (path, expected) => {
    expect(azurePowerShell.claims(path)).toBe(expected);
  });

  it.each([
    ['New-AzAksCluster -Name x', true],
    ['new-azaksnodepool -Name x', true],
    ['Set-AzAksCluster -Name x', true],
    ['Update-AzAksCluster -Name x', true],
    ['AZ AKS create', true],
    ['az `\n aks create', true],
    ['Get-AzAksCluster -Name x', false],
    ['New-AzVM -Name x', false],
  ])('sniffs %j: %s', (text, expected) => {
    expect(azurePowerShell.sniff?.({ path: 'x.ps1', text })).toBe(expected);
  });
});

describe('fixtures', () => {
  it('create-aks.ps1: splatted overlay + Cilium cluster, a Windows pool and an az update', () => {
    const result = run(fixture('create-aks.ps1'), 'scripts/create-aks.ps1');
    const cluster = onlyCluster(result);
    expect(cluster).toMatchObject({
      id: 'New-AzAksCluster aks-team',
      range: { startLine: 25, endLine: 25 },
      resourceGroup: { how: 'resolved', value: 'rg-aks-team' },
    });
    expect(networkValues(cluster.network)).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      dataplane: 'cilium',
      policy: 'cilium',
      podCidr: '192.168.0.0/16',
    });
    expect(cluster.network.plugin?.range.startLine).toBe(17);
    expect(cluster.nodePools.map((pool) => poolValues(pool))).toEqual([
      { name: 'default', isDefault: true, nodeCount: 3, maxPods: 110 },
      { name: 'npwin', isDefault: false, osType: 'Windows', nodeCount: 2 },
    ]);
    expect(result.updates?.[0]).toMatchObject({
      definition: 'az aks update',
      range: { startLine: 34, endLine: 37 },
      name: { how: 'unresolved', expression: '$clusterName' },
    });
  });

  it('quickstart.ps1: a kubenet cluster with an unresolved subnet, and a Set-AzAksCluster change', () => {
    const result = run(fixture('quickstart.ps1'), 'quickstart.ps1');
    const cluster = onlyCluster(result);
    expect(networkValues(cluster.network)).toEqual({ plugin: 'kubenet' });
    expect(cluster.nodePools[0]?.vnetSubnetId).toMatchObject({ how: 'unresolved', range: { startLine: 10 } });
    expect(result.updates?.map((update) => update.id)).toEqual(['Set-AzAksCluster myAKSCluster']);
    expect(result.problems).toEqual([]);
  });
});

describe('virtual networks and subnets', () => {
  function spaces(result: ExtractResult) {
    return (result.addressSpaces ?? []).map((space) => ({
      kind: space.kind,
      name: space.name,
      virtualNetwork: space.virtualNetwork,
      prefixes: space.prefixes.map((prefix) => valueOf(prefix)),
      references: space.references,
    }));
  }

  it.each([
    [
      'a subnet config listed in New-AzVirtualNetwork',
      [
        '$nodes = New-AzVirtualNetworkSubnetConfig -Name nodes -AddressPrefix 10.0.0.0/22',
        '$pods = New-AzVirtualNetworkSubnetConfig -Name pods -AddressPrefix "10.1.0.0/16"',
        '$vnet = New-AzVirtualNetwork -Name vnet -ResourceGroupName rg -Location eastus -AddressPrefix "10.0.0.0/16","10.1.0.0/16" -Subnet $nodes,$pods',
      ],
      [
        {
          kind: 'subnet',
          name: 'nodes',
          virtualNetwork: 'vnet',
          prefixes: ['10.0.0.0/22'],
          references: ['$vnet.Subnets[0].Id'],
        },
        {
          kind: 'subnet',
          name: 'pods',
          virtualNetwork: 'vnet',
          prefixes: ['10.1.0.0/16'],
          references: ['$vnet.Subnets[1].Id'],
        },
        {
          kind: 'virtual-network',
          name: 'vnet',
          virtualNetwork: undefined,
          prefixes: ['10.0.0.0/16', '10.1.0.0/16'],
          references: [],
        },
      ],
    ],
    [
      'Add-AzVirtualNetworkSubnetConfig to a fetched network, prefix from a variable',
      [
        '$prefix = "10.2.0.0/24"',
        '$vnet = Get-AzVirtualNetwork -Name vnet -ResourceGroupName rg',
        'Add-AzVirtualNetworkSubnetConfig -Name nodes -VirtualNetwork $vnet -AddressPrefix $prefix',
      ],
      [{ kind: 'subnet', name: 'nodes', virtualNetwork: 'vnet', prefixes: ['10.2.0.0/24'], references: [] }],
    ],
    [
      'an unresolved prefix',
      ['New-AzVirtualNetwork -Name vnet -AddressPrefix $space'],
      [
        {
          kind: 'virtual-network',
          name: 'vnet',
          virtualNetwork: undefined,
          prefixes: ['unresolved: $space'],
          references: [],
        },
      ],
    ],
    [
      'az network in PowerShell',
      ['az network vnet subnet create -g rg --vnet-name vnet -n nodes --address-prefixes 10.3.0.0/24'],
      [{ kind: 'subnet', name: 'nodes', virtualNetwork: 'vnet', prefixes: ['10.3.0.0/24'], references: [] }],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(spaces(run(lines.join('\n'), 'network.ps1'))).toEqual(expected);
  });

  it('lets a script with only a virtual network through the pre-check', () => {
    expect(
      azurePowerShell.sniff?.({ path: 'n.ps1', text: 'New-AzVirtualNetwork -Name v -AddressPrefix 10.0.0.0/16' }),
    ).toBe(true);
    expect(azurePowerShell.sniff?.({ path: 'n.ps1', text: 'Get-AzVirtualNetwork -Name v' })).toBe(false);
  });

  it('links a pool to a subnet created in another script of the directory', async () => {
    const files = [
      {
        path: 'infra/network.ps1',
        content: [
          '$nodes = New-AzVirtualNetworkSubnetConfig -Name nodes -AddressPrefix 10.240.0.0/16',
          '$vnet = New-AzVirtualNetwork -Name vnet -ResourceGroupName rg -AddressPrefix 10.0.0.0/8 -Subnet $nodes',
        ].join('\n'),
      },
      {
        path: 'infra/cluster.ps1',
        content:
          'New-AzAksCluster -ResourceGroupName rg -Name aks -NetworkPlugin azure -NodeVnetSubnetID "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes"',
      },
    ];
    const report = await analyze({ files }, defaultConfig('2026-11-27'));
    expect(report.clusters[0]?.subnets[0]?.node?.prefixes.map((prefix) => valueOf(prefix))).toEqual(['10.240.0.0/16']);
  });

  it.each([
    ['single-stack', '-IPFamily IPv4', ['IPv4']],
    ['dual-stack', '-IPFamily IPv4,IPv6', ['IPv4', 'IPv6']],
    ['dual-stack, quoted', '-IPFamily "IPv4","IPv6"', ['IPv4', 'IPv6']],
  ])('reads -IPFamily %s', (_name, parameter, expected) => {
    const cluster = onlyCluster(run(`New-AzAksCluster -ResourceGroupName rg -Name aks ${parameter}`));
    expect(cluster.ipFamilies).toMatchObject({ how: 'literal', value: expected, range: { startLine: 1 } });
  });

  it('leaves -IPFamily unresolved with a reason', () => {
    const cluster = onlyCluster(run('New-AzAksCluster -ResourceGroupName rg -Name aks -IPFamily $families'));
    expect(cluster.ipFamilies).toMatchObject({ how: 'unresolved', expression: '$families' });
  });
});
