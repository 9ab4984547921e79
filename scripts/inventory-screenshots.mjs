// `npm run screenshots:inventory` (not part of CI): writes a demo organisation of local repositories, runs
// `netguide inventory --format html` over them (lib/ must be built: `npx tsc -p tsconfig.build.json`), and
// takes Debian's Chromium headless screenshots of the report: docs/images/inventory-charts.png (the top) and
// docs/images/inventory-table.png (the page with the table filtered to kubenet). Needs /usr/bin/chromium (`apt-get install chromium`; CHROMIUM overrides).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, screenshot } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMAGES = path.join(root, 'docs/images');
const WIDTH = 1280;
const SHOTS = [
  { file: 'inventory-charts.png', anchor: '', height: 1000 },
  // The whole page with the table filtered to kubenet through the address (#model=kubenet).
  { file: 'inventory-table.png', anchor: '#model=kubenet', height: 1500 },
];

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: sudo apt-get install -y chromium, or point CHROMIUM at a Chromium binary.`);
  process.exit(1);
}
if (!existsSync(path.join(root, 'lib/cli/main.js'))) {
  console.error('lib/ is missing: run npx tsc -p tsconfig.build.json first.');
  process.exit(1);
}

const cluster = (name, profile) => `resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "${name}"
  location            = "westeurope"
  resource_group_name = "rg-${name}"
  dns_prefix          = "${name}"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
${profile}
  }
}
`;
const PROFILES = {
  kubenet: '    network_plugin = "kubenet"',
  overlay: '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"',
  cilium: '    network_plugin      = "azure"\n    network_plugin_mode = "overlay"\n    network_data_plane  = "cilium"',
  nodeSubnet: '    network_plugin = "azure"',
  npm: '    network_plugin = "kubenet"\n    network_policy = "azure"',
};
// A made-up organisation: repositories, their clusters (file → profile) and CODEOWNERS.
const ORG = {
  'payments-platform': {
    owners: '* @contoso/payments\n/legacy/ @contoso/sre\n',
    files: { 'aks/prod.tf': 'kubenet', 'aks/staging.tf': 'kubenet', 'legacy/old.tf': 'npm', 'aks/dr.tf': 'overlay' },
  },
  'checkout-service': {
    owners: '* @contoso/checkout\n',
    files: { 'infra/main.tf': 'kubenet', 'infra/eu.tf': 'cilium' },
  },
  'data-lake': {
    owners: '* @contoso/data\n',
    files: { 'terraform/aks.tf': 'nodeSubnet', 'terraform/ml.tf': 'kubenet' },
  },
  'edge-gateway': { owners: '* @contoso/network\n', files: { 'main.tf': 'cilium', 'regions/us.tf': 'cilium' } },
  identity: { owners: '', files: { 'deploy/aks.tf': 'kubenet' } },
  'search-api': { owners: '* @contoso/search\n', files: { 'aks.tf': 'overlay', 'aks-canary.tf': 'overlay' } },
  observability: { owners: '* @contoso/sre\n', files: { 'clusters/monitoring.tf': 'npm' } },
};

const work = mkdtempSync(path.join(tmpdir(), 'netguide-inventory-demo-'));
try {
  const repos = [];
  for (const [name, repo] of Object.entries(ORG)) {
    const dir = path.join(work, 'contoso', name);
    for (const [file, profile] of Object.entries(repo.files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      const id = path.basename(file, '.tf').replace(/[^a-z0-9]/g, '') + name.replace(/[^a-z0-9]/g, '').slice(0, 6);
      writeFileSync(path.join(dir, file), cluster(id, PROFILES[profile]));
    }
    if (repo.owners !== '') {
      mkdirSync(path.join(dir, '.github'), { recursive: true });
      writeFileSync(path.join(dir, '.github/CODEOWNERS'), repo.owners);
    }
    repos.push(`contoso/${name}`);
  }
  repos.push('contoso/archived-infra'); // not there: listed as unreadable
  const report = path.join(work, 'inventory.html');
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'bin/netguide.js'), 'inventory', ...repos, '--today', '2026-12-05', '--output', report],
    { cwd: work, encoding: 'utf8' },
  );
  if (!existsSync(report)) {
    console.error(run.stderr);
    process.exit(1);
  }
  mkdirSync(IMAGES, { recursive: true });
  for (const shot of SHOTS) {
    const output = path.join(IMAGES, shot.file);
    const kb = screenshot(`${pathToFileURL(report).href}${shot.anchor}`, output, WIDTH, shot.height);
    console.log(`wrote ${path.relative(root, output)} (${WIDTH}×${shot.height}, ${kb} KB)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
