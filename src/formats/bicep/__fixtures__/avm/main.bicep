targetScope = 'resourceGroup'

metadata name = 'AKS with Kubenet, via the Azure Verified Module'

@description('Optional. A short identifier for the kind of deployment.')
param serviceShort string = 'csmkube'

param namePrefix string = 'contoso'

module managedCluster 'br/public:avm/res/container-service/managed-cluster:0.8.3' = {
  name: '${uniqueString(deployment().name)}-managedCluster'
  params: {
    name: '${namePrefix}${serviceShort}001'
    networkPlugin: 'kubenet'
    primaryAgentPoolProfiles: [
      {
        name: 'systempool'
        count: 1
        mode: 'System'
        vmSize: 'Standard_DS2_v2'
        osType: 'Linux'
        maxPods: 30
      }
    ]
    agentPools: [
      {
        name: 'userpool1'
        count: 2
        enableAutoScaling: true
        minCount: 1
        maxCount: 3
        mode: 'User'
        vmSize: 'Standard_DS2_v2'
      }
    ]
    managedIdentities: {
      systemAssigned: true
    }
  }
}

output clusterName string = managedCluster.outputs.name
