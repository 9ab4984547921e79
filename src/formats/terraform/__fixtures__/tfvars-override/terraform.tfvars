environment    = "staging"
network_plugin = "kubenet"
