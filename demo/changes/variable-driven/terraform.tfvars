environment         = "staging"
resource_group_name = "rg-staging-weu"
node_count          = 5
# The staging cluster was never migrated.
network_plugin = "kubenet"
