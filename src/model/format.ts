import type { Cluster, FormatId } from './cluster.js';
import type { Problem } from './finding.js';
import type { FileSet, SourceFile } from './source.js';

export interface ExtractResult {
  clusters: Cluster[];
  problems: Problem[];
}

/**
 * One IaC format. `claims` decides by path alone whether the format reads a file; `extract` is pure and
 * never throws: what it cannot read is a problem, what it cannot resolve is an unresolved setting.
 */
export interface Format {
  id: FormatId;
  displayName: string;
  claims(path: string): boolean;
  /** Loads what the parser needs (a WebAssembly grammar); called once before the first `extract`. */
  init?(): Promise<void>;
  extract(file: SourceFile, files: FileSet): ExtractResult;
}
