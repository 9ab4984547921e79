import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';
import { overlayAssignment } from '../edits.js';

/** ARM templates write the API's property names as JSON members. */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.arm,
  spell: (key, value) => `"${NETWORK_NAMES[key].api}": "${value}"`,
  overlayEdit: () => '"networkPlugin": "azure",\n"networkPluginMode": "overlay"',
  // A deployment of an existing cluster has no documented in-place path from kubenet: only a new cluster.
  overlaySuggestion: (_cluster, line, added) =>
    added
      ? overlayAssignment(
          line,
          /^(?<indent>\s*)(?<key>"networkPlugin")(?<pad>\s*)(?<op>:)(?<space>\s*)"kubenet"\s*(?<tail>,?)$/i,
          '"',
          'required',
        )
      : undefined,
};
