import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';
import { replaceFlag } from '../edits.js';

/** `az aks` flags. A script's `az aks create` creates the cluster, so rewriting it never touches a running one. */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.azureCli,
  spell: (key, value) => `${NETWORK_NAMES[key].azureCli} ${value}`,
  overlayEdit: () => '--network-plugin azure --network-plugin-mode overlay',
  overlaySuggestion: (_cluster, line) =>
    replaceFlag(
      line,
      /--network-plugin(?:=|\s+)(?<q>["']?)kubenet\k<q>(?=\s|$)/i,
      '--network-plugin azure --network-plugin-mode overlay',
    ),
};
