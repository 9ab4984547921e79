terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.40"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-payments-weu"
  location = "westeurope"
}

resource "azurerm_kubernetes_cluster" "payments" {
  name                = "aks-payments-weu"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "payments"
  kubernetes_version  = "1.32"

  default_node_pool {
    name                 = "system"
    vm_size              = "Standard_D4s_v5"
    auto_scaling_enabled = true
    min_count            = 3
    max_count            = 6
    max_pods             = 110
  }

  identity {
    type = "SystemAssigned"
  }

  # Migrated from kubenet to Azure CNI Overlay (same pod CIDR).
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    pod_cidr            = "10.244.0.0/16"
    service_cidr        = "10.0.0.0/16"
    dns_service_ip      = "10.0.0.10"
    load_balancer_sku   = "standard"
  }

  tags = {
    environment = "prod"
    network     = "azure-cni-overlay"
  }
}
