# AzAPI 2.x style: the body is a plain HCL object; quoted keys work too.
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks-azapi2"
  location  = "westeurope"
  parent_id = azurerm_resource_group.this.id

  body = {
    properties = {
      "kubernetesVersion" = "1.33"
      "agentPoolProfiles" = [
        {
          "name"                = "system"
          "count"               = 3
          "podSubnetID"         = azurerm_subnet.pods.id
          "podIPAllocationMode" = "StaticBlock"
        },
        {
          name   = "user"
          count  = 2
          osType = "Linux"
        }
      ]
      "networkProfile" = {
        "networkPlugin"    = "azure"
        "networkDataplane" = "cilium"
        "networkPolicy"    = "cilium"
        "serviceCidr"      = "10.0.0.0/16"
        "dnsServiceIP"     = "10.0.0.10"
      }
    }
  }
}
