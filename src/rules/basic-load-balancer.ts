import { RETIREMENTS } from '../knowledge/index.js';
import { BASIC_LOAD_BALANCER } from '../knowledge/settings.js';
import { settingValue } from '../model/index.js';
import { fillCommand } from '../domain/commands.js';
import { writerFor } from '../formats/index.js';
import { describeEnd } from '../domain/dates.js';
import { createRule } from './rule.js';

const retirement = RETIREMENTS['basic-load-balancer'];

export const basicLoadBalancer = createRule({
  meta: {
    id: 'basic-load-balancer',
    description:
      'Flags clusters that use the Basic Load Balancer, which AKS retired on 30 September 2025 and no longer accepts for new clusters.',
    defaultSeverity: 'error',
    messages: {
      basic:
        'Load balancer SKU "{{value}}": support for the Basic Load Balancer on AKS {{retired}}, and AKS has not allowed new clusters with it since {{blocked}}. Upgrade the cluster in place with `{{command}}` ({{prerequisites}}), then write {{standard}} here, see {{docs}}',
      basicTerraform:
        'Load balancer SKU "{{value}}": support for the Basic Load Balancer on AKS {{retired}}, and AKS has not allowed new clusters with it since {{blocked}}. Do not just edit this line: load_balancer_sku is ForceNew, so changing it replaces the cluster. Upgrade the running cluster first with `{{command}}` ({{prerequisites}}), then change it to {{standard}} in the code, see {{docs}}',
      basicDefault:
        'This cluster gets the Basic Load Balancer without saying so: {{note}}. Support for it on AKS {{retired}}, and AKS has not allowed new clusters with it since {{blocked}}. Set {{standard}} in the module call; for a running cluster upgrade first with `{{command}}` ({{prerequisites}}), because changing load_balancer_sku replaces the cluster, see {{docs}}',
      basicLive:
        'Load balancer SKU "{{value}}": support for the Basic Load Balancer on AKS {{retired}}, and AKS has not allowed new clusters with it since {{blocked}}. This running cluster is upgraded in place with `{{command}}` ({{prerequisites}}); then make its infrastructure code say {{standard}} too, see {{docs}}',
      basicNew:
        'This change adds a cluster with the Basic Load Balancer (SKU "{{value}}"): AKS has not allowed new clusters with it since {{blocked}}, so the deployment fails, and its support {{retired}}. Use {{standard}}, see {{docs}}',
    },
  },
  checkCluster({ cluster, change }, context) {
    const sku = cluster.network.loadBalancerSku;
    const value = settingValue(sku);
    if (sku === undefined || value === undefined || value.toLowerCase() !== 'basic') return;
    const writer = writerFor(cluster.format);
    const terraform = writer.terraform !== undefined;
    const data = {
      value,
      retired: describeEnd(retirement.date.value, context.today),
      blocked: BASIC_LOAD_BALANCER.creationBlockedSince.value,
      command: fillCommand(BASIC_LOAD_BALANCER.command, cluster),
      prerequisites: BASIC_LOAD_BALANCER.prerequisites.value.replace(/\.$/, ''),
      standard: writer.spell('loadBalancerSku', 'standard'),
      docs: retirement.migrationDocs,
    };
    if (writer.live === true) {
      context.report({ messageId: 'basicLive', range: sku.range, decidedBy: [sku], data });
    } else if (change === 'added') {
      context.report({ messageId: 'basicNew', range: sku.range, decidedBy: [sku], data });
    } else if (sku.how === 'default') {
      context.report({
        messageId: 'basicDefault',
        range: sku.range,
        decidedBy: [sku],
        data: { ...data, note: sku.note },
      });
    } else {
      context.report({ messageId: terraform ? 'basicTerraform' : 'basic', range: sku.range, decidedBy: [sku], data });
    }
  },
});
