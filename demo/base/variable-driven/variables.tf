variable "environment" {
  type    = string
  default = "staging"
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "resource_group_name" {
  type = string
}

variable "kubernetes_version" {
  type    = string
  default = "1.33"
}

variable "node_count" {
  type    = number
  default = 3
}

variable "network_plugin" {
  description = "The AKS network plugin: azure or kubenet."
  type        = string
  default     = "azure"
}
