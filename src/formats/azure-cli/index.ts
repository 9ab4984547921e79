import type { Format, SourceFile } from '../../model/index.js';
import { extract } from './extract.js';
import { hasAzCommand } from '../shared/az/detect.js';
import { write } from './write.js';

const SCRIPT = /\.(?:sh|bash|zsh)$/i;
const MAKEFILE = /(?:^|\/)(?:Makefile|makefile|GNUmakefile|[^/]+\.mk)$/;
const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const PIPELINE = /(?:^|\/)(?:azure-pipelines[^/]*|[^/]+\.azure-pipelines)\.ya?ml$/i;
const PIPELINE_FILE_NAME = /^[^/]+\.ya?ml$/i;
const PIPELINE_FOLDER_NAME = /^\.(?:azuredevops|pipelines)$/i;
const MARKDOWN = /\.mdx?$/i;

export const azureCli: Format = {
  id: 'azure-cli',
  displayName: 'Azure CLI',
  claims(path: string): boolean {
    return (
      [SCRIPT, MAKEFILE, WORKFLOW, PIPELINE, MARKDOWN].some((pattern) => pattern.test(path)) || inPipelineFolder(path)
    );
  },
  /** Only files that say `az aks` or `az network vnet` (YAML and Markdown are shared with other formats). */
  sniff(file: SourceFile): boolean {
    return hasAzCommand(file.text);
  },
  extract,
  write,
};

/**
 * A YAML file anywhere under `.azuredevops/` or `.pipelines/`: what
 * `/(?:^|\/)\.(?:azuredevops|pipelines)\/(?:[^/]+\/)*[^/]+\.ya?ml$/i` matches, without its quadratic rescans
 * from every such folder in a hostile path (test/fuzz/redos).
 */
export function inPipelineFolder(path: string): boolean {
  const folders = path.split('/');
  const name = folders.pop() ?? '';
  if (!PIPELINE_FILE_NAME.test(name)) return false;
  for (let index = folders.length - 1; index >= 0; index--) {
    const folder = folders[index] ?? '';
    if (folder === '') return false;
    if (PIPELINE_FOLDER_NAME.test(folder)) return true;
  }
  return false;
}
