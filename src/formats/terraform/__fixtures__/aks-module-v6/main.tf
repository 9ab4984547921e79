# An older Azure/aks/azurerm release: *_subnet_id and enable_auto_scaling instead of the v10 names.
module "aks" {
  source  = "registry.terraform.io/Azure/aks/azurerm"
  version = "~> 6.8"

  prefix                     = "legacy"
  resource_group_name        = "rg-legacy"
  network_plugin             = "azure"
  network_plugin_mode        = "overlay"
  ebpf_data_plane            = "cilium"
  network_policy             = "cilium"
  net_profile_pod_cidr       = "192.168.0.0/16"
  net_profile_service_cidr   = "10.0.0.0/16"
  net_profile_dns_service_ip = "10.0.0.10"
  net_profile_outbound_type  = "userDefinedRouting"
  enable_auto_scaling        = false
  agents_count               = 3
  vnet_subnet_id             = "/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks"
}
