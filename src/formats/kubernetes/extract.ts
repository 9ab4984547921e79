import { namesFor } from '../../knowledge/names.js';
import type {
  AddressSpace,
  Cluster,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NodePool,
  Problem,
  RemovedSetting,
  Setting,
  SourceFile,
  SourceRange,
} from '../../model/index.js';
import { parseYaml } from './parse.js';
import type { HelmInfo, YamlEntry, YamlMap, YamlNode } from './parse.js';

/**
 * Kubernetes custom resources that define AKS clusters: Azure Service Operator v2 (`ManagedCluster`),
 * Cluster API Provider Azure (`AzureManagedControlPlane`, `AzureASOManagedControlPlane`) and Crossplane
 * (`KubernetesCluster`). Each document of a multi-document file is read on its own; node pools defined
 * as separate objects are attached by the references Kubernetes itself uses, in the same file or in
 * another YAML file of the same directory.
 */

const ASO_GROUP = 'containerservice.azure.com';
const CAPZ_GROUP = 'infrastructure.cluster.x-k8s.io';
const CAPI_GROUP = 'cluster.x-k8s.io';
const CROSSPLANE_GROUPS: readonly string[] = [
  'containerservice.azure.upbound.io',
  'containerservice.azure.m.upbound.io',
];

const CAPZ_PLUGIN_NOTE =
  'CAPZ defaults AzureManagedControlPlane spec.networkPlugin to "azure" (kubebuilder default), which without networkPluginMode "overlay" is Azure CNI Node Subnet';
const CAPZ_LB_SKU_NOTE =
  'CAPZ defaults AzureManagedControlPlane spec.loadBalancerSKU to "Standard" (kubebuilder default)';
const HELM_REASON = 'a Helm template value; render the chart (helm template) and scan the output';
const ENVSUBST_REASON =
  'a clusterctl/envsubst variable, substituted when the manifest is generated; generate it (clusterctl generate cluster, envsubst) and scan the output';
const EXPRESSION_MAX = 200;

/** Could this text hold one of our clusters or pools? A cheap, linear look used by `sniff` and `extract`. */
export function mentionsOurKinds(text: string): boolean {
  if (!text.includes('apiVersion') || !text.includes('kind')) return false;
  if (text.includes(ASO_GROUP)) return true;
  if (CROSSPLANE_GROUPS.some((group) => text.includes(group))) return true;
  return text.includes(CAPZ_GROUP) && (text.includes('AzureManaged') || text.includes('AzureASOManaged'));
}

export function extract(file: SourceFile, files: FileSet): ExtractResult {
  if (!mentionsOurKinds(file.text)) return { clusters: [], problems: [] };
  try {
    return extractClusters(file, files);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      clusters: [],
      problems: [
        {
          kind: 'parse-error',
          range: { file: file.path, startLine: 1, endLine: 1 },
          message: `internal error in the Kubernetes reader: ${message}`,
        },
      ],
    };
  }
}

/** One Kubernetes object: a document's root, or an object embedded in a CAPZ ASO resource's `spec.resources`. */
interface K8sObject {
  file: string;
  text: string;
  helm: HelmInfo;
  group: string;
  version: string;
  kind: string;
  /** `metadata.name` and `metadata.namespace` as written, for matching references. */
  name?: string;
  namespace?: string;
  node: YamlMap;
  embeddedIn?: K8sObject;
}

interface FileObjects {
  objects: K8sObject[];
  problems: Problem[];
}

/** The objects of one directory, with the lookups the references need. */
interface DirectoryIndex {
  objects: K8sObject[];
  asoPoolsByOwner: Map<string, K8sObject[]>;
  machinePoolsByCluster: Map<string, K8sObject[]>;
  crossplanePools: K8sObject[];
}

function extractClusters(file: SourceFile, files: FileSet): ExtractResult {
  const own = files.memo(`kubernetes:objects:${file.path}`, () => readObjects(file));
  const index = directoryIndex(file, own, files);
  const clusters: Cluster[] = [];
  const addressSpaces: AddressSpace[] = [];
  const ids = new Set<string>();
  for (const object of own.objects) {
    if (object.group === CAPZ_GROUP && object.kind === 'AzureManagedControlPlane')
      addressSpaces.push(...capzAddressSpaces(object));
    const cluster = clusterOf(object, index);
    if (cluster === undefined) continue;
    cluster.id = uniqueId(cluster.id, cluster.range.startLine, ids);
    clusters.push(cluster);
  }
  return addressSpaces.length > 0
    ? { clusters, problems: own.problems, addressSpaces }
    : { clusters, problems: own.problems };
}

function clusterOf(object: K8sObject, index: DirectoryIndex): Cluster | undefined {
  if (object.group === ASO_GROUP && object.kind === 'ManagedCluster') return asoCluster(object, index);
  if (object.group === CAPZ_GROUP && object.kind === 'AzureManagedControlPlane') return capzCluster(object, index);
  if (CROSSPLANE_GROUPS.includes(object.group) && object.kind === 'KubernetesCluster') {
    return crossplaneCluster(object, index);
  }
  return undefined;
}

function uniqueId(id: string, line: number, ids: Set<string>): string {
  const unique = ids.has(id) ? `${id}@${line}` : id;
  ids.add(unique);
  return unique;
}

function readObjects(file: SourceFile): FileObjects {
  const parsed = parseYaml(file.text, file.path);
  if (!parsed.ok) return { objects: [], problems: parsed.problems };
  const objects: K8sObject[] = [];
  const problems: Problem[] = [];
  for (const doc of parsed.documents) {
    if (doc.errors.length > 0 || doc.limits.length > 0) {
      // Only our documents' problems are ours to report; a broken document is not read at all,
      // since what is missing from it could be what decides the network model.
      if (mentionsOurKinds(file.text.slice(doc.start, doc.end))) problems.push(...doc.errors, ...doc.limits);
      if (doc.errors.length > 0) continue;
    }
    if (doc.root?.kind !== 'map') continue;
    const object = objectOf(doc.root, file, parsed.helm);
    if (object === undefined) continue;
    objects.push(object);
    objects.push(...embeddedObjects(object));
  }
  return { objects, problems };
}

function objectOf(node: YamlMap, file: SourceFile, helm: HelmInfo, embeddedIn?: K8sObject): K8sObject | undefined {
  const apiVersion = plainString(field(node, 'apiVersion'));
  const kind = plainString(field(node, 'kind'));
  if (apiVersion === undefined || kind === undefined) return undefined;
  const slash = apiVersion.lastIndexOf('/');
  const metadata = mapField(node, 'metadata');
  const object: K8sObject = {
    file: file.path,
    text: file.text,
    helm,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind,
    node,
  };
  const name = plainString(field(metadata, 'name'));
  const namespace = plainString(field(metadata, 'namespace'));
  if (name !== undefined) object.name = name;
  if (namespace !== undefined) object.namespace = namespace;
  if (embeddedIn !== undefined) object.embeddedIn = embeddedIn;
  return object;
}

/** CAPZ's ASO flavor embeds raw ASO objects in `spec.resources[]`; they are read like top-level ones. */
function embeddedObjects(object: K8sObject): K8sObject[] {
  if (object.group !== CAPZ_GROUP) return [];
  if (object.kind !== 'AzureASOManagedControlPlane' && object.kind !== 'AzureASOManagedMachinePool') return [];
  const resources = field(mapField(object.node, 'spec'), 'resources');
  if (resources?.kind !== 'seq') return [];
  const embedded: K8sObject[] = [];
  for (const item of resources.items) {
    if (item.kind !== 'map') continue;
    const inner = objectOf(item, { path: object.file, text: object.text }, object.helm, object);
    if (inner !== undefined) embedded.push(inner);
  }
  return embedded;
}

function directoryIndex(file: SourceFile, own: FileObjects, files: FileSet): DirectoryIndex {
  const dir = directoryOf(file.path);
  const siblings = files.memo(`kubernetes:directory:${dir}`, () => {
    const objects: { path: string; objects: K8sObject[] }[] = [];
    for (const sibling of files.inDirectory(dir)) {
      if (!/\.ya?ml$/i.test(sibling.path) || !mayReference(sibling.text)) continue;
      const read = files.memo(`kubernetes:objects:${sibling.path}`, () => readObjects(sibling));
      objects.push({ path: sibling.path, objects: read.objects });
    }
    return objects;
  });
  const objects = [...own.objects];
  for (const sibling of siblings) if (sibling.path !== file.path) objects.push(...sibling.objects);
  const index: DirectoryIndex = {
    objects,
    asoPoolsByOwner: new Map(),
    machinePoolsByCluster: new Map(),
    crossplanePools: [],
  };
  for (const object of objects) {
    const spec = mapField(object.node, 'spec');
    if (object.group === ASO_GROUP && object.kind === 'ManagedClustersAgentPool') {
      add(index.asoPoolsByOwner, plainString(field(mapField(spec, 'owner'), 'name')), object);
    } else if (object.group === CAPI_GROUP && object.kind === 'MachinePool') {
      add(index.machinePoolsByCluster, plainString(field(spec, 'clusterName')), object);
    } else if (CROSSPLANE_GROUPS.includes(object.group) && object.kind === 'KubernetesClusterNodePool') {
      index.crossplanePools.push(object);
    }
  }
  return index;
}

/** Siblings worth reading for references: ours, or CAPI objects (`Cluster`, `MachinePool`). */
function mayReference(text: string): boolean {
  return mentionsOurKinds(text) || (text.includes(CAPI_GROUP) && text.includes('kind'));
}

function add(map: Map<string, K8sObject[]>, key: string | undefined, object: K8sObject): void {
  if (key === undefined) return;
  const list = map.get(key) ?? [];
  list.push(object);
  map.set(key, list);
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

// ---- Azure Service Operator v2 --------------------------------------------------------------------

function asoCluster(object: K8sObject, index: DirectoryIndex): Cluster {
  const spec = mapField(object.node, 'spec');
  const profileEntry = entryOf(spec, 'networkProfile');
  const profile = profileEntry?.value.kind === 'map' ? profileEntry.value : undefined;
  // ASO is generated from the API spec: the API's property names.
  const network: NetworkProfile = {};
  for (const [key, name] of namesFor('api')) {
    const setting = stringSetting(object, entryOf(profile, name));
    if (setting !== undefined) network[key] = setting;
  }
  markHelmInsertions(object, profile ?? spec ?? object.node, network);

  const pools: NodePool[] = [];
  const profiles = entryOf(spec, 'agentPoolProfiles')?.value;
  if (profiles?.kind === 'seq') {
    for (const item of profiles.items) {
      if (item.kind !== 'map') continue;
      const name = plainText(object, field(item, 'name')) ?? `pool@${item.startLine}`;
      pools.push(asoPool(object, item, name, rangeOfNode(object, item), pools.length === 0));
    }
  }
  for (const poolObject of object.name === undefined ? [] : (index.asoPoolsByOwner.get(object.name) ?? [])) {
    if (!sameNamespace(poolObject, object)) continue;
    const poolSpec = mapField(poolObject.node, 'spec');
    if (poolSpec === undefined) continue;
    const name = plainText(poolObject, field(poolSpec, 'azureName')) ?? poolObject.name ?? 'pool';
    pools.push(asoPool(poolObject, poolSpec, name, rangeOfNode(poolObject, poolObject.node), false));
  }

  const parent = object.embeddedIn;
  const version =
    stringSetting(object, entryOf(spec, 'kubernetesVersion')) ??
    (parent?.kind === 'AzureASOManagedControlPlane'
      ? stringSetting(parent, entryOf(mapField(parent.node, 'spec'), 'version'))
      : undefined);
  const cluster: Cluster = {
    id: objectId(object),
    format: 'kubernetes',
    definition:
      parent === undefined
        ? `${object.group} ${object.kind}`
        : `${object.group} ${object.kind} in ${parent.kind} ${parent.name ?? ''}`.trimEnd(),
    range: rangeOfNode(object, object.node),
    network,
    nodePools: pools,
  };
  const name =
    stringSetting(object, entryOf(spec, 'azureName')) ?? stringSetting(object, metadataEntry(object, 'name'));
  if (name !== undefined) cluster.name = name;
  const resourceGroup = stringSetting(object, entryOf(mapField(spec, 'owner'), 'name'));
  if (resourceGroup !== undefined) cluster.resourceGroup = resourceGroup;
  if (version !== undefined) cluster.kubernetesVersion = version;
  if (profileEntry !== undefined) cluster.networkProfileRange = rangeOfEntry(object, profileEntry);
  const families = stringListSetting(object, entryOf(profile, 'ipFamilies'));
  if (families !== undefined) cluster.ipFamilies = families;
  const apiVersion = asoApiVersion(object.version);
  if (apiVersion !== undefined) cluster.apiVersion = apiVersion;
  return cluster;
}

/**
 * ASO names each CRD version after the ARM API version it is generated from (`v1api20240901` is
 * 2024-09-01, `v1api20230202preview` is 2023-02-02-preview: the "ARM Version" / "CRD Version" columns of
 * https://azure.github.io/azure-service-operator/reference). Other versions (storage, v1beta) map to none.
 */
const ASO_VERSION = /^v1api(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})(?<preview>preview)?$/;

function asoApiVersion(version: string): string | undefined {
  const groups = ASO_VERSION.exec(version)?.groups;
  if (groups === undefined) return undefined;
  const date = `${groups['year']}-${groups['month']}-${groups['day']}`;
  return groups['preview'] === undefined ? date : `${date}-preview`;
}

/** An agent pool profile inside a ManagedCluster, or a ManagedClustersAgentPool's spec: the same fields. */
function asoPool(object: K8sObject, map: YamlMap, name: string, range: SourceRange, isDefault: boolean): NodePool {
  return {
    name,
    range,
    isDefault,
    ...compact<Omit<NodePool, 'name' | 'range' | 'isDefault'>>({
      osType: stringSetting(object, entryOf(map, 'osType')),
      nodeCount: numberSetting(object, entryOf(map, 'count')),
      autoScaling: booleanSetting(object, entryOf(map, 'enableAutoScaling')),
      minCount: numberSetting(object, entryOf(map, 'minCount')),
      maxCount: numberSetting(object, entryOf(map, 'maxCount')),
      maxPods: numberSetting(object, entryOf(map, 'maxPods')),
      vnetSubnetId: asoReference(object, entryOf(map, 'vnetSubnetReference')),
      podSubnetId: asoReference(object, entryOf(map, 'podSubnetReference')),
      podIpAllocationMode: stringSetting(object, entryOf(map, 'podIPAllocationMode')),
    }),
  };
}

/** ASO's `…Reference`: an `armId`, or a Kubernetes reference (group/kind/name) that ASO resolves when it applies. */
function asoReference(object: K8sObject, entry: YamlEntry | undefined): Setting<string> | undefined {
  if (entry === undefined) return undefined;
  const reference = entry.value;
  if (reference.kind !== 'map') return stringSetting(object, entry);
  const armId = entryOf(reference, 'armId');
  if (armId !== undefined) return stringSetting(object, armId);
  const name = plainText(object, field(reference, 'name'));
  if (name === undefined) return stringSetting(object, entry);
  const kind = plainText(object, field(reference, 'kind')) ?? 'resource';
  return {
    how: 'unresolved',
    range: rangeOfEntry(object, entry),
    expression: `reference to ${kind}/${name}`,
    reason:
      'a Kubernetes reference that Azure Service Operator turns into an ARM ID when it applies the resource; the subnet is set, but its ID is not in the file',
  };
}

// ---- Cluster API Provider Azure --------------------------------------------------------------------

function capzCluster(object: K8sObject, index: DirectoryIndex): Cluster {
  const spec = mapField(object.node, 'spec');
  const network = compact<NetworkProfile>({
    plugin: stringSetting(object, entryOf(spec, 'networkPlugin')),
    pluginMode: stringSetting(object, entryOf(spec, 'networkPluginMode')),
    dataplane: stringSetting(object, entryOf(spec, 'networkDataplane')),
    policy: stringSetting(object, entryOf(spec, 'networkPolicy')),
    dnsServiceIp: stringSetting(object, entryOf(spec, 'dnsServiceIP')),
    outboundType: stringSetting(object, entryOf(spec, 'outboundType')),
    loadBalancerSku: stringSetting(object, entryOf(spec, 'loadBalancerSKU')),
  });
  markHelmInsertions(object, spec ?? object.node, network);
  const kindLine = rangeOfEntry(object, entryOf(object.node, 'kind'));
  if (network.plugin === undefined) {
    network.plugin = { how: 'default', value: 'azure', range: kindLine, note: CAPZ_PLUGIN_NOTE };
  }
  if (network.loadBalancerSku === undefined) {
    network.loadBalancerSku = { how: 'default', value: 'Standard', range: kindLine, note: CAPZ_LB_SKU_NOTE };
  }

  const capiCluster = index.objects.find(
    (candidate) =>
      candidate.group === CAPI_GROUP &&
      candidate.kind === 'Cluster' &&
      sameNamespace(candidate, object) &&
      refersTo(mapField(mapField(candidate.node, 'spec'), 'controlPlaneRef'), object),
  );
  const pools: NodePool[] = [];
  if (capiCluster !== undefined) {
    const clusterNetwork = mapField(mapField(capiCluster.node, 'spec'), 'clusterNetwork');
    const podCidr = firstCidr(capiCluster, mapField(clusterNetwork, 'pods'));
    const serviceCidr = firstCidr(capiCluster, mapField(clusterNetwork, 'services'));
    if (podCidr !== undefined) network.podCidr = podCidr;
    if (serviceCidr !== undefined) network.serviceCidr = serviceCidr;
    pools.push(...capzPools(capiCluster, index, object));
  }

  const cluster: Cluster = {
    id: objectId(object),
    format: 'kubernetes',
    definition: `${object.group} ${object.kind}`,
    range: rangeOfNode(object, object.node),
    network,
    nodePools: pools,
  };
  const resourceGroup = stringSetting(object, entryOf(spec, 'resourceGroupName'));
  if (resourceGroup !== undefined) cluster.resourceGroup = resourceGroup;
  const version = stringSetting(object, entryOf(spec, 'version'));
  if (version !== undefined) cluster.kubernetesVersion = version;
  return cluster;
}

/** `spec.controlPlaneRef`: same name, and the same kind when the reference names one. */
function refersTo(reference: YamlMap | undefined, object: K8sObject): boolean {
  const name = plainString(field(reference, 'name'));
  const kind = plainString(field(reference, 'kind'));
  return name !== undefined && name === object.name && (kind === undefined || kind === object.kind);
}

function firstCidr(object: K8sObject, block: YamlMap | undefined): Setting<string> | undefined {
  const blocks = entryOf(block, 'cidrBlocks');
  if (blocks === undefined) return undefined;
  if (blocks.value.kind !== 'seq') return stringSetting(object, blocks);
  const first = blocks.value.items[0];
  if (first === undefined) return undefined;
  return stringSetting(object, {
    key: 'cidrBlocks[0]',
    startLine: first.startLine,
    endLine: first.endLine,
    value: first,
  });
}

/** CAPI `MachinePool`s of the cluster whose infrastructure is an `AzureManagedMachinePool`. Best effort. */
function capzPools(capiCluster: K8sObject, index: DirectoryIndex, controlPlane: K8sObject): NodePool[] {
  const pools: NodePool[] = [];
  for (const machinePool of capiCluster.name === undefined
    ? []
    : (index.machinePoolsByCluster.get(capiCluster.name) ?? [])) {
    if (!sameNamespace(machinePool, capiCluster)) continue;
    const machineSpec = mapField(machinePool.node, 'spec');
    const reference = mapField(mapField(mapField(machineSpec, 'template'), 'spec'), 'infrastructureRef');
    const referenceName = plainString(field(reference, 'name'));
    const azurePool = index.objects.find(
      (candidate) =>
        candidate.group === CAPZ_GROUP &&
        candidate.kind === 'AzureManagedMachinePool' &&
        candidate.name === referenceName &&
        sameNamespace(candidate, machinePool),
    );
    if (azurePool === undefined) continue;
    const spec = mapField(azurePool.node, 'spec');
    const scaling = mapField(spec, 'scaling');
    const name = plainText(azurePool, field(spec, 'name')) ?? azurePool.name ?? 'pool';
    pools.push({
      name,
      range: rangeOfNode(azurePool, azurePool.node),
      isDefault: false,
      ...compact<Omit<NodePool, 'name' | 'range' | 'isDefault'>>({
        osType: stringSetting(azurePool, entryOf(spec, 'osType')),
        nodeCount: numberSetting(machinePool, entryOf(machineSpec, 'replicas')),
        minCount: numberSetting(azurePool, entryOf(scaling, 'minSize')),
        maxCount: numberSetting(azurePool, entryOf(scaling, 'maxSize')),
        maxPods: numberSetting(azurePool, entryOf(spec, 'maxPods')),
        // A subnet name in the control plane's virtual network, not an ARM ID: still a chosen node subnet.
        vnetSubnetId: capzSubnetId(azurePool, entryOf(spec, 'subnetName'), controlPlane),
      }),
    });
  }
  return pools;
}

/**
 * The control plane's `virtualNetwork` (`cidrBlock`) and its `subnet` (`cidrBlock`), as written. CAPZ
 * defaults the subnet to 10.240.0.0/16 when it is not written (§4.10); that default is not recorded.
 */
function capzAddressSpaces(object: K8sObject): AddressSpace[] {
  const vnetEntry = entryOf(mapField(object.node, 'spec'), 'virtualNetwork');
  const vnet = vnetEntry?.value.kind === 'map' ? vnetEntry.value : undefined;
  if (vnetEntry === undefined || vnet === undefined) return [];
  const vnetName = plainText(object, field(vnet, 'name'));
  const id = `${object.file}#${objectId(object)}/virtualNetwork`;
  const network: AddressSpace = {
    kind: 'virtual-network',
    id,
    prefixes: compactList([stringSetting(object, entryOf(vnet, 'cidrBlock'))]),
    range: rangeOfEntry(object, vnetEntry),
    references: [],
  };
  if (vnetName !== undefined) network.name = vnetName;
  const subnetEntry = entryOf(vnet, 'subnet');
  const subnet = subnetEntry?.value.kind === 'map' ? subnetEntry.value : undefined;
  if (subnetEntry === undefined || subnet === undefined) return [network];
  const subnetName = plainText(object, field(subnet, 'name'));
  const space: AddressSpace = {
    kind: 'subnet',
    id: `${id}/subnet`,
    prefixes: compactList([stringSetting(object, entryOf(subnet, 'cidrBlock'))]),
    range: rangeOfEntry(object, subnetEntry),
    references: [],
  };
  if (subnetName !== undefined) space.name = subnetName;
  if (vnetName !== undefined) space.virtualNetwork = vnetName;
  return [network, space];
}

/**
 * `AzureManagedMachinePool.spec.subnetName` names a subnet of the control plane's virtual network. With
 * that network's name written, the pool's subnet is the ID the engine links by its virtual network and
 * subnet names (the subscription and resource group CAPZ fills in are written `<unknown>` unless given).
 */
function capzSubnetId(
  pool: K8sObject,
  entry: YamlEntry | undefined,
  controlPlane: K8sObject,
): Setting<string> | undefined {
  const written = stringSetting(pool, entry);
  if (written?.how !== 'literal') return written;
  const spec = mapField(controlPlane.node, 'spec');
  const vnet = mapField(spec, 'virtualNetwork');
  const vnetName = plainText(controlPlane, field(vnet, 'name'));
  if (vnetName === undefined || /[/\s]/.test(vnetName) || /[/\s]/.test(written.value)) return written;
  const group = plainText(controlPlane, field(vnet, 'resourceGroup')) ?? '<unknown>';
  const vnetEntry = entryOf(spec, 'virtualNetwork');
  return {
    how: 'resolved',
    value: `/subscriptions/<unknown>/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${vnetName}/subnets/${written.value}`,
    range: written.range,
    expression: written.value,
    via: [
      {
        description: `subnet ${written.value} of the control plane's virtual network ${vnetName} (${controlPlane.kind}/${displayName(controlPlane)} spec.virtualNetwork)`,
        range:
          vnetEntry === undefined
            ? rangeOfNode(controlPlane, controlPlane.node)
            : rangeOfEntry(controlPlane, vnetEntry),
      },
    ],
  };
}

function compactList<T>(items: readonly (T | undefined)[]): T[] {
  return items.flatMap((item) => (item === undefined ? [] : [item]));
}

// ---- Crossplane (provider-upjet-azure) -----------------------------------------------------------

function crossplaneCluster(object: K8sObject, index: DirectoryIndex): Cluster {
  const forProvider = mapField(mapField(object.node, 'spec'), 'forProvider');
  const profileEntry = entryOf(forProvider, 'networkProfile');
  const profile = upjetBlock(profileEntry);
  const network = compact<NetworkProfile>({
    plugin: stringSetting(object, entryOf(profile, 'networkPlugin')),
    pluginMode: stringSetting(object, entryOf(profile, 'networkPluginMode')),
    // `ebpfDataPlane` is the azurerm 3.x name of the same setting.
    dataplane:
      stringSetting(object, entryOf(profile, 'networkDataPlane')) ??
      stringSetting(object, entryOf(profile, 'ebpfDataPlane')),
    policy: stringSetting(object, entryOf(profile, 'networkPolicy')),
    podCidr: stringSetting(object, entryOf(profile, 'podCidr')),
    serviceCidr: stringSetting(object, entryOf(profile, 'serviceCidr')),
    dnsServiceIp: stringSetting(object, entryOf(profile, 'dnsServiceIp')),
    outboundType: stringSetting(object, entryOf(profile, 'outboundType')),
    loadBalancerSku: stringSetting(object, entryOf(profile, 'loadBalancerSku')),
    networkMode: stringSetting(object, entryOf(profile, 'networkMode')),
  });
  markHelmInsertions(object, profile ?? forProvider ?? object.node, network);

  const pools: NodePool[] = [];
  const defaultEntry = entryOf(forProvider, 'defaultNodePool');
  const defaultPool = upjetBlock(defaultEntry);
  if (defaultEntry !== undefined && defaultPool !== undefined) {
    const name = plainText(object, field(defaultPool, 'name')) ?? 'default';
    pools.push(crossplanePool(object, defaultPool, name, rangeOfEntry(object, defaultEntry), true));
  }
  for (const poolObject of index.crossplanePools) {
    if (!sameNamespace(poolObject, object) || !refersToCluster(poolObject, object)) continue;
    const poolSpec = mapField(mapField(poolObject.node, 'spec'), 'forProvider');
    if (poolSpec === undefined) continue;
    const name = externalName(poolObject) ?? poolObject.name ?? 'pool';
    pools.push(crossplanePool(poolObject, poolSpec, name, rangeOfNode(poolObject, poolObject.node), false));
  }

  const cluster: Cluster = {
    id: objectId(object),
    format: 'kubernetes',
    definition: `${object.group} ${object.kind}`,
    range: rangeOfNode(object, object.node),
    network,
    nodePools: pools,
  };
  const name =
    stringSetting(
      object,
      entryOf(mapField(mapField(object.node, 'metadata'), 'annotations'), 'crossplane.io/external-name'),
    ) ?? stringSetting(object, metadataEntry(object, 'name'));
  if (name !== undefined) cluster.name = name;
  const resourceGroup =
    stringSetting(object, entryOf(forProvider, 'resourceGroupName')) ??
    crossplaneReference(object, forProvider, 'resourceGroupName');
  if (resourceGroup !== undefined) cluster.resourceGroup = resourceGroup;
  const version = stringSetting(object, entryOf(forProvider, 'kubernetesVersion'));
  if (version !== undefined) cluster.kubernetesVersion = version;
  if (profileEntry !== undefined) cluster.networkProfileRange = rangeOfEntry(object, profileEntry);
  const families = stringListSetting(object, entryOf(profile, 'ipVersions'));
  if (families !== undefined) cluster.ipFamilies = families;
  // azurerm 3.x fields that upjet kept (§4.11) and azurerm 4.0 removed (§4.3).
  const removed: RemovedSetting[] = [];
  for (const [name, kind] of [
    ['dockerBridgeCidr', 'docker-bridge-cidr'],
    ['ebpfDataPlane', 'ebpf-data-plane'],
  ] as const) {
    const entry = entryOf(profile, name);
    if (entry === undefined || (entry.value.kind === 'scalar' && entry.value.value === null)) continue;
    removed.push({ kind, name, range: rangeOfEntry(object, entry) });
  }
  if (removed.length > 0) cluster.removedSettings = removed;
  return cluster;
}

/** upjet renders a Terraform block as a one-item list (v1beta1) or as an object (v1beta2): take either. */
function upjetBlock(entry: YamlEntry | undefined): YamlMap | undefined {
  const value = entry?.value;
  if (value?.kind === 'map') return value;
  if (value?.kind === 'seq' && value.items[0]?.kind === 'map') return value.items[0];
  return undefined;
}

function crossplanePool(
  object: K8sObject,
  map: YamlMap,
  name: string,
  range: SourceRange,
  isDefault: boolean,
): NodePool {
  return {
    name,
    range,
    isDefault,
    ...compact<Omit<NodePool, 'name' | 'range' | 'isDefault'>>({
      osType: stringSetting(object, entryOf(map, 'osType')),
      nodeCount: numberSetting(object, entryOf(map, 'nodeCount')),
      // `enableAutoScaling` (azurerm 3.x) became `autoScalingEnabled` (azurerm 4.x).
      autoScaling:
        booleanSetting(object, entryOf(map, 'autoScalingEnabled')) ??
        booleanSetting(object, entryOf(map, 'enableAutoScaling')),
      minCount: numberSetting(object, entryOf(map, 'minCount')),
      maxCount: numberSetting(object, entryOf(map, 'maxCount')),
      maxPods: numberSetting(object, entryOf(map, 'maxPods')),
      vnetSubnetId:
        stringSetting(object, entryOf(map, 'vnetSubnetId')) ?? crossplaneReference(object, map, 'vnetSubnetId'),
      podSubnetId:
        stringSetting(object, entryOf(map, 'podSubnetId')) ?? crossplaneReference(object, map, 'podSubnetId'),
    }),
  };
}

/** Crossplane's `<field>Ref` / `<field>Selector`: set, but resolved by the provider at apply time. */
function crossplaneReference(
  object: K8sObject,
  map: YamlMap | undefined,
  fieldName: string,
): Setting<string> | undefined {
  for (const suffix of ['Ref', 'Selector']) {
    const entry = entryOf(map, `${fieldName}${suffix}`);
    if (entry === undefined) continue;
    const name = plainText(object, field(entry.value.kind === 'map' ? entry.value : undefined, 'name'));
    return {
      how: 'unresolved',
      range: rangeOfEntry(object, entry),
      expression: name === undefined ? `${fieldName}${suffix}` : `${fieldName}${suffix} ${name}`,
      reason: `a Crossplane ${suffix === 'Ref' ? 'reference' : 'selector'} that the provider resolves when it applies the resource; the value is set, but it is not in the file`,
    };
  }
  return undefined;
}

function refersToCluster(pool: K8sObject, cluster: K8sObject): boolean {
  const forProvider = mapField(mapField(pool.node, 'spec'), 'forProvider');
  const referenced = plainString(field(mapField(forProvider, 'kubernetesClusterIdRef'), 'name'));
  if (referenced !== undefined) return referenced === cluster.name;
  const matchLabels = mapField(mapField(forProvider, 'kubernetesClusterIdSelector'), 'matchLabels');
  if (matchLabels === undefined || matchLabels.entries.length === 0) return false;
  const labels = mapField(mapField(cluster.node, 'metadata'), 'labels');
  return matchLabels.entries.every((entry) => {
    const wanted = plainString(entry.value);
    return wanted !== undefined && wanted === plainString(field(labels, entry.key));
  });
}

function externalName(object: K8sObject): string | undefined {
  const annotations = mapField(mapField(object.node, 'metadata'), 'annotations');
  return plainText(object, field(annotations, 'crossplane.io/external-name'));
}

// ---- Shared: object identity, Helm, settings ------------------------------------------------------

/** `<kind>/<metadata.name>` (a templated name as written), prefixed by the CAPZ object that embeds it. */
function objectId(object: K8sObject): string {
  const own = `${object.kind}/${displayName(object)}`;
  const parent = object.embeddedIn;
  return parent === undefined ? own : `${parent.kind}/${displayName(parent)}/${own}`;
}

function displayName(object: K8sObject): string {
  return plainText(object, metadataEntry(object, 'name')?.value) ?? `@${object.node.startLine}`;
}

/** A reference without a namespace means the referrer's own, so only two different written namespaces differ. */
function sameNamespace(a: K8sObject, b: K8sObject): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

/**
 * A Helm action that outputs content (`{{ include … }}`, `{{ toYaml .Values.network | nindent 4 }}`)
 * inside the settings' object may set the deciding values: those left unset become unresolved.
 */
function markHelmInsertions(object: K8sObject, container: YamlMap, network: NetworkProfile): void {
  if (object.helm.insertions.length === 0) return;
  const column = columnOf(object.text, container.start);
  const lastLine = containerLastLine(object.text, container, column);
  const insertion = object.helm.insertions.find(
    (candidate) =>
      candidate.indent >= column && candidate.line >= container.startLine - 1 && candidate.line <= lastLine,
  );
  if (insertion === undefined) return;
  const unresolved: Setting<string> = {
    how: 'unresolved',
    range: { file: object.file, startLine: insertion.line, endLine: insertion.line },
    expression: insertion.text,
    reason:
      'the Helm template inserts content here that may set it; render the chart (helm template) and scan the output',
  };
  network.plugin ??= unresolved;
  network.pluginMode ??= unresolved;
  network.dataplane ??= unresolved;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * The last line a mapping's content could reach once rendered: up to the next content line indented
 * less than the mapping (blank lines, comments and whole-line Helm actions after it still belong to it).
 */
function containerLastLine(text: string, container: YamlMap, column: number): number {
  let line = container.endLine;
  let at = text.indexOf('\n', Math.max(container.start, container.end - 1));
  while (at >= 0) {
    const next = text.indexOf('\n', at + 1);
    const content = text.slice(at + 1, next < 0 ? text.length : next);
    const trimmed = content.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('{{')) {
      if (content.length - trimmed.length < column || trimmed.startsWith('---')) return line;
    }
    line++;
    at = next;
  }
  return line;
}

type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

function stringSetting(object: K8sObject, entry: YamlEntry | undefined): Setting<string> | undefined {
  return setting(object, entry, (node) => {
    if (node.kind !== 'scalar') return { ok: false, reason: `expected a string, found ${describe(node)}` };
    // Numbers and booleans keep their text: `kubernetesVersion: 1.30` is "1.30", not 1.3.
    return { ok: true, value: typeof node.value === 'string' ? node.value : node.source };
  });
}

/** A list of strings (`ipFamilies: [IPv4, IPv6]`) as one setting at the entry. */
function stringListSetting(object: K8sObject, entry: YamlEntry | undefined): Setting<string[]> | undefined {
  return setting(object, entry, (node) => {
    if (node.kind !== 'seq') return { ok: false, reason: `expected a list, found ${describe(node)}` };
    const values: string[] = [];
    for (const item of node.items) {
      const text = plainString(item);
      if (text === undefined) return { ok: false, reason: `expected a list of strings, found ${describe(item)} in it` };
      values.push(text);
    }
    return { ok: true, value: values };
  });
}

function numberSetting(object: K8sObject, entry: YamlEntry | undefined): Setting<number> | undefined {
  return setting(object, entry, (node) => {
    if (node.kind === 'scalar' && typeof node.value === 'number') return { ok: true, value: node.value };
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      return { ok: false, reason: `the string "${node.value}" where the API expects a number; write it unquoted` };
    }
    return { ok: false, reason: `expected a number, found ${describe(node)}` };
  });
}

function booleanSetting(object: K8sObject, entry: YamlEntry | undefined): Setting<boolean> | undefined {
  return setting(object, entry, (node) => {
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return { ok: true, value: node.value };
    return { ok: false, reason: `expected true or false, found ${describe(node)}` };
  });
}

function setting<T>(
  object: K8sObject,
  entry: YamlEntry | undefined,
  read: (node: YamlNode) => Read<T>,
): Setting<T> | undefined {
  if (entry === undefined) return undefined;
  const node = entry.value;
  if (node.kind === 'scalar' && node.value === null) return undefined; // `key:` or `key: null` sets nothing
  const range = rangeOfEntry(object, entry);
  const expression = expressionOf(object, node);
  if (expression.includes('{{')) return { how: 'unresolved', range, expression, reason: HELM_REASON };
  if (expression.includes('${')) return { how: 'unresolved', range, expression, reason: ENVSUBST_REASON };
  const region = object.helm.regions.find(
    (candidate) => candidate.startLine < entry.startLine && entry.startLine < candidate.endLine,
  );
  if (region !== undefined) {
    return {
      how: 'unresolved',
      range,
      expression,
      reason: `written inside the Helm block \`${region.text}\` (line ${region.startLine}), which may not render; render the chart (helm template) and scan the output`,
    };
  }
  if (node.kind === 'unsupported') return { how: 'unresolved', range, expression, reason: `not read: ${node.why}` };
  const result = read(node);
  if (!result.ok) return { how: 'unresolved', range, expression, reason: result.reason };
  if (node.alias === undefined) return { how: 'literal', value: result.value, range };
  return {
    how: 'resolved',
    value: result.value,
    range,
    expression: `*${node.alias.name}`,
    via: [
      {
        description: `&${node.alias.name} = ${expression} (line ${node.alias.anchorStartLine})`,
        range: { file: object.file, startLine: node.alias.anchorStartLine, endLine: node.alias.anchorEndLine },
      },
    ],
  };
}

function describe(node: YamlNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.kind === 'unsupported') return node.why;
  return `\`${node.source}\``;
}

function expressionOf(object: K8sObject, node: YamlNode): string {
  const text =
    node.kind === 'scalar' && node.alias === undefined ? node.source : object.text.slice(node.start, node.end);
  const trimmed = text.trim();
  return trimmed.length > EXPRESSION_MAX ? `${trimmed.slice(0, EXPRESSION_MAX)}…` : trimmed;
}

// ---- Tree navigation --------------------------------------------------------------------------------

function entryOf(map: YamlMap | undefined, key: string): YamlEntry | undefined {
  return map?.entries.find((entry) => entry.key === key);
}

function field(map: YamlMap | undefined, key: string): YamlNode | undefined {
  return entryOf(map, key)?.value;
}

function mapField(map: YamlMap | undefined, key: string): YamlMap | undefined {
  const value = field(map, key);
  return value?.kind === 'map' ? value : undefined;
}

function metadataEntry(object: K8sObject, key: string): YamlEntry | undefined {
  return entryOf(mapField(object.node, 'metadata'), key);
}

/** A scalar's text, for matching names and references (numbers keep their text). */
function plainString(node: YamlNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.source;
}

/** Like `plainString`, but a template (a Helm flow-mapping look-alike) keeps its source text. */
function plainText(object: K8sObject, node: YamlNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return plainString(node);
  const text = expressionOf(object, node);
  return text.includes('{{') ? text : undefined;
}

function rangeOfEntry(object: K8sObject, entry: YamlEntry | undefined): SourceRange {
  if (entry === undefined)
    return { file: object.file, startLine: object.node.startLine, endLine: object.node.startLine };
  return { file: object.file, startLine: entry.startLine, endLine: entry.endLine };
}

function rangeOfNode(object: K8sObject, node: YamlNode): SourceRange {
  return { file: object.file, startLine: node.startLine, endLine: node.endLine };
}

/** Drops the keys whose value is undefined, so absent settings are absent rather than present-but-undefined. */
function compact<T extends object>(value: T): T {
  const result: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) result[key] = value[key];
  }
  return result as T;
}
