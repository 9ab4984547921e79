#!/usr/bin/env bash
# Creates a throwaway dev cluster for feature branches.
set -euo pipefail

RESOURCE_GROUP="rg-dev-${USER:-ci}"
CLUSTER_NAME=aks-dev

az group create --name "$RESOURCE_GROUP" --location westeurope

az aks create \
  --resource-group "$RESOURCE_GROUP" \
  --name "$CLUSTER_NAME" \
  --kubernetes-version 1.33 \
  --node-count 2 \
  --network-plugin azure \
  --network-plugin-mode overlay \
  --network-policy azure \
  --pod-cidr 192.168.0.0/16 \
  --generate-ssh-keys
