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

const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const errors: Codeowners['errors'] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    // An unescaped `#` starts a comment, also after a pattern.
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
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
  const clean = path.replace(/^\/+/, '');
  for (let index = codeowners.rules.length - 1; index >= 0; index -= 1) {
    const rule = codeowners.rules[index] as CodeownersRule;
    if (rule.matches(clean)) return rule.owners;
  }
  return undefined;
}

/** A gitignore-style pattern as GitHub reads it in CODEOWNERS. */
function matcher(pattern: string): (path: string) => boolean {
  const directoryOnly = pattern.endsWith('/');
  let body = pattern.replace(/\/+$/, '');
  // A leading slash, or a slash inside the pattern, anchors it at the root; otherwise it matches at any depth.
  const anchored = body.startsWith('/') || body.includes('/');
  body = body.replace(/^\/+/, '');
  if (body === '' || body === '**' || body === '*') return () => true;
  // `docs/*` matches the files in docs/, not those in its subfolders (GitHub's example).
  const childrenOnly = /(^|\/)\*$/.test(body) && !body.endsWith('**');
  const source = toRegex(body);
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const whole = new RegExp(`${prefix}${source}$`);
  const below = new RegExp(`${prefix}${source}/`);
  return (path) => {
    if (!directoryOnly && whole.test(path)) return true;
    if (childrenOnly) return false;
    return below.test(path);
  };
}

function toRegex(glob: string): string {
  let out = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] as string;
    if (char === '*' && glob[index + 1] === '*') {
      const before = index === 0 || glob[index - 1] === '/';
      const after = glob[index + 2] === '/' || index + 2 === glob.length;
      if (before && after) {
        if (glob[index + 2] === '/') {
          out += '(?:.*/)?';
          index += 2;
        } else {
          out += '.*';
          index += 1;
        }
        continue;
      }
      out += '[^/]*';
      index += 1;
      continue;
    }
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '\\' && index + 1 < glob.length) {
      index += 1;
      out += escapeRegex(glob[index] as string);
    } else out += escapeRegex(char);
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
