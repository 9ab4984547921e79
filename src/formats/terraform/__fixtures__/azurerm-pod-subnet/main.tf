# Azure CNI Pod Subnet: nodes and pods in separate subnets.
resource "azurerm_kubernetes_cluster" "pods" {
  name                = "aks-pods"
  location            = "westeurope"
  resource_group_name = "rg-pods"
  dns_prefix          = "aks-pods"

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4s_v5"
    auto_scaling_enabled = true
    min_count            = 1
    max_count            = 5
    max_pods             = 250
    vnet_subnet_id       = azurerm_subnet.nodes.id
    pod_subnet_id        = azurerm_subnet.pods.id
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
    service_cidr   = "10.0.0.0/16"
    dns_service_ip = "10.0.0.10"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.pods.id
  vm_size               = "Standard_D8s_v5"
  enable_auto_scaling   = true
  min_count             = 0
  max_count             = 10
  vnet_subnet_id        = azurerm_subnet.nodes.id
  pod_subnet_id         = azurerm_subnet.pods.id
}
