#!/usr/bin/env bash
set -euo pipefail

az aks create \
  --resource-group rg-corpus \
  --name aks-corpus \
  --kubernetes-version 1.33 \
  --node-count 3 \
  --network-plugin azure \
  --network-plugin-mode overlay \
  --network-dataplane cilium \
  --network-policy cilium \
  --pod-cidr 192.168.0.0/16 \
  --generate-ssh-keys
