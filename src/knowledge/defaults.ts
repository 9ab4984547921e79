import { LINKS, SOURCE_AS_OF } from './links.js';
import type { Fact, ModelId, PlatformDefault } from './types.js';

/** What AKS picks when `networkPlugin` is omitted (fact base §0.4, §4.2, §7.1). */
export const PLATFORM_DEFAULT: PlatformDefault = {
  kubernetesVersionThreshold: '1.30',
  below: 'kubenet',
  atOrAbove: 'azure-cni-overlay',
  unknownVersion: 'azure-cni-overlay',
  fact: {
    value:
      'When networkPlugin is omitted, AKS picks the plugin by Kubernetes version: kubenet below 1.30, ' +
      'Azure CNI Overlay from 1.30.',
    source: LINKS.defaultPluginSpecPr.url,
    // The date of the pull request that states the rule.
    asOf: '2024-10-03',
    // Stated by the PR author; the resource provider's behaviour itself could not be observed.
    confidence: 'unconfirmed',
    note:
      'The version rule comes from the description of azure-rest-api-specs PRs #30844/#30845 (2024-10-03); the ' +
      'API spec has no "kubenet" default from stable 2024-09-01. The current AKS docs (' +
      LINKS.overlayConfigure.url +
      ') state it unconditionally: "If you don\'t specify --network-plugin, AKS defaults to Azure CNI Overlay"; ' +
      'giving --network-plugin=azure without --network-plugin-mode gives Azure CNI Node Subnet. Behaviour for ' +
      'Kubernetes 1.28/1.29 (LTS) clusters is unconfirmed.',
  },
};

/**
 * The one way every output (rule messages, the model line of each renderer, the README, the docs) says that
 * the below-1.30 half of the version rule is unconfirmed (fact base §0.4, §7.1).
 */
export const UNCONFIRMED_BELOW_THRESHOLD =
  'Unconfirmed: only the AKS API spec pull request (azure-rest-api-specs #30844) says kubenet below 1.30; ' +
  'the current AKS docs say AKS defaults to Azure CNI Overlay.';

/** A client that fills in `networkPlugin` itself when the user gives none, so the platform default never applies. */
export const CLIENT_DEFAULTS = {
  /** `New-AzAksCluster` without `-NetworkPlugin` (fact base §4.7). */
  azPowerShell: {
    value: 'azure',
    source: LINKS.azAksNewCluster.url,
    asOf: SOURCE_AS_OF.corrected,
    confidence: 'confirmed',
    note:
      'Az.Aks New-AzAksCluster defaults -NetworkPlugin to "azure" and always sends it (NewAzureRmAks.cs; help: ' +
      '"Default value: azure"), so without -NetworkPluginMode overlay it creates Azure CNI Node Subnet.',
  },
  /**
   * A Pulumi azure-native `ManagedCluster` whose `networkProfile` leaves out `networkPlugin` (fact base §4.8):
   * the v1 and v2 SDKs fill in "kubenet" client-side; v3 (API 2024-10-01 and later) leaves it to AKS.
   */
  pulumiAzureNative: {
    value: { plugin: 'kubenet', lastMajor: 2 },
    source: LINKS.pulumiAzureNative.url,
    asOf: SOURCE_AS_OF.corrected,
    confidence: 'confirmed',
    note:
      'The generated v1/v2 SDKs set networkPlugin ?? "kubenet" in containerServiceNetworkProfileArgsProvideDefaults; ' +
      'v3 has no such default.',
  },
} satisfies Record<string, Fact<unknown>>;

interface MinorVersion {
  major: number;
  minor: number;
}

// "1.30", "1.30.3", optionally with a leading "v". Anything else (e.g. "latest") is an unknown version.
const KUBERNETES_VERSION = /^v?(?<major>\d+)\.(?<minor>\d+)(?:\.\d+)?$/;

function parseMinorVersion(text: string | undefined): MinorVersion | undefined {
  const groups = text === undefined ? undefined : KUBERNETES_VERSION.exec(text.trim())?.groups;
  if (groups?.major === undefined || groups.minor === undefined) return undefined;
  return { major: Number(groups.major), minor: Number(groups.minor) };
}

function isBelow(version: MinorVersion, threshold: MinorVersion): boolean {
  return version.major < threshold.major || (version.major === threshold.major && version.minor < threshold.minor);
}

/** The model AKS picks for an omitted network plugin, given the cluster's Kubernetes version if known. */
export function platformDefaultFor(kubernetesVersion: string | undefined): { model: ModelId; basis: string } {
  const threshold = PLATFORM_DEFAULT.kubernetesVersionThreshold;
  const version = parseMinorVersion(kubernetesVersion);
  const thresholdVersion = parseMinorVersion(threshold);
  if (version === undefined || thresholdVersion === undefined) {
    return {
      model: PLATFORM_DEFAULT.unknownVersion,
      basis: 'Kubernetes version unknown: the current AKS docs say AKS defaults to Azure CNI Overlay.',
    };
  }
  const shown = `${version.major}.${version.minor}`;
  if (isBelow(version, thresholdVersion)) {
    return {
      model: PLATFORM_DEFAULT.below,
      basis: `Kubernetes ${shown} is below ${threshold}: kubenet. ${UNCONFIRMED_BELOW_THRESHOLD}`,
    };
  }
  return {
    model: PLATFORM_DEFAULT.atOrAbove,
    basis: `Kubernetes ${shown} is ${threshold} or later: Azure CNI Overlay, per the AKS docs and API spec change.`,
  };
}

/** The network an AKS Automatic cluster (`sku.name: Automatic`) gets when it sets none (fact base §1.6, §7). */
export const AKS_AUTOMATIC_NETWORK: Fact<{ plugin: string; pluginMode: string; dataplane: string }> = {
  value: { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium' },
  source: 'https://learn.microsoft.com/en-us/azure/aks/intro-aks-automatic',
  asOf: '2026-12-05',
  confidence: 'confirmed',
  note:
    '"Azure CNI Overlay powered by Cilium is the default virtual network for AKS Automatic clusters" ' +
    '(azure-cni-powered-by-cilium.md, intro-aks-automatic.md).',
};
