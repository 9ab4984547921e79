import type { Format, SourceFile } from '../../model/index.js';
import { extract } from './extract.js';
import { write } from './write.js';

/** `"type": "Microsoft.ContainerService/ManagedClusters"` (az aks), lower case from Resource Graph. */
const CLUSTER_TYPE = /"type"\s*:\s*"microsoft\.containerservice\/managedclusters"/i;
/** Every resource Azure reports carries its full ID; templates, plans and manifests write none. */
const RESOURCE_ID = /"id"\s*:\s*"\/subscriptions\/[^"/]+\/resourcegroups\//i;
/** What marks the JSON dialects read before this one (their own sniffs claim them first anyway). */
const OTHER_DIALECT = /"\$schema"\s*:\s*"[^"]*deployment(?:Template|Parameters)|"terraform_version"\s*:/i;

export const azureLive: Format = {
  id: 'azure-live',
  displayName: 'Live clusters (az aks, Resource Graph)',
  claims: (path) => /\.json$/i.test(path),
  // By content, not by name: `az aks list -o json > anything.json`. `az` sorts keys, so `type` comes last.
  sniff: (file: SourceFile) =>
    CLUSTER_TYPE.test(file.text) && RESOURCE_ID.test(file.text) && !OTHER_DIALECT.test(file.text),
  extract,
  write,
};

export { extract };
