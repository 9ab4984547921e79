import pulumi
import pulumi_azure_native as azure_native

cluster = azure_native.containerservice.ManagedCluster(
    "aks",
    resource_group_name="rg-corpus",
    resource_name_="aks-corpus",
    kubernetes_version="1.33",
    dns_prefix="corpus",
    agent_pool_profiles=[
        azure_native.containerservice.ManagedClusterAgentPoolProfileArgs(
            name="system",
            count=3,
            vm_size="Standard_D4s_v5",
            mode="System",
            vnet_subnet_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/nodes",
            pod_subnet_id="/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/pods",
        )
    ],
    network_profile=azure_native.containerservice.ContainerServiceNetworkProfileArgs(
        network_plugin="azure",
    ),
)
