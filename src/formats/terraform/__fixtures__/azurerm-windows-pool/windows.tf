# A Windows user pool, in its own file as the provider docs show it.
resource "azurerm_kubernetes_cluster_node_pool" "windows" {
  name                  = "win"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.win.id
  vm_size               = "Standard_D4s_v5"
  os_type               = "Windows"
  os_sku                = "Windows2022"
  node_count            = 1
  max_pods              = 30
  vnet_subnet_id        = azurerm_subnet.nodes.id
}

# Belongs to a cluster defined in another root module: not reported.
resource "azurerm_kubernetes_cluster_node_pool" "orphan" {
  name                  = "orphan"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.elsewhere.id
  vm_size               = "Standard_D4s_v5"
}
