import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';

/**
 * A plan is not edited: it is made again from the Terraform configuration, so settings are spelled as that
 * configuration writes them and there is no edit of the plan itself.
 */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.terraform,
  spell: (key, value) => `${NETWORK_NAMES[key].azurerm} = "${value}"`,
  overlayEdit: () => undefined,
  overlaySuggestion: () => undefined,
  terraform: 'plan',
};
