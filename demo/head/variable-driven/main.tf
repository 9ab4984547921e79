resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.environment}"
  location            = var.location
  resource_group_name = var.resource_group_name
  dns_prefix          = var.environment
  kubernetes_version  = var.kubernetes_version

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = var.node_count
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = var.network_plugin
    network_plugin_mode = local.plugin_mode
    service_cidr        = "10.100.0.0/16"
    dns_service_ip      = "10.100.0.10"
  }
}

locals {
  # Overlay only makes sense with the azure plugin.
  plugin_mode = var.network_plugin == "azure" ? "overlay" : null
}
