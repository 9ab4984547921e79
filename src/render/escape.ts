/**
 * Repository content (file names, values, expressions) goes into Markdown that GitHub renders. Nothing in
 * it may ping anyone, link an issue, open HTML, or break out of a table cell or a `<details>` block.
 */

// Zero-width and bidirectional control characters can hide or reorder text ("Trojan Source").
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// C0 and C1 control characters (ESC, BEL, the one-byte CSI U+009B, ...): terminal escape sequences in a
// rendered report or a log it is copied to. A run becomes one space, as in the text renderer.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
// GitHub links `@name` and `#123` after decoding entities, so those get a zero-width space (as an entity) after them.
const SPECIAL = /[\\`*_[\]!|<>~&@#]/g;

/** Text shown as plain text in Markdown: every Markdown and HTML special character is neutralised. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(CONTROL, ' ')
    .replace(SPECIAL, (char) => (char === '@' || char === '#' ? `${char}&#8203;` : `&#${char.charCodeAt(0)};`));
}

/**
 * Text shown as inline code. Backticks are replaced (a code span can't contain a run longer than its
 * fence) and `@`/`#` are inert inside code spans, so nothing pings. HTML is inert too, but `|` still
 * ends a table cell on GitHub, so it is replaced by a look-alike.
 */
export function inlineCode(text: string, maxLength = 200): string {
  const clean = truncate(
    text
      .replace(INVISIBLE, '')
      .replace(/\r?\n|\r/g, ' ')
      .replace(CONTROL, ' '),
    maxLength,
  )
    .replaceAll('`', 'ˋ')
    .replaceAll('|', '¦')
    // An HTML comment opener from input is shown with a look-alike dash: it never reads as one of our markers.
    .replaceAll('<!--', '<!\u2010-');
  return `\`${clean.length === 0 ? ' ' : clean}\``;
}

/**
 * Our own message text, which may quote repository values in backticks: keep our code spans, neutralise
 * the rest. Messages may have several lines, and lines that start with a list or task-list marker
 * (`- `, `- [ ] `) stay lists; everything else on a line is escaped.
 */
export function escapeMessage(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const marker = /^(?<marker>- (?:\[ \] )?)/.exec(line)?.groups?.marker ?? '';
      return marker + escapeLine(line.slice(marker.length));
    })
    .join('\n');
}

/** A message on one line (a table cell, a list item): lines are joined, then escaped as prose. */
export function escapeMessageLine(text: string): string {
  return escapeLine(
    text
      .split('\n')
      .map((line) => line.trim())
      .join(' '),
  );
}

function escapeLine(line: string): string {
  const text = line.replace(CONTROL, ' ');
  const parts = text.split(/(`[^`\n]*`)/);
  return parts.map((part, index) => (index % 2 === 1 ? inlineCode(part.slice(1, -1)) : escapeProse(part))).join('');
}

/** Prose with URLs left clickable: escape everything but keep http(s) links intact. */
function escapeProse(text: string): string {
  const pieces = text.split(/(https:\/\/[^\s<>"'`]+[^\s<>"'`.,;:)])/);
  return pieces.map((piece, index) => (index % 2 === 1 ? piece : escapeMarkdown(piece))).join('');
}

export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}
