import type { SourceRange } from './source.js';

/**
 * How a setting's value is known.
 * - `literal`: written in the file where the setting is.
 * - `resolved`: followed through a variable, parameter, local or conditional to a value (see `via`).
 * - `default`: not written at all; the platform (or a module, see `note`) picks it.
 * - `unresolved`: written, but as something the analyzer will not evaluate (see `reason`). Never guessed.
 */
export type Setting<T> = LiteralSetting<T> | ResolvedSetting<T> | DefaultSetting<T> | UnresolvedSetting;

export interface LiteralSetting<T> {
  how: 'literal';
  value: T;
  /** Where the setting is written. */
  range: SourceRange;
}

export interface ResolvedSetting<T> {
  how: 'resolved';
  value: T;
  /** Where the setting is written (the line a reviewer should look at). */
  range: SourceRange;
  /** The expression as written, e.g. `var.network_plugin`. */
  expression: string;
  /** Each step taken to reach the value, outermost first, e.g. `var.network_plugin = "kubenet" (terraform.tfvars:3)`. */
  via: ResolutionStep[];
}

export interface ResolutionStep {
  description: string;
  range: SourceRange;
}

export interface DefaultSetting<T> {
  how: 'default';
  value: T;
  /** The line that implies the default (a module call, a block, the resource). */
  range: SourceRange;
  /** Whose default this is, e.g. "the Azure/aks/azurerm module's network_plugin variable". */
  note: string;
}

export interface UnresolvedSetting {
  how: 'unresolved';
  range: SourceRange;
  /** The expression as written. */
  expression: string;
  /** Why it could not be resolved and what would resolve it. */
  reason: string;
}

export function settingValue<T>(setting: Setting<T> | undefined): T | undefined {
  if (setting === undefined || setting.how === 'unresolved') return undefined;
  return setting.value;
}
