using './main.bicep'

param clusterName = 'aks-quickstart'
param dnsPrefix = 'aksqs'
param linuxAdminUsername = 'azureuser'
param sshRSAPublicKey = readEnvironmentVariable('SSH_PUBLIC_KEY')
