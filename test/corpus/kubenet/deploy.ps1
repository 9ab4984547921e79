New-AzAksCluster `
  -ResourceGroupName rg-corpus `
  -Name aks-corpus `
  -KubernetesVersion 1.33 `
  -NodeCount 3 `
  -NetworkPlugin 'kubenet' `
  -PodCidr '10.244.0.0/16' `
  -ServiceCidr '10.0.0.0/16' `
  -DnsServiceIP '10.0.0.10' `
  -GenerateSshKey
