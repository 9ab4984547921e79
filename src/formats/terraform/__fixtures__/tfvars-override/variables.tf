variable "environment" {
  type = string
}

variable "node_count" {
  type    = number
  default = 3
}

variable "network_plugin" {
  type    = string
  default = "azure"
}

variable "network" {
  type = object({
    policy   = string
    outbound = string
  })
  default = {
    policy   = "calico"
    outbound = "loadBalancer"
  }
}
