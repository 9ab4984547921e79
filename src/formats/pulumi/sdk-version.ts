import type { FileSet, SourceFile } from '../../model/index.js';

/**
 * Which major version of the azure-native SDK a program uses, from the dependency files at or above its
 * directory (the nearest one that names the SDK wins). It matters for one client-side default: the v1 and v2
 * SDKs fill in `networkPlugin: "kubenet"` when a network profile leaves it out, v3 does not (fact base §4.8).
 */

/** The dependency files read, in the order they are tried within a directory. */
export const DEPENDENCY_FILES: readonly string[] = ['package.json', 'requirements.txt', 'pyproject.toml', 'go.mod'];

export type SdkVersion =
  | { found: true; major: number; file: string; spec: string }
  /** `file` names the SDK with a version this reader can't pin to one major (`*`, `>=2`, a Git URL). */
  | { found: false; file?: string; spec?: string };

/** Sniffed by name: an npm scope, a PyPI name (`-`, `_` and `.` are the same there) or a Go module path. */
const NPM_NAME = '@pulumi/azure-native';
const PYPI_NAME = /^pulumi[-_.]azure[-_.]native$/i;
const REQUIREMENT = /^\s*(?<name>pulumi[-_.]azure[-_.]native)(?![\w.-])\s*(?:\[[^\]]*\])?\s*(?<spec>[^#;]*)/i;
const PEP_508 = /["'](?<name>pulumi[-_.]azure[-_.]native)(?![\w.-])\s*(?:\[[^\]]*\])?\s*(?<spec>[^"';]*)/i;
/** A Poetry dependency line, read one line at a time: `pulumi-azure-native = "^2.0"` or `= { version = "…" }`. */
const POETRY_LINE = /^\s*["']?pulumi[-_.]azure[-_.]native["']?\s*=(?<rest>.*)$/i;
const GO_MODULE = 'github.com/pulumi/pulumi-azure-native';
const GO_VERSION = /^v(?<major>\d+)\.\d/;

export function azureNativeVersion(path: string, files: FileSet): SdkVersion {
  let dir = dirname(path);
  for (;;) {
    for (const name of DEPENDENCY_FILES) {
      const file = files.get(dir === '' ? name : `${dir}/${name}`);
      if (file === undefined) continue;
      const read = files.memo(`pulumi:sdk-version:${file.path}`, () => readDependencyFile(name, file));
      if (read !== undefined) return read;
    }
    if (dir === '') return { found: false };
    dir = dirname(dir);
  }
}

/** The SDK's version in one dependency file; `undefined` when the file does not name the SDK. */
function readDependencyFile(name: string, file: SourceFile): SdkVersion | undefined {
  if (name === 'package.json') return fromPackageJson(file);
  if (name === 'requirements.txt') return fromRequirements(file);
  if (name === 'pyproject.toml') return fromPyproject(file);
  return fromGoMod(file);
}

function fromPackageJson(file: SourceFile): SdkVersion | undefined {
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (json as Record<string, unknown>)[key];
    if (typeof deps !== 'object' || deps === null) continue;
    const spec = (deps as Record<string, unknown>)[NPM_NAME];
    if (typeof spec === 'string') return withMajor(file.path, spec, npmMajor(spec));
  }
  return undefined;
}

function fromRequirements(file: SourceFile): SdkVersion | undefined {
  for (const line of file.text.split('\n')) {
    const groups = REQUIREMENT.exec(line)?.groups;
    if (groups?.spec !== undefined) return withMajor(file.path, groups.spec.trim(), pep440Major(groups.spec));
  }
  return undefined;
}

function fromPyproject(file: SourceFile): SdkVersion | undefined {
  for (const line of file.text.split('\n')) {
    const rest = POETRY_LINE.exec(line)?.groups?.rest;
    if (rest === undefined) continue;
    const spec = poetrySpec(rest.trim());
    if (spec === undefined) continue;
    return withMajor(file.path, spec.trim(), npmMajor(spec) ?? pep440Major(spec));
  }
  const pep508 = PEP_508.exec(file.text)?.groups;
  if (pep508?.name !== undefined && PYPI_NAME.test(pep508.name)) {
    const spec = (pep508.spec ?? '').trim();
    return withMajor(file.path, spec, pep440Major(spec));
  }
  return undefined;
}

/** `"^2.0"` or `{ version = "^2.0", … }` (a Poetry inline table): the version string, read without backtracking. */
function poetrySpec(value: string): string | undefined {
  if (value.startsWith('{')) {
    const at = value.indexOf('version');
    if (at < 0) return undefined;
    const after = value.slice(at + 'version'.length).trimStart();
    return after.startsWith('=') ? quoted(after.slice(1).trimStart()) : undefined;
  }
  return quoted(value);
}

function quoted(value: string): string | undefined {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = value.indexOf(quote, 1);
  return end < 0 ? undefined : value.slice(1, end);
}

/** `require github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2 v2.5.0`, or the same inside a block. */
function fromGoMod(file: SourceFile): SdkVersion | undefined {
  for (const line of file.text.split('\n')) {
    const words = line
      .trim()
      .split(/\s/)
      .filter((word) => word !== '');
    const at = words.findIndex((word) => word.startsWith(GO_MODULE));
    const major = at < 0 ? undefined : GO_VERSION.exec(words[at + 1] ?? '')?.groups?.major;
    if (major !== undefined) return { found: true, major: Number(major), file: file.path, spec: `v${major}` };
  }
  return undefined;
}

function withMajor(file: string, spec: string, major: number | undefined): SdkVersion {
  return major === undefined ? { found: false, file, spec } : { found: true, major, file, spec };
}

/** `2.5.0`, `^2.5.0`, `~2.5`, `=2`, `v3.1.0`: one major. Ranges, `*`, tags and URLs are not pinned. */
function npmMajor(spec: string): number | undefined {
  const match = /^[\^~=v]?(?<major>\d+)(?:\.(?:\d+|x|\*)){0,2}(?:[-+][\w.-]*)?$/i.exec(spec.trim());
  return match?.groups?.major === undefined ? undefined : Number(match.groups.major);
}

/**
 * PEP 440: `==2.5.0`, `~=2.5`, `===2.5.0`, or `>=2.0` with an upper bound `<3` (that is, one major). A lower
 * bound alone could be any later major.
 */
function pep440Major(spec: string): number | undefined {
  const clauses = spec
    .split(',')
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
  let lower: number | undefined;
  let highest: number | undefined;
  for (const clause of clauses) {
    const match = /^(?<op>===|==|~=|>=|>|<=|<|!=)\s*v?(?<major>\d+)(?<rest>(?:\.\d+)*)/.exec(clause);
    const op = match?.groups?.op;
    const major = match?.groups?.major === undefined ? undefined : Number(match.groups.major);
    if (op === undefined || major === undefined) return undefined;
    if (op === '==' || op === '===' || op === '~=') return major;
    if (op === '>=' || op === '>') lower = major;
    // `<3` and `<3.0.0` end before 3; `<2.5` and `<=2.5` end inside 2.
    if (op === '<') highest = /^(?:\.0)*$/.test(match?.groups?.rest ?? '') ? major - 1 : major;
    if (op === '<=') highest = major;
  }
  return lower !== undefined && highest === lower ? lower : undefined;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
