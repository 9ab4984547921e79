import type { Format, SourceFile } from '../../model/index.js';
import { extract } from './extract.js';
import { write } from './write.js';

/** How far into a file the sniff looks: `$schema` comes first in every real template. */
const SNIFF_CHARACTERS = 4096;

/** `"$schema": "...deploymentTemplate.json#"` (also subscription-, managementGroup- and tenant-level). */
const TEMPLATE_SCHEMA = /"\$schema"\s*:\s*"[^"]*deploymentTemplate/i;

export const arm: Format = {
  id: 'arm',
  displayName: 'ARM template',
  claims: (path) => /\.jsonc?$/i.test(path),
  sniff: (file: SourceFile) => TEMPLATE_SCHEMA.test(file.text.slice(0, SNIFF_CHARACTERS)),
  isContext: isParametersFile,
  extract,
  write,
};

/**
 * `azuredeploy.parameters.json`, `main.parameters.dev.json`: what `/\.parameters(?:\.[^/]+)?\.json$/i`
 * matches, without its quadratic rescans from every `.parameters` in a hostile path (test/fuzz/redos).
 */
export function isParametersFile(path: string): boolean {
  // ASCII-only lower case keeps offsets (`toLowerCase` can change a string's length).
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  if (!name.endsWith('.json')) return false;
  const marker = '.parameters';
  for (let at = name.indexOf(marker); at !== -1; at = name.indexOf(marker, at + 1)) {
    const rest = at + marker.length;
    // What follows is `.json`, or `.<something>.json`.
    if (name.length - rest === '.json'.length || (name[rest] === '.' && name.length - rest >= '.x.json'.length)) {
      return true;
    }
  }
  return false;
}

export { extract };
