#!/usr/bin/env bash
set -euo pipefail

NETWORK_PLUGIN="${NETWORK_PLUGIN:-kubenet}"

az aks create \
  --resource-group rg-corpus \
  --name aks-corpus \
  --kubernetes-version 1.33 \
  --node-count 3 \
  --network-plugin "$NETWORK_PLUGIN" \
  --generate-ssh-keys
