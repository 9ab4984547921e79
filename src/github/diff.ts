/**
 * Our own unified-diff hunk parser for the `patch` field of GitHub's "list pull request files". A review
 * comment may only target a line inside a hunk (GitHub answers 422 otherwise), so every inline comment is
 * placed through this map.
 */
export interface FileDiff {
  /** New-file lines that the change adds. */
  added: Set<number>;
  /** New-file lines inside a hunk (added or context): where a RIGHT-side comment may go. */
  inHunk: Set<number>;
  /** Each hunk's new-file line range, for multi-line comments (both ends must be in one hunk). */
  hunks: { start: number; end: number }[];
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(?<start>\d+)(?:,(?<count>\d+))? @@/;

export function parsePatch(patch: string): FileDiff {
  const diff: FileDiff = { added: new Set(), inHunk: new Set(), hunks: [] };
  let line = 0;
  let hunk: { start: number; end: number } | undefined;
  for (const text of patch.split('\n')) {
    const header = HUNK_HEADER.exec(text);
    if (header?.groups !== undefined) {
      line = Number(header.groups.start);
      hunk = { start: line, end: line - 1 };
      diff.hunks.push(hunk);
      continue;
    }
    if (hunk === undefined || text.startsWith('\\')) continue; // "\ No newline at end of file"
    if (text.startsWith('-')) continue;
    if (text.startsWith('+')) diff.added.add(line);
    diff.inHunk.add(line);
    hunk.end = line;
    line++;
  }
  return diff;
}

/** How a finding relates to the change, as reviewdog's filter modes see it. */
export type DiffPosition = 'added' | 'context' | 'file' | 'outside';

export type FilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';

/**
 * Where in the diff a finding's lines fall: `added` when one of its lines is added, `context` when one is
 * inside a hunk, `file` when the file is changed but not those lines, `outside` when the file is unchanged.
 */
export function positionOf(diff: FileDiff | undefined, startLine: number, endLine: number): DiffPosition {
  if (diff === undefined) return 'outside';
  for (let line = startLine; line <= endLine; line++) if (diff.added.has(line)) return 'added';
  for (let line = startLine; line <= endLine; line++) if (diff.inHunk.has(line)) return 'context';
  return 'file';
}

/** Whether the filter mode keeps a finding at this position (for gating and for the review). */
export function inFilter(mode: FilterMode, position: DiffPosition): boolean {
  switch (mode) {
    case 'added':
      return position === 'added';
    case 'diff_context':
      return position === 'added' || position === 'context';
    case 'file':
      return position !== 'outside';
    case 'nofilter':
      return true;
  }
}

/**
 * The line to put an inline comment on: the first added line of the range (for `added`), else the first
 * line inside a hunk; undefined when no line of the range is in the diff (the finding goes to the summary).
 */
export function commentLine(diff: FileDiff | undefined, startLine: number, endLine: number): number | undefined {
  if (diff === undefined) return undefined;
  for (let line = startLine; line <= endLine; line++) if (diff.added.has(line)) return line;
  for (let line = startLine; line <= endLine; line++) if (diff.inHunk.has(line)) return line;
  return undefined;
}

/** A multi-line comment is only valid when both ends lie in the same hunk. */
export function sameHunk(diff: FileDiff, start: number, end: number): boolean {
  return diff.hunks.some(
    (hunk) => start >= hunk.start && end <= hunk.end && diff.inHunk.has(start) && diff.inHunk.has(end),
  );
}
