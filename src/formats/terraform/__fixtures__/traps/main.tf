locals {
  migration_note = <<-EOT
    We moved off kubenet in 2025.
    network_plugin = "kubenet"
  EOT
}

resource "azurerm_kubernetes_cluster" "trap" {
  name                = "aks-trap"
  location            = "westeurope"
  resource_group_name = "rg-trap"
  dns_prefix          = "trap"
  # network_plugin = "kubenet"
  // network_plugin = "kubenet"
  /*
  network_profile {
    network_plugin = "kubenet"
  }
  */
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }

  network_profile {
    # was: network_plugin = "kubenet"
    network_plugin      = "azure" # not "kubenet"
    network_plugin_mode = "overlay"
  }

  tags = {
    network_plugin = "kubenet"
    history        = "network_plugin = \"kubenet\" until 2025"
  }
}
