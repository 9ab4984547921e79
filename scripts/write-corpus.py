# Writes test/corpus/: the same cluster in every format, per scenario (run from the repo root: python3 scripts/write-corpus.py).
import json, os
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'corpus')
SUB='/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-corpus/providers/Microsoft.Network/virtualNetworks/vnet-corpus/subnets/'
S = {
 'kubenet': dict(net={'networkPlugin':'kubenet','podCidr':'10.244.0.0/16','serviceCidr':'10.0.0.0/16','dnsServiceIP':'10.0.0.10'}, pool={}, model='kubenet', rules=['kubenet-retirement']),
 'overlay-cilium': dict(net={'networkPlugin':'azure','networkPluginMode':'overlay','networkDataplane':'cilium','networkPolicy':'cilium','podCidr':'192.168.0.0/16'}, pool={}, model='azure-cni-cilium', rules=[]),
 'node-subnet-npm': dict(net={'networkPlugin':'azure','networkPolicy':'azure'}, pool={'vnetSubnetID':SUB+'nodes'}, model='azure-cni-node-subnet', rules=['legacy-node-subnet','npm-retirement']),
 'pod-subnet': dict(net={'networkPlugin':'azure'}, pool={'vnetSubnetID':SUB+'nodes','podSubnetID':SUB+'pods'}, model='azure-cni-pod-subnet', rules=[]),
 'nothing-specified': dict(net={}, pool={}, model='platform-default', rules=['platform-default']),
 'variable-default': dict(net={'networkPlugin':'VAR'}, pool={}, model='kubenet', rules=['kubenet-retirement']),
}
TF_NAMES={'networkPlugin':'network_plugin','networkPluginMode':'network_plugin_mode','networkDataplane':'network_data_plane','networkPolicy':'network_policy','podCidr':'pod_cidr','serviceCidr':'service_cidr','dnsServiceIP':'dns_service_ip'}
TF_POOL={'vnetSubnetID':'vnet_subnet_id','podSubnetID':'pod_subnet_id'}
CLI={'networkPlugin':'--network-plugin','networkPluginMode':'--network-plugin-mode','networkDataplane':'--network-dataplane','networkPolicy':'--network-policy','podCidr':'--pod-cidr','serviceCidr':'--service-cidr','dnsServiceIP':'--dns-service-ip','vnetSubnetID':'--vnet-subnet-id','podSubnetID':'--pod-subnet-id'}
PS={'networkPlugin':'-NetworkPlugin','networkPluginMode':'-NetworkPluginMode','networkDataplane':'-NetworkDataplane','networkPolicy':'-NetworkPolicy','podCidr':'-PodCidr','serviceCidr':'-ServiceCidr','dnsServiceIP':'-DnsServiceIP','vnetSubnetID':'-NodeVnetSubnetID','podSubnetID':'-NodePodSubnetID'}
PY={'networkPlugin':'network_plugin','networkPluginMode':'network_plugin_mode','networkDataplane':'network_dataplane','networkPolicy':'network_policy','podCidr':'pod_cidr','serviceCidr':'service_cidr','dnsServiceIP':'dns_service_ip','vnetSubnetID':'vnet_subnet_id','podSubnetID':'pod_subnet_id'}
XP={'networkPlugin':'networkPlugin','networkPluginMode':'networkPluginMode','networkDataplane':'networkDataPlane','networkPolicy':'networkPolicy','podCidr':'podCidr','serviceCidr':'serviceCidr','dnsServiceIP':'dnsServiceIp','vnetSubnetID':'vnetSubnetId','podSubnetID':'podSubnetId'}

def w(scn, name, text):
    d=os.path.join(ROOT,scn); os.makedirs(d,exist_ok=True)
    open(os.path.join(d,name),'w').write(text)

for scn,c in S.items():
    net=dict(c['net']); pool=c['pool']; var = net.get('networkPlugin')=='VAR'
    # ---- terraform
    lines=['resource "azurerm_kubernetes_cluster" "aks" {','  name                = "aks-corpus"','  location            = "westeurope"','  resource_group_name = "rg-corpus"','  dns_prefix          = "corpus"','  kubernetes_version  = "1.33"','','  default_node_pool {','    name       = "system"','    vm_size    = "Standard_D4s_v5"','    node_count = 3']
    for k,v in pool.items(): lines.append(f'    {TF_POOL[k]} = "{v}"')
    lines+=['  }','','  identity {','    type = "SystemAssigned"','  }']
    if net:
        lines+=['','  network_profile {']
        for k,v in net.items():
            lines.append(f'    {TF_NAMES[k]} = ' + ('var.network_plugin' if v=='VAR' else f'"{v}"'))
        lines.append('  }')
    lines.append('}')
    if var: lines=['variable "network_plugin" {','  type    = string','  default = "kubenet"','}','']+lines
    w(scn,'main.tf','\n'.join(lines)+'\n')
    # ---- bicep
    b=[]
    if var: b+=["param networkPlugin string = 'kubenet'",'']
    b+=["resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {","  name: 'aks-corpus'","  location: 'westeurope'","  identity: {","    type: 'SystemAssigned'","  }","  properties: {","    kubernetesVersion: '1.33'","    dnsPrefix: 'corpus'","    agentPoolProfiles: [","      {","        name: 'system'","        count: 3","        vmSize: 'Standard_D4s_v5'","        mode: 'System'"]
    for k,v in pool.items(): b.append(f"        {k}: '{v}'")
    b+=["      }","    ]"]
    if net:
        b.append("    networkProfile: {")
        for k,v in net.items(): b.append(f"      {k}: " + ('networkPlugin' if v=='VAR' else f"'{v}'"))
        b.append("    }")
    b+=["  }","}"]
    w(scn,'main.bicep','\n'.join(b)+'\n')
    # ---- ARM
    props={'kubernetesVersion':'1.33','dnsPrefix':'corpus','agentPoolProfiles':[dict({'name':'system','count':3,'vmSize':'Standard_D4s_v5','mode':'System'},**pool)]}
    if net: props['networkProfile']={k:("[parameters('networkPlugin')]" if v=='VAR' else v) for k,v in net.items()}
    tpl={'$schema':'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#','contentVersion':'1.0.0.0','parameters':{},'resources':[{'type':'Microsoft.ContainerService/managedClusters','apiVersion':'2025-10-01','name':'aks-corpus','location':'westeurope','identity':{'type':'SystemAssigned'},'properties':props}]}
    if var: tpl['parameters']={'networkPlugin':{'type':'string','defaultValue':'kubenet'}}
    w(scn,'azuredeploy.json',json.dumps(tpl,indent=2)+'\n')
    # ---- az CLI
    sh=['#!/usr/bin/env bash','set -euo pipefail','']
    if var: sh+=['NETWORK_PLUGIN="${NETWORK_PLUGIN:-kubenet}"','']
    sh+=['az aks create \\','  --resource-group rg-corpus \\','  --name aks-corpus \\','  --kubernetes-version 1.33 \\','  --node-count 3 \\']
    for k,v in list(net.items())+list(pool.items()):
        sh.append(f'  {CLI[k]} ' + ('"$NETWORK_PLUGIN"' if v=='VAR' else v) + ' \\')
    sh.append('  --generate-ssh-keys')
    w(scn,'deploy.sh','\n'.join(sh)+'\n')
    # ---- PowerShell (not for 'nothing-specified': New-AzAksCluster always sends -NetworkPlugin, "azure" by
    # default (Az.Aks NewAzureRmAks.cs), so PowerShell can't leave the plugin to AKS)
    ps=[]
    if var: ps+=["$networkPlugin = 'kubenet'",'']
    ps+=['New-AzAksCluster `','  -ResourceGroupName rg-corpus `','  -Name aks-corpus `','  -KubernetesVersion 1.33 `','  -NodeCount 3 `']
    for k,v in list(net.items())+list(pool.items()):
        ps.append(f'  {PS[k]} ' + ('$networkPlugin' if v=='VAR' else f"'{v}'") + ' `')
    ps.append('  -GenerateSshKey')
    if net: w(scn,'deploy.ps1','\n'.join(ps)+'\n')
    # ---- Pulumi TypeScript
    ts=['import * as azure_native from "@pulumi/azure-native";','import * as pulumi from "@pulumi/pulumi";','','const config = new pulumi.Config();']
    if var: ts.append('const networkPlugin = config.get("networkPlugin") ?? "kubenet";')
    ts+=['','export const cluster = new azure_native.containerservice.ManagedCluster("aks", {','    resourceGroupName: "rg-corpus",','    resourceName: "aks-corpus",','    kubernetesVersion: "1.33",','    dnsPrefix: "corpus",','    agentPoolProfiles: [{','        name: "system",','        count: 3,','        vmSize: "Standard_D4s_v5",','        mode: "System",']
    for k,v in pool.items(): ts.append(f'        {k}: "{v}",')
    ts.append('    }],')
    if net:
        ts.append('    networkProfile: {')
        for k,v in net.items(): ts.append(f'        {k}: ' + ('networkPlugin' if v=='VAR' else f'"{v}"') + ',')
        ts.append('    },')
    ts+=['    identity: { type: azure_native.containerservice.ResourceIdentityType.SystemAssigned },','});']
    w(scn,'index.ts','\n'.join(ts)+'\n')
    # ---- Pulumi Python
    py=['import pulumi','import pulumi_azure_native as azure_native','']
    if var: py+=['config = pulumi.Config()','network_plugin = config.get("networkPlugin") or "kubenet"','']
    py+=['cluster = azure_native.containerservice.ManagedCluster(','    "aks",','    resource_group_name="rg-corpus",','    resource_name_="aks-corpus",','    kubernetes_version="1.33",','    dns_prefix="corpus",','    agent_pool_profiles=[','        azure_native.containerservice.ManagedClusterAgentPoolProfileArgs(','            name="system",','            count=3,','            vm_size="Standard_D4s_v5",','            mode="System",']
    for k,v in pool.items(): py.append(f'            {PY[k]}="{v}",')
    py+=['        )','    ],']
    if net:
        py.append('    network_profile=azure_native.containerservice.ContainerServiceNetworkProfileArgs(')
        for k,v in net.items(): py.append(f'        {PY[k]}=' + ('network_plugin' if v=='VAR' else f'"{v}"') + ',')
        py.append('    ),')
    py.append(')')
    w(scn,'__main__.py','\n'.join(py)+'\n')
    if var: continue  # YAML-only surfaces have no variables
    # ---- ASO
    y=['apiVersion: containerservice.azure.com/v1api20240901','kind: ManagedCluster','metadata:','  name: aks-corpus','  namespace: default','spec:','  location: westeurope','  owner:','    name: rg-corpus','  dnsPrefix: corpus','  kubernetesVersion: "1.33"','  identity:','    type: SystemAssigned','  agentPoolProfiles:','    - name: system','      count: 3','      vmSize: Standard_D4s_v5','      mode: System']
    for k,v in pool.items():
        y+=[f'      {k.replace("ID","Reference")}:', f'        armId: {v}']
    if net:
        y.append('  networkProfile:')
        for k,v in net.items(): y.append(f'    {k}: "{v}"')
    w(scn,'managedcluster.yaml','\n'.join(y)+'\n')
    # ---- Crossplane
    x=['apiVersion: containerservice.azure.upbound.io/v1beta1','kind: KubernetesCluster','metadata:','  name: aks-corpus','spec:','  forProvider:','    location: westeurope','    resourceGroupName: rg-corpus','    dnsPrefix: corpus','    kubernetesVersion: "1.33"','    identity:','      - type: SystemAssigned','    defaultNodePool:','      - name: system','        nodeCount: 3','        vmSize: Standard_D4s_v5']
    for k,v in pool.items(): x.append(f'        {XP[k]}: {v}')
    if net:
        x.append('    networkProfile:')
        first=True
        for k,v in net.items():
            x.append(('      - ' if first else '        ')+f'{XP[k]}: "{v}"'); first=False
    w(scn,'crossplane.yaml','\n'.join(x)+'\n')
    # ---- Terraform plan JSON (one line, as terraform show -json prints it)
    tfnet={TF_NAMES[k]:v for k,v in net.items()}
    after={'name':'aks-corpus','location':'westeurope','resource_group_name':'rg-corpus','dns_prefix':'corpus','kubernetes_version':'1.33','default_node_pool':[dict({'name':'system','vm_size':'Standard_D4s_v5','node_count':3,'max_pods':None}, **{TF_POOL[k]:v for k,v in pool.items()})],'network_profile':[tfnet] if net else []}
    au={'default_node_pool':[{'max_pods':True}],'id':True,'network_profile':[{}] if net else True}
    plan={'format_version':'1.2','terraform_version':'1.9.8','planned_values':{'root_module':{'resources':[{'address':'azurerm_kubernetes_cluster.aks','mode':'managed','type':'azurerm_kubernetes_cluster','name':'aks','provider_name':'registry.terraform.io/hashicorp/azurerm','schema_version':2,'values':after}]}},'resource_changes':[{'address':'azurerm_kubernetes_cluster.aks','mode':'managed','type':'azurerm_kubernetes_cluster','name':'aks','provider_name':'registry.terraform.io/hashicorp/azurerm','change':{'actions':['create'],'before':None,'after':after,'after_unknown':au,'before_sensitive':False,'after_sensitive':{}}}],'configuration':{'provider_config':{'azurerm':{'name':'azurerm','full_name':'registry.terraform.io/hashicorp/azurerm'}},'root_module':{'resources':[{'address':'azurerm_kubernetes_cluster.aks','mode':'managed','type':'azurerm_kubernetes_cluster','name':'aks','provider_config_key':'azurerm','schema_version':2}]}},'timestamp':'2026-11-20T10:00:00Z','applyable':True,'complete':True,'errored':False}
    w(scn,'plan.json',json.dumps(plan,separators=(',',':'))+'\n')
    if scn not in ('nothing-specified', 'pod-subnet'):  # CAPZ has no pod subnet field; its own default is azure
        # ---- CAPZ (its own default is azure, so "nothing specified" can't be written there)
        cz=['apiVersion: cluster.x-k8s.io/v1beta1','kind: Cluster','metadata:','  name: aks-corpus','spec:','  clusterNetwork:','    services:','      cidrBlocks:','        - 10.0.0.0/16','  controlPlaneRef:','    apiVersion: infrastructure.cluster.x-k8s.io/v1beta1','    kind: AzureManagedControlPlane','    name: aks-corpus-control-plane','  infrastructureRef:','    apiVersion: infrastructure.cluster.x-k8s.io/v1beta1','    kind: AzureManagedCluster','    name: aks-corpus','---','apiVersion: infrastructure.cluster.x-k8s.io/v1beta1','kind: AzureManagedControlPlane','metadata:','  name: aks-corpus-control-plane','spec:','  location: westeurope','  resourceGroupName: rg-corpus','  version: v1.33.0']
        capz={'networkPlugin':'networkPlugin','networkPluginMode':'networkPluginMode','networkDataplane':'networkDataplane','networkPolicy':'networkPolicy'}
        for k,v in net.items():
            if k in capz: cz.append(f'  {capz[k]}: {v}')
        if pool:
            pass
        w(scn,'capz.yaml','\n'.join(cz)+'\n')
    json.dump({'model':c['model'],'rules':c['rules']}, open(os.path.join(ROOT,scn,'scenario.json'),'w'), indent=2)
for scn,c in S.items():
    json.dump({'model':c['model'],'rules':c['rules']}, open(os.path.join(ROOT,scn,'scenario.json'),'w'), indent=2)
    open(os.path.join(ROOT,scn,'scenario.json'),'a').write('\n')
