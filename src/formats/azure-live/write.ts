import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';

/**
 * A live cluster has no code: it is changed with `az aks update` (the flags of `knowledge/names.ts`) or
 * replaced by a cluster created under a new name, as the az CLI writer says. There is no file to edit, so
 * no code edit and no suggestion.
 */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.azureCli,
  spell: (key, value) => `${NETWORK_NAMES[key].azureCli} ${value}`,
  overlayEdit: () => undefined,
  overlaySuggestion: () => undefined,
  live: true,
};
