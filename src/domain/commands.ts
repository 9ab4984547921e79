import type { Cluster } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { parseCidr } from './ip-plan.js';

/**
 * A knowledge-base command with this cluster's name, resource group and pod CIDR filled in where they are
 * known and safe to paste into a shell; anything else stays a placeholder (`$CLUSTER`, `$RG`, `$POD_CIDR`).
 * The one place that decides how a command is filled, so a rule message and the summary print it alike.
 */
export function fillCommand(
  command: string,
  cluster: Pick<Cluster, 'name' | 'resourceGroup'> & { network?: Pick<Cluster['network'], 'podCidr'> },
): string {
  return command
    .replaceAll('$CLUSTER', plainName(settingValue(cluster.name)) ?? '$CLUSTER')
    .replaceAll('$RG', plainName(settingValue(cluster.resourceGroup)) ?? '$RG')
    .replaceAll('$POD_CIDR', cidrWord(settingValue(cluster.network?.podCidr)) ?? '$POD_CIDR');
}

/** An Azure resource name as a plain shell word: letters, digits, `.`, `_`, `-`; at most 63 characters. */
export function plainName(value: string | undefined): string | undefined {
  return value !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(value) ? value : undefined;
}

/** A CIDR that parses, as written (it can't carry shell syntax). */
function cidrWord(value: string | undefined): string | undefined {
  return value !== undefined && parseCidr(value.trim()) !== undefined ? value.trim() : undefined;
}
