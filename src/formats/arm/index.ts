import type { Format, SourceFile } from '../../model/index.js';
import { extract } from './extract.js';

/** How far into a file the sniff looks: `$schema` comes first in every real template. */
const SNIFF_CHARACTERS = 4096;

/** `"$schema": "...deploymentTemplate.json#"` (also subscription-, managementGroup- and tenant-level). */
const TEMPLATE_SCHEMA = /"\$schema"\s*:\s*"[^"]*deploymentTemplate/i;

/** `azuredeploy.parameters.json`, `main.parameters.dev.json`. */
const PARAMETERS_FILE = /\.parameters(?:\.[^/]+)?\.json$/i;

export const arm: Format = {
  id: 'arm',
  displayName: 'ARM template',
  claims: (path) => /\.jsonc?$/i.test(path),
  sniff: (file: SourceFile) => TEMPLATE_SCHEMA.test(file.text.slice(0, SNIFF_CHARACTERS)),
  isContext: (path) => PARAMETERS_FILE.test(path),
  extract,
};

export { extract };
