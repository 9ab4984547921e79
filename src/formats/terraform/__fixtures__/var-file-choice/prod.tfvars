network_plugin = "kubenet"
network_policy = "cilium"
