import type { Setting, SourceRange } from '../../model/index.js';
import type { HclAttribute, HclBody } from './parse.js';
import { locate, member } from './resolve.js';
import type { Located, Scope } from './resolve.js';
import { stringSetting } from './settings.js';

/**
 * The `azurerm` provider version of a directory: the constraint in `terraform { required_providers { … } }`
 * and, when `.terraform.lock.hcl` is there, the exact version `terraform init` selected.
 * https://developer.hashicorp.com/terraform/language/providers/requirements
 * https://developer.hashicorp.com/terraform/language/files/dependency-lock
 */

export const LOCK_FILE = '.terraform.lock.hcl';
/** A `.tf` sibling that may hold a `required_providers` block. */
export const REQUIRED_PROVIDERS_HINT = /\brequired_providers\b/;

const AZURERM = 'hashicorp/azurerm';

/** `registry.terraform.io/hashicorp/azurerm`, `hashicorp/azurerm`, any case: `hashicorp/azurerm`. */
function providerAddress(source: string): string {
  return source
    .trim()
    .toLowerCase()
    .replace(/^(?:registry\.terraform\.io|registry\.opentofu\.org)\//, '');
}

/** The `azurerm` constraint from the first `required_providers` (by file path) that names the provider. */
export function requiredAzurerm(bodies: readonly HclBody[], scope: Scope): Setting<string> | undefined {
  for (const body of bodies) {
    for (const block of body.blocks) {
      if (block.type !== 'terraform') continue;
      for (const required of block.body.blocks) {
        if (required.type !== 'required_providers') continue;
        for (const entry of required.body.attributes) {
          const found = azurermEntry(entry, scope);
          if (found !== 'no') return found;
        }
      }
    }
  }
  return undefined;
}

/** `azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }`, or the legacy `azurerm = "~> 3.0"`. */
function azurermEntry(entry: HclAttribute, scope: Scope): Setting<string> | undefined | 'no' {
  const located = locate(entry, scope);
  const { result } = located;
  if (result.known && typeof result.value === 'string') return entry.name === 'azurerm' ? stringSetting(located) : 'no';
  const source = member(located, 'source');
  if (source === undefined || !source.result.known) {
    // Without a source the local name decides (`hashicorp/<name>`); an unknown entry is not guessed.
    if (entry.name !== 'azurerm') return 'no';
  } else if (typeof source.result.value !== 'string' || providerAddress(source.result.value) !== AZURERM) {
    return 'no';
  }
  return stringSetting(versionOf(located));
}

function versionOf(entry: Located): Located | undefined {
  if (!entry.result.known) return entry;
  return member(entry, 'version');
}

export interface LockedVersion {
  version: string;
  range: SourceRange;
}

/** `provider "registry.terraform.io/hashicorp/azurerm" { version = "4.57.0" … }` in a lock file. */
export function lockedAzurerm(body: HclBody): LockedVersion | undefined {
  for (const block of body.blocks) {
    if (block.type !== 'provider' || block.labels.length !== 1) continue;
    if (providerAddress(block.labels[0] ?? '') !== AZURERM) continue;
    const version = block.body.attributes.find((a) => a.name === 'version');
    const value = version?.value;
    if (version === undefined || value?.kind !== 'literal' || typeof value.value !== 'string') continue;
    return { version: value.value, range: version.range };
  }
  return undefined;
}

/**
 * The provider version a cluster is deployed with: the lock file's selection when there is one (resolved,
 * anchored at the constraint when one is written), else the constraint as written.
 */
export function providerVersion(
  constraint: Setting<string> | undefined,
  locked: LockedVersion | undefined,
): Setting<string> | undefined {
  if (locked === undefined) return constraint;
  const step = {
    description: `hashicorp/azurerm ${locked.version} selected in ${LOCK_FILE} (${LOCK_FILE}:${locked.range.startLine})`,
    range: locked.range,
  };
  if (constraint === undefined) {
    return {
      how: 'resolved',
      value: locked.version,
      range: locked.range,
      expression: `version = ${JSON.stringify(locked.version)}`,
      via: [step],
    };
  }
  const written = 'expression' in constraint ? constraint.expression : JSON.stringify(constraint.value);
  const via = constraint.how === 'resolved' ? constraint.via : [];
  return { how: 'resolved', value: locked.version, range: constraint.range, expression: written, via: [...via, step] };
}
