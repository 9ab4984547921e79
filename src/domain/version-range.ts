import semver from 'semver';

/**
 * Where a Terraform provider version constraint stands against one version X:
 * - `at-least`: every version it allows is X or later;
 * - `below`: every version it allows is older than X;
 * - `spans`: it allows versions on both sides;
 * - `unknown`: no constraint, one we can't read, or one that allows no version at all.
 */
export type VersionPosition = 'at-least' | 'below' | 'spans' | 'unknown';

/**
 * Compares a Terraform version constraint (`~> 4.40`, `>= 3.0, < 5.0`, `= 4.57.0`, `4.57.0`) with a version.
 * The constraint becomes a union of intervals compared with semver; Terraform's syntax differs from
 * node-semver's range syntax where it matters, so it is not handed to `semver.Range`:
 * - A condition is `op version`; the conditions are separated by commas and all must hold. No operator is `=`.
 * - Terraform pads a partial version with zeros (`>= 4.40` is `>= 4.40.0`, `= 4` is `= 4.0.0`), while
 *   node-semver reads a partial version as a wildcard (`=4` is any 4.x.x, `>4.40` is `>=4.41.0`), so every
 *   version is padded to three parts.
 * - `~>` (pessimistic) lets only the rightmost given part grow: `~> 4.40` is `>= 4.40.0, < 5.0.0`;
 *   `~> 4.40.1` is `>= 4.40.1, < 4.41.0`; `~> 4` is `>= 4.0.0` (the major may grow, no upper bound). This is
 *   not node-semver's `~` (`~4.40` is `<4.41.0`), so it is read as two bounds (hashicorp/go-version,
 *   `constraintPessimistic`: the parts before the last one given must be equal, the last may grow).
 * - `!=` splits the allowed versions in two: below and above the version.
 * A constraint naming a pre-release version is not read (`unknown`).
 * See https://developer.hashicorp.com/terraform/language/expressions/version-constraints
 */
export function comparePosition(constraint: string | undefined, version: string): VersionPosition {
  const target = semver.valid(version);
  if (constraint === undefined || target === null) return 'unknown';
  const intervals = toIntervals(constraint)?.filter(isSatisfiable);
  if (intervals === undefined || intervals.length === 0) return 'unknown';
  if (intervals.every((interval) => startsAtOrAfter(interval, target))) return 'at-least';
  if (intervals.every((interval) => endsBefore(interval, target))) return 'below';
  return 'spans';
}

interface Bound {
  version: string;
  inclusive: boolean;
}

/** The versions between two bounds; a missing bound is open (no lower or no upper limit). */
interface Interval {
  lower?: Bound;
  upper?: Bound;
}

const CONDITION = /^(?<op>~>|>=|<=|!=|=|>|<)?\s*v?(?<version>\d+(?:\.\d+){0,2})$/;

/**
 * The constraint as a union of intervals, or undefined when a condition is not Terraform syntax we read.
 * Each condition narrows every interval; `!=` splits each in two.
 */
function toIntervals(constraint: string): Interval[] | undefined {
  const conditions = constraint
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (conditions.length === 0) return undefined;
  let intervals: Interval[] = [{}];
  for (const condition of conditions) {
    const match = CONDITION.exec(condition);
    const written = match?.groups?.version;
    if (written === undefined) return undefined;
    const op = match?.groups?.op ?? '=';
    const parts = written.split('.').map(Number);
    const padded = [...parts, 0, 0].slice(0, 3).join('.');
    if (op === '!=') {
      intervals = intervals.flatMap((interval) => [
        narrow(interval, undefined, { version: padded, inclusive: false }),
        narrow(interval, { version: padded, inclusive: false }, undefined),
      ]);
      continue;
    }
    const [lower, upper] = bounds(op, parts, padded);
    intervals = intervals.map((interval) => narrow(interval, lower, upper));
  }
  return intervals;
}

function bounds(op: string, parts: number[], padded: string): [Bound | undefined, Bound | undefined] {
  const at = (inclusive: boolean): Bound => ({ version: padded, inclusive });
  switch (op) {
    case '>=':
      return [at(true), undefined];
    case '>':
      return [at(false), undefined];
    case '<=':
      return [undefined, at(true)];
    case '<':
      return [undefined, at(false)];
    case '~>':
      return [at(true), pessimisticUpper(parts)];
    default:
      return [at(true), at(true)];
  }
}

/** `~> a.b.c` -> below a.(b+1).0; `~> a.b` -> below (a+1).0.0; `~> a` -> no upper bound. */
function pessimisticUpper(parts: number[]): Bound | undefined {
  const [major = 0, minor = 0] = parts;
  if (parts.length === 3) return { version: `${major}.${minor + 1}.0`, inclusive: false };
  if (parts.length === 2) return { version: `${major + 1}.0.0`, inclusive: false };
  return undefined;
}

/** The tighter of the interval's bounds and the given ones. */
function narrow(interval: Interval, lower: Bound | undefined, upper: Bound | undefined): Interval {
  const result: Interval = {};
  const low = tighter(interval.lower, lower, 1);
  const high = tighter(interval.upper, upper, -1);
  if (low !== undefined) result.lower = low;
  if (high !== undefined) result.upper = high;
  return result;
}

/** For a lower bound (`direction` 1) the higher one wins; for an upper bound (-1) the lower one. */
function tighter(a: Bound | undefined, b: Bound | undefined, direction: 1 | -1): Bound | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const order = semver.compare(a.version, b.version) * direction;
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? b : a;
}

function isSatisfiable({ lower, upper }: Interval): boolean {
  if (lower === undefined || upper === undefined) return true;
  const order = semver.compare(lower.version, upper.version);
  return order < 0 || (order === 0 && lower.inclusive && upper.inclusive);
}

function startsAtOrAfter({ lower }: Interval, target: string): boolean {
  return lower !== undefined && semver.gte(lower.version, target);
}

function endsBefore({ upper }: Interval, target: string): boolean {
  if (upper === undefined) return false;
  const order = semver.compare(upper.version, target);
  return order < 0 || (order === 0 && !upper.inclusive);
}
