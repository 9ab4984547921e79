import { COMPARISON } from './comparison.js';
import { PLATFORM_DEFAULT } from './defaults.js';
import { MIGRATIONS } from './migrations.js';
import { MODELS } from './models.js';
import { RETIREMENTS } from './retirements.js';
import type { Fact, IsoDate } from './types.js';

export type * from './types.js';
export type { LinkId } from './links.js';
export { LINKS, SOURCE_AS_OF } from './links.js';
export { MODELS } from './models.js';
export { RETIREMENTS } from './retirements.js';
export { COMPARISON } from './comparison.js';
export { MIGRATIONS, findMigration } from './migrations.js';
export { PLATFORM_DEFAULT, platformDefaultFor } from './defaults.js';

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
  collectFacts([MODELS, RETIREMENTS, MIGRATIONS, PLATFORM_DEFAULT], facts);
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
