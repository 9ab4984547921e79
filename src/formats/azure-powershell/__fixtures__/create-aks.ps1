<#
.SYNOPSIS
    Creates the AKS cluster for the team environment and a Windows node pool.
#>
param(
    [string] $Environment = 'dev'
)

$ErrorActionPreference = 'Stop'
$resourceGroup = 'rg-aks-team'
$clusterName = "aks-team-$Environment"

$clusterParams = @{
    ResourceGroupName = $resourceGroup
    Name              = 'aks-team'
    KubernetesVersion = '1.30.5'
    NetworkPlugin     = 'azure'
    NetworkPluginMode = 'overlay'
    PodCidr           = '192.168.0.0/16'
    NodeCount         = 3
    NodeMaxPodCount   = 110
    GenerateSshKey    = $true
}

New-AzAksCluster @clusterParams -NetworkPolicy cilium -NetworkDataplane cilium

New-AzAksNodePool -ResourceGroupName $resourceGroup -ClusterName 'aks-team' `
    -Name 'npwin' `
    -OsType Windows `
    -Count 2 `
    -VmSetType VirtualMachineScaleSets

# Clusters named after the environment are changed with the CLI.
az aks update --name $clusterName `
    --resource-group $resourceGroup `
    --network-plugin azure `
    --network-plugin-mode overlay
