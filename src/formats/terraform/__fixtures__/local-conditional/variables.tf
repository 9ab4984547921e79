variable "environment" {
  type    = string
  default = "prod"
}

variable "region_short" {
  type    = string
  default = "weu"
}
