cluster_name   = "aks-from-tfvars"
network_plugin = "kubenet"
