import { RETIREMENTS, policyRouteBetween } from '../knowledge/index.js';
import { NPM_TO_CILIUM } from '../knowledge/settings.js';
import type { ClusterUpdate, NodePool, Setting, UnresolvedSetting } from '../model/index.js';
import { settingValue } from '../model/index.js';
import type { AnalyzedCluster } from './rule.js';
import { fillCommand } from '../domain/commands.js';
import { writerFor } from '../formats/index.js';
import { describeEnd } from '../domain/dates.js';
import { createRule } from './rule.js';

const linux = RETIREMENTS['azure-npm-linux'];
const windows = RETIREMENTS['azure-npm-windows'];

// The route table's Azure NPM -> Cilium route (one leg: enabling the Cilium data plane).
const ENABLE_CILIUM = policyRouteBetween('azure', 'cilium')?.legs[0]?.command;

export const npmRetirement = createRule({
  meta: {
    id: 'npm-retirement',
    description:
      'Flags clusters that use Azure Network Policy Manager, whose support ends on Windows nodes on 30 September 2026 and on Linux nodes on 30 September 2028.',
    defaultSeverity: 'warning',
    messages: {
      npm: 'This cluster uses Azure Network Policy Manager (network policy "azure"), whose support on Linux nodes {{linuxWhen}}. Move to Cilium Network Policy: {{fix}}. Review the policies first, because Cilium enforces them differently: {{review}}. See {{docs}}',
      npmDefault:
        'This cluster gets Azure Network Policy Manager without saying so: {{note}}. NPM support on Linux nodes {{linuxWhen}}. Set network_profile in the module call instead, with network_data_plane = "cilium" and network_policy = "cilium" (Cilium Network Policy); review the policies first, because Cilium enforces them differently: {{review}}. See {{docs}}',
      npmWindows:
        '{{subject}}, and node pool {{pool}} runs Windows: NPM support on Windows nodes {{windowsWhen}} (new subscriptions can no longer onboard), and on Linux nodes {{linuxWhen}}. {{windowsAdvice}} {{switchEngine}} See {{windowsDocs}}',
      npmUpdate:
        'This command enables Azure Network Policy Manager (network policy "azure"), whose support on Windows nodes {{windowsWhen}} and on Linux nodes {{linuxWhen}}. Enable Cilium Network Policy instead on Linux clusters (`--network-dataplane cilium`, then network policy "cilium"), or Calico for clusters with Windows nodes, see {{docs}}',
    },
  },
  checkCluster(analyzed, context) {
    const { cluster, classification } = analyzed;
    const policy = cluster.network.policy;
    if (!isAzurePolicy(policy)) return;
    // NPM needs Azure CNI: with kubenet or BYO CNI the combination itself is wrong, which another rule reports.
    if (classification.model === 'kubenet' || classification.model === 'byo-cni') return;
    const dates = {
      linuxWhen: describeEnd(linux.date.value, context.today),
      windowsWhen: describeEnd(windows.date.value, context.today),
      review: NPM_TO_CILIUM.policyReview.value,
      docs: linux.migrationDocs,
    };
    const windowsPool = cluster.nodePools.find(isWindows);
    if (windowsPool !== undefined) {
      context.report({
        messageId: 'npmWindows',
        range: policy.range,
        decidedBy: [policy],
        data: {
          ...dates,
          subject:
            policy.how === 'default'
              ? `This cluster gets Azure Network Policy Manager without saying so (${policy.note})`
              : 'This cluster uses Azure Network Policy Manager (network policy "azure")',
          pool: windowsPool.name,
          windowsAdvice: NPM_TO_CILIUM.windows.value,
          switchEngine: NPM_TO_CILIUM.switchEngine.value,
          windowsDocs: windows.migrationDocs,
        },
      });
      return;
    }
    if (policy.how === 'default') {
      context.report({
        messageId: 'npmDefault',
        range: policy.range,
        decidedBy: [policy],
        data: { ...dates, note: policy.note },
      });
      return;
    }
    context.report({
      messageId: 'npm',
      range: policy.range,
      decidedBy: [policy],
      data: { ...dates, fix: ciliumFix(analyzed) },
    });
  },
  checkUpdate(update: ClusterUpdate, context) {
    const policy = update.network.policy;
    if (!isAzurePolicy(policy)) return;
    context.report({
      messageId: 'npmUpdate',
      range: policy.range,
      decidedBy: [policy],
      data: {
        windowsWhen: describeEnd(windows.date.value, context.today),
        linuxWhen: describeEnd(linux.date.value, context.today),
        docs: linux.migrationDocs,
      },
    });
  },
});

function isAzurePolicy(setting: Setting<string> | undefined): setting is Exclude<Setting<string>, UnresolvedSetting> {
  return settingValue(setting)?.toLowerCase() === 'azure';
}

function isWindows(pool: NodePool): boolean {
  return settingValue(pool.osType)?.toLowerCase() === 'windows';
}

/** The move to Cilium as this format writes it. */
function ciliumFix({ cluster, classification }: AnalyzedCluster): string {
  const writer = writerFor(cluster.format);
  const policy = writer.spell('policy', 'cilium');
  if (classification.model === 'azure-cni-cilium') return `the Cilium data plane is already on, so set ${policy}`;
  const dataplane = writer.spell('dataplane', 'cilium');
  if (writer.terraform !== undefined) {
    return (
      `set ${dataplane} and ${policy} (azurerm ${NPM_TO_CILIUM.terraformInPlaceSince.value} or later updates the ` +
      'cluster in place; earlier versions replace it)'
    );
  }
  const command = ENABLE_CILIUM === undefined ? undefined : fillCommand(ENABLE_CILIUM, cluster);
  const migrate = command === undefined ? 'migrate an existing cluster' : `on an existing cluster run \`${command}\``;
  return `${migrate} (all node pools are reimaged), then write ${dataplane} and ${policy}`;
}
