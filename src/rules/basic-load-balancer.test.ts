import { testRule } from '../../test/support/rule-tester.js';
import { basicLoadBalancer } from './basic-load-balancer.js';

/** A Terraform cluster: line 14 is the first network_profile line. */
const terraform = (networkProfile: string) => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
${networkProfile}
  }
}
`;

const BASIC = '    network_plugin    = "azure"\n    load_balancer_sku = "basic"';

/** A Bicep cluster: line 8 is the load balancer SKU. */
const bicep = (sku: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2025-10-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    dnsPrefix: 'demo'
    networkProfile: {
      networkPlugin: 'azure'
      loadBalancerSku: '${sku}'
    }
  }
}
`;

const aksModule = (sku: string) => `module "aks" {
  source              = "Azure/aks/azurerm"
  version             = "10.0.0"
  resource_group_name = "rg-demo"
  prefix              = "demo"
  network_plugin      = "azure"
${sku}
}
`;

testRule(basicLoadBalancer, {
  valid: [
    {
      name: 'Terraform: standard',
      files: { 'main.tf': terraform('    network_plugin = "azure"\n    load_balancer_sku = "standard"') },
    },
    {
      name: 'Terraform: left out (standard by default)',
      files: { 'main.tf': terraform('    network_plugin = "azure"') },
    },
    {
      name: 'Terraform: an unresolved SKU is not guessed',
      files: {
        'main.tf': terraform('    network_plugin = "azure"\n    load_balancer_sku = var.sku'),
        'variables.tf': 'variable "sku" {}\n',
      },
    },
    { name: 'Terraform: the Azure/aks/azurerm module defaults to standard', files: { 'main.tf': aksModule('') } },
    { name: 'Bicep: Standard', files: { 'main.bicep': bicep('Standard') } },
    { name: 'az CLI: standard', files: { 'deploy.sh': 'az aks create -n aks -g rg --load-balancer-sku standard\n' } },
    {
      name: 'az CLI: the upgrade itself',
      files: { 'deploy.sh': 'az aks update -n aks -g rg --load-balancer-sku standard\n' },
    },
  ],
  invalid: [
    {
      name: 'Terraform: basic, with the ForceNew warning and the CLI upgrade first',
      files: { 'main.tf': terraform(BASIC) },
      errors: [
        {
          messageId: 'basicTerraform',
          line: 15,
          message:
            /ended on 2025-09-30.*since 2025-03-31.*replaces the cluster.*`az aks update -n aks-demo -g rg-demo --load-balancer-sku standard` \(Kubernetes 1\.27 or later and Azure CLI 2\.76\.0 or later; the upgrade causes downtime and cannot be rolled back.*load_balancer_sku = "standard"/,
        },
      ],
    },
    {
      name: 'Terraform: mixed case',
      files: { 'main.tf': terraform('    network_plugin    = "azure"\n    load_balancer_sku = "Basic"') },
      errors: [{ messageId: 'basicTerraform', line: 15, message: /SKU "Basic"/ }],
    },
    {
      name: 'Terraform: the module input',
      files: { 'main.tf': aksModule('  load_balancer_sku   = "basic"') },
      errors: [{ messageId: 'basicTerraform', line: 7 }],
    },
    {
      name: 'Terraform: a change that adds a Basic cluster fails to deploy',
      base: { 'other.tf': 'locals {\n  x = 1\n}\n' },
      files: { 'main.tf': terraform(BASIC) },
      errors: [
        {
          messageId: 'basicNew',
          line: 15,
          message: /adds a cluster.*deployment fails.*load_balancer_sku = "standard"/,
        },
      ],
    },
    {
      name: 'Terraform: an unchanged Basic cluster gets the upgrade path',
      base: { 'main.tf': terraform(BASIC) },
      files: { 'main.tf': terraform(BASIC) },
      errors: [{ messageId: 'basicTerraform', line: 15 }],
    },
    {
      name: 'Bicep: basic',
      files: { 'main.bicep': bicep('basic') },
      errors: [
        {
          messageId: 'basic',
          line: 8,
          message: /az aks update -n aks-demo -g \$RG --load-balancer-sku standard.*loadBalancerSku: 'standard'/,
        },
      ],
    },
    {
      name: 'az CLI: create with basic',
      files: { 'deploy.sh': 'az aks create -n aks -g rg \\\n  --load-balancer-sku basic\n' },
      errors: [{ messageId: 'basic', line: 2, message: /--load-balancer-sku standard here/ }],
    },
  ],
});
