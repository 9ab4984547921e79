import { LINKS, PLATFORM_DEFAULT, RETIREMENTS } from '../knowledge/index.js';
import { TERRAFORM_PLUGIN_REQUIRED } from '../knowledge/settings.js';
import { writerFor } from '../formats/index.js';
import type { Cluster } from '../model/index.js';
import { createRule } from './rule.js';

export const platformDefault = createRule({
  meta: {
    id: 'platform-default',
    description: 'Notes clusters that leave the network plugin to AKS, whose choice depends on the Kubernetes version.',
    defaultSeverity: 'notice',
    messages: {
      platformDefault:
        'No network plugin is set, so AKS picks the network model when it creates the cluster. {{basis}} State it explicitly, e.g. {{explicit}}, so that plans and reviews show what the cluster gets, see {{docs}}',
      terraformPluginRequired:
        'This network_profile block has no network_plugin, which the azurerm provider requires inside the block, so the configuration fails to validate. Set {{explicit}} (Azure CNI Overlay, what AKS picks for Kubernetes 1.30 and later when no plugin is sent), see {{docs}}',
      platformDefaultUnconfirmed:
        'No network plugin is set, so AKS picks the network model when it creates the cluster. {{basis}} State the plugin explicitly, e.g. {{explicit}} (kubenet itself retires on {{kubenetRetires}}), see {{docs}}',
    },
  },
  checkCluster({ cluster, classification }, context) {
    const picked = classification.platformDefault;
    if (classification.model !== 'platform-default' || picked === undefined) return;
    const data = {
      basis: /\.$/.test(picked.basis) ? picked.basis : `${picked.basis}.`,
      explicit: explicitOverlay(cluster),
      docs: LINKS.overlayConfigure.url,
    };
    if (cluster.definition === 'azurerm_kubernetes_cluster' && cluster.networkProfileRange !== undefined) {
      context.report({
        messageId: 'terraformPluginRequired',
        range: cluster.networkProfileRange,
        data: { explicit: explicitOverlay(cluster, false), docs: TERRAFORM_PLUGIN_REQUIRED.source },
      });
      return;
    }
    // Only the version rule's kubenet answer rests on the spec pull request alone; the basis says so
    // (UNCONFIRMED_BELOW_THRESHOLD), the message adds the retirement.
    const unconfirmed = picked.model === PLATFORM_DEFAULT.below && PLATFORM_DEFAULT.fact.confidence === 'unconfirmed';
    context.report({
      messageId: unconfirmed ? 'platformDefaultUnconfirmed' : 'platformDefault',
      range: classification.range,
      decidedBy: classification.decidedBy,
      data: { ...data, kubenetRetires: RETIREMENTS.kubenet.date.value },
    });
  },
});

function explicitOverlay(cluster: Cluster, withBlock = true): string {
  const { spell } = writerFor(cluster.format);
  const plugin = spell('plugin', 'azure');
  const mode = spell('pluginMode', 'overlay');
  if (withBlock && cluster.definition === 'azurerm_kubernetes_cluster') {
    return `a network_profile block with ${plugin} and ${mode}`;
  }
  return `${plugin} and ${mode}`;
}
