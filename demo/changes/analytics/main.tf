resource "azurerm_resource_group" "analytics" {
  name     = "rg-analytics-weu"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "analytics" {
  name                = "aks-analytics-weu"
  location            = azurerm_resource_group.analytics.location
  resource_group_name = azurerm_resource_group.analytics.name
  dns_prefix          = "analytics"
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
    network_plugin = "kubenet"
    pod_cidr       = "10.244.0.0/16"
    service_cidr   = "10.0.0.0/16"
    dns_service_ip = "10.0.0.10"
  }
}
