variable "network_plugin" {
  type    = string
  default = "kubenet"
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-corpus"
  location            = "westeurope"
  resource_group_name = "rg-corpus"
  dns_prefix          = "corpus"
  kubernetes_version  = "1.33"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = var.network_plugin
  }
}
