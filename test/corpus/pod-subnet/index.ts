import * as azure_native from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

export const cluster = new azure_native.containerservice.ManagedCluster("aks", {
    resourceGroupName: "rg-corpus",
    resourceName: "aks-corpus",
    kubernetesVersion: "1.33",
    dnsPrefix: "corpus",
    agentPoolProfiles: [{
        name: "system",
        count: 3,
        vmSize: "Standard_D4s_v5",
        mode: "System",
        vnetSubnetID: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/nodes",
        podSubnetID: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/pods",
    }],
    networkProfile: {
        networkPlugin: "azure",
    },
    identity: { type: azure_native.containerservice.ResourceIdentityType.SystemAssigned },
});
