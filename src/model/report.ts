import type { ModelId } from '../knowledge/types.js';
import type {
  AddressSpace,
  Cluster,
  ClusterUpdate,
  FormatId,
  NetworkModel,
  NetworkSettingKey,
  NodePool,
} from './cluster.js';
import type { Finding, Severity } from './finding.js';
import type { Setting, UnresolvedSetting } from './setting.js';
import type { SourceRange } from './source.js';

/** A deciding value the analyzer could not resolve, and which setting it is. */
export interface BlockingUnknown {
  key: NetworkSettingKey | 'podSubnetId';
  setting: UnresolvedSetting;
}

/** A cluster's network model and why: the result of `domain/classify`. */
export interface Classification {
  model: NetworkModel;
  /** The line that selects the model (for a module default: the module line). */
  range: SourceRange;
  /** One sentence: why this model. */
  reason: string;
  /** The settings whose values select the model (read by rules as a finding's `decidedBy`). */
  decidedBy: Setting<unknown>[];
  /** For `unresolved`: the values that would decide it. */
  unknowns: BlockingUnknown[];
  /** For `platform-default`: what AKS picks, and on what basis. */
  platformDefault?: { model: ModelId; basis: string };
}

export interface PoolSubnets {
  pool: NodePool;
  node?: AddressSpace;
  pod?: AddressSpace;
}

/** A cluster as rules and renderers see it: the normalized model, its classification, and what it is linked to. */
export interface AnalyzedCluster {
  cluster: Cluster;
  classification: Classification;
  /** Per node pool, the subnets of the configuration it uses (when they are defined in what was analyzed). */
  subnets: PoolSubnets[];
  /** Every virtual network and subnet in the analysis, for overlap checks. */
  addressSpaces: readonly AddressSpace[];
  /** Every change to a cluster in the analysis (`az aks update`, …), e.g. to spot an out-of-band migration. */
  updates: readonly ClusterUpdate[];
  /** With a base version: whether the change adds this cluster, changes its settings, or leaves them. */
  change?: 'added' | 'changed' | 'unchanged';
  /** With a base version: the classification before the change. */
  previousClassification?: Classification;
}

export type ClusterReport = AnalyzedCluster;

export interface AnalyzedFile {
  path: string;
  format: FormatId;
}

/** What a renderer needs to know of a rule (SARIF's rule table): the catalogue travels with the report. */
export interface RuleDescriptor {
  id: string;
  description: string;
  defaultSeverity: Severity;
  helpUri: string;
}

export interface Report {
  tool: { name: string; version: string; knowledgeAsOf: string };
  /** The rules the analysis ran, in registry order. */
  rules: RuleDescriptor[];
  /** Files a format read, with the format that read them. */
  files: AnalyzedFile[];
  clusters: ClusterReport[];
  /** Changes to clusters defined elsewhere (`az aks update`, …). */
  updates: ClusterUpdate[];
  /** Virtual networks and subnets defined in the files. */
  addressSpaces: AddressSpace[];
  /** Sorted by file, line, rule id. */
  findings: Finding[];
  /** With a base: the base's clusters and findings. */
  base?: { clusters: ClusterReport[]; findings: Finding[] };
}

/** A finding as a review sees it: introduced by the change, there before it, or gone with it. */
export type FindingStatus = 'new' | 'unchanged' | 'fixed';

export interface StatusFinding {
  finding: Finding;
  status: FindingStatus;
}
