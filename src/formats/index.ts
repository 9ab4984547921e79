import type { Format, FormatId, FormatWriter } from '../model/index.js';
import { arm } from './arm/index.js';
import { azureCli } from './azure-cli/index.js';
import { azureLive } from './azure-live/index.js';
import { azurePowerShell } from './azure-powershell/index.js';
import { bicep } from './bicep/index.js';
import { kubernetes } from './kubernetes/index.js';
import { pulumi } from './pulumi/index.js';
import { terraform } from './terraform/index.js';
import { terraformPlan } from './terraform-plan/index.js';

/**
 * Every format by its id, in the order they are asked whether they claim a file: the first that claims (and,
 * for a shared extension, sniffs) a file reads it, so no file is read twice. The record's type makes the
 * compiler ask for a format for every `FormatId`.
 */
const REGISTRY: Record<FormatId, Format> = {
  terraform,
  'terraform-plan': terraformPlan,
  arm,
  'azure-live': azureLive,
  bicep,
  pulumi,
  kubernetes,
  'azure-powershell': azurePowerShell,
  'azure-cli': azureCli,
};

/** The formats in claim order (a record keeps the insertion order of its string keys). */
export const FORMATS: readonly Format[] = Object.values(REGISTRY);

/** Every format id, in claim order. */
export const FORMAT_IDS: readonly FormatId[] = FORMATS.map((format) => format.id);

/** How the format a cluster was read from writes settings: what rules and renderers ask instead of its id. */
export function writerFor(format: FormatId): FormatWriter {
  return REGISTRY[format].write;
}
