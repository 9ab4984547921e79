import type { Format } from '../../model/index.js';
import { extract, mentionsOurKinds } from './extract.js';
import { write } from './write.js';

/** Kubernetes custom resources that define AKS clusters: ASO v2, CAPZ and Crossplane. */
export const kubernetes: Format = {
  id: 'kubernetes',
  displayName: 'Kubernetes custom resources',
  claims: (path) => /\.ya?ml$/i.test(path),
  sniff: (file) => mentionsOurKinds(file.text),
  extract,
  write,
};

export { extract };
