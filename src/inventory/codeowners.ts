/**
 * GitHub's CODEOWNERS, parsed by hand. The npm packages that parse it (codeowners, codeowners-utils,
 * @snyk/github-codeowners, github-codeowners) were last released years ago and match with gitignore
 * semantics (`ignore`), which GitHub's differ from: `!` negation, `[ ]` ranges and `\#` escapes do not work
 * (such lines are errors GitHub skips), `docs/*` does not match nested files, and a rule without owners
 * clears ownership. Source: docs.github.com, "About code owners" (CODEOWNERS syntax).
 */

export interface CodeownersRule {
  pattern: string;
  /** `@user`, `@org/team` or an email; empty: the rule clears ownership. */
  owners: string[];
  line: number;
  matches: (path: string) => boolean;
}

export interface Codeowners {
  rules: CodeownersRule[];
  /** Lines GitHub would reject, with why; they are skipped, as GitHub does. */
  errors: { line: number; message: string }[];
}

const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+)$/;

export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const errors: Codeowners['errors'] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    // An unescaped `#` starts a comment, also after a pattern.
    const content = withoutComment(raw).trim();
    if (content === '') continue;
    const [pattern = '', ...owners] = content.split(/\s+/);
    if (pattern.startsWith('!')) {
      errors.push({ line, message: `negation ("${pattern}") does not work in CODEOWNERS` });
      continue;
    }
    if (/[[\]]/.test(pattern)) {
      errors.push({ line, message: `character ranges ("${pattern}") do not work in CODEOWNERS` });
      continue;
    }
    if (pattern.startsWith('\\#')) {
      errors.push({ line, message: `an escaped "#" ("${pattern}") does not work in CODEOWNERS` });
      continue;
    }
    const bad = owners.find((owner) => !OWNER.test(owner));
    if (bad !== undefined) {
      errors.push({ line, message: `"${bad}" is not a user, team or email` });
      continue;
    }
    rules.push({ pattern, owners, line, matches: matcher(pattern) });
  }
  return { rules, errors };
}

/**
 * The owners of a path: the last matching rule's (GitHub: "the last matching pattern takes the most
 * precedence"); `[]` when that rule has no owners; `undefined` when no rule matches.
 */
export function ownersOf(codeowners: Codeowners, path: string): string[] | undefined {
  const clean = trimSlashes(path);
  for (let index = codeowners.rules.length - 1; index >= 0; index -= 1) {
    const rule = codeowners.rules[index] as CodeownersRule;
    if (rule.matches(clean)) return rule.owners;
  }
  return undefined;
}

/** The line up to an unescaped `#` that starts it or follows white space. */
function withoutComment(line: string): string {
  for (let index = 0; index < line.length; index += 1) {
    if (line[index] === '#' && (index === 0 || /\s/.test(line[index - 1] as string))) return line.slice(0, index);
  }
  return line;
}

/** A gitignore-style pattern as GitHub reads it in CODEOWNERS. */
function matcher(pattern: string): (path: string) => boolean {
  const directoryOnly = pattern.endsWith('/');
  const body = trimSlashes(pattern);
  // A leading slash, or a slash inside the pattern, anchors it at the root; otherwise it matches at any depth.
  const anchored = pattern.startsWith('/') || body.includes('/');
  if (body === '' || body === '**' || body === '*') return () => true;
  // `docs/*` matches the files in docs/, not those in its subfolders (GitHub's example).
  const childrenOnly = (body === '*' || body.endsWith('/*')) && !body.endsWith('**');
  const globs = body.split('/').map(parseSegment);
  return (path) => {
    const segments = path.split('/');
    if (!directoryOnly && matchesAt(globs, segments, anchored, 'whole')) return true;
    if (childrenOnly) return false;
    return matchesAt(globs, segments, anchored, 'below');
  };
}

/** Leading and trailing slashes cut, without a regular expression (a hostile line cannot make it slow). */
function trimSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '/') start += 1;
  while (end > start && text[end - 1] === '/') end -= 1;
  return text.slice(start, end);
}

/** One `/`-free piece of a pattern: `**` alone, or characters, `*` and `?` (a `\` escapes the next one). */
type SegmentGlob = 'globstar' | readonly ({ any: 'one' | 'many' } | { char: string })[];

function parseSegment(segment: string): SegmentGlob {
  if (segment === '**') return 'globstar';
  const tokens: ({ any: 'one' | 'many' } | { char: string })[] = [];
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index] as string;
    if (char === '*') {
      const last = tokens.at(-1);
      // `**` inside a segment is a `*`: two stars in a row match what one does.
      if (last === undefined || !('any' in last) || last.any !== 'many') tokens.push({ any: 'many' });
    } else if (char === '?') tokens.push({ any: 'one' });
    else if (char === '\\' && index + 1 < segment.length) {
      index += 1;
      tokens.push({ char: segment[index] as string });
    } else tokens.push({ char });
  }
  return tokens;
}

/**
 * Whether the pattern's segments match the path's: `whole`, the entire path; `below`, a folder the path is
 * inside (at least one segment follows). Unanchored patterns may start at any depth. Dynamic programming over
 * (pattern segment, path segment): time bounded by their product, never exponential.
 */
function matchesAt(
  globs: readonly SegmentGlob[],
  segments: readonly string[],
  anchored: boolean,
  mode: 'whole' | 'below',
): boolean {
  const memo = new Map<number, boolean>();
  const width = segments.length + 1;
  const from = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === globs.length) result = mode === 'whole' ? j === segments.length : j < segments.length;
    else {
      const glob = globs[i] as SegmentGlob;
      if (glob === 'globstar') {
        // Trailing `**` stands for one or more segments; elsewhere for zero or more.
        const least = i === globs.length - 1 ? 1 : 0;
        result = false;
        for (let k = j + least; k <= segments.length && !result; k += 1) result = from(i + 1, k);
      } else {
        result = j < segments.length && segmentMatches(glob, segments[j] as string) && from(i + 1, j + 1);
      }
    }
    memo.set(key, result);
    return result;
  };
  if (anchored) return from(0, 0);
  for (let start = 0; start < segments.length; start += 1) if (from(0, start)) return true;
  return false;
}

/** Wildcard matching with backtracking to the last `*` only: time bounded by the product of the lengths. */
function segmentMatches(tokens: Exclude<SegmentGlob, 'globstar'>, text: string): boolean {
  let t = 0;
  let p = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token !== undefined && ('char' in token ? token.char === text[t] : token.any === 'one')) {
      t += 1;
      p += 1;
    } else if (token !== undefined && 'any' in token && token.any === 'many') {
      starAt = p;
      resumeAt = t;
      p += 1;
    } else if (starAt !== -1) {
      p = starAt + 1;
      resumeAt += 1;
      t = resumeAt;
    } else return false;
  }
  while (p < tokens.length) {
    const token = tokens[p] as { any: string } | { char: string };
    if (!('any' in token) || token.any !== 'many') return false;
    p += 1;
  }
  return true;
}
