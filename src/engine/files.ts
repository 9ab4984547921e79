import { directoryOf, normalizePath } from '../domain/paths.js';
import type { FileSet, SourceFile } from '../model/index.js';

/**
 * A file as an adapter hands it over: text, raw bytes, only its size when it was too large to read (with
 * its first bytes when the adapter has them, for the AKS scan), or why it could not be read at all.
 */
export type InputFile =
  | { path: string; content: string | Uint8Array }
  | { path: string; size: number; sample?: Uint8Array; content?: undefined }
  | { path: string; unreadable: string; sample?: string | Uint8Array; content?: undefined };

/** Why a file's bytes are not analyzable text. */
export type Unreadable =
  | { kind: 'binary'; detail: string; aksMarkers: boolean }
  | { kind: 'too-large'; detail: string; aksMarkers: boolean }
  | { kind: 'unreadable'; detail: string; aksMarkers: boolean }
  | { kind: 'encoding'; detail: string; line: number };

export interface DecodedFile {
  file: SourceFile;
  unreadable?: Unreadable;
}

/** Git's heuristic: a NUL byte in the first 8,000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;
/** How much of a file that is not analyzed the AKS scan reads. */
const MARKER_SCAN_BYTES = 1024 * 1024;
/**
 * Names that only appear in a file that defines or changes an AKS cluster, in any of the formats: the
 * cheap pre-check that decides how loudly a file we could not analyze is reported.
 */
const AKS_MARKERS =
  /azurerm_kubernetes_cluster|Microsoft\.ContainerService|containerservice\.azure\.com|ManagedCluster|AzureManagedControlPlane|\baz\s+aks\b|AzAksCluster|kubernetes_cluster/i;

/** Whether the first MiB of a file mentions an AKS resource (bytes are read as Latin-1: names are ASCII). */
export function mentionsAks(content: string | Uint8Array | undefined): boolean {
  if (content === undefined) return false;
  const text =
    typeof content === 'string'
      ? content.slice(0, MARKER_SCAN_BYTES)
      : new TextDecoder('latin1').decode(content.subarray(0, MARKER_SCAN_BYTES));
  return AKS_MARKERS.test(text);
}

export function decodeInput(input: InputFile, maxBytes: number): DecodedFile {
  const path = normalizePath(input.path);
  const empty = { path, text: '' };
  if (input.content === undefined) {
    if ('unreadable' in input)
      return {
        file: empty,
        unreadable: { kind: 'unreadable', detail: input.unreadable, aksMarkers: mentionsAks(input.sample) },
      };
    return {
      file: empty,
      unreadable: {
        kind: 'too-large',
        detail: describeSize(input.size, maxBytes),
        aksMarkers: mentionsAks(input.sample),
      },
    };
  }
  const content = input.content;
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > maxBytes) {
    return {
      file: empty,
      unreadable: { kind: 'too-large', detail: describeSize(size, maxBytes), aksMarkers: mentionsAks(content) },
    };
  }
  // A NUL in the first 8,000 bytes (or characters) is binary, whichever way the adapter read the file.
  const hasNul =
    typeof content === 'string'
      ? content.slice(0, BINARY_SNIFF_BYTES).includes('\0')
      : content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
  if (hasNul) {
    return {
      file: empty,
      unreadable: { kind: 'binary', detail: 'the file contains NUL bytes', aksMarkers: mentionsAks(content) },
    };
  }
  if (typeof content === 'string') return { file: { path, text: content } };
  const bytes = content;
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
