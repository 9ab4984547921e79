targetScope = 'resourceGroup'

/*** PARAMETERS ***/

@description('The regional network spoke VNet Resource ID that the cluster will be joined to')
@minLength(79)
param targetVnetResourceId string

@description('AKS Service, Node Pool, and supporting services region.')
@allowed([
  'australiaeast'
  'eastus2'
  'westeurope'
])
param location string = 'eastus2'

param kubernetesVersion string = '1.30'

/*** VARIABLES ***/

var subRgUniqueString = uniqueString('aks', subscription().subscriptionId, resourceGroup().id)
var clusterName = 'aks-${subRgUniqueString}'

/*** EXISTING SPOKE RESOURCES ***/

resource targetVirtualNetwork 'Microsoft.Network/virtualNetworks@2023-04-01' existing = {
  scope: resourceGroup(split(targetVnetResourceId, '/')[4])
  name: last(split(targetVnetResourceId, '/'))

  resource snetClusterSystemNodePools 'subnets' existing = {
    name: 'snet-cluster-systemnodepool'
  }
}

/*** RESOURCES ***/

#disable-next-line BCP081
resource mc 'Microsoft.ContainerService/managedClusters@2024-03-02-preview' = {
  name: clusterName
  location: location
  properties: {
    kubernetesVersion: kubernetesVersion
    dnsPrefix: uniqueString(subscription().subscriptionId, resourceGroup().id, clusterName)
    agentPoolProfiles: [
      {
        name: 'npsystem'
        count: 3
        vmSize: 'Standard_D4d_v5'
        osType: 'Linux'
        minCount: 3
        maxCount: 4
        vnetSubnetID: targetVirtualNetwork::snetClusterSystemNodePools.id
        enableAutoScaling: true
        maxPods: 30
        mode: 'System'
        nodeTaints: [
          'CriticalAddonsOnly=true:NoSchedule'
        ]
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkDataplane: 'cilium'
      networkPolicy: 'cilium'
      outboundType: 'userDefinedRouting'
      loadBalancerSku: 'standard'
      podCidr: '192.168.0.0/16'
      serviceCidr: '172.16.0.0/16'
      dnsServiceIP: '172.16.0.10'
    }
  }

  resource nodepool_user01 'agentPools' = {
    name: 'npuser01'
    properties: {
      count: 2
      vmSize: 'Standard_D4d_v5'
      osType: 'Linux'
      minCount: 2
      maxCount: 5
      vnetSubnetID: targetVirtualNetwork::snetClusterSystemNodePools.id
      enableAutoScaling: true
      maxPods: 30
      mode: 'User'
    }
  }
}

output aksClusterName string = clusterName
