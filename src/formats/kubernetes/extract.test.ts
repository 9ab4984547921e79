import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../domain/classify.js';
import type { Cluster, ExtractResult, NetworkModel } from '../../model/index.js';
import { fileSet, sourceFile } from '../../../test/support/files.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import { extract } from './extract.js';
import { kubernetes } from './index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function run(files: Record<string, string>, path = Object.keys(files)[0] ?? ''): ExtractResult {
  return extract(sourceFile(files, path), fileSet(files));
}

function only(result: ExtractResult): Cluster {
  expect(result.clusters).toHaveLength(1);
  const [cluster] = result.clusters;
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

function at(startLine: number, endLine = startLine, file = 'k8s/cluster.yaml') {
  return { file, startLine, endLine };
}

/** An ASO ManagedCluster whose networkProfile holds `profile` (lines 8 on) and one agent pool with `pool` lines. */
function asoCluster(profile: string[], pool: string[] = []): string {
  return lines(
    'apiVersion: containerservice.azure.com/v1api20240901',
    'kind: ManagedCluster',
    'metadata:',
    '  name: aks',
    'spec:',
    '  owner:',
    '    name: rg',
    '  networkProfile:',
    ...profile.map((line) => `    ${line}`),
    '  agentPoolProfiles:',
    '    - name: system',
    '      count: 1',
    ...pool.map((line) => `      ${line}`),
  );
}

/** A CAPZ AzureManagedControlPlane with `spec` lines (line 5 on). */
function capzControlPlane(spec: string[]): string {
  return lines(
    'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1',
    'kind: AzureManagedControlPlane',
    'metadata:',
    '  name: capz',
    'spec:',
    '  location: westeurope',
    ...spec.map((line) => `  ${line}`),
  );
}

/** A Crossplane KubernetesCluster with `forProvider` lines (line 6 on). */
function crossplaneCluster(forProvider: string[]): string {
  return lines(
    'apiVersion: containerservice.azure.upbound.io/v1beta2',
    'kind: KubernetesCluster',
    'metadata:',
    '  name: xp',
    'spec:',
    '  forProvider:',
    ...forProvider.map((line) => `    ${line}`),
  );
}

describe('kubernetes format metadata', () => {
  it.each([
    ['k8s/cluster.yaml', true],
    ['k8s/cluster.YML', true],
    ['main.tf', false],
    ['cluster.json', false],
  ])('claims %s: %s', (path, claimed) => {
    expect(kubernetes.claims(path)).toBe(claimed);
  });

  it.each([
    ['ASO', 'apiVersion: containerservice.azure.com/v1api20240901\nkind: ManagedCluster\n', true],
    ['CAPZ', 'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: AzureManagedControlPlane\n', true],
    ['CAPZ ASO', 'apiVersion: infrastructure.cluster.x-k8s.io/v1alpha1\nkind: AzureASOManagedControlPlane\n', true],
    ['Crossplane', 'apiVersion: containerservice.azure.upbound.io/v1beta2\nkind: KubernetesCluster\n', true],
    [
      'namespaced Crossplane',
      'apiVersion: containerservice.azure.m.upbound.io/v1beta1\nkind: KubernetesCluster\n',
      true,
    ],
    ['CAPZ without AKS kinds', 'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: AzureCluster\n', false],
    ['a Deployment', 'apiVersion: apps/v1\nkind: Deployment\n', false],
    ['a YAML without apiVersion', 'containerservice.azure.com: yes\n', false],
  ])('sniffs %s: %s', (_name, text, sniffed) => {
    expect(kubernetes.sniff?.({ path: 'a.yaml', text })).toBe(sniffed);
  });
});

describe('the model-deciding fields', () => {
  const asoPodSubnet = [
    'podSubnetReference:',
    '  armId: /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods',
  ];
  it.each<[string, string, NetworkModel]>([
    ['ASO kubenet', asoCluster(['networkPlugin: kubenet']), 'kubenet'],
    ['ASO azure', asoCluster(['networkPlugin: azure']), 'azure-cni-node-subnet'],
    ['ASO azure overlay', asoCluster(['networkPlugin: azure', 'networkPluginMode: overlay']), 'azure-cni-overlay'],
    [
      'ASO azure overlay cilium',
      asoCluster(['networkPlugin: azure', 'networkPluginMode: overlay', 'networkDataplane: cilium']),
      'azure-cni-cilium',
    ],
    ['ASO azure + pod subnet', asoCluster(['networkPlugin: azure'], asoPodSubnet), 'azure-cni-pod-subnet'],
    ['ASO nothing specified', asoCluster(['podCidr: 10.244.0.0/16']), 'platform-default'],
    ['ASO none', asoCluster(['networkPlugin: none']), 'byo-cni'],
    ['CAPZ kubenet', capzControlPlane(['networkPlugin: kubenet']), 'kubenet'],
    ['CAPZ nothing specified (CAPZ default azure)', capzControlPlane([]), 'azure-cni-node-subnet'],
    ['CAPZ overlay', capzControlPlane(['networkPlugin: azure', 'networkPluginMode: overlay']), 'azure-cni-overlay'],
    [
      'CAPZ overlay cilium',
      capzControlPlane(['networkPluginMode: overlay', 'networkPolicy: cilium', 'networkDataplane: cilium']),
      'azure-cni-cilium',
    ],
    ['CAPZ none', capzControlPlane(['networkPlugin: none']), 'byo-cni'],
    ['Crossplane kubenet (list)', crossplaneCluster(['networkProfile:', '- networkPlugin: kubenet']), 'kubenet'],
    [
      'Crossplane overlay (object)',
      crossplaneCluster(['networkProfile:', '  networkPlugin: azure', '  networkPluginMode: overlay']),
      'azure-cni-overlay',
    ],
    [
      'Crossplane cilium (ebpfDataPlane)',
      crossplaneCluster(['networkProfile:', '  networkPlugin: azure', '  ebpfDataPlane: cilium']),
      'azure-cni-cilium',
    ],
    [
      'Crossplane pod subnet on the default pool',
      crossplaneCluster([
        'networkProfile:',
        '  networkPlugin: azure',
        'defaultNodePool:',
        '  name: default',
        '  podSubnetId: /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pods',
      ]),
      'azure-cni-pod-subnet',
    ],
    ['Crossplane nothing specified', crossplaneCluster(['location: westeurope']), 'platform-default'],
    ['Crossplane none', crossplaneCluster(['networkProfile:', '- networkPlugin: none']), 'byo-cni'],
  ])('%s', (_name, text, model) => {
    // Arrange
    const files = { 'k8s/cluster.yaml': text };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(classify(cluster).model).toBe(model);
  });
});

describe('Azure Service Operator v2', () => {
  it('reads every network profile field, the version, name, resource group and pools with their lines', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901', // 1
        'kind: ManagedCluster',
        'metadata:',
        '  name: k8s-name',
        'spec:', // 5
        '  azureName: aks-prod',
        '  owner:',
        '    name: rg-prod',
        '  kubernetesVersion: 1.30',
        '  networkProfile:', // 10
        '    networkPlugin: azure',
        '    networkPluginMode: overlay',
        '    networkPolicy: cilium',
        '    networkDataplane: cilium',
        '    networkMode: transparent', // 15
        '    podCidr: 10.244.0.0/16',
        '    serviceCidr: 10.0.0.0/16',
        '    dnsServiceIP: 10.0.0.10',
        '    outboundType: loadBalancer',
        '    loadBalancerSku: standard', // 20
        '  agentPoolProfiles:',
        '    - name: system',
        '      count: 3',
        '      enableAutoScaling: true',
        '      minCount: 1', // 25
        '      maxCount: 5',
        '      maxPods: 110',
        '      osType: Linux',
        '      podIPAllocationMode: StaticBlock',
        '      vnetSubnetReference:', // 30
        '        armId: /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes',
        '    - name: win',
        '      osType: Windows',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster).toEqual({
      id: 'ManagedCluster/k8s-name',
      format: 'kubernetes',
      apiVersion: '2024-09-01',
      definition: 'containerservice.azure.com ManagedCluster',
      range: at(1, 33),
      name: { how: 'literal', value: 'aks-prod', range: at(6) },
      resourceGroup: { how: 'literal', value: 'rg-prod', range: at(8) },
      kubernetesVersion: { how: 'literal', value: '1.30', range: at(9) },
      networkProfileRange: at(10, 20),
      network: {
        plugin: { how: 'literal', value: 'azure', range: at(11) },
        pluginMode: { how: 'literal', value: 'overlay', range: at(12) },
        policy: { how: 'literal', value: 'cilium', range: at(13) },
        dataplane: { how: 'literal', value: 'cilium', range: at(14) },
        networkMode: { how: 'literal', value: 'transparent', range: at(15) },
        podCidr: { how: 'literal', value: '10.244.0.0/16', range: at(16) },
        serviceCidr: { how: 'literal', value: '10.0.0.0/16', range: at(17) },
        dnsServiceIp: { how: 'literal', value: '10.0.0.10', range: at(18) },
        outboundType: { how: 'literal', value: 'loadBalancer', range: at(19) },
        loadBalancerSku: { how: 'literal', value: 'standard', range: at(20) },
      },
      nodePools: [
        {
          name: 'system',
          range: at(22, 31),
          isDefault: true,
          nodeCount: { how: 'literal', value: 3, range: at(23) },
          autoScaling: { how: 'literal', value: true, range: at(24) },
          minCount: { how: 'literal', value: 1, range: at(25) },
          maxCount: { how: 'literal', value: 5, range: at(26) },
          maxPods: { how: 'literal', value: 110, range: at(27) },
          osType: { how: 'literal', value: 'Linux', range: at(28) },
          podIpAllocationMode: { how: 'literal', value: 'StaticBlock', range: at(29) },
          vnetSubnetId: {
            how: 'literal',
            value: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes',
            range: at(31),
          },
        },
        {
          name: 'win',
          range: at(32, 33),
          isDefault: false,
          osType: { how: 'literal', value: 'Windows', range: at(33) },
        },
      ],
    });
  });

  it('records a Kubernetes subnet reference as set but unresolved', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': asoCluster(
        ['networkPlugin: azure'],
        ['podSubnetReference:', '  group: network.azure.com', '  kind: VirtualNetworksSubnet', '  name: pods'],
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.nodePools[0]?.podSubnetId).toEqual({
      how: 'unresolved',
      range: at(13, 16),
      expression: 'reference to VirtualNetworksSubnet/pods',
      reason: expect.stringContaining('Azure Service Operator turns into an ARM ID') as string,
    });
  });

  it.each([
    ['the same file', { 'k8s/cluster.yaml': '' }, 'k8s/cluster.yaml', true],
    ['a sibling file', { 'k8s/pool.yaml': '' }, 'k8s/pool.yaml', true],
    ['another directory', { 'other/pool.yaml': '' }, 'other/pool.yaml', false],
  ])('attaches a ManagedClustersAgentPool owned by the cluster from %s', (_name, where, poolPath, attached) => {
    // Arrange
    const pool = lines(
      'apiVersion: containerservice.azure.com/v1api20240901',
      'kind: ManagedClustersAgentPool',
      'metadata:',
      '  name: user',
      'spec:',
      '  owner:',
      '    name: aks',
      '  maxPods: 30',
    );
    const cluster = asoCluster(['networkPlugin: azure']);
    const files: Record<string, string> =
      poolPath === 'k8s/cluster.yaml'
        ? { 'k8s/cluster.yaml': `${cluster}---\n${pool}` }
        : { 'k8s/cluster.yaml': cluster, [Object.keys(where)[0] ?? '']: pool };
    const offset = poolPath === 'k8s/cluster.yaml' ? cluster.split('\n').length : 0;

    // Act
    const result = run(files, 'k8s/cluster.yaml');

    // Assert
    const pools = only(result).nodePools;
    expect(pools.map((p) => p.name)).toEqual(attached ? ['system', 'user'] : ['system']);
    if (attached) {
      expect(pools[1]).toEqual({
        name: 'user',
        range: at(1 + offset, 8 + offset, poolPath),
        isDefault: false,
        maxPods: { how: 'literal', value: 30, range: at(8 + offset, 8 + offset, poolPath) },
      });
    }
  });

  it('does not attach a pool owned by another cluster or in another namespace', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedCluster',
        'metadata: {name: aks, namespace: prod}',
        'spec: {networkProfile: {networkPlugin: azure}}',
        '---',
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedClustersAgentPool',
        'metadata: {name: other, namespace: prod}',
        'spec: {owner: {name: other-aks}}',
        '---',
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedClustersAgentPool',
        'metadata: {name: elsewhere, namespace: dev}',
        'spec: {owner: {name: aks}}',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.nodePools).toEqual([]);
  });

  it('yields nothing for a file holding only an agent pool', () => {
    // Arrange
    const files = {
      'k8s/pool.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedClustersAgentPool',
        'metadata: {name: user}',
        'spec: {owner: {name: aks}, count: 2}',
      ),
    };

    // Act
    const result = run(files);

    // Assert
    expect(result).toEqual({ clusters: [], problems: [] });
  });

  it('reads every document of a multi-document file and keeps ids unique', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': `${asoCluster(['networkPlugin: kubenet'])}---\n${asoCluster(['networkPlugin: azure'])}`,
    };

    // Act
    const result = run(files);

    // Assert
    expect(result.clusters.map((c) => [c.id, c.network.plugin?.range.startLine, c.range.startLine])).toEqual([
      ['ManagedCluster/aks', 9, 1],
      ['ManagedCluster/aks@14', 22, 14],
    ]);
  });
});

describe('Cluster API Provider Azure', () => {
  it('defaults the network plugin to azure with a note, and reads the control plane fields', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': capzControlPlane([
        'resourceGroupName: rg-capz', // 7
        'version: v1.30.4',
        'networkPolicy: azure',
        'dnsServiceIP: 10.0.0.10', // 10
        'outboundType: loadBalancer',
        'loadBalancerSKU: Standard',
      ]),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster).toMatchObject({
      id: 'AzureManagedControlPlane/capz',
      definition: 'infrastructure.cluster.x-k8s.io AzureManagedControlPlane',
      range: at(1, 12),
      resourceGroup: { how: 'literal', value: 'rg-capz', range: at(7) },
      kubernetesVersion: { how: 'literal', value: 'v1.30.4', range: at(8) },
      network: {
        plugin: { how: 'default', value: 'azure', range: at(2), note: expect.stringContaining('kubebuilder default') },
        policy: { how: 'literal', value: 'azure', range: at(9) },
        dnsServiceIp: { how: 'literal', value: '10.0.0.10', range: at(10) },
        outboundType: { how: 'literal', value: 'loadBalancer', range: at(11) },
        loadBalancerSku: { how: 'literal', value: 'Standard', range: at(12) },
      },
    });
  });

  it('takes pod and service CIDRs from the CAPI Cluster and pools through MachinePools', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': capzControlPlane(['networkPlugin: azure', 'networkPluginMode: overlay']),
      'k8s/capi.yaml': lines(
        'apiVersion: cluster.x-k8s.io/v1beta1', // 1
        'kind: Cluster',
        'metadata: {name: my-cluster}',
        'spec:',
        '  clusterNetwork:', // 5
        '    pods:',
        '      cidrBlocks: [192.168.0.0/16]',
        '    services:',
        '      cidrBlocks:',
        '      - 10.96.0.0/12', // 10
        '  controlPlaneRef: {kind: AzureManagedControlPlane, name: capz}',
        '---',
        'apiVersion: cluster.x-k8s.io/v1beta1',
        'kind: MachinePool',
        'metadata: {name: mp0}', // 15
        'spec:',
        '  clusterName: my-cluster',
        '  replicas: 3',
        '  template:',
        '    spec:', // 20
        '      infrastructureRef: {kind: AzureManagedMachinePool, name: amp0}',
        '---',
        'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1',
        'kind: AzureManagedMachinePool',
        'metadata: {name: amp0}', // 25
        'spec:',
        '  mode: System',
        '  name: pool0',
        '  osType: Linux',
        '  maxPods: 60', // 30
        '  subnetName: nodes',
        '  scaling: {minSize: 1, maxSize: 4}',
      ),
    };

    // Act
    const cluster = only(run(files, 'k8s/cluster.yaml'));

    // Assert
    const capi = (line: number) => at(line, line, 'k8s/capi.yaml');
    expect(cluster.network.podCidr).toEqual({ how: 'literal', value: '192.168.0.0/16', range: capi(7) });
    expect(cluster.network.serviceCidr).toEqual({ how: 'literal', value: '10.96.0.0/12', range: capi(10) });
    expect(cluster.nodePools).toEqual([
      {
        name: 'pool0',
        range: at(23, 32, 'k8s/capi.yaml'),
        isDefault: false,
        nodeCount: { how: 'literal', value: 3, range: capi(18) },
        osType: { how: 'literal', value: 'Linux', range: capi(29) },
        maxPods: { how: 'literal', value: 60, range: capi(30) },
        vnetSubnetId: { how: 'literal', value: 'nodes', range: capi(31) },
        minCount: { how: 'literal', value: 1, range: capi(32) },
        maxCount: { how: 'literal', value: 4, range: capi(32) },
      },
    ]);
  });

  it('ignores a CAPI Cluster whose controlPlaneRef names another control plane', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': capzControlPlane([]),
      'k8s/capi.yaml': lines(
        'apiVersion: cluster.x-k8s.io/v1beta1',
        'kind: Cluster',
        'metadata: {name: c}',
        'spec: {clusterNetwork: {pods: {cidrBlocks: [10.1.0.0/16]}}, controlPlaneRef: {name: other}}',
      ),
    };

    // Act
    const cluster = only(run(files, 'k8s/cluster.yaml'));

    // Assert
    expect(cluster.network.podCidr).toBeUndefined();
  });

  it('reads the ASO ManagedCluster embedded in an AzureASOManagedControlPlane, with lines in this file', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: infrastructure.cluster.x-k8s.io/v1alpha1', // 1
        'kind: AzureASOManagedControlPlane',
        'metadata: {name: cp}',
        'spec:',
        '  version: v1.31.2', // 5
        '  resources:',
        '  - apiVersion: containerservice.azure.com/v1api20240901',
        '    kind: ManagedCluster',
        '    metadata: {name: aks}',
        '    spec:', // 10
        '      networkProfile:',
        '        networkPlugin: azure',
        '        networkPluginMode: overlay',
        '---',
        'apiVersion: infrastructure.cluster.x-k8s.io/v1alpha1', // 15
        'kind: AzureASOManagedMachinePool',
        'metadata: {name: mp}',
        'spec:',
        '  resources:',
        '  - apiVersion: containerservice.azure.com/v1api20240901', // 20
        '    kind: ManagedClustersAgentPool',
        '    metadata: {name: aks-pool0}',
        '    spec: {azureName: pool0, owner: {name: aks}, osType: Linux}',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster).toMatchObject({
      id: 'AzureASOManagedControlPlane/cp/ManagedCluster/aks',
      definition: 'containerservice.azure.com ManagedCluster in AzureASOManagedControlPlane cp',
      range: at(7, 13),
      kubernetesVersion: { how: 'literal', value: 'v1.31.2', range: at(5) },
      network: { pluginMode: { how: 'literal', value: 'overlay', range: at(13) } },
      nodePools: [
        {
          name: 'pool0',
          range: at(20, 23),
          isDefault: false,
          osType: { how: 'literal', value: 'Linux', range: at(23) },
        },
      ],
    });
    expect(cluster.network.plugin?.how).toBe('literal');
  });
});

describe('Crossplane', () => {
  it.each([
    ['networkDataPlane', 'networkDataPlane: cilium'],
    ['ebpfDataPlane', 'ebpfDataPlane: cilium'],
  ])('reads the dataplane from %s', (_name, line) => {
    // Arrange
    const files = { 'k8s/cluster.yaml': crossplaneCluster(['networkProfile:', '  networkPlugin: azure', `  ${line}`]) };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.network.dataplane).toEqual({ how: 'literal', value: 'cilium', range: at(9) });
  });

  it('reads the network profile, version, default pool and a referenced node pool', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.upbound.io/v1beta1', // 1
        'kind: KubernetesCluster',
        'metadata:',
        '  name: xp',
        '  annotations:', // 5
        '    crossplane.io/external-name: aks-xp',
        'spec:',
        '  forProvider:',
        '    resourceGroupName: rg-xp',
        '    kubernetesVersion: "1.31"', // 10
        '    networkProfile:',
        '    - networkPlugin: azure',
        '      networkPolicy: azure',
        '      podCidr: 10.244.0.0/16',
        '      serviceCidr: 10.0.0.0/16', // 15
        '      dnsServiceIp: 10.0.0.10',
        '      outboundType: userDefinedRouting',
        '      loadBalancerSku: standard',
        '      networkMode: transparent',
        '    defaultNodePool:', // 20
        '    - name: system',
        '      nodeCount: 2',
        '      maxPods: 30',
        '      enableAutoScaling: true',
        '      minCount: 2', // 25
        '      maxCount: 4',
        '      vnetSubnetId: /subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n',
        '---',
        'apiVersion: containerservice.azure.upbound.io/v1beta1',
        'kind: KubernetesClusterNodePool', // 30
        'metadata: {name: win}',
        'spec:',
        '  forProvider:',
        '    kubernetesClusterIdRef: {name: xp}',
        '    osType: Windows', // 35
        '    nodeCount: 1',
        '    autoScalingEnabled: false',
        '    podSubnetIdRef: {name: pods}',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster).toEqual({
      id: 'KubernetesCluster/xp',
      format: 'kubernetes',
      definition: 'containerservice.azure.upbound.io KubernetesCluster',
      range: at(1, 27),
      name: { how: 'literal', value: 'aks-xp', range: at(6) },
      resourceGroup: { how: 'literal', value: 'rg-xp', range: at(9) },
      kubernetesVersion: { how: 'literal', value: '1.31', range: at(10) },
      networkProfileRange: at(11, 19),
      network: {
        plugin: { how: 'literal', value: 'azure', range: at(12) },
        policy: { how: 'literal', value: 'azure', range: at(13) },
        podCidr: { how: 'literal', value: '10.244.0.0/16', range: at(14) },
        serviceCidr: { how: 'literal', value: '10.0.0.0/16', range: at(15) },
        dnsServiceIp: { how: 'literal', value: '10.0.0.10', range: at(16) },
        outboundType: { how: 'literal', value: 'userDefinedRouting', range: at(17) },
        loadBalancerSku: { how: 'literal', value: 'standard', range: at(18) },
        networkMode: { how: 'literal', value: 'transparent', range: at(19) },
      },
      nodePools: [
        {
          name: 'system',
          range: at(20, 27),
          isDefault: true,
          nodeCount: { how: 'literal', value: 2, range: at(22) },
          maxPods: { how: 'literal', value: 30, range: at(23) },
          autoScaling: { how: 'literal', value: true, range: at(24) },
          minCount: { how: 'literal', value: 2, range: at(25) },
          maxCount: { how: 'literal', value: 4, range: at(26) },
          vnetSubnetId: {
            how: 'literal',
            value: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n',
            range: at(27),
          },
        },
        {
          name: 'win',
          range: at(29, 38),
          isDefault: false,
          osType: { how: 'literal', value: 'Windows', range: at(35) },
          nodeCount: { how: 'literal', value: 1, range: at(36) },
          autoScaling: { how: 'literal', value: false, range: at(37) },
          podSubnetId: {
            how: 'unresolved',
            range: at(38),
            expression: 'podSubnetIdRef pods',
            reason: expect.stringContaining('Crossplane reference') as string,
          },
        },
      ],
    });
  });

  it.each([
    ['matching labels', 'app: aks', true],
    ['other labels', 'app: other', false],
  ])('attaches a node pool selected by %s', (_name, label, attached) => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.upbound.io/v1beta2',
        'kind: KubernetesCluster',
        'metadata: {name: xp, labels: {app: aks, team: a}}',
        'spec: {forProvider: {networkProfile: {networkPlugin: kubenet}}}',
        '---',
        'apiVersion: containerservice.azure.upbound.io/v1beta2',
        'kind: KubernetesClusterNodePool',
        'metadata: {name: pool}',
        `spec: {forProvider: {kubernetesClusterIdSelector: {matchLabels: {${label}}}}}`,
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.nodePools.map((p) => p.name)).toEqual(attached ? ['pool'] : []);
  });
});

describe('value resolution', () => {
  it('follows an alias to its anchor and says so', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedCluster',
        'metadata:',
        '  name: &plugin kubenet',
        'spec:',
        '  networkProfile:',
        '    networkPlugin: *plugin',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.network.plugin).toEqual({
      how: 'resolved',
      value: 'kubenet',
      range: at(7),
      expression: '*plugin',
      via: [{ description: '&plugin = kubenet (line 4)', range: at(4) }],
    });
  });

  it('reads keys merged in with `<<`, the written key winning', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedCluster',
        'metadata: {name: aks}',
        'x-defaults: &net {networkPlugin: azure, networkPluginMode: overlay}',
        'spec:',
        '  networkProfile:',
        '    <<: *net',
        '    networkPluginMode: none-written',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.network.plugin).toMatchObject({ how: 'literal', value: 'azure', range: at(4) });
    expect(cluster.network.pluginMode).toMatchObject({ how: 'literal', value: 'none-written', range: at(8) });
  });

  it.each([
    ['a Helm value', 'networkPlugin: {{ .Values.plugin }}', '{{ .Values.plugin }}', 'render the chart (helm template)'],
    ['a quoted Helm value', 'networkPlugin: "{{ .Values.plugin }}"', '{{ .Values.plugin }}', 'render the chart'],
    ['an envsubst variable', 'networkPlugin: ${NETWORK_PLUGIN}', '${NETWORK_PLUGIN}', 'clusterctl generate cluster'],
    ['a mapping', 'networkPlugin: {name: azure}', '{name: azure}', 'expected a string, found a mapping'],
    ['a list', 'networkPlugin: [azure]', '[azure]', 'expected a string, found a list'],
  ])('leaves %s unresolved with a reason', (_name, line, expression, reason) => {
    // Arrange
    const files = { 'k8s/cluster.yaml': asoCluster([line]) };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.network.plugin).toEqual({
      how: 'unresolved',
      range: at(9),
      expression,
      reason: expect.stringContaining(reason) as string,
    });
  });

  it.each([
    ['a quoted number', 'maxPods: "3"', 'maxPods', 'the string "3" where the API expects a number'],
    ['a non-boolean', 'enableAutoScaling: sometimes', 'autoScaling', 'expected true or false'],
    ['a templated number', 'maxPods: {{ .Values.maxPods }}', 'maxPods', 'a Helm template value'],
  ] as const)('leaves %s in a pool unresolved', (_name, line, key, reason) => {
    // Arrange
    const files = { 'k8s/cluster.yaml': asoCluster(['networkPlugin: azure'], [line]) };

    // Act
    const pool = only(run(files)).nodePools[0];

    // Assert
    expect(pool?.[key]).toMatchObject({ how: 'unresolved', range: at(13), reason: expect.stringContaining(reason) });
  });

  it('treats `key:` with no value as not set', () => {
    // Arrange
    const files = { 'k8s/cluster.yaml': asoCluster(['networkPlugin:', 'networkPluginMode: null']) };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.network).toEqual({});
  });

  it('marks a value inside a Helm `if` block unresolved, and unset deciding values near an include', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901', // 1
        'kind: ManagedCluster',
        'metadata:',
        '  name: {{ .Release.Name }}',
        'spec:', // 5
        '  networkProfile:',
        '    networkPlugin: azure',
        '    {{- if .Values.overlay }}',
        '    networkPluginMode: overlay',
        '    {{- end }}', // 10
        '    {{- toYaml .Values.extraNetwork | nindent 4 }}',
      ),
    };

    // Act
    const cluster = only(run(files));

    // Assert
    expect(cluster.id).toBe('ManagedCluster/{{ .Release.Name }}');
    expect(cluster.network.plugin).toEqual({ how: 'literal', value: 'azure', range: at(7) });
    expect(cluster.network.pluginMode).toEqual({
      how: 'unresolved',
      range: at(9),
      expression: 'overlay',
      reason: expect.stringContaining('inside the Helm block `{{- if .Values.overlay }}` (line 8)') as string,
    });
    expect(cluster.network.dataplane).toEqual({
      how: 'unresolved',
      range: at(11),
      expression: '{{- toYaml .Values.extraNetwork | nindent 4 }}',
      reason: expect.stringContaining('inserts content here') as string,
    });
    expect(classify(cluster).model).toBe('unresolved');
  });
});

describe('broken and hostile input', () => {
  it('reports a broken document of ours with its line and still reads the others', () => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        'apiVersion: containerservice.azure.com/v1api20240901', // 1
        'kind: ManagedCluster',
        'metadata: {name: broken}',
        'spec:',
        '  networkProfile: {networkPlugin: azure', // 5
        '---',
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedCluster',
        'metadata: {name: fine}',
        'spec: {networkProfile: {networkPlugin: kubenet}}', // 10
      ),
    };

    // Act
    const result = run(files);

    // Assert
    expect(result.clusters.map((c) => c.id)).toEqual(['ManagedCluster/fine']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'parse-error', range: { file: 'k8s/cluster.yaml' } });
    expect(result.problems[0]?.range.startLine).toBeGreaterThanOrEqual(5);
    expect(result.problems[0]?.range.startLine).toBeLessThanOrEqual(6);
  });

  it.each([
    ['Helm-templated YAML of ours that does not parse', 'containerservice.azure.com/v1api20240901', 1],
    ['broken YAML that is not ours', 'apps/v1', 0],
  ])('%s', (_name, apiVersion, problems) => {
    // Arrange
    const files = {
      'k8s/cluster.yaml': lines(
        `apiVersion: ${apiVersion}`,
        'kind: ManagedCluster',
        'metadata:',
        '  name: {{ .Release.Name }}-aks',
        '---',
        'apiVersion: containerservice.azure.com/v1api20240901',
        'kind: ManagedClustersAgentPool',
        'metadata: {name: p}',
      ),
    };

    // Act
    const result = run(files);

    // Assert
    expect(result.problems).toHaveLength(problems);
    if (problems > 0) expect(result.problems[0]?.range.startLine).toBe(4);
  });

  it.each([
    ['block mappings', (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
    ['flow sequences', (n: number) => `x: ${'['.repeat(n)}${']'.repeat(n)}`],
    ['compact sequences', (n: number) => `x:\n${'- '.repeat(n)}1`],
  ])('survives 10,000 levels of nested %s', (_name, nest) => {
    // Arrange
    const text = lines(
      'apiVersion: containerservice.azure.com/v1',
      'kind: ManagedCluster',
      'metadata: {name: deep}',
      'spec:',
      nest(10_000),
    );

    // Act
    const result = run({ 'k8s/cluster.yaml': text });

    // Assert
    expect(result.problems.length + result.clusters.length).toBeGreaterThan(0);
    // Flow and compact nesting is refused whole (too-deep); deep block mappings reach the parser's own limits.
    expect(result.problems.every((problem) => ['parse-error', 'too-deep'].includes(problem.kind))).toBe(true);
  });

  it('bounds alias expansion (billion laughs)', () => {
    // Arrange
    const bombs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      bombs.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const text = lines(
      'apiVersion: containerservice.azure.com/v1',
      'kind: ManagedCluster',
      'metadata: {name: laughs}',
      ...bombs,
      'spec: {networkProfile: {networkPlugin: azure}}',
    );

    // Act
    const result = run({ 'k8s/cluster.yaml': text });

    // Assert
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'parse-error', message: expect.stringContaining('aliases') as string }),
    ]);
    expect(only(result).network.plugin).toMatchObject({ value: 'azure' });
  });

  it('reads a 50 MB single-line value and 100,000 continuation lines', () => {
    // Arrange
    const wide = asoCluster([`podCidr: ${'x'.repeat(50_000_000)}`, 'networkPlugin: azure']);
    const tall = asoCluster(['networkPlugin: kubenet', 'podCidr: a', ...Array.from({ length: 100_000 }, () => '  b')]);

    // Act
    const results = [run({ 'k8s/cluster.yaml': wide }), run({ 'k8s/cluster.yaml': tall })];

    // Assert
    expect(results.map((r) => only(r).network.plugin?.how)).toEqual(['literal', 'literal']);
    expect(results[1]?.clusters[0]?.network.podCidr?.range).toEqual(at(10, 100_010));
  });

  it('skips text that is none of ours without parsing it', () => {
    // Arrange
    const files = { 'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec: [unclosed\n' };

    // Act
    const result = run(files);

    // Assert
    expect(result).toEqual({ clusters: [], problems: [] });
  });
});

describe('fixtures', () => {
  function fixtureSet(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const dir of readdirSync(FIXTURES)) {
      for (const name of readdirSync(join(FIXTURES, dir))) {
        files[`${dir}/${name}`] = readFileSync(join(FIXTURES, dir, name), 'utf8');
      }
    }
    return files;
  }

  it.each<[string, string, NetworkModel, string[]]>([
    [
      'aso/managedcluster.yaml',
      'ManagedCluster/sample-managedcluster-20240901',
      'azure-cni-cilium',
      ['pool1', 'pool20240901'],
    ],
    ['capz-aks/cluster-template.yaml', 'AzureManagedControlPlane/${CLUSTER_NAME}', 'azure-cni-node-subnet', ['pool0']],
    [
      'capz-aks-aso/cluster-template.yaml',
      'AzureASOManagedControlPlane/${CLUSTER_NAME}/ManagedCluster/${CLUSTER_NAME}',
      'azure-cni-node-subnet',
      ['pool0'],
    ],
    ['crossplane/kubernetescluster.yaml', 'KubernetesCluster/example', 'kubenet', ['default', 'example']],
    ['helm/managedcluster.yaml', 'ManagedCluster/{{ .Release.Name }}', 'unresolved', ['system']],
  ])('%s', (path, id, model, pools) => {
    // Arrange
    const files = fixtureSet();

    // Act
    const result = run(files, path);

    // Assert
    expect(result.problems).toEqual([]);
    const cluster = only(result);
    expect(cluster.id).toBe(id);
    expect(classify(cluster).model).toBe(model);
    expect(cluster.nodePools.map((pool) => pool.name)).toEqual(pools);
  });

  it('aso/agentpool.yaml defines no cluster of its own', () => {
    // Arrange
    const files = fixtureSet();

    // Act
    const result = run(files, 'aso/agentpool.yaml');

    // Assert
    expect(result).toEqual({ clusters: [], problems: [] });
  });

  it('capz-aks records the CAPZ default and the clusterctl variables', () => {
    // Arrange
    const files = fixtureSet();

    // Act
    const cluster = only(run(files, 'capz-aks/cluster-template.yaml'));

    // Assert
    const file = 'capz-aks/cluster-template.yaml';
    expect(cluster.network.plugin).toMatchObject({ how: 'default', value: 'azure', range: at(22, 22, file) });
    expect(cluster.network.serviceCidr).toEqual({ how: 'literal', value: '192.168.0.0/16', range: at(11, 11, file) });
    expect(cluster.kubernetesVersion).toMatchObject({ how: 'unresolved', expression: '${KUBERNETES_VERSION}' });
  });
});

describe('IP planning fields', () => {
  it.each([
    ['ASO single-stack', asoCluster(['networkPlugin: azure', 'ipFamilies: [IPv4]']), ['IPv4'], 10],
    [
      'ASO dual-stack',
      asoCluster(['networkPlugin: azure', 'ipFamilies:', '  - IPv4', '  - IPv6']),
      ['IPv4', 'IPv6'],
      10,
    ],
    [
      'Crossplane dual-stack',
      crossplaneCluster(['networkProfile:', '  networkPlugin: azure', '  ipVersions: [IPv4, IPv6]']),
      ['IPv4', 'IPv6'],
      9,
    ],
  ])('ipFamilies: %s', (_name, text, expected, line) => {
    const cluster = only(run({ 'k8s/cluster.yaml': text }));
    expect(cluster.ipFamilies).toMatchObject({ how: 'literal', value: expected, range: { startLine: line } });
  });

  it('ipFamilies from an envsubst variable is unresolved', () => {
    const cluster = only(run({ 'k8s/cluster.yaml': asoCluster(['ipFamilies: ${IP_FAMILIES}']) }));
    expect(cluster.ipFamilies).toMatchObject({ how: 'unresolved', expression: '${IP_FAMILIES}' });
  });

  it.each([
    ['v1api20240901', '2024-09-01'],
    ['v1api20230202preview', '2023-02-02-preview'],
    ['v1beta20210501', undefined],
    ['v1api20240901storage', undefined],
  ])('ASO apiVersion %s -> %s', (version, expected) => {
    const text = asoCluster(['networkPlugin: azure']).replace('v1api20240901', version);
    expect(only(run({ 'k8s/cluster.yaml': text })).apiVersion).toBe(expected);
  });

  it('Crossplane dockerBridgeCidr and ebpfDataPlane are removed settings, at their lines', () => {
    const text = crossplaneCluster([
      'networkProfile:', // 7
      '  networkPlugin: azure',
      '  dockerBridgeCidr: 172.17.0.1/16',
      '  ebpfDataPlane: cilium', // 10
    ]);
    expect(only(run({ 'k8s/cluster.yaml': text })).removedSettings).toEqual([
      { kind: 'docker-bridge-cidr', name: 'dockerBridgeCidr', range: at(9) },
      { kind: 'ebpf-data-plane', name: 'ebpfDataPlane', range: at(10) },
    ]);
    expect(
      only(run({ 'k8s/cluster.yaml': crossplaneCluster(['networkProfile:', '  networkPlugin: azure']) }))
        .removedSettings,
    ).toBeUndefined();
  });

  const capzWithNetwork = capzControlPlane([
    'networkPlugin: azure', // 7
    'virtualNetwork:',
    '  name: capz-vnet',
    '  resourceGroup: capz-rg', // 10
    '  cidrBlock: 10.0.0.0/8',
    '  subnet:',
    '    name: capz-subnet',
    '    cidrBlock: 10.240.0.0/16',
  ]);

  it('CAPZ virtualNetwork and subnet cidrBlocks as written', () => {
    const result = run({ 'k8s/cluster.yaml': capzWithNetwork });
    expect(result.addressSpaces).toEqual([
      {
        kind: 'virtual-network',
        id: 'k8s/cluster.yaml#AzureManagedControlPlane/capz/virtualNetwork',
        name: 'capz-vnet',
        prefixes: [{ how: 'literal', value: '10.0.0.0/8', range: at(11) }],
        range: at(8, 14),
        references: [],
      },
      {
        kind: 'subnet',
        id: 'k8s/cluster.yaml#AzureManagedControlPlane/capz/virtualNetwork/subnet',
        name: 'capz-subnet',
        virtualNetwork: 'capz-vnet',
        prefixes: [{ how: 'literal', value: '10.240.0.0/16', range: at(14) }],
        range: at(12, 14),
        references: [],
      },
    ]);
  });

  it('CAPZ without a written subnet cidrBlock records no default', () => {
    const text = capzControlPlane(['virtualNetwork:', '  name: v', '  subnet:', '    name: s']);
    expect(run({ 'k8s/cluster.yaml': text }).addressSpaces?.map((space) => space.prefixes)).toEqual([[], []]);
  });

  it('links a CAPZ pool (subnetName) to the control plane subnet, with the pool in another file (through the engine)', async () => {
    const capi = lines(
      'apiVersion: cluster.x-k8s.io/v1beta1',
      'kind: Cluster',
      'metadata: {name: my-cluster}',
      'spec:',
      '  controlPlaneRef: {kind: AzureManagedControlPlane, name: capz}',
      '---',
      'apiVersion: cluster.x-k8s.io/v1beta1',
      'kind: MachinePool',
      'metadata: {name: mp0}',
      'spec:',
      '  clusterName: my-cluster',
      '  template:',
      '    spec:',
      '      infrastructureRef: {kind: AzureManagedMachinePool, name: amp0}',
      '---',
      'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1',
      'kind: AzureManagedMachinePool',
      'metadata: {name: amp0}',
      'spec:',
      '  name: pool0',
      '  subnetName: capz-subnet',
    );
    const files = [
      { path: 'k8s/cluster.yaml', content: capzWithNetwork },
      { path: 'k8s/capi.yaml', content: capi },
    ];
    const cluster = only(run({ 'k8s/cluster.yaml': capzWithNetwork, 'k8s/capi.yaml': capi }, 'k8s/cluster.yaml'));
    expect(cluster.nodePools[0]?.vnetSubnetId).toMatchObject({
      how: 'resolved',
      value:
        '/subscriptions/<unknown>/resourceGroups/capz-rg/providers/Microsoft.Network/virtualNetworks/capz-vnet/subnets/capz-subnet',
      expression: 'capz-subnet',
    });
    const report = await analyze({ files }, defaultConfig('2026-11-27'));
    expect(report.clusters[0]?.subnets[0]?.node?.prefixes.map((p) => (p.how === 'unresolved' ? p : p.value))).toEqual([
      '10.240.0.0/16',
    ]);
  });
});
