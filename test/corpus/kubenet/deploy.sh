#!/usr/bin/env bash
set -euo pipefail

az aks create \
  --resource-group rg-corpus \
  --name aks-corpus \
  --kubernetes-version 1.33 \
  --node-count 3 \
  --network-plugin kubenet \
  --pod-cidr 10.244.0.0/16 \
  --service-cidr 10.0.0.0/16 \
  --dns-service-ip 10.0.0.10 \
  --generate-ssh-keys
