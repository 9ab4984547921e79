/** Paths are `/`-separated and relative, with no leading `./`. */
export function normalizePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
}

/** The folder of a `/`-separated path; `''` at the top. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
