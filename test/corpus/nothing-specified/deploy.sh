#!/usr/bin/env bash
set -euo pipefail

az aks create \
  --resource-group rg-corpus \
  --name aks-corpus \
  --kubernetes-version 1.33 \
  --node-count 3 \
  --generate-ssh-keys
