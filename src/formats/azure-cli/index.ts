import type { Format, SourceFile } from '../../model/index.js';
import { extract } from './extract.js';
import { hasAzCommand } from './hosts.js';

const SCRIPT = /\.(?:sh|bash|zsh)$/i;
const MAKEFILE = /(?:^|\/)(?:Makefile|makefile|GNUmakefile|[^/]+\.mk)$/;
const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const PIPELINE = /(?:^|\/)(?:azure-pipelines[^/]*|[^/]+\.azure-pipelines)\.ya?ml$/i;
const PIPELINE_FOLDER = /(?:^|\/)\.(?:azuredevops|pipelines)\/(?:[^/]+\/)*[^/]+\.ya?ml$/i;
const MARKDOWN = /\.mdx?$/i;

export const azureCli: Format = {
  id: 'azure-cli',
  displayName: 'Azure CLI',
  claims(path: string): boolean {
    return [SCRIPT, MAKEFILE, WORKFLOW, PIPELINE, PIPELINE_FOLDER, MARKDOWN].some((pattern) => pattern.test(path));
  },
  /** Only files that say `az aks` or `az network vnet` (YAML and Markdown are shared with other formats). */
  sniff(file: SourceFile): boolean {
    return hasAzCommand(file.text);
  },
  extract,
};
