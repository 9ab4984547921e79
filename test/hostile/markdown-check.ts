/**
 * A small Markdown reader for the checks GitHub's renderer makes dangerous: what is inside code (fenced
 * blocks and code spans, where `@`, `#` and HTML are inert) and what is outside.
 */
export interface MarkdownProblems {
  problems: string[];
}

const FENCE = /^ {0,3}(?<fence>`{3,}|~{3,})/;

/** The text outside fenced code blocks and code spans, line by line (code replaced by spaces). */
export function outsideCode(markdown: string): { lines: string[]; unclosedFence: boolean } {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const open = FENCE.exec(line)?.groups?.fence;
    if (fence !== undefined) {
      if (open !== undefined && open[0] === fence[0] && open.length >= fence.length && line.trim() === open) {
        fence = undefined;
      }
      lines.push('');
      continue;
    }
    if (open !== undefined) {
      fence = open;
      lines.push('');
      continue;
    }
    lines.push(withoutCodeSpans(line));
  }
  return { lines, unclosedFence: fence !== undefined };
}

/** A code span opens with a run of n backticks and closes with the next run of exactly n (CommonMark 6.1). */
function withoutCodeSpans(line: string): string {
  let out = '';
  let index = 0;
  while (index < line.length) {
    if (line[index] === '\\' && line[index + 1] === '`') {
      out += '  ';
      index += 2;
      continue;
    }
    if (line[index] !== '`') {
      out += line[index];
      index++;
      continue;
    }
    let run = 0;
    while (line[index + run] === '`') run++;
    let close = -1;
    for (let at = index + run; at < line.length;) {
      if (line[at] !== '`') {
        at++;
        continue;
      }
      let other = 0;
      while (line[at + other] === '`') other++;
      if (other === run) {
        close = at;
        break;
      }
      at += other;
    }
    if (close < 0) {
      // An unmatched run is literal backticks.
      out += line.slice(index, index + run);
      index += run;
      continue;
    }
    out += ' '.repeat(close + run - index);
    index = close + run;
  }
  return out;
}

const OUR_TAGS = /^<\/?(?:details|summary|sub)(?: open)?>/;
/** Our markers, exactly as we write them; accepted only as the body's final line. */
const OUR_MARKER = /^<!-- aks-netguide:(?:fp=[0-9a-f]{8,64}|summary tag=[A-Za-z0-9_.-]+|reply) -->$/;

/**
 * Everything GitHub would turn into a ping, an issue link, HTML from the input, or a broken structure; and
 * anything that could pass for one of our markers (an HTML comment naming aks-netguide) anywhere but the
 * final line, inside code or not: markers are matched on raw bodies, where code is no shelter.
 */
export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const rawLines = markdown.trimEnd().split('\n');
  const last = rawLines.length - 1;
  for (const [number, line] of rawLines.entries()) {
    if (number === last && OUR_MARKER.test(line)) continue;
    if (/<!--\s*aks-netguide:/i.test(line))
      problems.push(
        `a marker-like comment outside the final line, line ${number + 1}: ${JSON.stringify(line.slice(0, 160))}`,
      );
  }
  const { lines, unclosedFence } = outsideCode(
    last >= 0 && OUR_MARKER.test(rawLines[last] ?? '') ? rawLines.slice(0, last).join('\n') : markdown,
  );
  if (unclosedFence) problems.push('a code fence is never closed');
  let details = 0;
  for (const [number, line] of lines.entries()) {
    const where = `line ${number + 1}: ${JSON.stringify(line.slice(0, 160))}`;
    if (/@[A-Za-z0-9]/.test(line)) problems.push(`an @mention outside code, ${where}`);
    if (/(?:^|[^&\w])#\d/.test(line)) problems.push(`an issue reference outside code, ${where}`);
    for (let at = line.indexOf('<'); at !== -1; at = line.indexOf('<', at + 1)) {
      const rest = line.slice(at);
      if (!/^<[A-Za-z/!?]/.test(rest)) continue;
      const ours = OUR_TAGS.exec(rest);
      if (ours === null) problems.push(`raw HTML outside code, ${where}`);
      else if (ours[0].startsWith('<details')) details++;
      else if (ours[0] === '</details>') {
        details--;
        if (details < 0) problems.push(`</details> without <details>, ${where}`);
      }
    }
  }
  if (details > 0) problems.push(`${details} <details> never closed`);
  problems.push(...tableProblems(markdown));
  return problems;
}

/** Every row of a table has as many cells as its header (an unescaped `|` in a value adds one). */
function tableProblems(markdown: string): string[] {
  const problems: string[] = [];
  let columns: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = line.replace(/\\\|/g, '').split('|').length;
    if (columns === undefined) columns = cells;
    else if (cells !== columns)
      problems.push(`a table row has ${cells - 2} cells, not ${columns - 2}: ${line.slice(0, 160)}`);
  }
  return problems;
}
