import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze, formatFor, isRelevant } from '../engine/analyze.js';
import { defaultConfig } from '../engine/config.js';
import { collect } from './walk.js';

// A file the process may not read (EACCES): as root, permissions can't produce one, so readFileSync
// refuses one path the way the kernel does for a user without read permission.
const denied = new Set<string>();
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    readFileSync: ((file: string, ...rest: unknown[]) => {
      if (denied.has(String(file)))
        throw Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), { code: 'EACCES' });
      return (actual.readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof actual.readFileSync,
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netguide-walk-'));
});
afterEach(() => {
  denied.clear();
  rmSync(dir, { recursive: true, force: true });
});

describe('collect', () => {
  it('an unreadable file becomes a not-analyzed finding, not an exception; the rest is analyzed', async () => {
    writeFileSync(path.join(dir, 'locked.tf'), 'resource "azurerm_kubernetes_cluster" "a" {}\n');
    writeFileSync(
      path.join(dir, 'main.tf'),
      'resource "azurerm_kubernetes_cluster" "b" {\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n',
    );
    denied.add(path.join(dir, 'locked.tf'));

    const collected = await collect(['.'], {
      cwd: dir,
      maxFileBytes: 1024 * 1024,
      isRelevant: (file) => isRelevant(file),
      isTarget: (file) => formatFor(file) !== undefined,
    });
    const report = await analyze(collected, defaultConfig('2026-11-27'));

    expect(collected.files).toContainEqual({ path: 'locked.tf', unreadable: 'EACCES when reading it' });
    expect(report.findings.filter((f) => f.ruleId === 'not-analyzed').map((f) => [f.range.file, f.message])).toEqual([
      ['locked.tf', expect.stringMatching(/because it could not be read \(EACCES when reading it\)/)],
    ]);
    expect(report.clusters.map((c) => c.cluster.range.file)).toEqual(['main.tf']);
  });
});
