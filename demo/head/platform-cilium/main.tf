resource "azurerm_resource_group" "platform" {
  name     = "rg-platform-neu"
  location = "northeurope"
}

resource "azurerm_virtual_network" "platform" {
  name                = "vnet-platform-neu"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "nodes" {
  name                 = "snet-aks-nodes"
  resource_group_name  = azurerm_resource_group.platform.name
  virtual_network_name = azurerm_virtual_network.platform.name
  address_prefixes     = ["10.20.0.0/22"]
}

resource "azurerm_kubernetes_cluster" "platform" {
  name                = "aks-platform-neu"
  location            = azurerm_resource_group.platform.location
  resource_group_name = azurerm_resource_group.platform.name
  dns_prefix          = "platform"
  kubernetes_version  = "1.33"

  default_node_pool {
    name                        = "system"
    vm_size                     = "Standard_D4ds_v5"
    vnet_subnet_id              = azurerm_subnet.nodes.id
    auto_scaling_enabled        = true
    min_count                   = 3
    max_count                   = 20
    temporary_name_for_rotation = "systemtmp"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "172.16.0.0/16"
    dns_service_ip      = "172.16.0.10"
    outbound_type       = "loadBalancer"
  }
}
