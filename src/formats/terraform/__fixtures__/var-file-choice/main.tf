resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${terraform.workspace}"
  location            = "westeurope"
  resource_group_name = "rg-choice"
  dns_prefix          = "choice"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin = var.network_plugin
    network_policy = var.network_policy
  }
}
