import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';
import { replaceFlag } from '../edits.js';

/** Az.Aks parameters. `New-AzAksCluster` creates the cluster, so rewriting it never touches a running one. */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.azurePowerShell,
  spell: (key, value) => `${NETWORK_NAMES[key].powershell} ${value}`,
  overlayEdit: () => '-NetworkPlugin azure -NetworkPluginMode overlay',
  overlaySuggestion: (_cluster, line) =>
    replaceFlag(
      line,
      /-NetworkPlugin(?::|\s+)(?<q>["']?)kubenet\k<q>(?=\s|$)/i,
      '-NetworkPlugin azure -NetworkPluginMode overlay',
    ),
};
