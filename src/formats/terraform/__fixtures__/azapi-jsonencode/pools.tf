resource "azapi_resource" "windows" {
  type      = "Microsoft.ContainerService/managedClusters/agentPools@2024-09-01"
  name      = "win"
  parent_id = azapi_resource.aks.id

  body = jsonencode({
    properties = {
      count  = 1
      vmSize = "Standard_D4s_v5"
      osType = "Windows"
      mode   = "User"
    }
  })
}
