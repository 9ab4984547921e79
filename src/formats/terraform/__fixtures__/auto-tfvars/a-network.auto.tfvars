network_plugin = "azure"
