#!/usr/bin/env bash
set -euo pipefail

az aks create \
  --resource-group rg-corpus \
  --name aks-corpus \
  --kubernetes-version 1.33 \
  --node-count 3 \
  --network-plugin azure \
  --vnet-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/nodes \
  --pod-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/pods \
  --generate-ssh-keys
