/**
 * The knowledge base's shapes. Every fact that reaches a user carries the URL it comes from and the date
 * the source was read (`asOf`), so a message can cite it and a stale fact can be found.
 * The facts themselves come from `shared/aks-networking.md` (the team's curated fact base), never memory.
 */

/** ISO date, YYYY-MM-DD. */
export type IsoDate = string;

/** How sure the fact base is: read verbatim, deduced, sources disagree, or secondary only. */
export type Confidence = 'confirmed' | 'inferred' | 'conflict' | 'unconfirmed';

export interface Fact<T> {
  value: T;
  /** The primary source, as a URL a user can open. */
  source: string;
  asOf: IsoDate;
  confidence: Confidence;
  /** Anything the user should know with the fact (a conflict between sources, a caveat). */
  note?: string;
}

/** The models a cluster can be *in* (classification adds `platform-default` and `unresolved`). */
export type ModelId =
  'kubenet' | 'azure-cni-node-subnet' | 'azure-cni-pod-subnet' | 'azure-cni-overlay' | 'azure-cni-cilium' | 'byo-cni';

export type ModelStatus = 'retiring' | 'legacy' | 'recommended' | 'not-managed';

export interface ModelInfo {
  id: ModelId;
  /** Microsoft's name, e.g. "Azure CNI Overlay". */
  name: string;
  /** How the API selects it, e.g. "networkPlugin: azure, networkPluginMode: overlay". */
  selectedBy: string;
  status: Fact<ModelStatus>;
  /** One or two sentences: what it is. */
  summary: Fact<string>;
  /** The Microsoft Learn page for the model. */
  docs: string;
}

export type RetirementId = 'kubenet' | 'azure-npm-windows' | 'azure-npm-linux' | 'basic-load-balancer';

export interface Retirement {
  id: RetirementId;
  /** What retires, e.g. "kubenet networking". */
  subject: string;
  /** The end-of-support date. */
  date: Fact<IsoDate>;
  /** What happens then, in one sentence. */
  effect: Fact<string>;
  /** Where it was announced (Azure Updates, GitHub). */
  announcements: string[];
  /** Where to read how to move off it. */
  migrationDocs: string;
}

/** A column of the comparison matrix: the models a user chooses between. */
export type ComparisonColumn = Exclude<ModelId, 'byo-cni'>;

export interface ComparisonRow {
  id: string;
  /** Row label, e.g. "Max nodes / cluster". */
  label: string;
  values: Record<ComparisonColumn, string>;
  sources: string[];
  asOf: IsoDate;
}

export interface MigrationStep {
  /** What to do, in one imperative sentence. */
  text: string;
  /** A command to run, with `$CLUSTER`, `$RG` and `$POD_CIDR` placeholders. */
  command?: string;
}

export interface MigrationPath {
  from: ModelId;
  to: ModelId;
  supported: Fact<boolean>;
  /** For unsupported paths: the supported route, e.g. kubenet -> overlay -> cilium. */
  route?: ModelId[];
  prerequisites: Fact<string>[];
  steps: MigrationStep[];
  irreversible: boolean;
  /** What Terraform (azurerm) does with the edit: in place from which provider version, or a replacement. */
  terraform?: Fact<string>;
  docs: string;
}

/** What AKS picks when the network plugin is not given. */
export interface PlatformDefault {
  /** Kubernetes versions below this get `below`, the rest `atOrAbove`. */
  kubernetesVersionThreshold: string;
  below: ModelId;
  atOrAbove: ModelId;
  /** When the Kubernetes version is unknown. */
  unknownVersion: ModelId;
  fact: Fact<string>;
}

export interface Link {
  title: string;
  url: string;
}
