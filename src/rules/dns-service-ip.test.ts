import { testRule } from '../../test/support/rule-tester.js';
import { dnsServiceIp } from './dns-service-ip.js';

// network_plugin is on line 14, the lines given follow from line 15.
const tf = (lines: string) => `resource "azurerm_kubernetes_cluster" "aks" {
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
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
${lines}
  }
}
`;
const tfPair = (cidr: string, ip: string) => tf(`    service_cidr   = "${cidr}"\n    dns_service_ip = "${ip}"`);

// serviceCidr on line 7, dnsServiceIP on line 8.
const bicep = (cidr: string, ip: string) => `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-demo'
  location: 'westeurope'
  properties: {
    networkProfile: {
      networkPlugin: 'azure'
      serviceCidr: '${cidr}'
      dnsServiceIP: '${ip}'
    }
  }
}
`;

const az = (cidr: string, ip: string) =>
  `az aks create -g rg-demo -n aks-demo \\\n  --network-plugin azure \\\n  --service-cidr ${cidr} \\\n  --dns-service-ip ${ip}\n`;

testRule(dnsServiceIp, {
  valid: [
    { name: 'the defaults', files: { 'main.tf': tfPair('10.0.0.0/16', '10.0.0.10') } },
    { name: 'neither set', files: { 'main.tf': tf('') } },
    { name: 'a /12 is not flagged (ambiguous wording)', files: { 'main.tf': tfPair('10.0.0.0/12', '10.0.0.10') } },
    { name: 'a /13', files: { 'main.bicep': bicep('10.0.0.0/13', '10.0.0.10') } },
    { name: 'the second host address is allowed', files: { 'main.bicep': bicep('172.16.0.0/16', '172.16.0.2') } },
    { name: 'the last address is inside', files: { 'main.bicep': bicep('10.240.238.0/23', '10.240.239.255') } },
    { name: 'az CLI, a /23', files: { 'deploy.sh': az('10.240.238.0/23', '10.240.238.10') } },
    {
      name: 'unresolved service CIDR',
      files: {
        'main.tf': tf('    service_cidr   = var.cidr\n    dns_service_ip = "192.168.0.10"'),
        'variables.tf': 'variable "cidr" {}\n',
      },
    },
    {
      name: 'Bicep: only the DNS IP (no Terraform pairing rule)',
      files: { 'main.bicep': bicep('x', 'y').replace("      serviceCidr: 'x'\n", '').replace("'y'", "'10.0.0.10'") },
    },
  ],
  invalid: [
    {
      name: 'DNS IP outside the service CIDR',
      files: { 'main.tf': tfPair('10.0.0.0/16', '10.1.0.10') },
      errors: [{ messageId: 'outsideServiceCidr', line: 17, message: /Use 10\.0\.0\.10/ }],
    },
    {
      name: 'DNS IP on the network address',
      files: { 'main.bicep': bicep('10.0.0.0/16', '10.0.0.0') },
      errors: [
        {
          messageId: 'firstAddress',
          line: 8,
          message:
            /is the network address \("\.0", invalid: it names the range, not an address in it\) of the service CIDR/,
        },
      ],
    },
    {
      name: 'DNS IP on the .1 address',
      files: { 'main.bicep': bicep('10.0.0.0/16', '10.0.0.1') },
      errors: [
        {
          messageId: 'firstAddress',
          line: 8,
          message:
            /is the first address \("\.1", which kubernetes\.default takes\).*must not be its first address \(\.1\), which kubernetes\.default\.svc takes/,
        },
      ],
    },
    {
      name: 'service CIDR of /11: one wider than the bound',
      files: { 'main.tf': tfPair('10.0.0.0/11', '10.0.0.10') },
      errors: [{ messageId: 'serviceCidrTooWide', line: 16, message: /\/11/ }],
    },
    {
      name: 'az CLI /8 and a DNS IP outside it',
      files: { 'deploy.sh': az('10.0.0.0/8', '192.168.0.10') },
      errors: [
        { messageId: 'serviceCidrTooWide', line: 3 },
        { messageId: 'outsideServiceCidr', line: 4 },
      ],
    },
    {
      name: 'not a CIDR',
      files: { 'main.bicep': bicep('10.0.0.0', '10.0.0.10') },
      errors: [{ messageId: 'invalidServiceCidr', line: 7 }],
    },
    {
      name: 'not an IP address',
      files: { 'main.bicep': bicep('10.0.0.0/16', '10.0.0.300') },
      errors: [{ messageId: 'invalidDnsServiceIp', line: 8 }],
    },
    {
      name: 'Terraform: service_cidr without dns_service_ip',
      files: { 'main.tf': tf('    service_cidr = "10.0.0.0/16"') },
      errors: [{ messageId: 'terraformPair', line: 16, message: /service_cidr is set without dns_service_ip/ }],
    },
    {
      name: 'Terraform: dns_service_ip without service_cidr',
      files: { 'main.tf': tf('    dns_service_ip = "10.0.0.10"') },
      errors: [{ messageId: 'terraformPair', line: 16, message: /dns_service_ip is set without service_cidr/ }],
    },
    {
      name: 'a resolved value',
      files: {
        'main.tf': tf('    service_cidr   = "10.0.0.0/16"\n    dns_service_ip = var.dns'),
        'variables.tf': 'variable "dns" {\n  default = "10.2.0.10"\n}\n',
      },
      errors: [{ messageId: 'outsideServiceCidr', line: 17, file: 'main.tf' }],
    },
  ],
});
