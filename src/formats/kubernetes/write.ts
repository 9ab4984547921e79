import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';

/** The custom resources write the API's property names as plain YAML scalars. */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.kubernetes,
  spell: (key, value) => `${NETWORK_NAMES[key].api}: ${value}`,
  overlayEdit: () => 'networkPlugin: azure\nnetworkPluginMode: overlay',
  // The operator updates an existing cluster with no documented in-place path from kubenet: only a new cluster.
  overlaySuggestion: (_cluster, line, added) => (added ? yamlEdit(line) : undefined),
};

/** `networkPlugin: kubenet` (maybe a list item, maybe quoted) -> plugin azure and, beneath it, mode overlay. */
function yamlEdit(line: string): string | undefined {
  const match = /^(?<indent>\s*)(?<dash>-\s+)?(?<key>networkPlugin):(?<space>\s*)(?<q>["']?)kubenet\k<q>$/.exec(line);
  if (match?.groups === undefined) return undefined;
  const { indent = '', dash = '', space = ' ', q = '' } = match.groups;
  const childIndent = indent + ' '.repeat(dash.length);
  return `${indent}${dash}networkPlugin:${space}${q}azure${q}\n${childIndent}networkPluginMode:${space}${q}overlay${q}`;
}
