import { testRule } from '../../test/support/rule-tester.js';
import { maxPodsRange } from './max-pods-range.js';

// max_pods of the default pool is on line 10.
const tf = (maxPods: string, plugin = 'azure') => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-demo"
  location            = "westeurope"
  resource_group_name = "rg-demo"
  dns_prefix          = "demo"

  default_node_pool {
    name       = "system"
    node_count = 3
    max_pods   = ${maxPods}
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin      = "${plugin}"
  }
}
`;

// maxPods of the default pool is on line 10.
const bicep = (maxPods: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4s_v5'
        maxPods: ${maxPods}
        mode: 'System'
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
    }
  }
}
`;

testRule(maxPodsRange, {
  valid: [
    { name: 'exactly the minimum, 10', files: { 'main.tf': tf('10') } },
    { name: 'exactly the maximum, 250', files: { 'main.tf': tf('250') } },
    { name: 'Bicep 110', files: { 'main.bicep': bicep('110') } },
    { name: 'Bicep 250', files: { 'main.bicep': bicep('250') } },
    { name: 'unset: the default is not a finding', files: { 'main.tf': tf('null') } },
    { name: 'unresolved', files: { 'main.tf': tf('var.pods'), 'variables.tf': 'variable "pods" {}\n' } },
    { name: 'bring-your-own CNI is not judged', files: { 'main.tf': tf('300', 'none') } },
    { name: 'az CLI -m 30', files: { 'deploy.sh': 'az aks create -g rg -n aks --network-plugin azure -m 30\n' } },
  ],
  invalid: [
    {
      name: '9, one below the minimum',
      files: { 'main.tf': tf('9') },
      errors: [{ messageId: 'tooFew', line: 10, message: /below the AKS minimum of 10/ }],
    },
    {
      name: '251, one above the maximum',
      files: { 'main.tf': tf('251') },
      errors: [{ messageId: 'tooMany', line: 10, message: /above the AKS maximum of 250/ }],
    },
    { name: 'Bicep 251', files: { 'main.bicep': bicep('251') }, errors: [{ messageId: 'tooMany', line: 10 }] },
    { name: 'Bicep 9', files: { 'main.bicep': bicep('9') }, errors: [{ messageId: 'tooFew', line: 10 }] },
    {
      name: 'a resolved variable',
      files: { 'main.tf': tf('var.pods'), 'variables.tf': 'variable "pods" {\n  default = 500\n}\n' },
      errors: [{ messageId: 'tooMany', line: 10, file: 'main.tf' }],
    },
    {
      name: 'az CLI create and nodepool add',
      files: {
        'deploy.sh':
          'az aks create -g rg -n aks --network-plugin azure --max-pods 300\naz aks nodepool add -g rg --cluster-name aks -n user -m 5\n',
      },
      errors: [
        { messageId: 'tooMany', line: 1 },
        { messageId: 'tooFew', line: 2 },
      ],
    },
    {
      name: 'az CLI nodepool add to a cluster defined elsewhere',
      files: { 'deploy.sh': 'az aks nodepool add -g rg --cluster-name other -n user --max-pods 251\n' },
      errors: [{ messageId: 'tooMany', line: 1 }],
    },
  ],
});
