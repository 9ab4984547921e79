# Azure/terraform-azurerm-avm-res-containerservice-managedcluster v0.4.0+ (AzAPI based).
module "aks" {
  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version = "~> 0.5"

  name               = "aks-avm"
  location           = "westeurope"
  parent_id          = azurerm_resource_group.this.id
  kubernetes_version = "1.33"

  network_profile = {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_dataplane   = "cilium"
    network_policy      = "cilium"
    pod_cidr            = "192.168.0.0/16"
  }

  default_agent_pool = {
    vm_size             = "Standard_D4ds_v5"
    enable_auto_scaling = true
    min_count           = 3
    max_count           = 6
    vnet_subnet_id      = azurerm_subnet.nodes.id
  }

  agent_pools = {
    user = {
      name           = "user"
      vm_size        = "Standard_D8ds_v5"
      count_of       = 2
      os_type        = "Linux"
      max_pods       = 110
      vnet_subnet_id = azurerm_subnet.nodes.id
    }
  }
}
