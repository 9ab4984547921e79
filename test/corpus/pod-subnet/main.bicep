resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-corpus'
  location: 'westeurope'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    kubernetesVersion: '1.33'
    dnsPrefix: 'corpus'
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4s_v5'
        mode: 'System'
        vnetSubnetID: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/nodes'
        podSubnetID: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/pods'
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
    }
  }
}
