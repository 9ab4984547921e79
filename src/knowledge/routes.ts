import { findMigration } from './migrations.js';
import { LINKS, SOURCE_AS_OF } from './links.js';
import { RETIREMENTS } from './retirements.js';
import { TERRAFORM_CHANGES } from './terraform-changes.js';
import type { TerraformChangeKind } from './terraform-changes.js';
import type { Fact, ModelId } from './types.js';

/**
 * The route table (issue 17): for every ordered pair of network configurations the analyzer classifies, and
 * for every pair of network policy engines, whether AKS makes the move in place (with the command, its
 * prerequisites, whether it can be undone, and the azurerm / API / CLI versions that allow it) or not at all
 * — then the only way there is a new cluster (see `replacement.ts`). Renderers draw only what this table
 * says. Facts from `shared/aks-networking.md` §3 (migration paths), §1.6/§1.7, §2, §4.3 and §7; where the
 * fact base is silent an entry says "unconfirmed" and carries no command.
 */

const DOCS = SOURCE_AS_OF.aksDocs;
const CHANGELOG = SOURCE_AS_OF.aksChangelog;

/**
 * A configuration a route starts or ends at: the classified models, with the Cilium data plane split by the
 * IPAM mode under it (a Cilium cluster keeps its IPAM mode), and the platform default (nothing written).
 */
export type NetworkEndpoint =
  | 'kubenet'
  | 'azure-cni-node-subnet'
  | 'azure-cni-pod-subnet'
  | 'azure-cni-overlay'
  | 'cilium-node-subnet'
  | 'cilium-pod-subnet'
  | 'cilium-overlay'
  | 'byo-cni'
  | 'platform-default';

/** `networkPolicy`: none, Azure NPM, Calico, Cilium. */
export type PolicyEngine = 'none' | 'azure' | 'calico' | 'cilium';

/**
 * `in-place`: one AKS operation; `via`: several, each an in-place route of this table; `none`: AKS has no
 * in-place route (sources say so, or their stated scope excludes it); `unconfirmed`: the sources are silent.
 */
export type RouteKind = 'in-place' | 'via' | 'none' | 'unconfirmed';

export interface RouteLeg<E extends string> {
  from: E;
  to: E;
  /** The command, with `$CLUSTER`, `$RG`, `$POD_CIDR` placeholders. */
  command: string;
  /** What the command does, one sentence. */
  text: string;
  prerequisites: Fact<string>[];
  /** Whether the move can be undone (value false: it cannot). */
  reversible: Fact<boolean>;
  /** The first azurerm version that makes this edit in place; `null`: every version replaces the cluster. */
  azurerm: Fact<string | null>;
  /** The Azure CLI version the command needs; `null`: the fact base does not say. */
  cli: Fact<string | null>;
  /** The API version / AKS release that allows it on an existing cluster. */
  api: Fact<string>;
  docs: string;
}

export interface Route<E extends string> {
  from: E;
  to: E;
  kind: RouteKind;
  /** Why the route is what it is, with its source. */
  basis: Fact<string>;
  /** `in-place`: one leg; `via`: the legs in order; `none` / `unconfirmed`: empty. */
  legs: RouteLeg<E>[];
  /** What Terraform (azurerm) does with the edit when there is no in-place route (or across the legs). */
  terraform: Fact<string | null>;
  docs: string;
}

export type NetworkRoute = Route<NetworkEndpoint>;
export type PolicyRoute = Route<PolicyEngine>;

type Ipam = 'kubenet' | 'node-subnet' | 'pod-subnet' | 'overlay' | 'none' | 'default';

interface EndpointInfo {
  id: NetworkEndpoint;
  name: string;
  ipam: Ipam;
  dataplane: 'azure' | 'cilium';
  /** The classified model this endpoint belongs to (`undefined` for the platform default). */
  model?: ModelId;
}

export const NETWORK_ENDPOINTS: Record<NetworkEndpoint, EndpointInfo> = {
  kubenet: { id: 'kubenet', name: 'kubenet', ipam: 'kubenet', dataplane: 'azure', model: 'kubenet' },
  'azure-cni-node-subnet': {
    id: 'azure-cni-node-subnet',
    name: 'Azure CNI Node Subnet',
    ipam: 'node-subnet',
    dataplane: 'azure',
    model: 'azure-cni-node-subnet',
  },
  'azure-cni-pod-subnet': {
    id: 'azure-cni-pod-subnet',
    name: 'Azure CNI Pod Subnet',
    ipam: 'pod-subnet',
    dataplane: 'azure',
    model: 'azure-cni-pod-subnet',
  },
  'azure-cni-overlay': {
    id: 'azure-cni-overlay',
    name: 'Azure CNI Overlay',
    ipam: 'overlay',
    dataplane: 'azure',
    model: 'azure-cni-overlay',
  },
  'cilium-node-subnet': {
    id: 'cilium-node-subnet',
    name: 'Azure CNI Node Subnet with the Cilium data plane',
    ipam: 'node-subnet',
    dataplane: 'cilium',
    model: 'azure-cni-cilium',
  },
  'cilium-pod-subnet': {
    id: 'cilium-pod-subnet',
    name: 'Azure CNI Pod Subnet with the Cilium data plane',
    ipam: 'pod-subnet',
    dataplane: 'cilium',
    model: 'azure-cni-cilium',
  },
  'cilium-overlay': {
    id: 'cilium-overlay',
    name: 'Azure CNI Overlay with the Cilium data plane',
    ipam: 'overlay',
    dataplane: 'cilium',
    model: 'azure-cni-cilium',
  },
  'byo-cni': { id: 'byo-cni', name: 'BYO CNI', ipam: 'none', dataplane: 'azure', model: 'byo-cni' },
  'platform-default': {
    id: 'platform-default',
    name: 'the platform default (no network plugin written)',
    ipam: 'default',
    dataplane: 'azure',
  },
};

export const POLICY_ENGINE_NAMES: Record<PolicyEngine, string> = {
  none: 'no network policy',
  azure: 'Azure NPM',
  calico: 'Calico',
  cilium: 'Cilium network policy',
};

function fact<T>(value: T, source: string, confidence: Fact<T>['confidence'], note?: string, asOf = DOCS): Fact<T> {
  return note === undefined ? { value, source, asOf, confidence } : { value, source, asOf, confidence, note };
}

// Commands, as the fact base writes them (§3.1–§3.5).
const UPDATE = 'az aks update -n $CLUSTER -g $RG';
const TO_OVERLAY = `${UPDATE} --network-plugin azure --network-plugin-mode overlay`;
const TO_OVERLAY_WITH_POD_CIDR = `${TO_OVERLAY} --pod-cidr $POD_CIDR`;
const TO_CILIUM = `${UPDATE} --network-dataplane cilium`;

const IPAM_SCOPE =
  'IPAM migration is forward-only and irreversible, goes only to Azure CNI Overlay, and only from kubenet or ' +
  'Azure CNI Node Subnet.';

// Versions (§3, §4.3, §7).

/** The matrix row's in-place version; with several rows, the newest (every edit must be in place). */
function azurermFor(kinds: TerraformChangeKind[]): Fact<string | null> {
  const rows = kinds.map((kind) => TERRAFORM_CHANGES[kind].inPlaceSince);
  if (rows.some((row) => row.value === null)) return rows.find((row) => row.value === null) ?? rows[0]!;
  return rows.reduce((newest, row) => (compareVersions(row.value ?? '0', newest.value ?? '0') > 0 ? row : newest));
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** §3.2 / §4.3 corrected 2026-12-05: Node Subnet → Overlay needs a pod_cidr, ForceNew up to 4.65.0. */
const AZURERM_NODE_SUBNET_TO_OVERLAY: Fact<string | null> = {
  value: '4.66.0',
  source: LINKS.azurermChangelogV4.url,
  asOf: SOURCE_AS_OF.azurerm,
  confidence: 'confirmed',
  note:
    'network_plugin_mode = "overlay" needs a pod_cidr, and pod_cidr was ForceNew up to 4.65.0, so 3.72.0–4.65.0 ' +
    'plan destroy/recreate (provider issue #26259, fixed by PR #30959 in 4.66.0; fact base corrected 2026-12-05).',
};

const CLI_UPDATE_PLUGIN: Fact<string | null> = fact(
  null,
  LINKS.updateAzureCni.url,
  'unconfirmed',
  '`az aks update --network-plugin` came with azure-cli PR #28042 (Dec 2023); the release that first shipped it ' +
    'is unconfirmed (fact base §7.11).',
);
const CLI_2_52 = fact<string | null>('2.52.0', LINKS.updateAzureCni.url, 'confirmed');
const CLI_2_69 = fact<string | null>(
  '2.69.0',
  LINKS.cilium.url,
  'confirmed',
  'Cilium on Node Subnet needs Azure CLI 2.69.0 or later (2.52.0 for --network-dataplane in general).',
);
const CLI_POLICY = fact<string | null>(
  null,
  LINKS.networkPolicies.url,
  'unconfirmed',
  'The fact base names no minimum Azure CLI version for --network-policy on an existing cluster.',
);

function apiFact(value: string, note: string): Fact<string> {
  return fact(
    value,
    LINKS.aksChangelog.url,
    'unconfirmed',
    `${note} The first stable API version carrying networkPluginMode and networkDataplane is not pinned down ` +
      '(fact base §7.2); both are in stable 2024-08-01 and later.',
    CHANGELOG,
  );
}

const API_KUBENET_TO_OVERLAY = apiFact('AKS release 2024-01-23 (kubenet → Overlay update GA)', 'Release notes.');
const API_NODE_SUBNET_TO_OVERLAY = apiFact('AKS release 2023-06-11 (Node Subnet → Overlay GA)', 'Release notes.');
const API_CILIUM = apiFact(
  'AKS release 2023-07-16 (existing clusters can set networkDataplane=cilium)',
  'Release notes.',
);
const API_CILIUM_NODE_SUBNET = apiFact(
  'AKS release 2025-05-19 (Node Subnet → Node Subnet with Cilium and Node Subnet with Cilium → Overlay with Cilium)',
  'Release notes.',
);
const API_POLICY: Fact<string> = fact(
  'Install and uninstall of Azure NPM / Calico on existing clusters; rejected on Kubernetes below 1.30 since AKS ' +
    'release 2026-05-29',
  LINKS.networkPolicies.url,
  'confirmed',
);

// Reversibility.

const IPAM_IRREVERSIBLE = fact(false, LINKS.updateAzureCni.url, 'confirmed', IPAM_SCOPE);
const CILIUM_ONE_WAY = fact(
  false,
  LINKS.updateAzureCni.url,
  'inferred',
  'The migration doc lists moves to the Cilium data plane only, none back; in Terraform network_data_plane ' +
    'cilium → azure replaces the cluster in every azurerm version.',
);
const POLICY_REVERSIBLE = fact(
  true,
  LINKS.networkPolicies.url,
  'confirmed',
  'az aks update --network-policy none uninstalls it again (reimaging the node pools; Calico leaves its CRDs). ' +
    'Terraform cannot write network_policy = "none": removing it replaces the cluster.',
);

// Prerequisites: the facts of the migration paths (migrations.ts), so both tables say the same.

function prerequisitesOf(from: ModelId, to: ModelId): Fact<string>[] {
  return findMigration(from, to)?.prerequisites ?? [];
}

const KUBENET_RETIRES = RETIREMENTS.kubenet.date;

// The legs: every in-place move AKS documents (§3.1–§3.4).

const LEG_KUBENET_TO_OVERLAY: RouteLeg<NetworkEndpoint> = {
  from: 'kubenet',
  to: 'azure-cni-overlay',
  command: TO_OVERLAY,
  text:
    'Migrate kubenet to Azure CNI Overlay in place, keeping the pod CIDR (a different --pod-cidr is allowed since ' +
    'AKS release 2025-08-29); all node pools are reimaged at the same time.',
  prerequisites: prerequisitesOf('kubenet', 'azure-cni-overlay'),
  reversible: IPAM_IRREVERSIBLE,
  azurerm: azurermFor(['plugin-kubenet-to-overlay']),
  cli: CLI_UPDATE_PLUGIN,
  api: API_KUBENET_TO_OVERLAY,
  docs: LINKS.updateAzureCni.url,
};

function nodeSubnetToOverlay(from: NetworkEndpoint, to: NetworkEndpoint, api: Fact<string>): RouteLeg<NetworkEndpoint> {
  return {
    from,
    to,
    command: TO_OVERLAY_WITH_POD_CIDR,
    text:
      'Migrate Azure CNI Node Subnet to Overlay in place with a new pod CIDR (required); all node pools are ' +
      'reimaged at the same time.',
    prerequisites: prerequisitesOf('azure-cni-node-subnet', 'azure-cni-overlay'),
    reversible: IPAM_IRREVERSIBLE,
    azurerm: AZURERM_NODE_SUBNET_TO_OVERLAY,
    cli: CLI_UPDATE_PLUGIN,
    api,
    docs: LINKS.updateAzureCni.url,
  };
}

function toCilium(from: NetworkEndpoint, to: NetworkEndpoint, model: ModelId): RouteLeg<NetworkEndpoint> {
  const nodeSubnet = from === 'azure-cni-node-subnet';
  return {
    from,
    to,
    command: TO_CILIUM,
    text:
      'Enable the Cilium data plane in place, keeping the IPAM mode; all node pools are reimaged at the same time ' +
      'and Cilium enforces network policies only after all nodes are reimaged.',
    prerequisites: prerequisitesOf(model, 'azure-cni-cilium'),
    reversible: CILIUM_ONE_WAY,
    azurerm: azurermFor(['dataplane-azure-to-cilium']),
    cli: nodeSubnet ? CLI_2_69 : CLI_2_52,
    api: nodeSubnet ? API_CILIUM_NODE_SUBNET : API_CILIUM,
    docs: LINKS.updateAzureCni.url,
  };
}

const NETWORK_LEGS: RouteLeg<NetworkEndpoint>[] = [
  LEG_KUBENET_TO_OVERLAY,
  nodeSubnetToOverlay('azure-cni-node-subnet', 'azure-cni-overlay', API_NODE_SUBNET_TO_OVERLAY),
  nodeSubnetToOverlay('cilium-node-subnet', 'cilium-overlay', API_CILIUM_NODE_SUBNET),
  toCilium('azure-cni-node-subnet', 'cilium-node-subnet', 'azure-cni-node-subnet'),
  toCilium('azure-cni-pod-subnet', 'cilium-pod-subnet', 'azure-cni-pod-subnet'),
  toCilium('azure-cni-overlay', 'cilium-overlay', 'azure-cni-overlay'),
];

/** Multi-step routes: the endpoints they pass through (each step is a leg above). */
const VIA: Partial<Record<`${NetworkEndpoint}>${NetworkEndpoint}`, NetworkEndpoint[]>> = {
  'kubenet>cilium-overlay': ['kubenet', 'azure-cni-overlay', 'cilium-overlay'],
  'azure-cni-node-subnet>cilium-overlay': ['azure-cni-node-subnet', 'azure-cni-overlay', 'cilium-overlay'],
};

function findLeg<E extends string>(legs: RouteLeg<E>[], from: E, to: E): RouteLeg<E> | undefined {
  return legs.find((leg) => leg.from === from && leg.to === to);
}

function legsThrough<E extends string>(legs: RouteLeg<E>[], stops: E[]): RouteLeg<E>[] {
  return stops.slice(1).map((to, index) => {
    const leg = findLeg(legs, stops[index]!, to);
    if (leg === undefined) throw new Error(`route table: no leg ${stops[index]} -> ${to}`);
    return leg;
  });
}

function viaTerraform(legs: RouteLeg<string>[]): Fact<string | null> {
  return fact(
    `One apply per step (${legs.map((leg) => `azurerm ${leg.azurerm.value ?? 'replaces'}`).join(', then ')}).`,
    LINKS.azurermChangelogV4.url,
    'inferred',
    "Derived from the steps' provider versions and AKS's rule that IPAM and data plane change in separate " +
      'operations; a single plan doing both was not checked.',
    SOURCE_AS_OF.azurerm,
  );
}

/** Caveats on one in-place route, where the sources leave part of it open. */
const IN_PLACE_NOTES: Partial<Record<string, string>> = {
  'azure-cni-pod-subnet>cilium-pod-subnet':
    'The migration doc names dynamic IP allocation; static block allocation is not mentioned (unconfirmed).',
  'kubenet>azure-cni-overlay':
    'With Calico on the cluster the sources disagree (fact base §7.4): treat Calico as a blocker and uninstall it first.',
};

function inPlace<E extends string>(leg: RouteLeg<E>): Route<E> {
  return {
    from: leg.from,
    to: leg.to,
    kind: 'in-place',
    basis: fact(leg.text, leg.docs, 'confirmed', IN_PLACE_NOTES[`${leg.from}>${leg.to}`]),
    legs: [leg],
    terraform: leg.azurerm,
    docs: leg.docs,
  };
}

function via<E extends string>(
  legs: RouteLeg<E>[],
  stops: E[],
  basis: Fact<string>,
  terraform?: Fact<string | null>,
): Route<E> {
  const route = legsThrough(legs, stops);
  return {
    from: stops[0]!,
    to: stops.at(-1)!,
    kind: 'via',
    basis,
    legs: route,
    terraform: terraform ?? viaTerraform(route),
    docs: route[0]!.docs,
  };
}

function noRoute<E extends string>(from: E, to: E, basis: Fact<string>, terraform: Fact<string | null>): Route<E> {
  return { from, to, kind: 'none', basis, legs: [], terraform, docs: basis.source };
}

function unconfirmed<E extends string>(from: E, to: E, basis: Fact<string>, terraform: Fact<string | null>): Route<E> {
  return { from, to, kind: 'unconfirmed', basis, legs: [], terraform, docs: basis.source };
}

const TERRAFORM_UNKNOWN: Fact<string | null> = fact(
  null,
  LINKS.azurermClusterResource.url,
  'unconfirmed',
  'No in-place route exists in AKS, so no azurerm version can make this change in place; the exact plan was ' +
    'not checked.',
  SOURCE_AS_OF.azurerm,
);

const TERRAFORM_PLATFORM_DEFAULT: Fact<string | null> = fact(
  null,
  LINKS.azurermClusterResource.url,
  'unconfirmed',
  'network_profile is ForceNew as a block (adding or removing it); whether that replaces an existing cluster is ' +
    "the fact base's reading of SDK semantics, not tested (§4.3, §7.17).",
  SOURCE_AS_OF.azurerm,
);

/** What Terraform does when the edit has no in-place route, by what the edit touches (§4.3 matrix). */
function terraformForNone(from: EndpointInfo, to: EndpointInfo): Fact<string | null> {
  if (
    from.ipam !== to.ipam &&
    (from.ipam === 'kubenet' || to.ipam === 'kubenet' || from.ipam === 'none' || to.ipam === 'none')
  )
    return TERRAFORM_CHANGES['plugin-other'].inPlaceSince;
  if (from.ipam === 'overlay' && to.ipam !== 'overlay') return TERRAFORM_CHANGES['plugin-mode-removed'].inPlaceSince;
  if (from.dataplane === 'cilium' && to.dataplane === 'azure')
    return TERRAFORM_CHANGES['dataplane-cilium-to-azure'].inPlaceSince;
  return TERRAFORM_UNKNOWN;
}

/** The network route for one ordered pair, by the fact base's rules, most specific first. */
function networkRoute(fromId: NetworkEndpoint, toId: NetworkEndpoint): NetworkRoute {
  const from = NETWORK_ENDPOINTS[fromId];
  const to = NETWORK_ENDPOINTS[toId];
  if (from.ipam === 'default' || to.ipam === 'default') {
    return unconfirmed(
      fromId,
      toId,
      fact(
        'The fact base does not say what AKS does when a network plugin that was left to the platform default is ' +
          'written down, or one that was written is removed, on an existing cluster.',
        LINKS.defaultPluginSpecPr.url,
        'unconfirmed',
        'AKS picks the default by Kubernetes version (Overlay from 1.30); the route is the one from or to the ' +
          'model it picked, if the IaC tool sends the same value.',
        '2024-10-03',
      ),
      TERRAFORM_PLATFORM_DEFAULT,
    );
  }
  const leg = findLeg(NETWORK_LEGS, fromId, toId);
  if (leg !== undefined) return inPlace(leg);
  const stops = VIA[`${fromId}>${toId}`];
  if (stops !== undefined) {
    return via(
      NETWORK_LEGS,
      stops,
      fact(
        'The IPAM mode and the data plane change in separate operations: first the IPAM mode to Overlay, then ' +
          'the Cilium data plane.',
        LINKS.updateAzureCni.url,
        'confirmed',
        fromId === 'kubenet' ? 'kubenet cannot move to the Cilium data plane directly.' : undefined,
      ),
    );
  }
  const terraform = terraformForNone(from, to);
  if (toId === 'kubenet') {
    return noRoute(
      fromId,
      toId,
      fact(
        `No in-place route leads to kubenet: ${IPAM_SCOPE}`,
        LINKS.updateAzureCni.url,
        'confirmed',
        `kubenet itself retires on ${KUBENET_RETIRES.value} (${KUBENET_RETIRES.source}).`,
      ),
      terraform,
    );
  }
  if (fromId === 'byo-cni' || toId === 'byo-cni') {
    return noRoute(
      fromId,
      toId,
      fact(
        `No in-place route ${fromId === 'byo-cni' ? 'from' : 'to'} BYO CNI (network plugin "none"): ${IPAM_SCOPE}`,
        LINKS.updateAzureCni.url,
        'inferred',
        "BYO CNI is outside the migration doc's scope, which lists every supported path.",
      ),
      terraform,
    );
  }
  if (from.dataplane === 'cilium' && to.dataplane === 'azure') {
    return noRoute(
      fromId,
      toId,
      fact(
        'No route leaves the Cilium data plane: the migration doc supports moves to Cilium only, and Terraform ' +
          'replaces the cluster for network_data_plane cilium → azure in every azurerm version.',
        LINKS.updateAzureCni.url,
        'inferred',
        'No Microsoft doc describes switching the data plane back; the doc lists every supported path.',
      ),
      terraform,
    );
  }
  if (from.ipam === 'pod-subnet' && to.ipam === 'overlay') {
    return noRoute(
      fromId,
      toId,
      fact(
        'Azure CNI Pod Subnet (dynamic IP allocation) clusters cannot migrate to Overlay.',
        LINKS.updateAzureCni.url,
        'confirmed',
      ),
      terraform,
    );
  }
  if (from.ipam === 'kubenet' && to.dataplane === 'cilium') {
    return noRoute(
      fromId,
      toId,
      fact(
        `kubenet cannot move to the Cilium data plane directly, and ${IPAM_SCOPE.charAt(0).toLowerCase()}${IPAM_SCOPE.slice(1)}`,
        LINKS.updateAzureCni.url,
        'confirmed',
      ),
      terraform,
    );
  }
  if (from.ipam !== to.ipam) {
    return noRoute(fromId, toId, fact(IPAM_SCOPE, LINKS.updateAzureCni.url, 'confirmed'), terraform);
  }
  // Same IPAM mode and data plane left: nothing else is documented (none here today; kept total).
  return unconfirmed(
    fromId,
    toId,
    fact('The fact base has no route for this move.', LINKS.updateAzureCni.url, 'unconfirmed'),
    terraform,
  );
}

function pairs<E extends string>(ids: readonly E[]): [E, E][] {
  return ids.flatMap((from) => ids.filter((to) => to !== from).map((to): [E, E] => [from, to]));
}

export const NETWORK_ENDPOINT_IDS = Object.keys(NETWORK_ENDPOINTS) as NetworkEndpoint[];

/** Every ordered pair of network configurations, exactly once. */
export const NETWORK_ROUTES: NetworkRoute[] = pairs(NETWORK_ENDPOINT_IDS).map(([from, to]) => networkRoute(from, to));

// Network policy engines (§1.7, §3.3–§3.5).

const POLICY_PREREQUISITES = {
  kubernetes130: fact(
    'Kubernetes 1.30 or later: since AKS release 2026-05-29 AKS rejects installing or uninstalling Azure NPM and ' +
      'Calico below 1.30.',
    LINKS.aksChangelog.url,
    'confirmed',
    undefined,
    CHANGELOG,
  ),
  reimage: fact(
    'Installing or uninstalling a policy engine reimages all node pools.',
    LINKS.networkPolicies.url,
    'confirmed',
  ),
  npmNotKubenet: fact(
    'The cluster uses Azure CNI: Azure NPM is not supported on kubenet, and neither engine with the Cilium data plane.',
    LINKS.networkPolicies.url,
    'confirmed',
  ),
  calicoCni: fact(
    'The cluster uses Azure CNI or kubenet (Linux) without the Cilium data plane.',
    LINKS.networkPolicies.url,
    'confirmed',
  ),
  npmRetires: fact(
    'Azure NPM retires on Windows nodes on 2026-09-30 and on Linux nodes on 2028-09-30.',
    LINKS.npmRetirementLinux.url,
    'confirmed',
  ),
};

const POLICY_CILIUM_PREREQUISITES = prerequisitesOf('azure-cni-overlay', 'azure-cni-cilium');

function policyLeg(
  from: PolicyEngine,
  to: PolicyEngine,
  leg: Omit<RouteLeg<PolicyEngine>, 'from' | 'to' | 'docs' | 'cli' | 'api'> &
    Partial<Pick<RouteLeg<PolicyEngine>, 'docs' | 'cli' | 'api'>>,
): RouteLeg<PolicyEngine> {
  return { from, to, docs: LINKS.networkPolicies.url, cli: CLI_POLICY, api: API_POLICY, ...leg };
}

const POLICY_UNINSTALL_TERRAFORM = TERRAFORM_CHANGES['policy-other'].inPlaceSince;

const POLICY_LEGS: RouteLeg<PolicyEngine>[] = [
  policyLeg('none', 'azure', {
    command: `${UPDATE} --network-policy azure`,
    text: 'Install Azure NPM in place.',
    prerequisites: [
      POLICY_PREREQUISITES.npmNotKubenet,
      POLICY_PREREQUISITES.kubernetes130,
      POLICY_PREREQUISITES.reimage,
      POLICY_PREREQUISITES.npmRetires,
    ],
    reversible: POLICY_REVERSIBLE,
    azurerm: TERRAFORM_CHANGES['policy-added-azure'].inPlaceSince,
  }),
  policyLeg('none', 'calico', {
    command: `${UPDATE} --network-policy calico`,
    text: 'Install Calico in place.',
    prerequisites: [POLICY_PREREQUISITES.calicoCni, POLICY_PREREQUISITES.kubernetes130, POLICY_PREREQUISITES.reimage],
    reversible: POLICY_REVERSIBLE,
    azurerm: TERRAFORM_CHANGES['policy-added-calico'].inPlaceSince,
  }),
  policyLeg('azure', 'none', {
    command: `${UPDATE} --network-policy none`,
    text: 'Uninstall Azure NPM in place.',
    prerequisites: [POLICY_PREREQUISITES.kubernetes130, POLICY_PREREQUISITES.reimage],
    reversible: POLICY_REVERSIBLE,
    azurerm: POLICY_UNINSTALL_TERRAFORM,
  }),
  policyLeg('calico', 'none', {
    command: `${UPDATE} --network-policy none`,
    text: 'Uninstall Calico in place (its CRDs stay behind).',
    prerequisites: [POLICY_PREREQUISITES.kubernetes130, POLICY_PREREQUISITES.reimage],
    reversible: POLICY_REVERSIBLE,
    azurerm: POLICY_UNINSTALL_TERRAFORM,
  }),
  ...(['none', 'azure', 'calico'] as const).map((from) =>
    policyLeg(from, 'cilium', {
      command: TO_CILIUM,
      text:
        'Enable the Cilium data plane, which makes Cilium the policy engine (an existing Azure NPM or Calico is ' +
        'uninstalled and replaced); Linux only.',
      prerequisites: POLICY_CILIUM_PREREQUISITES,
      reversible: CILIUM_ONE_WAY,
      azurerm:
        TERRAFORM_CHANGES[
          from === 'azure'
            ? 'policy-azure-to-cilium'
            : from === 'calico'
              ? 'policy-calico-to-cilium'
              : 'policy-added-cilium'
        ].inPlaceSince,
      cli: CLI_2_52,
      api: API_CILIUM,
      docs: from === 'azure' ? LINKS.npmToCilium.url : LINKS.updateAzureCni.url,
    }),
  ),
];

function policyRoute(from: PolicyEngine, to: PolicyEngine): PolicyRoute {
  const leg = findLeg(POLICY_LEGS, from, to);
  if (leg !== undefined) return inPlace(leg);
  if (from !== 'cilium' && to !== 'cilium' && from !== 'none' && to !== 'none') {
    return via(
      POLICY_LEGS,
      [from, 'none', to],
      fact(
        'Changing the policy engine goes through none: uninstall, then install.',
        LINKS.networkPolicies.url,
        'confirmed',
      ),
      // One edit of network_policy in Terraform, which replaces the cluster (azure <-> calico).
      POLICY_UNINSTALL_TERRAFORM,
    );
  }
  if (to === 'none') {
    return unconfirmed(
      from,
      to,
      fact(
        'Whether AKS accepts network policy "none" on a cluster with the Cilium data plane is not stated.',
        LINKS.cilium.url,
        'unconfirmed',
        'Fact base §7.8; Cilium policy comes with the Cilium data plane, which has no documented way back.',
      ),
      POLICY_UNINSTALL_TERRAFORM,
    );
  }
  return noRoute(
    from,
    to,
    fact(
      'With the Cilium data plane, Cilium is the only policy engine, and no documented route leaves the Cilium data ' +
        'plane.',
      LINKS.cniOverview.url,
      'inferred',
      'The comparison matrix lists "Cilium only" for the Cilium data plane; the migration doc supports moves to ' +
        'Cilium only.',
    ),
    POLICY_UNINSTALL_TERRAFORM,
  );
}

export const POLICY_ENGINE_IDS: PolicyEngine[] = ['none', 'azure', 'calico', 'cilium'];

/** Every ordered pair of policy engines, exactly once. */
export const POLICY_ROUTES: PolicyRoute[] = pairs(POLICY_ENGINE_IDS).map(([from, to]) => policyRoute(from, to));

export function routeBetween(from: NetworkEndpoint, to: NetworkEndpoint): NetworkRoute | undefined {
  return NETWORK_ROUTES.find((route) => route.from === from && route.to === to);
}

export function policyRouteBetween(from: PolicyEngine, to: PolicyEngine): PolicyRoute | undefined {
  return POLICY_ROUTES.find((route) => route.from === from && route.to === to);
}

/** True when the route is made without a new cluster. */
export function hasInPlaceRoute(route: Route<string>): boolean {
  return route.kind === 'in-place' || route.kind === 'via';
}

/** The prerequisites of every leg, each once. */
export function routePrerequisites(route: Route<string>): Fact<string>[] {
  return [...new Set(route.legs.flatMap((leg) => leg.prerequisites))];
}

/** True when some leg cannot be undone. */
export function routeIrreversible(route: Route<string>): boolean {
  return route.legs.some((leg) => !leg.reversible.value);
}
