import { COMPARISON } from './comparison.js';
import { CLIENT_DEFAULTS, PLATFORM_DEFAULT } from './defaults.js';
import { MIGRATIONS } from './migrations.js';
import { REPLACEMENT_BREAKS, REPLACEMENT_EDITS, REPLACEMENT_STEPS } from './replacement.js';
import { NETWORK_ROUTES, POLICY_ROUTES } from './routes.js';
import { MODELS } from './models.js';
import { IP_PLANNING } from './ip-planning.js';
import { LIMITS, MAX_PODS_DEFAULTS, UNSUPPORTED_COMBINATIONS } from './limits.js';
import { RETIREMENTS } from './retirements.js';
import {
  API_SERVER_AUTHORIZED_IP_RANGES,
  BASIC_LOAD_BALANCER,
  BRIDGE_NETWORK_MODE,
  DOCKER_BRIDGE_CIDR,
  EBPF_DATA_PLANE,
  NODE_SUBNET,
  NPM_TO_CILIUM,
  TERRAFORM_PLUGIN_REQUIRED,
} from './settings.js';
import { DATAPLANE_DEFAULT, HAZARDS, OUT_OF_BAND, TERRAFORM_CHANGES } from './terraform-changes.js';
import { aksModule, avmModule } from './terraform-modules.js';
import type { Fact, IsoDate } from './types.js';

export type * from './types.js';
export type { LinkId } from './links.js';
export { LINKS, SOURCE_AS_OF } from './links.js';
export { MODELS } from './models.js';
export { RETIREMENTS } from './retirements.js';
export { COMPARISON } from './comparison.js';
export { MIGRATIONS, findMigration } from './migrations.js';
export * from './routes.js';
export * from './replacement.js';
export {
  AKS_AUTOMATIC_NETWORK,
  CLIENT_DEFAULTS,
  PLATFORM_DEFAULT,
  UNCONFIRMED_BELOW_THRESHOLD,
  platformDefaultFor,
} from './defaults.js';
export { IP_PLANNING } from './ip-planning.js';
export { LIMITS, MAX_PODS_DEFAULTS, UNSUPPORTED_COMBINATIONS } from './limits.js';
export * from './settings.js';
export * from './terraform-changes.js';
export { aksModule, avmModule } from './terraform-modules.js';

function isFact(node: object): node is Fact<unknown> {
  return 'value' in node && 'source' in node && 'asOf' in node && 'confidence' in node;
}

function collectFacts(node: unknown, facts: Fact<unknown>[]): void {
  if (typeof node !== 'object' || node === null) return;
  if (isFact(node)) {
    facts.push(node);
    return;
  }
  for (const child of Object.values(node)) collectFacts(child, facts);
}

/**
 * Every fact in the knowledge base, found by walking the exported structures, so a new field holding a fact
 * is picked up without touching this list. Shared facts (one prerequisite used by several paths) appear once
 * per use.
 */
export function allFacts(): Fact<unknown>[] {
  const facts: Fact<unknown>[] = [];
  collectFacts(
    [
      MODELS,
      RETIREMENTS,
      MIGRATIONS,
      PLATFORM_DEFAULT,
      CLIENT_DEFAULTS,
      IP_PLANNING,
      LIMITS,
      MAX_PODS_DEFAULTS,
      UNSUPPORTED_COMBINATIONS,
      [DOCKER_BRIDGE_CIDR, EBPF_DATA_PLANE, API_SERVER_AUTHORIZED_IP_RANGES, BRIDGE_NETWORK_MODE],
      [BASIC_LOAD_BALANCER, NODE_SUBNET, NPM_TO_CILIUM, TERRAFORM_PLUGIN_REQUIRED],
      [TERRAFORM_CHANGES, DATAPLANE_DEFAULT, HAZARDS, OUT_OF_BAND],
      [aksModule, avmModule],
      [NETWORK_ROUTES, POLICY_ROUTES, REPLACEMENT_STEPS, REPLACEMENT_BREAKS, REPLACEMENT_EDITS],
    ],
    facts,
  );
  return facts;
}

function newest(dates: IsoDate[]): IsoDate {
  let max = '';
  for (const date of dates) if (date > max) max = date; // ISO dates sort as strings.
  return max;
}

/** The newest `asOf` in the knowledge base (facts and comparison rows): the date a footer can cite. */
export const KNOWLEDGE_AS_OF: IsoDate = newest([
  ...allFacts().map((fact) => fact.asOf),
  ...COMPARISON.map((row) => row.asOf),
]);
