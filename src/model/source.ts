/** A place in a file. Lines are 1-based and inclusive; columns are 1-based when given. */
export interface SourceRange {
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
}

/** A file handed to the analyzer: a `/`-separated path relative to the scan root, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/**
 * Read-only access to the other files of the same analysis, so that a format can resolve a variable
 * default in a sibling file or a parameters file beside a template. The engine builds it from the
 * files it was given; formats never touch the file system.
 */
export interface FileSet {
  get(path: string): SourceFile | undefined;
  /** Files whose path is directly inside `dir` ("" is the root), sorted by path. */
  inDirectory(dir: string): readonly SourceFile[];
  /** A per-analysis cache so that a file parsed for one purpose is not parsed again for another. */
  memo<T>(key: string, compute: () => T): T;
}
