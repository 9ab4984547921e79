/**
 * The `yaml` package parses flow collections (`{`, `[`) and compact sequences (`- - -`) recursively, so a
 * hostile file nested a few thousand levels deep overflows the stack, and whether it does depends on how
 * deep the caller's stack already is: the same file gave different results (found by test/fuzz/mutation).
 * In a test worker it overflowed below 800 levels of `{a: `. A cheap linear scan first lets a format refuse
 * (kubernetes, pulumi) or blank (azure-cli) such nesting the same way every time.
 */
export const MAX_YAML_NESTING = 256;

/** The first line where the YAML nesting estimate passes `max`, or undefined. Quotes and comments are skipped. */
export function yamlNestingTooDeep(text: string, max = MAX_YAML_NESTING): number | undefined {
  let depth = 0;
  let line = 1;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let dashes = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      line++;
      lineStart = true;
      dashes = 0;
      continue;
    }
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (lineStart) {
      // `- - - x` nests one sequence per dash.
      if (char === '-' && (text[index + 1] === ' ' || text[index + 1] === '\t')) {
        dashes++;
        if (dashes > max) return line;
        continue;
      }
      if (char !== ' ' && char !== '\t') lineStart = false;
    }
    if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? text.length : end) - 1;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '{' || char === '[') {
      depth++;
      if (depth + dashes > max) return line;
    } else if ((char === '}' || char === ']') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * The text with everything nested deeper than `max` (flow collections and compact `- ` sequences) turned
 * into spaces, so that lines and offsets stay put and the rest of the file still parses, and the first line
 * where that happened. For formats that read YAML for parts of it (a pipeline's scripts).
 */
export function blankTooDeepYaml(text: string, max = MAX_YAML_NESTING): { text: string; line: number | undefined } {
  if (yamlNestingTooDeep(text, max) === undefined) return { text, line: undefined };
  const chars = text.split('');
  let depth = 0;
  let line = 1;
  let first: number | undefined;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let dashes = 0;
  const blank = (index: number): void => {
    chars[index] = ' ';
    first ??= line;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      line++;
      lineStart = true;
      dashes = 0;
      continue;
    }
    if (quote !== undefined) {
      if (depth + dashes > max) blank(index);
      if (char === '\\' && quote === '"') {
        index++;
        if (depth + dashes > max && text[index] !== '\n') blank(index);
      } else if (char === quote) quote = undefined;
      continue;
    }
    if (lineStart && char === '-' && (text[index + 1] === ' ' || text[index + 1] === '\t')) {
      dashes++;
      if (dashes > max) blank(index);
      continue;
    }
    if (char !== ' ' && char !== '\t') lineStart = false;
    if (char === '#' && (index === 0 || /\s/.test(text[index - 1] ?? ''))) {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? text.length : end) - 1;
      continue;
    }
    if (char === '{' || char === '[') {
      depth++;
      if (depth + dashes > max) blank(index);
      continue;
    }
    if ((char === '}' || char === ']') && depth > 0) {
      if (depth + dashes > max) blank(index);
      depth--;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    if (depth + dashes > max) blank(index);
  }
  return { text: chars.join(''), line: first };
}
