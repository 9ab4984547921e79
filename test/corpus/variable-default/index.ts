import * as azure_native from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const networkPlugin = config.get("networkPlugin") ?? "kubenet";

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
    }],
    networkProfile: {
        networkPlugin: networkPlugin,
    },
    identity: { type: azure_native.containerservice.ResourceIdentityType.SystemAssigned },
});
