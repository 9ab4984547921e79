module "aks" {
  source  = "Azure/aks/azurerm"
  version = "10.2.0"

  prefix              = "shop"
  resource_group_name = "rg-shop-weu"
  kubernetes_version  = "1.32"
  agents_count        = 3
  agents_size         = "Standard_D4s_v5"
}
