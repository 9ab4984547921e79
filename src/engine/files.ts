import { directoryOf, normalizePath } from '../domain/paths.js';
import type { FileSet, SourceFile } from '../model/index.js';

/** A file as an adapter hands it over: text, raw bytes, or only its size when it was too large to read. */
export type InputFile =
  { path: string; content: string | Uint8Array } | { path: string; size: number; content?: undefined };

/** Why a file's bytes are not analyzable text. */
export type Unreadable =
  | { kind: 'binary'; detail: string }
  | { kind: 'too-large'; detail: string }
  | { kind: 'encoding'; detail: string; line: number };

export interface DecodedFile {
  file: SourceFile;
  unreadable?: Unreadable;
}

/** Git's heuristic: a NUL byte in the first 8,000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

export function decodeInput(input: InputFile, maxBytes: number): DecodedFile {
  const path = normalizePath(input.path);
  if (input.content === undefined) {
    return { file: { path, text: '' }, unreadable: { kind: 'too-large', detail: describeSize(input.size, maxBytes) } };
  }
  if (typeof input.content === 'string') {
    if (input.content.length > maxBytes) {
      return {
        file: { path, text: '' },
        unreadable: { kind: 'too-large', detail: describeSize(input.content.length, maxBytes) },
      };
    }
    return { file: { path, text: input.content } };
  }
  const bytes = input.content;
  if (bytes.byteLength > maxBytes) {
    return {
      file: { path, text: '' },
      unreadable: { kind: 'too-large', detail: describeSize(bytes.byteLength, maxBytes) },
    };
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) {
    return { file: { path, text: '' }, unreadable: { kind: 'binary', detail: 'the file contains NUL bytes' } };
  }
  try {
    return { file: { path, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) } };
  } catch {
    // Not UTF-8: analyze what decodes, and say where the first bad byte is.
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : lineAt(text, bad);
    return { file: { path, text }, unreadable: { kind: 'encoding', detail: 'the file is not valid UTF-8', line } };
  }
}

function describeSize(size: number, maxBytes: number): string {
  return `the file is ${formatBytes(size)}, above the ${formatBytes(maxBytes)} limit`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export { directoryOf, normalizePath } from '../domain/paths.js';

export function createFileSet(files: Iterable<SourceFile>): FileSet {
  const byPath = new Map<string, SourceFile>();
  const byDirectory = new Map<string, SourceFile[]>();
  for (const file of files) {
    byPath.set(file.path, file);
    const dir = directoryOf(file.path);
    const siblings = byDirectory.get(dir) ?? [];
    siblings.push(file);
    byDirectory.set(dir, siblings);
  }
  for (const siblings of byDirectory.values())
    siblings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cache = new Map<string, unknown>();
  return {
    get: (path) => byPath.get(path),
    inDirectory: (dir) => byDirectory.get(dir) ?? [],
    memo<T>(key: string, compute: () => T): T {
      if (cache.has(key)) return cache.get(key) as T;
      const value = compute();
      cache.set(key, value);
      return value;
    },
  };
}
