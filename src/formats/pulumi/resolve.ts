import type { FileSet, ResolutionStep, Setting, SourceFile, SourceRange } from '../../model/index.js';
import { parseYaml } from './parse.js';
import type { YamlResult } from './parse.js';
import type { Expr, ObjectEntry } from './parse.js';

/**
 * Evaluates the expressions a Pulumi program gives its resources: literals, constants, templates, SDK enum
 * members and stack configuration. Everything else is an unresolved value with a reason. Never throws.
 */

export type Scalar = string | number | boolean;

export type Evaluation =
  { ok: true; value: Scalar; via: ResolutionStep[]; fromConfig?: boolean } | { ok: false; reason: string };

/** A name as the language sees it: a constant's value, a config read, or why it has no value. */
export type Lookup =
  | { kind: 'value'; expr: Expr; step: ResolutionStep }
  | { kind: 'config'; read: ConfigRead }
  | { kind: 'unresolved'; reason: string };

/** `config.get("x") ?? "fallback"`, or a Pulumi YAML `${x}` that names a config key. */
export interface ConfigRead {
  /** The namespace: the project's name unless `new Config("ns")` names another. */
  namespace: string | undefined;
  key: string;
  /** What the code falls back to when no stack sets the key. */
  fallback?: Expr;
  /** A default declared in Pulumi.yaml (`config: x: { default: … }`). */
  declaredDefault?: { value: Scalar; range: SourceRange };
  secret: boolean;
  /** The text of the read, for messages. */
  text: string;
  range: SourceRange;
}

export interface Context {
  file: SourceFile;
  files: FileSet;
  lookup(name: string, depth: number): Lookup;
  /** The read of stack configuration an expression is (`config.get("x")`), if it is one. */
  configRead(expr: Expr, depth: number): ConfigRead | undefined;
  /** The SDK path an expression names (`["containerservice", "NetworkPlugin", "Kubenet"]`), if it names one. */
  sdkPath(expr: Expr, depth: number): string[] | undefined;
  /** The API name of an object key (`network_plugin` -> `networkPlugin`). */
  keyName(key: string): string;
}

/** Names followed through more constants than this are left unresolved (and cycles end here too). */
const MAX_DEPTH = 20;

/** The SDK enums whose members can be written instead of strings, with the API values they stand for. */
const ENUMS: Record<string, readonly string[]> = {
  NetworkPlugin: ['azure', 'kubenet', 'none'],
  NetworkPluginMode: ['overlay'],
  NetworkDataplane: ['azure', 'cilium'],
  NetworkPolicy: ['none', 'calico', 'azure', 'cilium'],
  NetworkMode: ['transparent', 'bridge'],
  LoadBalancerSku: ['standard', 'basic'],
  OutboundType: ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none'],
  OSType: ['Linux', 'Windows'],
  PodIPAllocationMode: ['DynamicIndividual', 'StaticBlock'],
};

/** `Kubenet` (TypeScript) and `KUBENET` (Python) both name `kubenet`; `MANAGED_NAT_GATEWAY` names `managedNATGateway`. */
function enumValue(enumName: string, member: string): string | undefined {
  const values = ENUMS[enumName];
  if (values === undefined) return undefined;
  const wanted = member.replaceAll('_', '').toLowerCase();
  return values.find((value) => value.toLowerCase() === wanted);
}

export function evaluate(expr: Expr, ctx: Context, depth = 0): Evaluation {
  if (depth > MAX_DEPTH) return { ok: false, reason: `\`${expr.text}\` refers through too many names to follow` };
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return { ok: true, value: expr.value, via: [] };
    case 'null':
      return { ok: false, reason: `\`${expr.text}\` leaves the property unset` };
    case 'template':
      return evaluateTemplate(expr, ctx, depth);
    case 'identifier':
      return evaluateName(expr, ctx, depth);
    case 'member':
      return evaluateMember(expr, ctx, depth);
    case 'binary':
    case 'call': {
      const read = ctx.configRead(expr, depth);
      if (read !== undefined) return evaluateConfig(read, ctx, depth);
      if (expr.kind === 'binary') {
        return {
          ok: false,
          reason: `\`${expr.text}\` uses the ${expr.op} operator, which the analyzer does not evaluate`,
        };
      }
      return { ok: false, reason: `\`${expr.text}\` is a function call, evaluated only when the program runs` };
    }
    case 'object':
    case 'array':
      return { ok: false, reason: `\`${expr.text}\` is not a single value` };
    case 'other':
      return { ok: false, reason: `\`${expr.text}\` is ${article(expr.what)}, which the analyzer does not evaluate` };
  }
}

function article(what: string): string {
  return /^(?:a|an) /.test(what) ? what : /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`;
}

function evaluateTemplate(expr: Extract<Expr, { kind: 'template' }>, ctx: Context, depth: number): Evaluation {
  let value = '';
  const via: ResolutionStep[] = [];
  for (const part of expr.parts) {
    if ('literal' in part) {
      value += part.literal;
      continue;
    }
    const inner = evaluate(part.expr, ctx, depth + 1);
    if (!inner.ok) return { ok: false, reason: `\`${expr.text}\` contains \`${part.expr.text}\`: ${inner.reason}` };
    value += String(inner.value);
    via.push(...inner.via);
  }
  return { ok: true, value, via };
}

function evaluateName(expr: Extract<Expr, { kind: 'identifier' }>, ctx: Context, depth: number): Evaluation {
  const found = ctx.lookup(expr.name, depth);
  if (found.kind === 'unresolved') return { ok: false, reason: found.reason };
  if (found.kind === 'config') return evaluateConfig(found.read, ctx, depth);
  const inner = evaluate(found.expr, ctx, depth + 1);
  if (!inner.ok) return inner;
  return { ...inner, via: [found.step, ...inner.via] };
}

function evaluateMember(expr: Extract<Expr, { kind: 'member' }>, ctx: Context, depth: number): Evaluation {
  const path = ctx.sdkPath(expr, depth);
  if (path !== undefined && path.length === 3 && path[0] === 'containerservice') {
    const [, enumName = '', member = ''] = path;
    const value = enumValue(enumName, member);
    if (value !== undefined) {
      return {
        ok: true,
        value,
        via: [{ description: `${enumName}.${member} is the SDK enum value "${value}"`, range: expr.range }],
      };
    }
    if (ENUMS[enumName] !== undefined) {
      return {
        ok: false,
        reason: `\`${expr.text}\` is not a member of the SDK's ${enumName} enum that the analyzer knows`,
      };
    }
  }
  const root = rootName(expr);
  return {
    ok: false,
    reason:
      root === undefined
        ? `\`${expr.text}\` is a property of a value known only when the program runs`
        : `\`${expr.text}\` is a property of \`${root}\` (another resource or object), known only when the program runs`,
  };
}

function rootName(expr: Expr): string | undefined {
  let current = expr;
  for (let i = 0; i < MAX_DEPTH && current.kind === 'member'; i += 1) current = current.object;
  return current.kind === 'identifier' ? current.name : undefined;
}

/** The flat names of `a.b.c`: `["a", "b", "c"]`, or undefined when the root is not a name. */
export function memberChain(expr: Expr): string[] | undefined {
  const names: string[] = [];
  let current = expr;
  for (let i = 0; i < MAX_DEPTH && current.kind === 'member'; i += 1) {
    names.unshift(current.property);
    current = current.object;
  }
  if (current.kind !== 'identifier') return undefined;
  names.unshift(current.name);
  return names;
}

interface StackValue {
  stack: string;
  value: Scalar | undefined;
  secret: boolean;
  range: SourceRange;
}

function evaluateConfig(read: ConfigRead, ctx: Context, depth: number): Evaluation {
  if (read.secret) return { ok: false, reason: `\`${read.text}\` reads a secret, which the analyzer does not read` };
  const project = findProject(ctx.file.path, ctx.files);
  const namespace = read.namespace ?? project?.name;
  const fullKey = read.key.includes(':') ? read.key : namespace === undefined ? undefined : `${namespace}:${read.key}`;
  const stacks = fullKey === undefined || project === undefined ? [] : stackValues(project.dir, fullKey, ctx.files);
  const fallback = fallbackValue(read, ctx, depth);
  const shown = fullKey ?? read.key;
  if (stacks.length === 0) {
    if (fallback === undefined) {
      const where =
        project === undefined
          ? 'there is no Pulumi.yaml beside the program to name the project'
          : `no Pulumi.<stack>.yaml sets ${shown}`;
      return {
        ok: false,
        reason: `\`${read.text}\` reads stack configuration and ${where}; set it in a stack file to resolve it`,
      };
    }
    if (!fallback.ok)
      return { ok: false, reason: `\`${read.text}\` falls back to an unresolved value: ${fallback.reason}` };
    return { ...fallback, fromConfig: fallback.fromConfig };
  }
  const effective: { stack: string; value: Scalar | undefined; step: ResolutionStep }[] = [];
  for (const stack of stacks) {
    if (stack.secret) return { ok: false, reason: `\`${read.text}\` reads ${shown}, a secret in ${stack.stack}` };
    if (stack.value !== undefined) {
      effective.push({
        stack: stack.stack,
        value: stack.value,
        step: { description: `${shown} = ${JSON.stringify(stack.value)} (${stack.stack})`, range: stack.range },
      });
      continue;
    }
    if (fallback?.ok) {
      effective.push({
        stack: stack.stack,
        value: fallback.value,
        step: {
          description: `${stack.stack} does not set ${shown}; ${fallback.via[0]?.description ?? 'the fallback applies'}`,
          range: fallback.via[0]?.range ?? read.range,
        },
      });
      continue;
    }
    effective.push({
      stack: stack.stack,
      value: undefined,
      step: { description: `${stack.stack} does not set ${shown}`, range: read.range },
    });
  }
  const values = new Set(effective.map((e) => e.value));
  const only = effective[0];
  if (values.size === 1 && only !== undefined && only.value !== undefined) {
    return { ok: true, value: only.value, via: effective.map((e) => e.step), fromConfig: true };
  }
  const described = effective
    .map((e) => `${e.stack}: ${e.value === undefined ? 'not set' : JSON.stringify(e.value)}`)
    .join(', ');
  return {
    ok: false,
    reason: `\`${read.text}\` reads ${shown}, which differs between stacks (${described}); the analyzer does not pick a stack`,
  };
}

function fallbackValue(read: ConfigRead, ctx: Context, depth: number): Evaluation | undefined {
  if (read.fallback !== undefined) {
    const inner = evaluate(read.fallback, ctx, depth + 1);
    if (!inner.ok) return inner;
    const step = {
      description: `the code's fallback ${JSON.stringify(inner.value)} applies when no stack sets ${read.key}`,
      range: read.fallback.range,
    };
    return { ok: true, value: inner.value, via: [step, ...inner.via] };
  }
  if (read.declaredDefault !== undefined) {
    const { value, range } = read.declaredDefault;
    return {
      ok: true,
      value,
      via: [
        {
          description: `the config default ${JSON.stringify(value)} in Pulumi.yaml applies when no stack sets ${read.key}`,
          range,
        },
      ],
      fromConfig: true,
    };
  }
  return undefined;
}

export interface Project {
  dir: string;
  name: string | undefined;
  /** The parsed Pulumi.yaml, for a YAML program's `config:`. */
  root: Expr | undefined;
  path: string;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The nearest Pulumi.yaml at or above the file's directory. */
export function findProject(path: string, files: FileSet): Project | undefined {
  let dir = dirname(path);
  for (;;) {
    for (const name of ['Pulumi.yaml', 'Pulumi.yml']) {
      const file = files.get(join(dir, name));
      if (file !== undefined) return files.memo(`pulumi:project:${file.path}`, () => readProject(dir, file, files));
    }
    if (dir === '') return undefined;
    dir = dirname(dir);
  }
}

function readProject(dir: string, file: SourceFile, files: FileSet): Project {
  const parsed = parsedYaml(file, files);
  const root = parsed.ok ? parsed.value : undefined;
  const name = entry(root, 'name')?.value;
  return { dir, name: name?.kind === 'string' ? name.value : undefined, root, path: file.path };
}

/**
 * A YAML file parsed once per analysis: a `Pulumi.yaml` is both the program and the project the program's
 * context is read from, and parsing it twice doubled the time on a large file (the `yaml` package's error
 * recovery dominates a malformed one). The parsed expressions are read, never changed.
 */
export function parsedYaml(file: SourceFile, files: FileSet): YamlResult {
  return files.memo(`pulumi:yaml:${file.path}`, () => parseYaml(file.text, file.path));
}

/** The entry with this key, in a YAML or code object. */
export function entry(expr: Expr | undefined, key: string): ObjectEntry | undefined {
  if (expr?.kind !== 'object') return undefined;
  let found: ObjectEntry | undefined;
  for (const candidate of expr.entries) if (candidate.key === key) found = candidate;
  return found;
}

const STACK_FILE = /^Pulumi\.(?<stack>[^/]+)\.ya?ml$/;

function stackValues(dir: string, fullKey: string, files: FileSet): StackValue[] {
  const values: StackValue[] = [];
  for (const file of files.inDirectory(dir)) {
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (STACK_FILE.exec(base) === null) continue;
    const config = files.memo(`pulumi:stack:${file.path}`, () => {
      const parsed = parsedYaml(file, files);
      return parsed.ok ? entry(parsed.value, 'config')?.value : undefined;
    });
    const found = entry(config, fullKey);
    const stack = base;
    if (found === undefined) {
      values.push({ stack, value: undefined, secret: false, range: { file: file.path, startLine: 1, endLine: 1 } });
      continue;
    }
    const value = found.value;
    const secret = value.kind === 'object' && entry(value, 'secure') !== undefined;
    const scalar =
      value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' ? value.value : undefined;
    values.push({ stack, value: scalar, secret, range: found.range });
  }
  return values;
}

/** An object's entries by API name (later entries win, spreads of constant objects merged in place). */
export type Properties = Map<string, ObjectEntry>;

export function resolveObject(
  expr: Expr,
  ctx: Context,
  depth = 0,
): { props: Properties; range: SourceRange } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (expr.kind === 'identifier') {
    const found = ctx.lookup(expr.name, depth);
    return found.kind === 'value' ? resolveObject(found.expr, ctx, depth + 1) : undefined;
  }
  if (expr.kind === 'call') {
    // Python's `ContainerServiceNetworkProfileArgs(network_plugin=...)`: an object by another name.
    const path = ctx.sdkPath(expr.callee, depth);
    if (path === undefined || path[0] !== 'containerservice' || !(path[1] ?? '').endsWith('Args')) return undefined;
    const props: Properties = new Map();
    for (const kwarg of expr.kwargs)
      props.set(ctx.keyName(kwarg.name), { key: kwarg.name, value: kwarg.value, range: kwarg.range });
    return { props, range: expr.range };
  }
  if (expr.kind !== 'object') return undefined;
  const props: Properties = new Map();
  for (const item of expr.entries) {
    if (item.spread) {
      const spread = resolveObject(item.value, ctx, depth + 1);
      if (spread !== undefined) for (const [key, value] of spread.props) props.set(key, value);
      continue;
    }
    if (item.key !== undefined) props.set(ctx.keyName(item.key), item);
  }
  return { props, range: expr.range };
}

export function resolveArray(expr: Expr, ctx: Context, depth = 0): Expr[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (expr.kind === 'array') return expr.items;
  if (expr.kind === 'identifier') {
    const found = ctx.lookup(expr.name, depth);
    return found.kind === 'value' ? resolveArray(found.expr, ctx, depth + 1) : undefined;
  }
  return undefined;
}

export type ValueType = 'string' | 'number' | 'boolean';

/** The setting an object entry gives, typed; absent or `null` entries give none. */
export function settingOf(item: ObjectEntry | undefined, type: 'string', ctx: Context): Setting<string> | undefined;
export function settingOf(item: ObjectEntry | undefined, type: 'number', ctx: Context): Setting<number> | undefined;
export function settingOf(item: ObjectEntry | undefined, type: 'boolean', ctx: Context): Setting<boolean> | undefined;
export function settingOf(item: ObjectEntry | undefined, type: ValueType, ctx: Context): Setting<Scalar> | undefined {
  if (item === undefined || item.value.kind === 'null') return undefined;
  const expr = item.value;
  const range = expr.range;
  const result = evaluate(expr, ctx);
  if (!result.ok) return { how: 'unresolved', range, expression: expr.text, reason: result.reason };
  const value = coerce(result.value, type, result.fromConfig === true);
  if (value === undefined) {
    return {
      how: 'unresolved',
      range,
      expression: expr.text,
      reason: `\`${expr.text}\` is ${JSON.stringify(result.value)}, not a ${type}`,
    };
  }
  const isLiteral = expr.kind === 'string' || expr.kind === 'number' || expr.kind === 'boolean';
  if (isLiteral) return { how: 'literal', value, range };
  return { how: 'resolved', value, range, expression: expr.text, via: result.via };
}

/** Stack configuration is text: `"3"` is a number and `"true"` a boolean when the setting wants one. */
function coerce(value: Scalar, type: ValueType, fromConfig: boolean): Scalar | undefined {
  if (typeof value === type) return value;
  if (type === 'string' && typeof value === 'number') return String(value);
  if (!fromConfig || typeof value !== 'string') return undefined;
  if (type === 'number' && /^\d+$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return undefined;
}
