import type { ReplacementEdit } from '../knowledge/replacement.js';
import type { WrittenSetting } from '../knowledge/names.js';
import type { AddressSpace, Cluster, ClusterUpdate, FormatId } from './cluster.js';
import type { Problem } from './finding.js';
import type { FileSet, SourceFile } from './source.js';

export interface ExtractResult {
  clusters: Cluster[];
  problems: Problem[];
  /** Changes to existing clusters (`az aks update`, `Set-AzAksCluster`, a pool added by name), when the format has them. */
  updates?: ClusterUpdate[];
  /** Virtual networks and subnets defined in the file, for the IP-planning rules. */
  addressSpaces?: AddressSpace[];
}

/**
 * One IaC format. `claims` decides by path alone whether the format reads a file; `extract` is pure and
 * never throws: what it cannot read is a problem, what it cannot resolve is an unresolved setting.
 */
export interface Format {
  id: FormatId;
  displayName: string;
  claims(path: string): boolean;
  /**
   * For formats that share a file extension with others (`.json`, `.yaml`): a cheap look at the text to
   * confirm the file is this format's (an ARM `$schema`, a Kubernetes `kind`). Absent means yes.
   */
  sniff?(file: SourceFile): boolean;
  /** Files the format reads for context but that define no cluster themselves (e.g. `*.tfvars`). */
  isContext?(path: string): boolean;
  /** Loads what the parser needs (a WebAssembly grammar); called once before the first `extract`. */
  init?(): Promise<void>;
  extract(file: SourceFile, files: FileSet): ExtractResult;
  /** The write side: how this format spells a setting and the edits that change one (`write.ts`). */
  write: FormatWriter;
}

/**
 * How a format writes settings, so that a rule or a renderer can show a fix in the user's own syntax without
 * knowing the format (as renovate keeps `updateDependency` inside each manager). What a format cannot write
 * is `undefined`, never another format's syntax.
 */
export interface FormatWriter {
  /** One setting as this format writes it: `network_plugin_mode = "overlay"`, `--network-plugin-mode overlay`. */
  spell(key: WrittenSetting, value: string): string;
  /**
   * The settings that make a cluster Azure CNI Overlay, as a migration plan's last step ("make the code say the
   * same"); undefined when there is no code of this format to edit (a plan is regenerated from its configuration).
   */
  overlayEdit(): string | undefined;
  /**
   * `line` (without trailing blanks), which sets the network plugin to `kubenet`, rewritten to Azure CNI Overlay
   * in the line's own syntax: the replacement of a GitHub suggestion. Undefined when the line is not a plain
   * literal setting the format can rewrite exactly, or when applying the edit could replace a running cluster
   * (`added` says the cluster is new in this change, so there is none).
   */
  overlaySuggestion(cluster: Cluster, line: string, added: boolean): string | undefined;
  /**
   * Set when Terraform and its azurerm provider apply this format's code, so the provider's attribute names,
   * removed attributes, validation and replace-vs-update matrix decide what a change does: `configuration` for
   * Terraform code, `plan` for a plan the provider has already made (fixes go into the configuration).
   */
  terraform?: 'configuration' | 'plan';
  /**
   * Set when the format reports clusters as Azure runs them (`az aks show`, Resource Graph): there is no code
   * to edit, a change is an `az aks update` command, and a new file is never a new cluster.
   */
  live?: true;
  /** How a cluster written this way is replaced blue/green, and what just applying the edit does (knowledge). */
  replacement: ReplacementEdit;
}
