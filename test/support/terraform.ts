/**
 * A Terraform cluster for rule tests: `network_profile` holds `profile`; with a version, a `terraform`
 * block of 8 lines pinning azurerm comes first. Without it the first line inside `network_profile` is 14;
 * with it, 22.
 */
export function terraformCluster(profile: string, version?: string): string {
  const pin =
    version === undefined
      ? ''
      : `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "${version}"
    }
  }
}
`;
  return `${pin}${clusterBlock({ label: 'aks', name: 'aks-prod', resourceGroup: 'rg-prod', dnsPrefix: 'prod' }, profile)}`;
}

/** A Terraform cluster named `name` (its resource label and its `name`) in resource group "rg", the same 18 lines. */
export function namedCluster(name: string, profile: string): string {
  return clusterBlock({ label: name, name, resourceGroup: 'rg', dnsPrefix: name }, profile);
}

function clusterBlock(
  ids: { label: string; name: string; resourceGroup: string; dnsPrefix: string },
  profile: string,
): string {
  return `resource "azurerm_kubernetes_cluster" "${ids.label}" {
  name                = "${ids.name}"
  location            = "westeurope"
  resource_group_name = "${ids.resourceGroup}"
  dns_prefix          = "${ids.dnsPrefix}"

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
}
