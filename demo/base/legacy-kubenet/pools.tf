resource "azurerm_kubernetes_cluster_node_pool" "batch" {
  name                  = "batch"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.payments.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 4
  max_pods              = 110
}
