import type { Format } from '../../model/index.js';
import { extract } from './extract.js';
import { initParser } from './parse.js';
import { LOCK_FILE } from './provider.js';
import { write } from './write.js';

export { extract } from './extract.js';
export { setGrammarPath, setRuntimePath } from './parse.js';

/** Terraform configuration (`*.tf`, HCL syntax). `*.tf.json` is not read. */
export const terraform: Format = {
  id: 'terraform',
  displayName: 'Terraform',
  claims: (path) => path.endsWith('.tf'),
  // Variable files resolve `var.*`, the lock file gives the selected provider version; they define no cluster.
  isContext: (path) =>
    path.endsWith('.tfvars') || path.endsWith('.tfvars.json') || path === LOCK_FILE || path.endsWith(`/${LOCK_FILE}`),
  init: initParser,
  extract,
  write,
};
