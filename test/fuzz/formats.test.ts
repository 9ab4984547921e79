import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/formats/index.js';
import type { Format, FormatId } from '../../src/model/index.js';
import { DEEP, FUZZ_SCALE, checkExtract, fuzzSeed } from './invariants.js';

/**
 * Property-based tests of every format's `extract`: on arbitrary text, on grammar-ish text built from the
 * format's own keywords (so the parser gets deep), and on inputs up to 1 MB, it never throws, finishes
 * reports ranges inside the file, and gives the same result twice. `npm test` runs a fixed-seed sample of
 * generated text; `npm run fuzz` runs FUZZ_RUNS times as many cases and the ~1 MB inputs.
 */
const SEED = fuzzSeed('formats');
const RUNS = 25 * FUZZ_SCALE;
const MEGABYTE = 1024 * 1024;

interface Target {
  format: FormatId;
  path: string;
  /** Put first, so that the sniffing formats see their marker. */
  prefix: string;
  tokens: string[];
  /**
   * A valid definition with holes, so that generated text reaches the extractor's depths: `@@` takes a value
   * (usually `value`, else fragments), `%%` takes extra lines or nothing.
   */
  skeleton: string;
  value: string;
}

const TERRAFORM = [
  'resource "azurerm_kubernetes_cluster" "aks" {\n',
  'resource "azapi_resource" "aks" {\n  type = "Microsoft.ContainerService/managedClusters@2024-02-01"\n',
  'body = jsonencode({\n',
  'properties = {\n',
  'networkProfile = {\n',
  'network_profile {\n',
  'default_node_pool {\n',
  'dynamic "agent_pool" {\n  for_each = var.pools\n  content {\n',
  'network_plugin = "kubenet"\n',
  'network_plugin = var.plugin\n',
  'network_plugin_mode = "overlay"\n',
  'network_data_plane = "cilium"\n',
  'pod_cidr = "10.244.0.0/16"\n',
  'service_cidr = local.cidr\n',
  'vnet_subnet_id = azurerm_subnet.nodes.id\n',
  'max_pods = 250\n',
  'variable "plugin" {\n  default = "azure"\n}\n',
  'locals {\n  cidr = "10.0.0.0/16"\n',
  'module "aks" {\n  source = "Azure/aks/azurerm"\n  version = "~> 6.0"\n',
  'module "avm" {\n  source = "Azure/avm-res-containerservice-managedcluster/azurerm"\n  version = ">= 0.3"\n',
  'resource "azurerm_subnet" "nodes" {\n  address_prefixes = ["10.1.0.0/22"]\n',
  'var.x == "a" ? "kubenet" : "azure"',
  '"${var.prefix}-aks"',
  '[for p in var.pools : p.name]',
  '{ for k, v in var.m : k => v }',
  'lookup(var.m, "k", "d")',
  '<<EOT\nheredoc\nEOT\n',
  '}\n',
  '{',
  '[',
  ']',
  '(',
  ')',
  '"',
  '=',
  ',',
  '\n',
  ' ',
  '# comment\n',
  '/* block ',
  '*/',
  '${',
];

const PLAN_PREFIX = '{"format_version":"1.2","terraform_version":"1.9.5",';
const PLAN = [
  '"resource_changes":[',
  '{"address":"azurerm_kubernetes_cluster.aks","type":"azurerm_kubernetes_cluster","name":"aks","change":{"actions":["create"],"before":null,"after":{',
  '{"address":"module.m.azapi_resource.aks","type":"azapi_resource","change":{"actions":["update"],"before":{},"after":{"type":"Microsoft.ContainerService/managedClusters@2024-02-01","body":',
  '"network_profile":[{',
  '"network_plugin":"kubenet"',
  '"network_plugin_mode":"overlay"',
  '"pod_cidr":"10.244.0.0/16"',
  '"default_node_pool":[{"vnet_subnet_id":"/subscriptions/x/subnets/y","max_pods":30}]',
  '"after_unknown":{"network_profile":true}',
  '"planned_values":{"root_module":{"resources":[',
  '"values":{',
  '"{\\"properties\\":{\\"networkProfile\\":{\\"networkPlugin\\":\\"azure\\"}}}"',
  '"actions":["delete","create"]',
  '"replace_paths":[["network_profile",0,"network_plugin"]]',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  'null',
  'true',
  '1e999',
  '\\u0000',
];

const ARM_PREFIX =
  '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0",';
const ARM = [
  '"parameters":{',
  '"plugin":{"type":"string","defaultValue":"kubenet","allowedValues":["azure","kubenet"]}',
  '"variables":{',
  '"v":"[parameters(\'plugin\')]"',
  '"resources":[',
  '{"type":"Microsoft.ContainerService/managedClusters","apiVersion":"2024-02-01","name":"[parameters(\'name\')]","location":"[resourceGroup().location]","properties":{',
  '{"type":"Microsoft.Resources/deployments","apiVersion":"2022-09-01","name":"nested","properties":{"expressionEvaluationOptions":{"scope":"inner"},"template":',
  '"networkProfile":{',
  '"networkPlugin":"azure"',
  '"networkPlugin":"[variables(\'v\')]"',
  "\"networkPluginMode\":\"[if(equals(parameters('plugin'),'azure'),'overlay',null())]\"",
  '"podCidr":"[concat(\'10.244.\', \'0.0/16\')]"',
  '"agentPoolProfiles":[{"name":"system","count":3,"maxPods":"[parameters(\'maxPods\')]","vnetSubnetID":"[resourceId(\'Microsoft.Network/virtualNetworks/subnets\', \'v\', \'s\')]"}]',
  '"copy":{"name":"c","count":"[length(parameters(\'pools\'))]"}',
  '"languageVersion":"2.0"',
  '"[[escaped"',
  "\"[format('{0}', 'a')]\"",
  '"[',
  ']"',
  '(',
  ')',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '// comment\n',
];

const BICEP = [
  "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n",
  "resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {\n",
  "module m './cluster.bicep' = {\n",
  'params: {\n',
  'properties: {\n',
  'networkProfile: {\n',
  "networkPlugin: 'kubenet'\n",
  'networkPlugin: plugin\n',
  "networkPluginMode: 'overlay'\n",
  "podCidr: '10.244.0.0/16'\n",
  'agentPoolProfiles: [\n',
  "param plugin string = 'azure'\n",
  "@allowed(['azure', 'kubenet'])\n",
  "var cidr = '10.0.0.0/16'\n",
  "name: '${prefix}-aks'\n",
  'if (deploy) ',
  'for (p, i) in pools: ',
  "cond ? 'a' : 'b'",
  'subnet.id',
  "'''multi\nline'''",
  '}\n',
  ']\n',
  '{',
  '[',
  '(',
  ')',
  "'",
  '${',
  ':',
  '\n',
  ' ',
  '// comment\n',
  '/* block ',
  '*/',
];

const PULUMI_TS = [
  'import * as azure from "@pulumi/azure-native";\n',
  'import { containerservice } from "@pulumi/azure-native";\n',
  'const cs = require("@pulumi/azure-native/containerservice");\n',
  'new azure.containerservice.ManagedCluster("aks", {\n',
  'new containerservice.AgentPool("pool", { resourceName: cluster.name,\n',
  'networkProfile: {\n',
  'networkPlugin: "kubenet",\n',
  'networkPlugin: azure.containerservice.NetworkPlugin.Azure,\n',
  'networkPluginMode: plugin,\n',
  'podCidr: `${prefix}.0.0/16`,\n',
  'agentPoolProfiles: [{ name: "system", count: 3, maxPods: 30 }],\n',
  'const plugin = "azure" as const;\n',
  'const config = new pulumi.Config();\n',
  'config.get("plugin") ?? "kubenet"',
  '...base,\n',
  '});\n',
  '}',
  '{',
  '[',
  ']',
  '(',
  ')',
  '`',
  '"',
  ',',
  '\n',
  '// c\n',
  '/*',
  '*/',
];

const PULUMI_PY = [
  'import pulumi_azure_native as azure_native\n',
  'from pulumi_azure_native import containerservice\n',
  'cluster = azure_native.containerservice.ManagedCluster("aks",\n',
  'containerservice.ManagedCluster("aks", ',
  'network_profile=containerservice.ContainerServiceNetworkProfileArgs(\n',
  'network_profile={"network_plugin": "kubenet", ',
  'network_plugin="kubenet",\n',
  'network_plugin=containerservice.NetworkPlugin.AZURE,\n',
  'pod_cidr=f"{prefix}.0.0/16",\n',
  'resource_name_="aks",\n',
  'PLUGIN = "azure"\n',
  'config.get("plugin") or "kubenet"',
  ')\n',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  ',',
  '\n',
  '    ',
  '# c\n',
  '"""',
];

const PULUMI_YAML = [
  'name: aks\nruntime: yaml\n',
  'resources:\n',
  '  aks:\n    type: azure-native:containerservice:ManagedCluster\n    properties:\n',
  '      networkProfile:\n',
  '        networkPlugin: kubenet\n',
  '        networkPlugin: ${plugin}\n',
  '        podCidr: 10.244.0.0/16\n',
  'variables:\n  plugin: azure\n',
  'config:\n  plugin:\n    default: azure\n',
  '      agentPoolProfiles:\n        - name: system\n          count: 3\n',
  '$${escaped}',
  'fn::invoke:\n',
  '- ',
  '  ',
  ': ',
  '\n',
  '{',
  '}',
  '[',
  ']',
  '&a ',
  '*a',
  '"',
];

const KUBERNETES = [
  'apiVersion: containerservice.azure.com/v1api20240402preview\nkind: ManagedCluster\n',
  'apiVersion: containerservice.azure.com/v1api20231001\nkind: ManagedClustersAgentPool\n',
  'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: AzureManagedControlPlane\n',
  'apiVersion: containerservice.azure.upbound.io/v1beta1\nkind: KubernetesCluster\n',
  'metadata:\n  name: aks\n',
  'spec:\n',
  '  networkProfile:\n',
  '    networkPlugin: kubenet\n',
  '    networkPluginMode: overlay\n',
  '    podCidr: 10.244.0.0/16\n',
  '  forProvider:\n    networkProfile:\n      - networkPlugin: azure\n',
  '  networkPlugin: azure\n',
  '  owner:\n    name: aks\n',
  '  agentPoolProfiles:\n    - name: system\n      count: 3\n',
  '{{ .Values.plugin }}',
  '---\n',
  '- ',
  '  ',
  ': ',
  '\n',
  '{',
  '}',
  '[',
  ']',
  '&anchor ',
  '*anchor',
  '<<: *anchor\n',
  '!!str ',
  '|\n',
  '"',
  "'",
  '# c\n',
];

const AZ_CLI = [
  'az aks create',
  'az aks update',
  'az aks nodepool add',
  'az network vnet create',
  'az network vnet subnet create',
  ' --resource-group rg',
  ' --name aks',
  ' --network-plugin kubenet',
  ' --network-plugin azure',
  ' --network-plugin-mode overlay',
  ' --network-dataplane cilium',
  ' --pod-cidr 10.244.0.0/16',
  ' --vnet-subnet-id "$SUBNET_ID"',
  ' --max-pods 250',
  ' --address-prefixes 10.0.0.0/16',
  ' \\\n',
  'PLUGIN=kubenet\n',
  'export CIDR="10.0.0.0/16"\n',
  '$PLUGIN',
  '${PLUGIN:-azure}',
  '$(az network vnet subnet show --query id -o tsv)',
  '`date`',
  'if [ -n "$X" ]; then\n',
  'fi\n',
  'cat <<EOF\n',
  'EOF\n',
  '&& ',
  '; ',
  '| ',
  '"',
  "'",
  '\n',
  ' ',
  '# c\n',
];

const AZ_MARKDOWN = ['```bash\n', '```azurecli-interactive\n', '```\n', '~~~sh\n', '$ ', '> ', ...AZ_CLI];

const AZ_WORKFLOW = [
  'jobs:\n  deploy:\n    steps:\n',
  '      - run: |\n',
  '          ',
  '      - uses: azure/cli@v2\n        with:\n          inlineScript: |\n',
  ...AZ_CLI,
];

const POWERSHELL = [
  'New-AzAksCluster',
  'Set-AzAksCluster',
  'New-AzAksNodePool',
  ' -ResourceGroupName rg',
  ' -Name aks',
  ' -NetworkPlugin azure',
  ' -NetworkPlugin $plugin',
  ' -NetworkPluginMode overlay',
  ' -PodCidr 10.244.0.0/16',
  ' -NodeVnetSubnetID $subnet.Id',
  ' `\n',
  '$plugin = "kubenet"\n',
  '$params = @{\n  NetworkPlugin = "kubenet"\n',
  'New-AzAksCluster @params\n',
  '"$($x.y)"',
  '@(',
  '@{',
  '}',
  ')',
  '(',
  '"',
  "'",
  '@"\nhere\n"@\n',
  '<#',
  '#>',
  '# c\n',
  'az aks create --network-plugin kubenet',
  '\n',
  ' ',
];

const TARGETS: Target[] = [
  {
    format: 'terraform',
    path: 'infra/main.tf',
    prefix: '',
    tokens: TERRAFORM,
    skeleton:
      'variable "plugin" {\n  default = @@\n}\nresource "azurerm_kubernetes_cluster" "aks" {\n  name = @@\n  default_node_pool {\n    name = "system"\n    vnet_subnet_id = @@\n    max_pods = @@\n  }\n  network_profile {\n    network_plugin = @@\n    network_plugin_mode = @@\n    pod_cidr = @@\n    %%\n  }\n}\n',
    value: '"kubenet"',
  },
  {
    format: 'terraform-plan',
    path: 'plan.json',
    prefix: PLAN_PREFIX,
    tokens: PLAN,
    skeleton:
      '{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{"address":"azurerm_kubernetes_cluster.aks","type":"azurerm_kubernetes_cluster","name":"aks","change":{"actions":[@@],"before":@@,"after":{"name":@@,"network_profile":[{"network_plugin":@@,"pod_cidr":@@,%%"network_plugin_mode":"overlay"}],"default_node_pool":[{"max_pods":@@}]}}}]}',
    value: '"kubenet"',
  },
  {
    format: 'arm',
    path: 'azuredeploy.json',
    prefix: ARM_PREFIX,
    tokens: ARM,
    skeleton:
      '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","parameters":{"plugin":{"type":"string","defaultValue":@@}},"variables":{"v":@@},"resources":[{"type":"Microsoft.ContainerService/managedClusters","apiVersion":"2024-02-01","name":@@,"properties":{"agentPoolProfiles":[{"name":"system","count":@@,"vnetSubnetID":@@}],"networkProfile":{"networkPlugin":@@,"networkPluginMode":@@,%%"podCidr":"10.244.0.0/16"}}}]}',
    value: '"kubenet"',
  },
  {
    format: 'bicep',
    path: 'main.bicep',
    prefix: '',
    tokens: BICEP,
    skeleton:
      "param plugin string = @@\nvar cidr = @@\nresource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: @@\n  properties: {\n    agentPoolProfiles: [\n      {\n        name: 'system'\n        vnetSubnetID: @@\n      }\n    ]\n    networkProfile: {\n      networkPlugin: @@\n      networkPluginMode: @@\n      podCidr: cidr\n      %%\n    }\n  }\n}\n",
    value: "'kubenet'",
  },
  {
    format: 'pulumi',
    path: 'index.ts',
    prefix: '',
    tokens: PULUMI_TS,
    skeleton:
      'import * as azure from "@pulumi/azure-native";\nconst plugin = @@;\nconst cluster = new azure.containerservice.ManagedCluster("aks", {\n  resourceName: @@,\n  agentPoolProfiles: [{ name: "system", count: @@, vnetSubnetID: @@ }],\n  networkProfile: {\n    networkPlugin: @@,\n    networkPluginMode: plugin,\n    podCidr: @@,\n    %%\n  },\n});\n',
    value: '"kubenet"',
  },
  {
    format: 'pulumi',
    path: '__main__.py',
    prefix: '',
    tokens: PULUMI_PY,
    skeleton:
      'import pulumi_azure_native as azure_native\nfrom pulumi_azure_native import containerservice\nPLUGIN = @@\ncluster = azure_native.containerservice.ManagedCluster(\n    "aks",\n    resource_name_=@@,\n    network_profile=containerservice.ContainerServiceNetworkProfileArgs(\n        network_plugin=@@,\n        pod_cidr=@@,\n        %%\n    ),\n)\n',
    value: '"kubenet"',
  },
  {
    format: 'pulumi',
    path: 'Pulumi.yaml',
    prefix: '',
    tokens: PULUMI_YAML,
    skeleton:
      'name: aks\nruntime: yaml\nvariables:\n  plugin: @@\nresources:\n  aks:\n    type: azure-native:containerservice:ManagedCluster\n    properties:\n      resourceName: @@\n      networkProfile:\n        networkPlugin: @@\n        podCidr: @@\n        %%\n',
    value: 'kubenet',
  },
  {
    format: 'kubernetes',
    path: 'cluster.yaml',
    prefix: '',
    tokens: KUBERNETES,
    skeleton:
      'apiVersion: containerservice.azure.com/v1api20240402preview\nkind: ManagedCluster\nmetadata:\n  name: @@\nspec:\n  agentPoolProfiles:\n    - name: system\n      count: @@\n  networkProfile:\n    networkPlugin: @@\n    networkPluginMode: @@\n    podCidr: @@\n    %%\n',
    value: 'kubenet',
  },
  {
    format: 'azure-cli',
    path: 'deploy.sh',
    prefix: '',
    tokens: AZ_CLI,
    skeleton:
      'PLUGIN=@@\naz aks create --resource-group rg --name @@ \\\n  --network-plugin @@ \\\n  --network-plugin-mode @@ \\\n  --pod-cidr @@ %%\n',
    value: 'kubenet',
  },
  {
    format: 'azure-cli',
    path: 'docs/README.md',
    prefix: '',
    tokens: AZ_MARKDOWN,
    skeleton:
      '# AKS\n\n```bash\naz aks create --resource-group rg --name @@ \\\n  --network-plugin @@ \\\n  --pod-cidr @@ %%\n```\n',
    value: 'kubenet',
  },
  {
    format: 'azure-cli',
    path: '.github/workflows/deploy.yml',
    prefix: '',
    tokens: AZ_WORKFLOW,
    skeleton:
      'jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          az aks create --resource-group rg --name @@ \\\n            --network-plugin @@ \\\n            --pod-cidr @@ %%\n',
    value: 'kubenet',
  },
  {
    format: 'azure-powershell',
    path: 'deploy.ps1',
    prefix: '',
    tokens: POWERSHELL,
    skeleton:
      '$plugin = @@\nNew-AzAksCluster -ResourceGroupName rg -Name @@ `\n  -NetworkPlugin @@ `\n  -NetworkPluginMode @@ `\n  -PodCidr @@ %%\n',
    value: 'kubenet',
  },
];

function formatOf(id: FormatId): Format {
  const format = FORMATS.find((candidate) => candidate.id === id);
  if (format === undefined) throw new Error(`no format ${id}`);
  return format;
}

/** Text for one target: mostly the format's own fragments, sometimes with noise, sometimes pure noise. */
function textFor(target: Target): fc.Arbitrary<string> {
  const token = fc.constantFrom(...target.tokens);
  const noise = fc.string({ maxLength: 6, unit: 'binary' });
  const grammar = fc.array(token, { maxLength: 80 }).map((parts) => target.prefix + parts.join(''));
  const noisy = fc
    .array(fc.oneof({ arbitrary: token, weight: 4 }, { arbitrary: noise, weight: 1 }), { maxLength: 80 })
    .map((parts) => target.prefix + parts.join(''));
  const nested = fc
    .tuple(
      fc.array(token, { maxLength: 10 }),
      fc.constantFrom('{', '[', '(', '{\n', '- ', '  '),
      fc.integer({ min: 1, max: 300 }),
    )
    .map(([parts, open, depth]) => target.prefix + parts.join('') + open.repeat(depth) + parts.join(''));
  const fragmentsOf = fc.array(token, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
  const valueHole = fc.oneof(
    { arbitrary: fc.constant(target.value), weight: 8 },
    { arbitrary: fragmentsOf, weight: 2 },
    { arbitrary: noise, weight: 1 },
  );
  const freeHole = fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, { arbitrary: fragmentsOf, weight: 1 });
  const pieces = target.skeleton.split(/(@@|%%)/);
  const skeleton = fc
    .tuple(...pieces.map((piece) => (piece === '@@' ? valueHole : piece === '%%' ? freeHole : fc.constant(piece))))
    .map((parts) => parts.join(''));
  return fc.oneof(
    { arbitrary: skeleton, weight: 5 },
    { arbitrary: grammar, weight: 3 },
    { arbitrary: noisy, weight: 3 },
    { arbitrary: nested, weight: 1 },
    { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
    { arbitrary: fc.string({ maxLength: 300, unit: 'binary' }), weight: 1 },
  );
}

/**
 * About 1 MB: a generated chunk repeated. The property gets the chunk, not the megabyte, so that a failure
 * prints (and shrinks) the chunk rather than a megabyte of counterexample.
 */
function chunkFor(target: Target): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...target.tokens), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));
}

function megabyteOf(target: Target, chunk: string): string {
  return target.prefix + chunk.repeat(Math.max(1, Math.floor(MEGABYTE / Math.max(1, chunk.length))));
}

beforeAll(async () => {
  for (const format of FORMATS) await format.init?.();
});

describe.each(TARGETS.map((target) => [`${target.format} (${target.path})`, target] as const))(
  'format %s under fuzzing',
  (name, target) => {
    const format = formatOf(target.format);

    it('extract keeps its contract on generated text', () => {
      let runs = 0;
      let withClusters = 0;
      fc.assert(
        fc.property(textFor(target), (text) => {
          runs++;
          const result = checkExtract(format, { [target.path]: text }, target.path);
          if (result.clusters.length > 0) withClusters++;
        }),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(`formats: ${name}: ${runs} generated cases, ${withClusters} yielding a cluster`);
      expect(runs).toBe(RUNS);
    }, 120_000);

    it.runIf(DEEP)(
      'extract keeps its contract on ~1 MB inputs',
      () => {
        let runs = 0;
        fc.assert(
          fc.property(chunkFor(target), (chunk) => {
            runs++;
            const text = megabyteOf(target, chunk);
            checkExtract(format, { [target.path]: text }, target.path);
          }),
          { seed: SEED, numRuns: 2 * FUZZ_SCALE },
        );
        console.log(`formats: ${name}: ${runs} cases of ~1 MB`);
        expect(runs).toBe(2 * FUZZ_SCALE);
      },
      600_000,
    );
  },
);
