import { writerFor } from '../formats/index.js';
import { LINKS } from '../knowledge/links.js';
import { DATAPLANE_DEFAULT, HAZARDS, TERRAFORM_CHANGES } from '../knowledge/terraform-changes.js';
import type { TerraformChangeKind } from '../knowledge/terraform-changes.js';
import type { AnalyzedCluster, Cluster, NetworkSettingKey, Setting } from '../model/index.js';
import { settingValue } from '../model/index.js';

/**
 * Live clusters (a format whose writer is `live`) against their infrastructure code: which definition each
 * one is, by which key, and the network settings where the code and the running cluster disagree, with what
 * the next apply does about it (the knowledge base's replace-vs-update matrix and hazards).
 */

export type MatchKey = 'name and resource group' | 'name';

export interface DriftDifference {
  setting: NetworkSettingKey;
  live: string;
  /** As the code writes it; undefined when the code leaves it out. */
  code: string | undefined;
  /** Where the code writes it, or the cluster's first line when it leaves it out. */
  at: string;
  /** What the next apply of the code does, with its source. */
  consequence: string;
  source: string;
}

export interface DriftMatch {
  live: AnalyzedCluster;
  code: AnalyzedCluster;
  key: MatchKey;
  differences: DriftDifference[];
}

export interface DriftReport {
  matches: DriftMatch[];
  /** Live clusters no definition matches. */
  liveOnly: AnalyzedCluster[];
  /** Definitions no live cluster matches. */
  codeOnly: AnalyzedCluster[];
}

/** The settings compared: the ones whose difference changes the network or what the next apply does. */
const COMPARED: readonly NetworkSettingKey[] = [
  'plugin',
  'pluginMode',
  'dataplane',
  'policy',
  'podCidr',
  'serviceCidr',
  'outboundType',
  'loadBalancerSku',
];

export function isLive(cluster: Cluster): boolean {
  return writerFor(cluster.format).live === true;
}

export function compareLive(live: readonly AnalyzedCluster[], code: readonly AnalyzedCluster[]): DriftReport {
  const unmatched = new Set(code);
  const matches: DriftMatch[] = [];
  const liveOnly: AnalyzedCluster[] = [];
  for (const entry of live) {
    const found = matchOf(entry.cluster, [...unmatched]);
    if (found === undefined) {
      liveOnly.push(entry);
      continue;
    }
    unmatched.delete(found.code);
    matches.push({
      live: entry,
      code: found.code,
      key: found.key,
      differences: differences(entry.cluster, found.code.cluster),
    });
  }
  return { matches, liveOnly, codeOnly: [...unmatched] };
}

function lower(setting: Setting<string> | undefined): string | undefined {
  return settingValue(setting)?.toLowerCase();
}

/** By name and resource group; else by name alone when exactly one definition has it. */
function matchOf(live: Cluster, code: AnalyzedCluster[]): { code: AnalyzedCluster; key: MatchKey } | undefined {
  const name = lower(live.name);
  if (name === undefined) return undefined;
  const named = code.filter((entry) => lower(entry.cluster.name) === name);
  const group = lower(live.resourceGroup);
  const both = named.filter((entry) => group !== undefined && lower(entry.cluster.resourceGroup) === group);
  if (both.length === 1 && both[0] !== undefined) return { code: both[0], key: 'name and resource group' };
  if (named.length === 1 && named[0] !== undefined) return { code: named[0], key: 'name' };
  return undefined;
}

function differences(live: Cluster, code: Cluster): DriftDifference[] {
  const found: DriftDifference[] = [];
  const terraform = writerFor(code.format).terraform !== undefined;
  for (const key of COMPARED) {
    const liveValue = lower(live.network[key]);
    if (liveValue === undefined) continue;
    const written = code.network[key];
    // An expression the analysis could not evaluate is not a difference it can claim.
    if (written?.how === 'unresolved') continue;
    const codeValue = lower(written);
    if (codeValue === liveValue) continue;
    const consequence = consequenceOf(key, liveValue, codeValue, live, terraform);
    if (consequence === undefined) continue;
    const range = written?.range ?? code.range;
    found.push({
      setting: key,
      live: liveValue,
      code: codeValue,
      at: `${range.file}:${range.startLine}`,
      consequence: consequence.text,
      source: consequence.source,
    });
  }
  return found;
}

/** What applying the code does to the running cluster; undefined when leaving the setting out changes nothing known. */
function consequenceOf(
  key: NetworkSettingKey,
  live: string,
  code: string | undefined,
  liveCluster: Cluster,
  terraform: boolean,
): { text: string; source: string } | undefined {
  if (!terraform) {
    if (code === undefined) return undefined;
    return {
      text: `the next deployment asks AKS to change ${key} ${live} → ${code}; make the code say ${live}, or check that AKS can make that change in place (netguide migrate)`,
      source: LINKS.updateAzureCni.url,
    };
  }
  if (
    key === 'plugin' &&
    code === 'kubenet' &&
    live === 'azure' &&
    lower(liveCluster.network.pluginMode) === 'overlay'
  ) {
    return { text: HAZARDS.kubenetAfterOverlay.value, source: HAZARDS.kubenetAfterOverlay.source };
  }
  if (key === 'dataplane' && live === 'cilium' && (code === undefined || code === 'azure')) {
    const omitted =
      code === undefined
        ? `; network_data_plane defaults to "${DATAPLANE_DEFAULT.value.value}" from azurerm ${DATAPLANE_DEFAULT.value.since}`
        : '';
    return {
      text: `${HAZARDS.dataplaneOmitted.value.replace(/\.$/, '')}${omitted}`,
      source: HAZARDS.dataplaneOmitted.source,
    };
  }
  if (code === undefined) return undefined;
  const kind = terraformKind(key, live, code);
  const change = TERRAFORM_CHANGES[kind];
  const since = change.inPlaceSince.value;
  const text =
    since === null
      ? `the next plan changes ${change.label} ${live} → ${code}, which replaces the cluster in every azurerm version`
      : `the next plan changes ${change.label} ${live} → ${code}: in place from azurerm ${since}, a replacement before`;
  return { text, source: change.inPlaceSince.source };
}

/** The matrix row for the change the next plan makes (live value → the code's). */
function terraformKind(key: NetworkSettingKey, live: string, code: string): TerraformChangeKind {
  switch (key) {
    case 'plugin':
      return 'plugin-other';
    case 'pluginMode':
      return code === 'overlay' ? 'plugin-mode-to-overlay' : 'plugin-mode-removed';
    case 'dataplane':
      return live === 'azure' && code === 'cilium' ? 'dataplane-azure-to-cilium' : 'dataplane-cilium-to-azure';
    case 'policy':
      if (code === 'cilium' && live === 'azure') return 'policy-azure-to-cilium';
      if (code === 'cilium' && live === 'calico') return 'policy-calico-to-cilium';
      return 'policy-other';
    case 'podCidr':
      return 'pod-cidr-changed';
    case 'serviceCidr':
      return 'service-cidr';
    case 'outboundType':
      return 'outbound-type';
    case 'loadBalancerSku':
      return 'load-balancer-sku';
    default:
      return 'plugin-other';
  }
}
