// Modelled on pulumi/examples azure-ts-aks, with a network profile.
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as resources from "@pulumi/azure-native/resources";

const config = new pulumi.Config();
const managedClusterName = config.get("managedClusterName") || "azure-aks";
const networkPlugin = config.get("networkPlugin") ?? "azure";
const k8sVersion = "1.29.7" as const;

const resourceGroup = new resources.ResourceGroup("azure-ts-aks");

const cluster = new containerservice.ManagedCluster(managedClusterName, {
    resourceGroupName: resourceGroup.name,
    agentPoolProfiles: [{
        count: config.getNumber("nodeCount") ?? 2,
        maxPods: 110,
        mode: "System",
        name: "agentpool",
        osDiskSizeGB: 30,
        osType: containerservice.OSType.Linux,
        type: "VirtualMachineScaleSets",
        vmSize: "Standard_DS2_v2",
    }],
    dnsPrefix: resourceGroup.name,
    enableRBAC: true,
    kubernetesVersion: k8sVersion,
    networkProfile: {
        networkPlugin,
        podCidr: "10.244.0.0/16",
        serviceCidr: "10.0.0.0/16",
        dnsServiceIP: "10.0.0.10",
        loadBalancerSku: containerservice.LoadBalancerSku.Standard,
        outboundType: containerservice.OutboundType.LoadBalancer,
    },
    nodeResourceGroup: `MC_azure-ts_${managedClusterName}`,
});

const creds = containerservice.listManagedClusterUserCredentialsOutput({
    resourceGroupName: resourceGroup.name,
    resourceName: cluster.name,
});

export const kubeconfig = creds.kubeconfigs[0].value.apply(enc => Buffer.from(enc, "base64").toString());
