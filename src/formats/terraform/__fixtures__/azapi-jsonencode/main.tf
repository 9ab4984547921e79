# AzAPI 1.x style: the body is a JSON string built with jsonencode.
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2024-09-01"
  name      = "aks-azapi"
  location  = "westeurope"
  parent_id = azurerm_resource_group.this.id

  identity {
    type = "SystemAssigned"
  }

  body = jsonencode({
    properties = {
      kubernetesVersion = "1.30"
      dnsPrefix         = "aks-azapi"
      agentPoolProfiles = [
        {
          name         = "system"
          mode         = "System"
          count        = 3
          vmSize       = "Standard_D4s_v5"
          osType       = "Linux"
          vnetSubnetID = azurerm_subnet.nodes.id
        }
      ]
      networkProfile = {
        networkPlugin = "kubenet"
        podCidr       = "10.244.0.0/16"
      }
    }
  })
}
