import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';
import { overlayAssignment } from '../edits.js';

/** Bicep writes the API's property names with single-quoted strings, one property a line. */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.bicep,
  spell: (key, value) => `${NETWORK_NAMES[key].api}: '${value}'`,
  overlayEdit: () => "networkPlugin: 'azure'\nnetworkPluginMode: 'overlay'",
  // A deployment of an existing cluster has no documented in-place path from kubenet: only a new cluster.
  overlaySuggestion: (_cluster, line, added) =>
    added
      ? overlayAssignment(
          line,
          /^(?<indent>\s*)(?<key>networkPlugin)(?<pad>\s*)(?<op>:)(?<space>\s*)'kubenet'(?<tail>)$/i,
          "'",
          'optional',
        )
      : undefined,
};
