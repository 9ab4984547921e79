/**
 * Finds the regular expressions in TypeScript source without a TypeScript parser: a small lexer that skips
 * comments, strings and template literals (with `${}` nesting) and tells a regex literal from a division by
 * the token before the slash, plus `new RegExp(...)` / `RegExp(...)` calls with their first argument.
 */
export interface FoundRegex {
  file: string;
  line: number;
  /** The pattern source, or undefined for a `RegExp(...)` call whose pattern is not a string literal. */
  source: string | undefined;
  flags: string;
  kind: 'literal' | 'constructor';
}

// After these keywords a `/` starts a regex; after any other word it divides.
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

export function findRegexes(file: string, text: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  // What came before: 'value' (an operand ends here, so `/` divides) or 'operator' (`/` starts a regex).
  let previous: 'value' | 'operator' = 'operator';
  let previousWord = '';
  // Brace depth inside template substitutions, so that `}` can resume the template.
  const templateStack: number[] = [];
  let braceDepth = 0;
  let i = 0;
  const lineOf = (offset: number): number => {
    let line = 1;
    for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line++;
    return line;
  };

  function skipString(quote: string): string {
    const start = i;
    i++;
    let value = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        value += text.slice(i, i + 2);
        i += 2;
      } else {
        value += text[i];
        i++;
      }
    }
    i++;
    void start;
    return value;
  }

  /** Scans template text from `i` (just after a backtick or a closing `}`) to the end or the next `${`. */
  function scanTemplate(): void {
    while (i < text.length) {
      const char = text[i];
      if (char === '\\') {
        i += 2;
      } else if (char === '`') {
        i++;
        previous = 'value';
        return;
      } else if (char === '$' && text[i + 1] === '{') {
        i += 2;
        templateStack.push(braceDepth);
        braceDepth++;
        previous = 'operator';
        return;
      } else {
        i++;
      }
    }
  }

  while (i < text.length) {
    const char = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    }
    if (char === '"' || char === "'") {
      skipString(char);
      previous = 'value';
      previousWord = '';
      continue;
    }
    if (char === '`') {
      i++;
      scanTemplate();
      previousWord = '';
      continue;
    }
    if (char === '/') {
      if (previous === 'value' && !REGEX_AFTER_WORD.has(previousWord)) {
        i++;
        previous = 'operator';
        previousWord = '';
        continue;
      }
      const start = i;
      i++;
      let inClass = false;
      let source = '';
      while (i < text.length) {
        const c = text[i] ?? '';
        if (c === '\\') {
          source += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === '\n') throw new Error(`${file}:${lineOf(start)}: unterminated regex literal`);
        if (inClass) {
          if (c === ']') inClass = false;
        } else if (c === '[') {
          inClass = true;
        } else if (c === '/') {
          break;
        }
        source += c;
        i++;
      }
      i++;
      let flags = '';
      while (/[a-z]/.test(text[i] ?? '')) flags += text[i++];
      found.push({ file, line: lineOf(start), source, flags, kind: 'literal' });
      previous = 'value';
      previousWord = '';
      continue;
    }
    if (/[A-Za-z_$0-9]/.test(char)) {
      let word = '';
      while (/[A-Za-z_$0-9]/.test(text[i] ?? '')) word += text[i++];
      if (word === 'RegExp' && text.slice(i).trimStart().startsWith('(')) {
        found.push(constructorCall(file, lineOf(i), text, i));
      }
      previous = 'value';
      previousWord = word;
      continue;
    }
    if (char === '{') {
      braceDepth++;
    } else if (char === '}') {
      braceDepth--;
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        i++;
        scanTemplate();
        previousWord = '';
        continue;
      }
    }
    // `)` and `]` end an operand (`a[i] / 2`, `(x) / 2`); everything else is an operator or punctuation.
    previous = char === ')' || char === ']' ? 'value' : 'operator';
    previousWord = '';
    i++;
  }
  return found;
}

/** `RegExp('a+', 'g')`: the first argument when it is a plain string literal, else undefined. */
function constructorCall(file: string, line: number, text: string, offset: number): FoundRegex {
  const args =
    /^\s*\(\s*(?<quote>['"])(?<source>(?:\\.|(?!\k<quote>).)*)\k<quote>\s*(?:,\s*(['"])(?<flags>[a-z]*)\3\s*)?\)/.exec(
      text.slice(offset, offset + 2000),
    );
  if (args?.groups?.source === undefined) return { file, line, source: undefined, flags: '', kind: 'constructor' };
  // The literal's escapes: `'\\d'` in source is the pattern `\d`.
  const source = JSON.parse(`"${args.groups.source.replaceAll('"', '\\"').replaceAll("\\'", "'")}"`) as string;
  return { file, line, source, flags: args.groups.flags ?? '', kind: 'constructor' };
}
