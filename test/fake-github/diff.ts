import { structuredPatch } from 'diff';
import { isBinary, type Snapshot } from './git.js';

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The hunk as GitHub prints it: header line then ' ', '+', '-' and '\' lines. */
  text: string[];
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  /** Blob sha of the new side (old side for removed files), like GitHub. */
  sha: string;
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files and for files over the patch size limit, like GitHub. */
  patch?: string;
  hunks: Hunk[];
}

export interface DiffLimits {
  /** Either side larger than this many bytes: no `patch` (GitHub's per-file diff limit is 1 MB). */
  maxPatchFileBytes: number;
}

export function diffSnapshots(
  base: Snapshot,
  head: Snapshot,
  blobSha: (content: string) => string,
  limits: DiffLimits,
): FileChange[] {
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const changes: FileChange[] = [];
  for (const filename of paths) {
    const before = base.get(filename);
    const after = head.get(filename);
    if (before === after) continue;
    const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
    const sha = blobSha(after ?? before ?? '');
    if (isBinary(before ?? '') || isBinary(after ?? '')) {
      changes.push({ filename, status, sha, additions: 0, deletions: 0, changes: 0, hunks: [] });
      continue;
    }
    const hunks = computeHunks(before ?? '', after ?? '');
    const lines = hunks.flatMap((hunk) => hunk.text.slice(1));
    const additions = lines.filter((line) => line.startsWith('+')).length;
    const deletions = lines.filter((line) => line.startsWith('-')).length;
    const tooLarge =
      Buffer.byteLength(before ?? '', 'utf8') > limits.maxPatchFileBytes ||
      Buffer.byteLength(after ?? '', 'utf8') > limits.maxPatchFileBytes;
    const change: FileChange = { filename, status, sha, additions, deletions, changes: additions + deletions, hunks };
    if (!tooLarge && hunks.length > 0) change.patch = hunks.map((hunk) => hunk.text.join('\n')).join('\n');
    if (tooLarge) change.hunks = [];
    changes.push(change);
  }
  return changes;
}

/** Unified-diff hunks with 3 lines of context, headers in git's spelling. */
export function computeHunks(before: string, after: string): Hunk[] {
  const patch = structuredPatch('a', 'b', before, after, '', '', { context: 3 });
  return patch.hunks.map((hunk) => {
    // jsdiff counts an empty side as starting at line 1; git prints "-0,0".
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    const header = `@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`;
    return {
      oldStart,
      oldLines: hunk.oldLines,
      newStart,
      newLines: hunk.newLines,
      text: [header, ...hunk.lines],
    };
  });
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

export type Side = 'LEFT' | 'RIGHT';

export interface ResolvedLine {
  hunkIndex: number;
  /** 1-based position in the file's patch (the deprecated `position`). */
  position: number;
  /** The hunk from its header down to the commented line: GitHub's `diff_hunk`. */
  diffHunk: string;
}

/**
 * Where a comment on `line` of `side` sits in the diff, or `undefined` when that line is in no
 * hunk. RIGHT = new-file lines (added or context), LEFT = old-file lines (removed or context).
 */
export function resolveLine(hunks: readonly Hunk[], side: Side, line: number): ResolvedLine | undefined {
  let position = 0;
  for (const [hunkIndex, hunk] of hunks.entries()) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const [offset, text] of hunk.text.entries()) {
      if (offset > 0) position += 1;
      if (offset === 0) {
        if (hunkIndex > 0) position += 1;
        continue;
      }
      const kind = text[0];
      if (kind === '\\') continue;
      const matches =
        (side === 'RIGHT' && (kind === '+' || kind === ' ') && newLine === line) ||
        (side === 'LEFT' && (kind === '-' || kind === ' ') && oldLine === line);
      if (matches) {
        return { hunkIndex, position, diffHunk: hunk.text.slice(0, offset + 1).join('\n') };
      }
      if (kind !== '+') oldLine += 1;
      if (kind !== '-') newLine += 1;
    }
  }
  return undefined;
}

/** The line and side at a 1-based patch `position`, or `undefined` outside the patch. */
export function lineAtPosition(
  hunks: readonly Hunk[],
  position: number,
): { line: number; side: Side; diffHunk: string } | undefined {
  let current = 0;
  for (const [hunkIndex, hunk] of hunks.entries()) {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const [offset, text] of hunk.text.entries()) {
      if (offset > 0 || hunkIndex > 0) current += 1;
      if (offset === 0) continue;
      const kind = text[0];
      if (current === position && kind !== '\\') {
        const diffHunk = hunk.text.slice(0, offset + 1).join('\n');
        return kind === '-' ? { line: oldLine, side: 'LEFT', diffHunk } : { line: newLine, side: 'RIGHT', diffHunk };
      }
      if (kind === '\\') continue;
      if (kind !== '+') oldLine += 1;
      if (kind !== '-') newLine += 1;
    }
  }
  return undefined;
}
