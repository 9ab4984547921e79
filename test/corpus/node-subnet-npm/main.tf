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
    vnet_subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/nodes"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
