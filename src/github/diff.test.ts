import { describe, expect, it } from 'vitest';
import { commentLine, inFilter, parsePatch, positionOf, sameHunk } from './diff.js';

const patch = [
  '@@ -10,6 +10,7 @@ resource "azurerm_kubernetes_cluster" "aks" {',
  '   network_profile {',
  '-    network_plugin = "kubenet"',
  '+    network_plugin      = "azure"',
  '+    network_plugin_mode = "overlay"',
  '     pod_cidr       = "10.244.0.0/16"',
  '   }',
  ' }',
  '\\ No newline at end of file',
  '@@ -40,2 +41,3 @@',
  ' a',
  '+b',
  ' c',
].join('\n');

describe('parsePatch', () => {
  it('collects added lines, hunk lines and hunk ranges', () => {
    const diff = parsePatch(patch);
    expect([...diff.added]).toEqual([11, 12, 42]);
    expect([...diff.inHunk]).toEqual([10, 11, 12, 13, 14, 15, 41, 42, 43]);
    expect(diff.hunks).toEqual([
      { start: 10, end: 15 },
      { start: 41, end: 43 },
    ]);
  });

  it.each([
    { start: 11, end: 11, position: 'added', line: 11 },
    { start: 9, end: 13, position: 'added', line: 11 },
    { start: 14, end: 14, position: 'context', line: 14 },
    { start: 20, end: 25, position: 'file', line: undefined },
  ])('lines $start-$end are $position', ({ start, end, position, line }) => {
    const diff = parsePatch(patch);
    expect(positionOf(diff, start, end)).toBe(position);
    expect(commentLine(diff, start, end)).toBe(line);
  });

  it('an unchanged file is outside', () => {
    expect(positionOf(undefined, 1, 1)).toBe('outside');
  });

  it.each([
    { mode: 'added', kept: ['added'] },
    { mode: 'diff_context', kept: ['added', 'context'] },
    { mode: 'file', kept: ['added', 'context', 'file'] },
    { mode: 'nofilter', kept: ['added', 'context', 'file', 'outside'] },
  ] as const)('filter mode $mode keeps $kept', ({ mode, kept }) => {
    const all = ['added', 'context', 'file', 'outside'] as const;
    expect(all.filter((position) => inFilter(mode, position))).toEqual(kept);
  });

  it('multi-line ranges must stay inside one hunk', () => {
    const diff = parsePatch(patch);
    expect(sameHunk(diff, 11, 13)).toBe(true);
    expect(sameHunk(diff, 14, 41)).toBe(false);
  });
});
