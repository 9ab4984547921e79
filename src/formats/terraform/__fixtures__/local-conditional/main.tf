locals {
  is_prod        = var.environment == "prod"
  network_plugin = local.is_prod ? "azure" : "kubenet"
  plugin_mode    = local.network_plugin == "azure" ? "overlay" : null
  cluster_name   = "aks-${var.environment}-${var.region_short}"
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = local.cluster_name
  location            = "westeurope"
  resource_group_name = "rg-${var.environment}"
  dns_prefix          = local.cluster_name

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin      = local.network_plugin
    network_plugin_mode = local.plugin_mode
  }
}
