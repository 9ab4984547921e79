# No version: whether the module's default network_profile is old or new depends on what init downloads.
module "aks" {
  source = "Azure/avm-res-containerservice-managedcluster/azurerm"

  name      = "aks-unpinned"
  location  = "westeurope"
  parent_id = azurerm_resource_group.this.id
}
