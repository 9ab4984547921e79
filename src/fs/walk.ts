import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { InputFile } from '../engine/files.js';

export interface Collected {
  files: InputFile[];
  /** Paths (relative to `cwd`) to analyze; the other files are context. */
  targets: string[];
}

export interface CollectOptions {
  cwd: string;
  maxFileBytes: number;
  /** Should this path be read at all (a format claims it or needs it as context)? */
  isRelevant(relativePath: string): boolean;
  /** Is this path one a format analyzes (not only context)? */
  isTarget(relativePath: string): boolean;
  /** Is this path context for some format (`.tfvars`, ARM parameters)? Named alone, its directory is analyzed. */
  isContext?(relativePath: string): boolean;
}

/** Skipped at any depth: Git's store, npm packages, and Terraform's downloaded modules and providers. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', '.terraform', 'node_modules']);

export class UsageError extends Error {}

/**
 * Reads what the analyzer needs from the given files and folders. Folders are walked, skipping `.git`,
 * `.terraform`, `node_modules` and what `.gitignore` files ignore; symbolic links met in the walk are not
 * followed, but one named on the command line is (the user chose it). A file named on the command line is
 * analyzed, with the relevant files of its directory loaded as context; a context file named alone (a
 * `.tfvars`, an ARM parameters file) makes the files of its directory that use it the ones analyzed.
 *
 * The reads are synchronous on purpose: the CLI and the Action's scan do nothing else meanwhile, and one
 * awaited `fs/promises` call per step (readdir, lstat, open, fstat, read, close) spends most of a large
 * walk waiting on the thread pool — 20,000 files took 4.5 s that way and 0.5 s like this (bench/README.md).
 */
export async function collect(inputs: readonly string[], options: CollectOptions): Promise<Collected> {
  const files = new Map<string, InputFile>();
  const targets = new Set<string>();
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    // Followed: a link named here is what the user asked for (a broken one is "no such file").
    const stats = tryStat(absolute);
    if (stats === undefined) throw new UsageError(`no such file or directory: ${input}`);
    if (stats.isDirectory()) {
      walk(absolute, [], options, files, targets);
    } else if (stats.isFile()) {
      const relative = toRelative(options.cwd, absolute);
      load(absolute, relative, stats.size, options, files);
      const contextOnly = options.isContext?.(relative) === true;
      if (!contextOnly) targets.add(relative);
      loadContext(path.dirname(absolute), options, files, contextOnly ? targets : undefined);
    }
  }
  return { files: [...files.values()], targets: [...targets].sort() };
}

function walk(
  directory: string,
  inherited: readonly { base: string; rules: Ignore }[],
  options: CollectOptions,
  files: Map<string, InputFile>,
  targets: Set<string>,
): void {
  const entries = readEntries(directory);
  const gitignore = entries.find((entry) => entry.isFile() && entry.name === '.gitignore');
  const ignores = [...inherited];
  if (gitignore !== undefined) {
    const text = readText(path.join(directory, '.gitignore'));
    ignores.push({ base: directory, rules: ignore().add(text) });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(absolute, true, ignores)) continue;
      walk(absolute, ignores, options, files, targets);
    } else if (entry.isFile()) {
      const relative = toRelative(options.cwd, absolute);
      if (!options.isRelevant(relative) || isIgnored(absolute, false, ignores)) continue;
      const stats = lstatSync(absolute);
      load(absolute, relative, stats.size, options, files);
      if (options.isTarget(relative)) targets.add(relative);
    }
  }
}

/** The relevant files beside a named file; with `targets`, the ones a format analyzes become targets. */
function loadContext(
  directory: string,
  options: CollectOptions,
  files: Map<string, InputFile>,
  targets?: Set<string>,
): void {
  const entries = readEntries(directory);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(directory, entry.name);
    const relative = toRelative(options.cwd, absolute);
    if (!options.isRelevant(relative)) continue;
    if (targets !== undefined && options.isTarget(relative)) targets.add(relative);
    if (files.has(relative)) continue;
    const stats = lstatSync(absolute);
    load(absolute, relative, stats.size, options, files);
  }
}

function load(
  absolute: string,
  relative: string,
  size: number,
  options: CollectOptions,
  files: Map<string, InputFile>,
): void {
  if (files.has(relative)) return;
  if (size > options.maxFileBytes) {
    files.set(relative, { path: relative, size });
    return;
  }
  let content: Buffer;
  try {
    content = readFileSync(absolute);
  } catch (error) {
    // A file we may not read (permissions, a race with a delete) is a `not-analyzed` finding, not a crash.
    const code = (error as NodeJS.ErrnoException).code;
    files.set(relative, { path: relative, unreadable: code === undefined ? String(error) : `${code} when reading it` });
    return;
  }
  files.set(relative, {
    path: relative,
    content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
  });
}

function tryStat(absolute: string): Stats | undefined {
  try {
    return statSync(absolute);
  } catch {
    return undefined;
  }
}

function readEntries(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isIgnored(
  absolute: string,
  isDirectory: boolean,
  ignores: readonly { base: string; rules: Ignore }[],
): boolean {
  for (const { base, rules } of ignores) {
    const relative = path.relative(base, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || relative === '') continue;
    if (rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

function toRelative(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute).split(path.sep).join('/');
  return relative === '' ? '.' : relative;
}
