resource "azurerm_kubernetes_cluster" "blue" {
  name                = "aks-blue"
  location            = "westeurope"
  resource_group_name = "rg-bluegreen"
  dns_prefix          = "blue"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin = "kubenet"
  }
}

resource "azurerm_kubernetes_cluster" "green" {
  name                = "aks-green"
  location            = "westeurope"
  resource_group_name = "rg-bluegreen"
  dns_prefix          = "green"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
  }
}
