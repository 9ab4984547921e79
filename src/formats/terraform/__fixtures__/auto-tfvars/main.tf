resource "azurerm_kubernetes_cluster" "this" {
  name                = var.cluster_name
  location            = "westeurope"
  resource_group_name = "rg-auto"
  dns_prefix          = "auto"

  default_node_pool {
    name     = "system"
    vm_size  = "Standard_D4s_v5"
    max_pods = var.max_pods
  }

  network_profile {
    network_plugin      = var.network_plugin
    network_plugin_mode = var.network_plugin_mode
  }
}

variable "cluster_name" {
  type = string
}

variable "max_pods" {
  type    = number
  default = 30
}

variable "network_plugin" {
  type    = string
  default = "kubenet"
}

variable "network_plugin_mode" {
  type    = string
  default = null
}
