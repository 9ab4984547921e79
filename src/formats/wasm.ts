import { createRequire } from 'node:module';
import { Parser } from 'web-tree-sitter';

/**
 * The WebAssembly files the tree-sitter formats load (web-tree-sitter's runtime and the grammars). From
 * source they resolve in node_modules; a bundle ships them in one directory and says where, once, before
 * the first analysis.
 */
let directory: string | undefined;
let runtime: Promise<void> | undefined;

export function setWasmDirectory(path: string): void {
  directory = path;
}

/** The path of a package's `.wasm` file, e.g. `tree-sitter-python/tree-sitter-python.wasm`. */
export function wasmPath(specifier: string): string {
  if (directory !== undefined) return `${directory}/${specifier.slice(specifier.lastIndexOf('/') + 1)}`;
  return createRequire(import.meta.url).resolve(specifier);
}

/** web-tree-sitter's runtime, loaded once per process for every format that uses it. */
export function initTreeSitter(runtimePath?: string): Promise<void> {
  const locate = runtimePath ?? (directory === undefined ? undefined : `${directory}/web-tree-sitter.wasm`);
  runtime ??= Parser.init(locate === undefined ? undefined : { locateFile: () => locate }).catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

/**
 * The longest text handed to a tree-sitter parser, in characters: the engine's 8 MiB file limit. Beyond
 * roughly twice that, the WebAssembly heap runs out and the runtime aborts, and an aborted runtime fails
 * every later parse of every tree-sitter format in the process (found by test/hostile/huge). Callers of
 * `extract` that skip the engine's limit get a problem instead.
 */
export const MAX_TREE_SITTER_CHARS = 8 * 1024 * 1024;
