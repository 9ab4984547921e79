// Pull requests for the API benchmarks: `files` changed files in folders of 20, `findings` kubenet clusters
// among them (in new files, each gives one kubenet-retirement finding on an added line), over a base commit that also
// holds untouched folders and context files.
import { makeFile, random } from './corpus.js';

export interface PullScenario {
  base: Record<string, string>;
  /** Head changes on top of the base (null deletes). */
  head: Record<string, string | null>;
}

const FILES_PER_FOLDER = 20;

/** One azurerm kubenet cluster: one kubenet-retirement finding. */
function cluster(name: string): string {
  const network = '    network_plugin = "kubenet"\n    pod_cidr       = "10.244.0.0/16"\n';
  return `resource "azurerm_kubernetes_cluster" "${name}" {\n  name                = "aks-${name}"\n  location            = "westeurope"\n  resource_group_name = "rg-${name}"\n  dns_prefix          = "${name}"\n  kubernetes_version  = "1.33"\n\n  default_node_pool {\n    name       = "system"\n    vm_size    = "Standard_D4s_v5"\n    node_count = 3\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  network_profile {\n${network}    service_cidr   = "10.0.0.0/16"\n    dns_service_ip = "10.0.0.10"\n  }\n}\n\n`;
}

export function pullScenario(files: number, findings: number, seed: number): PullScenario {
  const rand = random(seed + files * 7 + findings);
  const base: Record<string, string> = {};
  const head: Record<string, string | null> = {};
  // Untouched folders: the rest of the repository.
  for (let i = 0; i < 100; i++)
    base[`untouched/${String(i).padStart(3, '0')}/main.tf`] = makeFile('terraform', rand, 2000);
  const folders = Math.ceil(files / FILES_PER_FOLDER);
  for (let folder = 0; folder < folders; folder++) {
    // A context file in every touched folder: read, not changed.
    base[`services/${String(folder).padStart(3, '0')}/variables.tf`] = makeFile('terraform', rand, 1000);
  }
  const withClusters = Math.min(files, findings);
  const perFile = withClusters === 0 ? 0 : Math.ceil(findings / withClusters);
  let remaining = findings;
  for (let index = 0; index < files; index++) {
    const folder = `services/${String(Math.floor(index / FILES_PER_FOLDER)).padStart(3, '0')}`;
    const name = `file-${String(index).padStart(4, '0')}`;
    if (index < withClusters) {
      const here = Math.min(perFile, remaining);
      remaining -= here;
      const blocks = Array.from({ length: here }, (_, i) => `c${index}_${i}`);
      const path = `${folder}/${name}-aks.tf`;
      // New files: changing an existing cluster's plugin would add a cluster-replacement finding too.
      head[path] = blocks.map((block) => cluster(block)).join('');
      continue;
    }
    const kind = index % 3 === 0 ? 'k8s-yaml' : 'terraform';
    const path = `${folder}/${name}.${kind === 'terraform' ? 'tf' : 'yaml'}`;
    if (index % 4 !== 0) base[path] = makeFile(kind, rand, 3000);
    head[path] = makeFile(kind, rand, 3000);
  }
  return { base, head };
}
