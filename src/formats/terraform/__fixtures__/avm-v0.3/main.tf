# An AVM release before v0.4.0 (azurerm based): network_profile left out, so the module default applies.
module "aks" {
  source  = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version = "0.3.1"

  name                = "aks-avm-old"
  location            = "westeurope"
  resource_group_name = "rg-avm-old"

  default_node_pool = {
    name                 = "default"
    vm_size              = "Standard_DS2_v2"
    auto_scaling_enabled = true
    max_count            = 3
    max_pods             = 30
    min_count            = 1
  }

  managed_identities = {
    system_assigned = true
  }
}
