import { createFileSet } from '../../src/engine/files.js';
import type { FileSet, SourceFile } from '../../src/model/index.js';

/** A FileSet from a path -> text record, for format tests. */
export function fileSet(files: Record<string, string>): FileSet {
  return createFileSet(Object.entries(files).map(([path, text]) => ({ path, text })));
}

/** The SourceFile at `path` of a record, for calling `extract` directly. */
export function sourceFile(files: Record<string, string>, path: string): SourceFile {
  const text = files[path];
  if (text === undefined) throw new Error(`no file ${path} in the test record`);
  return { path, text };
}
