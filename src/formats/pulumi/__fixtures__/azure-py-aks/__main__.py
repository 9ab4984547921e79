"""Modelled on pulumi/examples azure-py-aks, with Azure CNI Overlay and Cilium."""
import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import containerservice, network, resources

POD_CIDR = "192.168.0.0/16"
SYSTEM_POOL = "system"

config = pulumi.Config()
resource_group = resources.ResourceGroup("azure-native-py-aks")
vnet = network.VirtualNetwork("vnet", resource_group_name=resource_group.name, address_space={"address_prefixes": ["10.10.0.0/16"]})
nodes = network.Subnet("nodes", resource_group_name=resource_group.name, virtual_network_name=vnet.name, address_prefix="10.10.0.0/22")

managed_cluster = azure_native.containerservice.ManagedCluster(
    "aks",
    resource_group_name=resource_group.name,
    resource_name_="aks-prod",
    dns_prefix="aksprod",
    kubernetes_version="1.30.3",
    agent_pool_profiles=[
        azure_native.containerservice.ManagedClusterAgentPoolProfileArgs(
            name=SYSTEM_POOL,
            count=3,
            mode=containerservice.AgentPoolMode.SYSTEM,
            os_type=containerservice.OSType.LINUX,
            vm_size="Standard_D4s_v5",
            vnet_subnet_id=nodes.id,
            enable_auto_scaling=True,
            min_count=3,
            max_count=6,
        ),
    ],
    network_profile=azure_native.containerservice.ContainerServiceNetworkProfileArgs(
        network_plugin=containerservice.NetworkPlugin.AZURE,
        network_plugin_mode=containerservice.NetworkPluginMode.OVERLAY,
        network_dataplane=containerservice.NetworkDataplane.CILIUM,
        network_policy="cilium",
        pod_cidr=POD_CIDR,
        service_cidr="10.0.0.0/16",
        dns_service_ip="10.0.0.10",
    ),
)

pulumi.export("cluster_name", managed_cluster.name)
