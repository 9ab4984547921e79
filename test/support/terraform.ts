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
  return `${pin}resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-prod"
  dns_prefix          = "prod"

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
