param location string = resourceGroup().location

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-batch'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.30.0.0/16']
    }
  }
}

resource nodes 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: vnet
  name: 'snet-batch-nodes'
  properties: {
    addressPrefix: '10.30.0.0/24'
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-batch-weu'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'batch'
    kubernetesVersion: '1.33'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D8s_v5'
        count: 6
        maxPods: 50
        vnetSubnetID: nodes.id
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '10.0.0.0/16'
      dnsServiceIP: '10.0.0.10'
    }
  }
}
