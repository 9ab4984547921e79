New-AzAksCluster `
  -ResourceGroupName rg-corpus `
  -Name aks-corpus `
  -KubernetesVersion 1.33 `
  -NodeCount 3 `
  -NetworkPlugin 'azure' `
  -NodeVnetSubnetID '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/nodes' `
  -NodePodSubnetID '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/pods' `
  -GenerateSshKey
