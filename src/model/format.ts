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
}
