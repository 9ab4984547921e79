# Azure/terraform-azurerm-aks: network_plugin is left out, so the module's default applies.
module "aks" {
  source  = "Azure/aks/azurerm"
  version = "10.2.0"

  prefix              = "shop"
  cluster_name        = "aks-shop"
  resource_group_name = "rg-shop"
  kubernetes_version  = "1.32"

  agents_pool_name     = "system"
  agents_count         = null
  auto_scaling_enabled = true
  agents_min_count     = 2
  agents_max_count     = 5
  agents_max_pods      = 110
  vnet_subnet = {
    id = azurerm_subnet.aks.id
  }

  node_pools = {
    win = {
      name       = "win"
      vm_size    = "Standard_D4s_v5"
      os_type    = "Windows"
      node_count = 1
    }
  }
}
