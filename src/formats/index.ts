import type { Format } from '../model/index.js';
import { arm } from './arm/index.js';
import { azureCli } from './azure-cli/index.js';
import { azurePowerShell } from './azure-powershell/index.js';
import { bicep } from './bicep/index.js';
import { kubernetes } from './kubernetes/index.js';
import { pulumi } from './pulumi/index.js';
import { terraform } from './terraform/index.js';
import { terraformPlan } from './terraform-plan/index.js';

/**
 * Every format, in the order they are asked whether they claim a file: the first that claims (and, for a
 * shared extension, sniffs) a file reads it, so no file is read twice.
 */
export const FORMATS: readonly Format[] = [
  terraform,
  terraformPlan,
  arm,
  bicep,
  pulumi,
  kubernetes,
  azurePowerShell,
  azureCli,
];
