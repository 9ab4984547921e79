environment         = "staging"
resource_group_name = "rg-staging-weu"
# The staging cluster was never migrated.
network_plugin = "kubenet"
