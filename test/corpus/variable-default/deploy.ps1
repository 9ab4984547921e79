$networkPlugin = 'kubenet'

New-AzAksCluster `
  -ResourceGroupName rg-corpus `
  -Name aks-corpus `
  -KubernetesVersion 1.33 `
  -NodeCount 3 `
  -NetworkPlugin $networkPlugin `
  -GenerateSshKey
