# Modelled on the Learn quickstart "Deploy an AKS cluster using Azure PowerShell".
New-AzResourceGroup -Name myResourceGroup -Location eastus

$AdminCreds = Get-Credential -Message 'Windows admin'

New-AzAksCluster -ResourceGroupName myResourceGroup `
    -Name myAKSCluster `
    -NodeCount 2 `
    -NetworkPlugin kubenet `
    -NodeVnetSubnetID (Get-AzVirtualNetwork -Name myVnet -ResourceGroupName myResourceGroup).Subnets[0].Id `
    -GenerateSshKey `
    -WindowsProfileAdminUserName $AdminCreds.UserName

Set-AzAksCluster -ResourceGroupName myResourceGroup -Name myAKSCluster -NodeCount 3
