import { markdownFences } from '../formats/shared/hosts/markdown.js';
import type { ExtractResult, Format, SourceFile } from '../model/index.js';

/**
 * Documentation read by every format: each fenced block of a Markdown file whose info string names a
 * language some format reads (`hcl`, `bicep`, `json`, `yaml`, `powershell`, `typescript`, `python`) becomes
 * a file of its own, read by the format that claims and sniffs it, and what that format reports is mapped
 * back to the document's lines. Shell fences stay with the Azure CLI format, which reads the document
 * itself (variables carry from one shell block to the next there).
 *
 * Each block is its own scope: it is read as the only file of a folder no real file is in, so a `var.x` in
 * a fence never resolves from a `variables.tf` that happens to sit next to the document.
 */

/** Info string -> the file name a format claims for it. */
const FENCE_FILES: Record<string, string> = {
  hcl: 'main.tf',
  hcl2: 'main.tf',
  terraform: 'main.tf',
  tf: 'main.tf',
  bicep: 'main.bicep',
  json: 'template.json',
  jsonc: 'template.json',
  yaml: 'manifest.yaml',
  yml: 'manifest.yaml',
  powershell: 'script.ps1',
  pwsh: 'script.ps1',
  ps: 'script.ps1',
  ps1: 'script.ps1',
  azurepowershell: 'script.ps1',
  'azurepowershell-interactive': 'script.ps1',
  typescript: 'index.ts',
  ts: 'index.ts',
  python: '__main__.py',
  py: '__main__.py',
};

const MARKDOWN = /\.(?:md|mdx|markdown)$/i;

export function isMarkdown(path: string): boolean {
  return MARKDOWN.test(path);
}

/** One fence as a file of its own, with the document line of each of its lines. */
export interface FenceFile {
  file: SourceFile;
  /** `lines[i]` is the document's line number of the fence's line `i + 1`. */
  lines: readonly number[];
}

/** The fences of a Markdown document that some format other than the shell reader reads, as files. */
export function fenceFiles(document: SourceFile): FenceFile[] {
  const files: FenceFile[] = [];
  for (const fence of markdownFences(document.text)) {
    const name = FENCE_FILES[fence.info];
    if (name === undefined) continue;
    const first = fence.source.lines[0] ?? 1;
    files.push({
      file: { path: `${document.path}#L${first}/${name}`, text: fence.source.text },
      lines: fence.source.lines,
    });
  }
  return files;
}

/** The format that reads a fence file, when one claims it and recognises its text. */
export function fenceFormat(fence: FenceFile, formats: readonly Format[]): Format | undefined {
  return formats.find(
    (format) => format.claims(fence.file.path) && (format.sniff === undefined || format.sniff(fence.file)),
  );
}

/**
 * What a format read from a fence, moved into the document: every source range of the fence file points at
 * the document's lines, every mention of the fence file's path names the document, and each cluster and
 * change is marked as documentation.
 */
export function intoDocument(result: ExtractResult, fence: FenceFile, documentPath: string): ExtractResult {
  const virtual = fence.file.path;
  const line = (value: number): number =>
    fence.lines[Math.min(Math.max(value, 1), fence.lines.length) - 1] ?? fence.lines[0] ?? 1;
  const seen = new Map<object, unknown>();
  const move = (value: unknown): unknown => {
    if (typeof value === 'string') return value.split(virtual).join(documentPath);
    if (typeof value !== 'object' || value === null) return value;
    const done = seen.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(move(item));
      return copy;
    }
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    const record = value as Record<string, unknown>;
    const isRange =
      record['file'] === virtual && typeof record['startLine'] === 'number' && typeof record['endLine'] === 'number';
    for (const [key, item] of Object.entries(record)) {
      if (isRange && (key === 'startLine' || key === 'endLine')) copy[key] = line(item as number);
      else copy[key] = move(item);
    }
    return copy;
  };
  const moved = move(result) as ExtractResult;
  for (const cluster of moved.clusters) cluster.documentation = true;
  for (const update of moved.updates ?? []) update.documentation = true;
  return moved;
}
