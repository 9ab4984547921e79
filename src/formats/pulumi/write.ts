import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import type { FormatWriter } from '../../model/index.js';
import { overlayAssignment } from '../edits.js';

/** Pulumi programs write the API's property names as object members (TypeScript) or keyword arguments (Python). */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.pulumi,
  spell: (key, value) => `${NETWORK_NAMES[key].api}: "${value}"`,
  overlayEdit: () => 'networkPlugin: "azure",\nnetworkPluginMode: "overlay",',
  // An update of an existing cluster has no documented in-place path from kubenet: only a new cluster.
  overlaySuggestion: (_cluster, line, added) =>
    added
      ? (overlayAssignment(
          line,
          /^(?<indent>\s*)(?<key>networkPlugin)(?<pad>\s*)(?<op>:)(?<space>\s*)(?<q>["'])kubenet\k<q>\s*(?<tail>,?)$/i,
          '"',
          'required',
        ) ??
        overlayAssignment(
          line,
          /^(?<indent>\s*)(?<key>network_plugin)(?<pad>\s*)(?<op>=)(?<space>\s*)(?<q>["'])kubenet\k<q>\s*(?<tail>,?)$/i,
          '"',
          'required',
        ))
      : undefined,
};
