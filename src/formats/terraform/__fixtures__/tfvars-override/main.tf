resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.environment}"
  location            = "westeurope"
  resource_group_name = "rg-${var.environment}"
  dns_prefix          = var.environment

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = var.node_count
  }

  network_profile {
    network_plugin = var.network_plugin
    network_policy = var.network.policy
    outbound_type  = var.network["outbound"]
  }
}
