import { REPLACEMENT_EDITS } from '../../knowledge/replacement.js';
import { comparePosition } from '../../domain/version-range.js';
import { NETWORK_NAMES } from '../../knowledge/names.js';
import { TERRAFORM_CHANGES } from '../../knowledge/terraform-changes.js';
import type { Cluster, FormatWriter } from '../../model/index.js';
import { overlayAssignment } from '../edits.js';

/** azurerm updates kubenet -> azure + overlay in place from this version; older ones replace the cluster. */
const IN_PLACE_OVERLAY = TERRAFORM_CHANGES['plugin-kubenet-to-overlay'].inPlaceSince.value;

/** Terraform writes the azurerm attribute names, aligned as `terraform fmt` aligns them. */
export const write: FormatWriter = {
  replacement: REPLACEMENT_EDITS.terraform,
  spell: (key, value) => `${NETWORK_NAMES[key].azurerm} = "${value}"`,
  overlayEdit: () => 'network_plugin      = "azure"\nnetwork_plugin_mode = "overlay"',
  overlaySuggestion(cluster, line, added) {
    if (!added && !updatesInPlace(cluster)) return undefined;
    return overlayAssignment(
      line,
      /^(?<indent>\s*)(?<key>"?(?:network_plugin|networkPlugin)"?)(?<pad>\s*)(?<op>=|:)(?<space>\s*)"kubenet"\s*(?<tail>,?)$/i,
      '"',
      'optional',
    );
  },
  terraform: 'configuration',
};

/** An `azurerm_kubernetes_cluster` whose provider constraint certainly allows only versions that update in place. */
function updatesInPlace(cluster: Cluster): boolean {
  if (cluster.definition !== 'azurerm_kubernetes_cluster' || IN_PLACE_OVERLAY === null) return false;
  const constraint = cluster.providerVersion?.how === 'unresolved' ? undefined : cluster.providerVersion?.value;
  return comparePosition(constraint, IN_PLACE_OVERLAY) === 'at-least';
}
