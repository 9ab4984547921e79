#!/usr/bin/env bash
# Creates the platform cluster and a pod-subnet user pool.
set -euo pipefail

LOCATION="${LOCATION:-westeurope}"
RESOURCE_GROUP="rg-platform-${ENVIRONMENT:-dev}"
CLUSTER_NAME=aks-platform
VNET_ID=$(az network vnet show -g "$RESOURCE_GROUP" -n vnet-platform --query id -o tsv)

create_cluster() {
  az aks create \
    --resource-group "$RESOURCE_GROUP" \
    --name "$CLUSTER_NAME" \
    --location "$LOCATION" \
    --kubernetes-version 1.30.5 \
    --network-plugin azure \
    --vnet-subnet-id "$VNET_ID/subnets/nodes" \
    --pod-subnet-id "$VNET_ID/subnets/pods" \
    --max-pods 50 \
    --nodepool-name system \
    --generate-ssh-keys
}

if ! az aks show -g "$RESOURCE_GROUP" -n "$CLUSTER_NAME" >/dev/null 2>&1; then
  create_cluster
fi

az aks nodepool add -g "$RESOURCE_GROUP" --cluster-name "$CLUSTER_NAME" -n user1 \
  --node-count 2 --max-pods 50 \
  --pod-subnet-id "$VNET_ID/subnets/pods" \
  --pod-ip-allocation-mode StaticBlock
