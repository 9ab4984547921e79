/** Paths are `/`-separated and relative, with no leading `./`. */
export function normalizePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
}

/** The folder of a `/`-separated path; `''` at the top. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Joins a relative reference (`../modules/aks`) to a directory; undefined when it leaves the root. */
export function joinRelative(dir: string, reference: string): string | undefined {
  const segments = dir === '' ? [] : dir.split('/');
  for (const segment of reference.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/** `text` without the slashes it ends with; a loop, not `/\/+$/`, which is quadratic on a long run of slashes. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end -= 1;
  return text.slice(0, end);
}
