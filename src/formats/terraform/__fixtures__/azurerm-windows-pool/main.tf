resource "azurerm_kubernetes_cluster" "win" {
  name                = "aks-win"
  location            = "westeurope"
  resource_group_name = "rg-win"
  dns_prefix          = "aks-win"

  default_node_pool {
    name           = "system"
    node_count     = 2
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.nodes.id
  }

  windows_profile {
    admin_username = "azureuser"
    admin_password = var.windows_admin_password
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  identity {
    type = "SystemAssigned"
  }
}
