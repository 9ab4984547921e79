import { comparePosition } from '../../domain/version-range.js';
import type { Cluster } from '../../model/index.js';

/** azurerm updates kubenet -> azure + overlay in place from this version; older ones replace the cluster. */
const AZURERM_IN_PLACE_OVERLAY = '4.66.0';

/**
 * The edit that makes a kubenet cluster Azure CNI Overlay, as a replacement for the line that says
 * `kubenet`, in that line's own syntax — a GitHub suggestion. Offered only when applying it is safe:
 * the cluster is new in this change, the command creates it (`az aks create`, `New-AzAksCluster`), or
 * azurerm is certainly 4.66.0 or later (in place; older versions would destroy and recreate the cluster).
 * Undefined when the line isn't a plain literal setting we can rewrite exactly.
 */
export function overlaySuggestion(cluster: Cluster, rawLine: string, added: boolean): string | undefined {
  if (!isSafe(cluster, added)) return undefined;
  // Trailing blanks are dropped first, so every pattern below ends in a single, linear `$`.
  const line = rawLine.trimEnd();
  const { pluginMode, dataplane } = cluster.network;
  if (pluginMode !== undefined || dataplane !== undefined) return undefined;
  switch (cluster.format) {
    case 'terraform':
      return assignment(
        line,
        /^(?<indent>\s*)(?<key>"?(?:network_plugin|networkPlugin)"?)(?<pad>\s*)(?<op>=|:)(?<space>\s*)"kubenet"\s*(?<tail>,?)$/i,
        '"',
        'optional',
      );
    case 'bicep':
      return assignment(
        line,
        /^(?<indent>\s*)(?<key>networkPlugin)(?<pad>\s*)(?<op>:)(?<space>\s*)'kubenet'(?<tail>)$/i,
        "'",
        'optional',
      );
    case 'arm':
      return assignment(
        line,
        /^(?<indent>\s*)(?<key>"networkPlugin")(?<pad>\s*)(?<op>:)(?<space>\s*)"kubenet"\s*(?<tail>,?)$/i,
        '"',
        'required',
      );
    case 'pulumi':
      return (
        assignment(
          line,
          /^(?<indent>\s*)(?<key>networkPlugin)(?<pad>\s*)(?<op>:)(?<space>\s*)(?<q>["'])kubenet\k<q>\s*(?<tail>,?)$/i,
          '"',
          'required',
        ) ??
        assignment(
          line,
          /^(?<indent>\s*)(?<key>network_plugin)(?<pad>\s*)(?<op>=)(?<space>\s*)(?<q>["'])kubenet\k<q>\s*(?<tail>,?)$/i,
          '"',
          'required',
        )
      );
    case 'kubernetes':
      return yamlEdit(line);
    case 'azure-cli':
      return flagEdit(
        line,
        /--network-plugin(?:=|\s+)(?<q>["']?)kubenet\k<q>(?=\s|$)/i,
        '--network-plugin azure --network-plugin-mode overlay',
      );
    case 'azure-powershell':
      return flagEdit(
        line,
        /-NetworkPlugin(?::|\s+)(?<q>["']?)kubenet\k<q>(?=\s|$)/i,
        '-NetworkPlugin azure -NetworkPluginMode overlay',
      );
    case 'terraform-plan':
      return undefined;
  }
}

function isSafe(cluster: Cluster, added: boolean): boolean {
  if (added) return true;
  if (cluster.format === 'azure-cli' || cluster.format === 'azure-powershell') return true;
  if (cluster.format === 'terraform' && cluster.definition === 'azurerm_kubernetes_cluster') {
    const constraint = cluster.providerVersion?.how === 'unresolved' ? undefined : cluster.providerVersion?.value;
    return comparePosition(constraint, AZURERM_IN_PLACE_OVERLAY) === 'at-least';
  }
  return false;
}

/**
 * `key = "kubenet"` (or `key: 'kubenet'`) -> the key set to azure, and the mode key on a new line beneath
 * it with the same indentation. Where properties are comma-separated (JSON, JS, Python, HCL objects with
 * commas) the first line needs a comma because a property now follows it; HCL and Bicep separate by newline.
 */
function assignment(line: string, pattern: RegExp, quote: string, commas: 'optional' | 'required'): string | undefined {
  const match = pattern.exec(line);
  if (match?.groups === undefined) return undefined;
  const { indent = '', key = '', pad = '', op = '', space = '', tail = '' } = match.groups;
  const modeKey = key.replace(/network_plugin/i, 'network_plugin_mode').replace(/networkPlugin/i, 'networkPluginMode');
  const hadComma = tail.includes(',');
  // HCL: align `=` as `terraform fmt` does, at the original column or past the longer new key.
  const column = op === '=' ? Math.max(key.length + pad.length, modeKey.length + 1) : 0;
  const keyOf = (name: string) => (op === '=' ? name.padEnd(column) : name);
  const first = `${indent}${keyOf(key)}${op === '=' ? '' : pad}${op}${space}${quote}azure${quote}${hadComma || commas === 'required' ? ',' : ''}`;
  const second = `${indent}${keyOf(modeKey)}${op === '=' ? '= ' : ': '}${quote}overlay${quote}${hadComma ? ',' : ''}`;
  return `${first}\n${second}`;
}

function yamlEdit(line: string): string | undefined {
  const match = /^(?<indent>\s*)(?<dash>-\s+)?(?<key>networkPlugin):(?<space>\s*)(?<q>["']?)kubenet\k<q>$/.exec(line);
  if (match?.groups === undefined) return undefined;
  const { indent = '', dash = '', space = ' ', q = '' } = match.groups;
  const childIndent = indent + ' '.repeat(dash.length);
  return `${indent}${dash}networkPlugin:${space}${q}azure${q}\n${childIndent}networkPluginMode:${space}${q}overlay${q}`;
}

function flagEdit(line: string, pattern: RegExp, replacement: string): string | undefined {
  return pattern.test(line) ? line.replace(pattern, replacement) : undefined;
}
