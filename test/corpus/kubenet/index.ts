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
    }],
    networkProfile: {
        networkPlugin: "kubenet",
        podCidr: "10.244.0.0/16",
        serviceCidr: "10.0.0.0/16",
        dnsServiceIP: "10.0.0.10",
    },
    identity: { type: azure_native.containerservice.ResourceIdentityType.SystemAssigned },
});
