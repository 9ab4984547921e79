import type { Format } from '../../model/index.js';
import { extract } from './extract.js';
import { initParser } from './parse.js';

export { extract } from './extract.js';
export { setGrammarPath, setRuntimePath } from './parse.js';

/** Terraform configuration (`*.tf`, HCL syntax). `*.tf.json` is not read. */
export const terraform: Format = {
  id: 'terraform',
  displayName: 'Terraform',
  claims: (path) => path.endsWith('.tf'),
  // Variable files resolve `var.*`; they define no cluster themselves.
  isContext: (path) => path.endsWith('.tfvars') || path.endsWith('.tfvars.json'),
  init: initParser,
  extract,
};
