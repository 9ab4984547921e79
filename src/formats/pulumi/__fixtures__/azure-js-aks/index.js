// A JavaScript program on azure-native, with a user pool added as its own resource.
"use strict";
const pulumi = require("@pulumi/pulumi");
const azure_native = require("@pulumi/azure-native");

const resourceGroup = new azure_native.resources.ResourceGroup("rg");
const clusterName = "aks-js";

const cluster = new azure_native.containerservice.ManagedCluster("aks", {
    resourceGroupName: resourceGroup.name,
    resourceName: clusterName,
    dnsPrefix: `${clusterName}-dns`,
    agentPoolProfiles: [{
        name: "system",
        count: 1,
        mode: "System",
        vmSize: "Standard_D2s_v5",
    }],
    networkProfile: {
        networkPlugin: azure_native.containerservice.NetworkPlugin.Kubenet,
        podCidr: "10.244.0.0/16",
    },
});

const userPool = new azure_native.containerservice.AgentPool("user", {
    resourceGroupName: resourceGroup.name,
    resourceName: cluster.name,
    agentPoolName: "user",
    count: 2,
    maxPods: 30,
    mode: "User",
});

exports.clusterName = cluster.name;
