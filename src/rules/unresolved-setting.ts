import { createRule } from './rule.js';

const SETTING_NAMES: Record<string, string> = {
  plugin: 'network plugin',
  pluginMode: 'network plugin mode',
  dataplane: 'network dataplane',
  podSubnetId: 'pod subnet',
};

export const unresolvedSetting = createRule({
  meta: {
    id: 'unresolved-setting',
    description: 'Reports a deciding network value that could not be resolved, so the network model is unknown.',
    defaultSeverity: 'notice',
    messages: {
      unresolved:
        'The {{setting}} comes from `{{expression}}`, which aks-netguide could not resolve: {{reason}}. The network model of {{cluster}} is therefore unknown. To resolve it, give the value in the configuration (a literal, a variable default or a tfvars/parameters file), or scan the `terraform show -json` plan output, whose values are exact.',
      invalidValue: 'The {{setting}} of {{cluster}} is {{reason}}.',
    },
  },
  checkCluster({ cluster, classification }, context) {
    if (classification.model !== 'unresolved') return;
    if (classification.unknowns.length === 0) {
      context.report({
        messageId: 'invalidValue',
        range: classification.range,
        decidedBy: classification.decidedBy,
        data: {
          setting: 'network plugin',
          cluster: cluster.id,
          reason: classification.reason.replace(/^network plugin /, ''),
        },
      });
      return;
    }
    for (const unknown of classification.unknowns) {
      context.report({
        messageId: 'unresolved',
        range: unknown.setting.range,
        decidedBy: [unknown.setting],
        key: unknown.key,
        data: {
          setting: SETTING_NAMES[unknown.key] ?? unknown.key,
          expression: unknown.setting.expression,
          reason: unknown.setting.reason.replace(/\.$/, ''),
          cluster: cluster.id,
        },
      });
    }
  },
});
