// A deterministic repository-like corpus for the throughput benchmarks: a few percent of the files define
// AKS clusters (the real fixtures and the parity corpus, copied), the rest are other IaC and code of the
// same kinds a platform repository holds. Same seed, same bytes.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Bumped whenever the generator changes, so that a corpus left by an older one is written again. */
export const GENERATOR_VERSION = 2;

export interface CorpusOptions {
  seed: number;
  files: number;
  bytes: number;
  /** Share of the files copied from AKS fixtures (0.03 = 3 %). */
  clusterShare: number;
}

export interface CorpusFile {
  path: string;
  kind: Kind;
  text: string;
}

export interface CorpusManifest {
  generator: number;
  options: CorpusOptions;
  files: number;
  bytes: number;
  /** Files and bytes by kind. */
  kinds: Record<string, { files: number; bytes: number }>;
  /** Files copied from the AKS fixtures. */
  clusterFiles: number;
}

export type Kind =
  | 'aks'
  | 'terraform'
  | 'tfvars'
  | 'bicep'
  | 'arm'
  | 'json'
  | 'k8s-yaml'
  | 'helm-values'
  | 'workflow'
  | 'pipeline'
  | 'shell'
  | 'powershell'
  | 'markdown'
  | 'python'
  | 'typescript'
  | 'javascript'
  | 'other';

/** Share of the non-AKS files by kind, roughly a platform team's infrastructure repository. */
const MIX: [Kind, number][] = [
  ['terraform', 18],
  ['tfvars', 2],
  ['bicep', 6],
  ['arm', 5],
  ['json', 5],
  ['k8s-yaml', 12],
  ['helm-values', 4],
  ['workflow', 4],
  ['pipeline', 1],
  ['shell', 5],
  ['powershell', 3],
  ['markdown', 10],
  ['python', 8],
  ['typescript', 8],
  ['javascript', 3],
  ['other', 6],
];

export type Random = () => number;

/** mulberry32: small, fast, and the same everywhere. */
export function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function pick<T>(rand: Random, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function chance(rand: Random, p: number): boolean {
  return rand() < p;
}

const WORDS = [
  'api',
  'billing',
  'catalog',
  'checkout',
  'data',
  'edge',
  'events',
  'gateway',
  'identity',
  'ingest',
  'inventory',
  'ledger',
  'metrics',
  'orders',
  'payments',
  'platform',
  'portal',
  'search',
  'shipping',
  'users',
];
const TEAMS = ['core', 'growth', 'infra', 'payments', 'sre', 'web', 'ml', 'security'];
const ENVS = ['dev', 'test', 'staging', 'prod'];
const REGIONS = ['westeurope', 'northeurope', 'eastus2', 'uksouth', 'swedencentral'];
const PROSE = (
  'the service reads its configuration at start and keeps a cache that expires after five minutes ' +
  'requests are retried with backoff when the upstream answers with a server error or a timeout ' +
  'the network team owns the address plan and reviews every change to a virtual network or subnet ' +
  'clusters use azure cni overlay for new workloads while older ones still run kubenet until migrated ' +
  'deployments go through the pipeline and need an approval from the owning team before production ' +
  'logs are shipped to the workspace and kept for thirty days metrics for ninety days'
).split(' ');

function identifier(rand: Random): string {
  return `${pick(rand, WORDS)}_${pick(rand, WORDS)}_${int(rand, 1, 999)}`;
}

function sentence(rand: Random, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(rand, PROSE));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Appends blocks from `block` until the text reaches `size` characters. */
function grow(size: number, header: string, block: (index: number) => string, footer = ''): string {
  const parts = [header];
  let length = header.length + footer.length;
  for (let index = 0; length < size; index++) {
    const next = block(index);
    parts.push(next);
    length += next.length;
  }
  parts.push(footer);
  return parts.join('');
}

/** A Terraform file in one of the roles real modules split into: variables, outputs, or resources. */
function terraform(rand: Random, size: number): string {
  const role = pick(rand, ['variables', 'outputs', 'main', 'main', 'main', 'main', 'main']);
  if (role === 'variables') {
    return grow(
      size,
      '',
      () =>
        `variable "${identifier(rand)}" {\n  description = "${sentence(rand, 8)}"\n  type        = ${pick(rand, ['string', 'number', 'bool', 'list(string)', 'map(string)'])}\n  default     = null\n}\n\n`,
    );
  }
  if (role === 'outputs') {
    return grow(
      size,
      '',
      () =>
        `output "${identifier(rand)}" {\n  value     = azurerm_storage_account.main.primary_blob_endpoint\n  sensitive = false\n}\n\n`,
    );
  }
  const withNetwork = chance(rand, 0.08);
  const readsCluster = chance(rand, 0.02);
  const withLocals = chance(rand, 0.2);
  const header =
    (readsCluster
      ? `data "azurerm_kubernetes_cluster" "shared" {\n  name                = "aks-shared-${pick(rand, ENVS)}"\n  resource_group_name = "rg-shared"\n}\n\n`
      : '') +
    (withLocals
      ? `locals {\n  tags = {\n    team        = "${pick(rand, TEAMS)}"\n    environment = var.environment\n  }\n}\n\n`
      : '');
  return grow(size, header, (index) => {
    const name = identifier(rand);
    switch (withNetwork && index === 0 ? 'vnet' : pick(rand, ['storage', 'vault', 'app', 'sql', 'module'])) {
      case 'vnet':
        return `resource "azurerm_virtual_network" "${name}" {\n  name                = "vnet-${name}"\n  location            = var.location\n  resource_group_name = azurerm_resource_group.main.name\n  address_space       = ["10.${int(rand, 0, 255)}.0.0/16"]\n}\n\nresource "azurerm_subnet" "${name}_nodes" {\n  name                 = "snet-nodes"\n  resource_group_name  = azurerm_resource_group.main.name\n  virtual_network_name = azurerm_virtual_network.${name}.name\n  address_prefixes     = ["10.${int(rand, 0, 255)}.${int(rand, 0, 255)}.0/24"]\n}\n\n`;
      case 'storage':
        return `resource "azurerm_storage_account" "${name}" {\n  name                     = "st${name.replaceAll('_', '')}"\n  resource_group_name      = azurerm_resource_group.main.name\n  location                 = var.location\n  account_tier             = "Standard"\n  account_replication_type = "${pick(rand, ['LRS', 'ZRS', 'GRS'])}"\n  min_tls_version          = "TLS1_2"\n\n  tags = {\n    team        = "${pick(rand, TEAMS)}"\n    environment = var.environment\n  }\n}\n\n`;
      case 'vault':
        return `resource "azurerm_key_vault" "${name}" {\n  name                       = "kv-${name}"\n  location                   = var.location\n  resource_group_name        = azurerm_resource_group.main.name\n  tenant_id                  = data.azurerm_client_config.current.tenant_id\n  sku_name                   = "standard"\n  soft_delete_retention_days = ${int(rand, 7, 90)}\n  purge_protection_enabled   = true\n}\n\n`;
      case 'app':
        return `resource "azurerm_linux_web_app" "${name}" {\n  name                = "app-${name}"\n  resource_group_name = azurerm_resource_group.main.name\n  location            = var.location\n  service_plan_id     = azurerm_service_plan.main.id\n\n  site_config {\n    always_on = ${pick(rand, ['true', 'false'])}\n    application_stack {\n      node_version = "20-lts"\n    }\n  }\n\n  app_settings = {\n    "FEATURE_${name.toUpperCase()}" = "enabled"\n  }\n}\n\n`;
      case 'sql':
        return `resource "azurerm_mssql_database" "${name}" {\n  name         = "sqldb-${name}"\n  server_id    = azurerm_mssql_server.main.id\n  collation    = "SQL_Latin1_General_CP1_CI_AS"\n  max_size_gb  = ${int(rand, 2, 250)}\n  sku_name     = "${pick(rand, ['S0', 'S1', 'P1', 'GP_S_Gen5_2'])}"\n  zone_redundant = false\n}\n\n`;
      default:
        return `module "${name}" {\n  source  = "./modules/${pick(rand, ['storage', 'monitoring', 'dns', 'identity'])}"\n  name    = "${name}"\n  location = var.location\n  tags    = local.tags\n}\n\n`;
    }
  });
}

function tfvars(rand: Random, size: number): string {
  return grow(size, '', () => `${identifier(rand)} = "${pick(rand, [...ENVS, ...REGIONS])}"\n`);
}

function bicep(rand: Random, size: number): string {
  const header = `targetScope = 'resourceGroup'\n\n@description('Location for all resources.')\nparam location string = resourceGroup().location\nparam environment string = '${pick(rand, ENVS)}'\n\n`;
  const withNetwork = chance(rand, 0.1);
  return grow(size, header, (index) => {
    const name = identifier(rand).replaceAll('_', '');
    if (withNetwork && index === 0) {
      return `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'vnet-${name}'\n  location: location\n  properties: {\n    addressSpace: {\n      addressPrefixes: [\n        '10.${int(rand, 0, 255)}.0.0/16'\n      ]\n    }\n    subnets: [\n      {\n        name: 'snet-app'\n        properties: {\n          addressPrefix: '10.${int(rand, 0, 255)}.1.0/24'\n        }\n      }\n    ]\n  }\n}\n\n`;
    }
    return pick(rand, [
      `resource ${name} 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${name}'\n  location: location\n  sku: {\n    name: 'Standard_LRS'\n  }\n  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n    supportsHttpsTrafficOnly: true\n  }\n  tags: {\n    environment: environment\n  }\n}\n\n`,
      `resource ${name} 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv-${name}'\n  location: location\n  properties: {\n    tenantId: subscription().tenantId\n    sku: {\n      family: 'A'\n      name: 'standard'\n    }\n    enableRbacAuthorization: true\n  }\n}\n\n`,
      `output ${name}Id string = resourceGroup().id\n\n`,
      `var ${name} = {\n  team: '${pick(rand, TEAMS)}'\n  retentionDays: ${int(rand, 7, 365)}\n}\n\n`,
    ]);
  });
}

function arm(rand: Random, size: number): string {
  const resources: unknown[] = [];
  let estimate = 600;
  while (estimate < size) {
    const name = identifier(rand).replaceAll('_', '');
    const resource = pick(rand, [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-05-01',
        name: `[concat('st', '${name}', uniqueString(resourceGroup().id))]`,
        location: "[parameters('location')]",
        sku: { name: 'Standard_LRS' },
        kind: 'StorageV2',
        properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true },
      },
      {
        type: 'Microsoft.Web/sites',
        apiVersion: '2023-12-01',
        name: `app-${name}`,
        location: "[parameters('location')]",
        properties: { serverFarmId: "[resourceId('Microsoft.Web/serverfarms', 'plan')]", httpsOnly: true },
        tags: { team: pick(rand, TEAMS) },
      },
    ]);
    resources.push(resource);
    estimate += JSON.stringify(resource, null, 2).length + 8;
  }
  return `${JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } },
      resources,
    },
    null,
    2,
  )}\n`;
}

function json(rand: Random, size: number): string {
  const items: unknown[] = [];
  let estimate = 4;
  while (estimate < size) {
    const item = { id: int(rand, 1, 1e6), name: identifier(rand), team: pick(rand, TEAMS), enabled: chance(rand, 0.5) };
    items.push(item);
    estimate += JSON.stringify(item, null, 2).length + 6;
  }
  return `${JSON.stringify({ version: 2, items }, null, 2)}\n`;
}

function k8sYaml(rand: Random, size: number): string {
  return grow(size, '', (index) => {
    const name = identifier(rand).replaceAll('_', '-');
    const separator = index === 0 ? '' : '---\n';
    return pick(rand, [
      `${separator}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  labels:\n    app: ${name}\nspec:\n  replicas: ${int(rand, 1, 6)}\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: acr.example.io/${name}:${int(rand, 1, 40)}.${int(rand, 0, 9)}\n          ports:\n            - containerPort: 8080\n          resources:\n            requests:\n              cpu: ${int(rand, 50, 500)}m\n              memory: ${int(rand, 64, 1024)}Mi\n`,
      `${separator}apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: ClusterIP\n  selector:\n    app: ${name}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
      `${separator}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\ndata:\n  LOG_LEVEL: ${pick(rand, ['debug', 'info', 'warn'])}\n  FEATURE_FLAGS: "${pick(rand, WORDS)},${pick(rand, WORDS)}"\n`,
      `${separator}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}-deny\nspec:\n  podSelector:\n    matchLabels:\n      app: ${name}\n  policyTypes:\n    - Ingress\n`,
    ]);
  });
}

function helmValues(rand: Random, size: number): string {
  return grow(size, `replicaCount: ${int(rand, 1, 5)}\n`, () => {
    const name = identifier(rand);
    return `${name}:\n  enabled: ${chance(rand, 0.5)}\n  image:\n    repository: acr.example.io/${name}\n    tag: "${int(rand, 1, 9)}.${int(rand, 0, 20)}.${int(rand, 0, 9)}"\n  resources:\n    limits:\n      cpu: ${int(rand, 100, 2000)}m\n`;
  });
}

function workflow(rand: Random, size: number): string {
  const credentials = chance(rand, 0.15);
  const header = `name: deploy-${pick(rand, WORDS)}\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n`;
  return grow(size, header, (index) => {
    const env = pick(rand, ENVS);
    const aks =
      credentials && index === 0
        ? `      - run: az aks get-credentials --resource-group rg-${env} --name aks-${env}\n`
        : '';
    return `  deploy-${index}:\n    runs-on: ubuntu-latest\n    environment: ${env}\n    steps:\n      - uses: actions/checkout@v4\n      - uses: azure/login@v2\n        with:\n          client-id: \${{ secrets.AZURE_CLIENT_ID }}\n${aks}      - run: az storage blob upload-batch -d '$web' -s ./public --account-name st${pick(rand, WORDS)}\n      - run: kubectl apply -f k8s/${pick(rand, WORDS)}.yaml\n`;
  });
}

function shell(rand: Random, size: number): string {
  const credentials = chance(rand, 0.05);
  const header = `#!/usr/bin/env bash\nset -euo pipefail\n\n${credentials ? `az aks get-credentials -g rg-${pick(rand, ENVS)} -n aks-${pick(rand, WORDS)}\n` : ''}`;
  return grow(size, header, () => {
    const name = identifier(rand);
    return `${name}() {\n  local target="$1"\n  echo "deploying \${target} to ${pick(rand, REGIONS)}"\n  az group create --name "rg-${name}" --location ${pick(rand, REGIONS)} --output none\n  kubectl rollout status deployment/${name} --timeout=120s\n}\n\n`;
  });
}

function powershell(rand: Random, size: number): string {
  return grow(
    size,
    `#Requires -Modules Az.Accounts\n[CmdletBinding()]\nparam([string]$Environment = '${pick(rand, ENVS)}')\n\n`,
    () => {
      const name = identifier(rand).replaceAll('_', '');
      return `function Set-${name} {\n    param([string]$Name)\n    $rg = New-AzResourceGroup -Name "rg-$Name" -Location ${pick(rand, REGIONS)} -Force\n    New-AzStorageAccount -ResourceGroupName $rg.ResourceGroupName -Name "st$Name" -SkuName Standard_LRS -Location ${pick(rand, REGIONS)}\n    Write-Host "created $Name"\n}\n\n`;
    },
  );
}

function markdown(rand: Random, size: number): string {
  const aksCommand = chance(rand, 0.05);
  return grow(size, `# ${pick(rand, WORDS)} runbook\n\n`, (index) => {
    const fence =
      aksCommand && index === 1
        ? '```bash\naz aks show --resource-group rg-prod --name aks-prod --query networkProfile\n```\n\n'
        : chance(rand, 0.3)
          ? '```bash\nnpm ci\nnpm run build\n```\n\n'
          : '';
    return `## ${sentence(rand, 4)}\n\n${sentence(rand, int(rand, 20, 60))}\n\n- ${sentence(rand, 8)}\n- ${sentence(rand, 8)}\n\n${fence}`;
  });
}

function python(rand: Random, size: number): string {
  return grow(
    size,
    'import json\nimport logging\nfrom dataclasses import dataclass\n\nlog = logging.getLogger(__name__)\n\n',
    () => {
      const name = identifier(rand);
      return `@dataclass\nclass ${name.replaceAll('_', '').replace(/^./, (c) => c.toUpperCase())}:\n    name: str\n    count: int = ${int(rand, 0, 9)}\n\n    def load(self, path: str) -> dict:\n        with open(path) as handle:\n            data = json.load(handle)\n        log.info("loaded %s", path)\n        return {key: value for key, value in data.items() if value}\n\n\ndef ${name}(items):\n    return [item for item in items if item.get("team") == "${pick(rand, TEAMS)}"]\n\n\n`;
    },
  );
}

function typescript(rand: Random, size: number): string {
  return grow(size, "import { readFile } from 'node:fs/promises';\n\n", () => {
    const name = identifier(rand).replace(/_(.)/g, (_, c: string) => c.toUpperCase());
    return `export interface ${name.replace(/^./, (c) => c.toUpperCase())}Options {\n  name: string;\n  retries: number;\n  timeoutMs?: number;\n}\n\nexport async function ${name}(path: string): Promise<string[]> {\n  const text = await readFile(path, 'utf8');\n  return text\n    .split('\\n')\n    .filter((line) => line.includes('${pick(rand, WORDS)}'))\n    .map((line) => line.trim());\n}\n\n`;
  });
}

function javascript(rand: Random, size: number): string {
  return grow(size, "'use strict';\n\n", () => {
    const name = identifier(rand);
    return `function ${name}(items) {\n  const out = [];\n  for (const item of items) {\n    if (item.team === '${pick(rand, TEAMS)}') out.push({ ...item, seen: Date.now() });\n  }\n  return out;\n}\nmodule.exports.${name} = ${name};\n\n`;
  });
}

function other(rand: Random, size: number): string {
  return grow(size, 'package main\n\nimport "fmt"\n\n', () => {
    const name = identifier(rand);
    return `func ${name.replaceAll('_', '')}(items []string) int {\n\tcount := 0\n\tfor _, item := range items {\n\t\tif item == "${pick(rand, WORDS)}" {\n\t\t\tcount++\n\t\t}\n\t}\n\tfmt.Println(count)\n\treturn count\n}\n\n`;
  });
}

const GENERATORS: Record<Exclude<Kind, 'aks'>, { ext: string; make: (rand: Random, size: number) => string }> = {
  terraform: { ext: '.tf', make: terraform },
  tfvars: { ext: '.tfvars', make: tfvars },
  bicep: { ext: '.bicep', make: bicep },
  arm: { ext: '.json', make: arm },
  json: { ext: '.json', make: json },
  'k8s-yaml': { ext: '.yaml', make: k8sYaml },
  'helm-values': { ext: '.yaml', make: helmValues },
  workflow: { ext: '.yml', make: workflow },
  pipeline: { ext: '.yml', make: workflow },
  shell: { ext: '.sh', make: shell },
  powershell: { ext: '.ps1', make: powershell },
  markdown: { ext: '.md', make: markdown },
  python: { ext: '.py', make: python },
  typescript: { ext: '.ts', make: typescript },
  javascript: { ext: '.js', make: javascript },
  other: { ext: '.go', make: other },
};

/** One generated file of a kind, about `size` characters. */
export function makeFile(kind: Exclude<Kind, 'aks'>, rand: Random, size: number): string {
  return GENERATORS[kind].make(rand, size);
}

/** A unit of AKS templates: the files of one fixture folder (or one fixture file) copied together. */
export interface Template {
  name: string;
  files: { name: string; text: string }[];
}

/** The AKS fixtures of every format and the cross-format parity corpus, as copyable units. */
export function loadTemplates(root: string): Template[] {
  const units: Template[] = [];
  const folders = [
    ...readdirSync(path.join(root, 'src/formats')).map((format) =>
      path.join(root, 'src/formats', format, '__fixtures__'),
    ),
    path.join(root, 'test/corpus'),
  ].filter((folder) => existsSync(folder));
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        const files = readdirSync(full, { withFileTypes: true })
          .filter((file) => file.isFile() && file.name !== 'scenario.json' && !file.name.startsWith('expected'))
          .map((file) => ({ name: file.name, text: readFileSync(path.join(full, file.name), 'utf8') }));
        if (files.length > 0) units.push({ name: entry.name, files });
      } else if (entry.isFile()) {
        units.push({
          name: path.basename(entry.name, path.extname(entry.name)),
          files: [{ name: entry.name, text: readFileSync(full, 'utf8') }],
        });
      }
    }
  }
  return units;
}

/** Where a file of a kind goes: workflows and pipelines where CI looks for them. */
function folderFor(kind: Kind, rand: Random): string {
  // 8 teams x 20 projects x 4: about 30 files a project, a handful a folder, like a real monorepo.
  const base = `${pick(rand, TEAMS)}/${pick(rand, WORDS)}-${int(rand, 1, 4)}`;
  if (kind === 'workflow') return `${base}/.github/workflows`;
  if (kind === 'pipeline') return `${base}/.pipelines`;
  if (kind === 'k8s-yaml' || kind === 'helm-values') return `${base}/deploy`;
  if (kind === 'markdown') return `${base}/docs`;
  if (kind === 'python' || kind === 'typescript' || kind === 'javascript' || kind === 'other') return `${base}/src`;
  return `${base}/infra`;
}

/** The corpus as an in-memory list (no I/O): the same for the same options. */
export function generateCorpus(root: string, options: CorpusOptions): CorpusFile[] {
  const rand = random(options.seed);
  const templates = loadTemplates(root);
  const files: CorpusFile[] = [];
  const used = new Set<string>();
  const clusterQuota = Math.round(options.files * options.clusterShare);
  let clusterFiles = 0;
  for (let unit = 0; clusterFiles < clusterQuota; unit++) {
    const template = pick(rand, templates);
    const folder = `${pick(rand, TEAMS)}/clusters/${String(unit).padStart(4, '0')}-${template.name}`;
    for (const file of template.files) {
      const isWorkflow = file.name === 'github-workflow.yml';
      const filePath = isWorkflow ? `${folder}/.github/workflows/${file.name}` : `${folder}/${file.name}`;
      files.push({ path: filePath, kind: 'aks', text: file.text });
      used.add(filePath);
      clusterFiles++;
    }
  }
  const clusterBytes = files.reduce((sum, file) => sum + file.text.length, 0);
  // Log-normal sizes (most files a few KiB, a long tail), scaled so the total hits the target.
  const remaining = Math.max(options.files - files.length, 0);
  const weights: number[] = [];
  for (let i = 0; i < remaining; i++) weights.push(Math.exp(1.1 * gaussian(rand)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const budget = Math.max(options.bytes - clusterBytes, remaining * 200);
  const mixTotal = MIX.reduce((sum, [, share]) => sum + share, 0);
  for (const weight of weights) {
    const size = Math.min(Math.max(Math.round((weight / total) * budget), 120), 4 * 1024 * 1024);
    let roll = rand() * mixTotal;
    let kind: Exclude<Kind, 'aks'> = 'other';
    for (const [candidate, share] of MIX) {
      roll -= share;
      if (roll < 0) {
        kind = candidate as Exclude<Kind, 'aks'>;
        break;
      }
    }
    const folder = folderFor(kind, rand);
    let filePath = `${folder}/${pick(rand, WORDS)}-${int(rand, 1, 9999)}${GENERATORS[kind].ext}`;
    while (used.has(filePath))
      filePath = `${folder}/${pick(rand, WORDS)}-${int(rand, 1, 99999)}${GENERATORS[kind].ext}`;
    used.add(filePath);
    files.push({ path: filePath, kind, text: makeFile(kind, rand, size) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function gaussian(rand: Random): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function describeCorpus(options: CorpusOptions, files: readonly CorpusFile[]): CorpusManifest {
  const kinds: Record<string, { files: number; bytes: number }> = {};
  let bytes = 0;
  for (const file of files) {
    const size = Buffer.byteLength(file.text);
    bytes += size;
    const entry = (kinds[file.kind] ??= { files: 0, bytes: 0 });
    entry.files++;
    entry.bytes += size;
  }
  return {
    generator: GENERATOR_VERSION,
    options,
    files: files.length,
    bytes,
    kinds,
    clusterFiles: kinds.aks?.files ?? 0,
  };
}

/**
 * Writes the corpus under `directory` (reused when a previous run wrote the same options: the manifest
 * beside it says so) and returns its manifest.
 */
export function writeCorpus(root: string, directory: string, options: CorpusOptions): CorpusManifest {
  const manifestPath = `${directory}.manifest.json`;
  if (existsSync(manifestPath) && existsSync(directory)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    if (manifest.generator === GENERATOR_VERSION && JSON.stringify(manifest.options) === JSON.stringify(options))
      return manifest;
  }
  rmSync(directory, { recursive: true, force: true });
  rmSync(manifestPath, { force: true });
  const files = generateCorpus(root, options);
  const folders = new Set(files.map((file) => path.dirname(path.join(directory, file.path))));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const file of files) writeFileSync(path.join(directory, file.path), file.text);
  const manifest = describeCorpus(options, files);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function directorySize(directory: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        files++;
        bytes += statSync(full).size;
      }
    }
  };
  visit(directory);
  return { files, bytes };
}
