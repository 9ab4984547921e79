import type { ResolutionStep, SourceRange } from '../../model/index.js';
import type { HclAttribute, HclBlock, HclBody, HclExpr, TraversalStep } from './parse.js';

/**
 * Static evaluation of Terraform expressions: literals, `var.*` (defaults and auto-loaded tfvars),
 * `local.*`, conditionals, operators and string templates. Everything else is unknown, with a reason a
 * reviewer can act on; nothing is guessed.
 */

export type Value = null | string | number | boolean | ObjectValue | TupleValue;

/** A member of an object or tuple value: its own evaluation, and where it is written. */
export interface Member {
  result: Evaluated;
  range: SourceRange;
  expression: string;
}

export interface ObjectValue {
  kind: 'object';
  entries: Map<string, Member>;
}

export interface TupleValue {
  kind: 'tuple';
  items: Member[];
}

export interface Known {
  known: true;
  value: Value;
  /** The steps taken to reach the value, outermost first; empty when it is written right there. */
  via: ResolutionStep[];
}

export interface Unknown {
  known: false;
  reason: string;
}

export type Evaluated = Known | Unknown;

export interface VariableDecl {
  name: string;
  file: string;
  block: HclBlock;
  default?: HclAttribute;
  nullable: boolean;
}

/** A `.tfvars` or `.tfvars.json` file. */
export interface VarFile {
  path: string;
  /** The file name, e.g. `terraform.tfvars`. */
  name: string;
  values: ReadonlyMap<string, HclAttribute>;
  /** Set when the file has a syntax error, so a variable it does not visibly set may still be set there. */
  errorLine?: number;
}

/** What one directory (a Terraform root or child module) declares. */
export interface Scope {
  dir: string;
  variables: ReadonlyMap<string, VariableDecl>;
  locals: ReadonlyMap<string, { attribute: HclAttribute; file: string }>;
  /** Auto-loaded variable files in Terraform's order; later ones win. */
  autoVarFiles: readonly VarFile[];
  /** Other `*.tfvars` files, used only with `-var-file`. */
  otherVarFiles: readonly VarFile[];
  /** `.tf` files of the directory with a syntax error: a declaration may be hidden in the broken part. */
  damaged: readonly { name: string; line: number }[];
  /**
   * The directory's `resource` blocks by address (`azurerm_resource_group.rg`): an argument a block writes is
   * known at plan time, so `azurerm_resource_group.rg.name` is the value written there.
   */
  resources: ReadonlyMap<string, { block: HclBlock; file: string }>;
  /**
   * Set when the directory is read as a child module through one `module` block: its variables then take
   * the values that call passes (evaluated in the caller's scope), else their defaults; tfvars do not apply.
   */
  call?: ModuleCall;
}

/** A `module` block calling a local module, as the callee's scope sees it. */
export interface ModuleCall {
  /** `module.aks`. */
  address: string;
  /** The arguments the block writes (`source`, `count` and the other meta-arguments included). */
  arguments: ReadonlyMap<string, HclAttribute>;
  /** The scope the arguments are evaluated in. */
  caller: Scope;
  /** The block's first line. */
  header: SourceRange;
}

/** Meta-arguments of a `module` block: never input variables. */
export const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on',
]);

/** A value together with the place a reviewer should look at and the expression written there. */
export interface Located {
  result: Evaluated;
  range: SourceRange;
  expression: string;
}

/** How many references (variables, locals) one evaluation may follow. */
export const MAX_REFERENCE_DEPTH = 32;
/** How deep one evaluation may recurse through nested expressions. */
const MAX_EVALUATION_DEPTH = 256;

const PLAN_HINT = 'a Terraform plan JSON gives exact values';

interface Env {
  scope: Scope;
  /** The references being followed, to catch cycles. */
  chain: string[];
  depth: number;
  /** Variable defaults and tfvars values must be constants; references in them are not followed. */
  constant: boolean;
}

/** Builds the scope of a directory from its parsed `.tf` files and its variable files. */
export function buildScope(
  dir: string,
  tfFiles: readonly { path: string; body: HclBody; errorLine?: number }[],
  varFiles: readonly VarFile[],
): Scope {
  const damaged: { name: string; line: number }[] = [];
  for (const file of tfFiles)
    if (file.errorLine !== undefined) damaged.push({ name: basename(file.path), line: file.errorLine });
  const variables = new Map<string, VariableDecl>();
  const locals = new Map<string, { attribute: HclAttribute; file: string }>();
  const resources = new Map<string, { block: HclBlock; file: string }>();
  for (const { path, body } of tfFiles) {
    for (const block of body.blocks) {
      if (block.type === 'variable' && block.labels.length === 1) {
        const name = block.labels[0] ?? '';
        if (variables.has(name)) continue;
        const defaultAttribute = block.body.attributes.find((a) => a.name === 'default');
        const nullableAttribute = block.body.attributes.find((a) => a.name === 'nullable');
        const nullable = !(nullableAttribute?.value.kind === 'literal' && nullableAttribute.value.value === false);
        variables.set(name, { name, file: path, block, default: defaultAttribute, nullable });
      } else if (block.type === 'locals') {
        for (const attribute of block.body.attributes) {
          if (!locals.has(attribute.name)) locals.set(attribute.name, { attribute, file: path });
        }
      } else if (block.type === 'resource' && block.labels.length === 2) {
        const address = block.labels.join('.');
        if (!resources.has(address)) resources.set(address, { block, file: path });
      }
    }
  }
  const auto = varFiles.filter((f) => isAutoVarFile(f.name));
  auto.sort((a, b) => varFileRank(a.name) - varFileRank(b.name) || compareNames(a.name, b.name));
  const other = varFiles.filter((f) => !isAutoVarFile(f.name));
  other.sort((a, b) => compareNames(a.name, b.name));
  return { dir, variables, locals, autoVarFiles: auto, otherVarFiles: other, damaged, resources };
}

/** Terraform loads terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order. */
export function isAutoVarFile(name: string): boolean {
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(name);
}

function varFileRank(name: string): number {
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  return 2;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function evaluate(expr: HclExpr, scope: Scope): Evaluated {
  return evalExpr(expr, { scope, chain: [], depth: 0, constant: false });
}

/** Evaluates an attribute, anchored at the attribute's lines. */
export function locate(attribute: HclAttribute, scope: Scope): Located {
  return { result: evaluate(attribute.value, scope), range: attribute.range, expression: attribute.value.text };
}

/**
 * The member `key` of an object. `undefined` when the object is null or has no such key; unknown when the
 * object itself is unknown. Inside an object written right there the member keeps its own lines; inside one
 * reached through a reference it keeps the anchor's lines and records the step.
 */
export function member(parent: Located | undefined, key: string, ignoreCase = false): Located | undefined {
  if (parent === undefined) return undefined;
  const { result } = parent;
  if (!result.known) return parent;
  if (result.value === null) return undefined;
  if (!isObject(result.value)) {
    return {
      ...parent,
      result: { known: false, reason: `${parent.expression} is ${describeType(result.value)}, not an object` },
    };
  }
  const entry = findEntry(result.value, key, ignoreCase);
  if (entry === undefined) return undefined;
  return descend(parent, result, entry, `.${key}`);
}

/** The items of a tuple (or the values of an object, in order), each located as `member` does. */
export function elements(parent: Located | undefined): { key: string; located: Located }[] {
  if (parent === undefined || !parent.result.known) return [];
  const { result } = parent;
  const value = result.value;
  if (isTuple(value))
    return value.items.map((item, index) => ({
      key: String(index),
      located: descend(parent, result, item, `[${index}]`),
    }));
  if (isObject(value)) {
    return [...value.entries].map(([key, entry]) => ({ key, located: descend(parent, result, entry, `.${key}`) }));
  }
  return [];
}

function descend(parent: Located, result: Known, entry: Member, path: string): Located {
  if (result.via.length === 0) return { result: entry.result, range: entry.range, expression: entry.expression };
  const expression = `${parent.expression}${path}`;
  if (!entry.result.known) return { result: entry.result, range: parent.range, expression };
  const step: ResolutionStep = {
    description: `${path.replace(/^\./, '')} = ${formatValue(entry.result.value)} (${where(entry.range)})`,
    range: entry.range,
  };
  return {
    result: { known: true, value: entry.result.value, via: [...result.via, step, ...entry.result.via] },
    range: parent.range,
    expression,
  };
}

function findEntry(object: ObjectValue, key: string, ignoreCase: boolean): Member | undefined {
  const exact = object.entries.get(key);
  if (exact !== undefined || !ignoreCase) return exact;
  const lower = key.toLowerCase();
  for (const [name, entry] of object.entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

export function isObject(value: Value): value is ObjectValue {
  return typeof value === 'object' && value !== null && value.kind === 'object';
}

export function isTuple(value: Value): value is TupleValue {
  return typeof value === 'object' && value !== null && value.kind === 'tuple';
}

function describeType(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.kind === 'object' ? 'an object' : 'a list';
  return `a ${typeof value}`;
}

/** `"azure"`, `3`, `true`, `null`, `{…}`, `[…]` — for step descriptions and reasons. */
export function formatValue(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return value.kind === 'object' ? '{…}' : '[…]';
  return String(value);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `modules/aks/variables.tf:12`: a module's files are named by path, their names repeat across folders. */
export function wherePath(range: SourceRange): string {
  const lines = range.startLine === range.endLine ? `${range.startLine}` : `${range.startLine}-${range.endLine}`;
  return `${range.file}:${lines}`;
}

function where(range: SourceRange): string {
  const lines = range.startLine === range.endLine ? `${range.startLine}` : `${range.startLine}-${range.endLine}`;
  return `${basename(range.file)}:${lines}`;
}

function known(value: Value, via: ResolutionStep[] = []): Known {
  return { known: true, value, via };
}

function unknown(reason: string): Unknown {
  return { known: false, reason };
}

function deeper(env: Env): Env {
  return { ...env, depth: env.depth + 1 };
}

function evalExpr(expr: HclExpr, env: Env): Evaluated {
  if (env.depth > MAX_EVALUATION_DEPTH) return unknown(`${expr.text} is nested too deeply to evaluate`);
  const next = deeper(env);
  switch (expr.kind) {
    case 'literal':
      return known(expr.value);
    case 'template':
      return evalTemplate(expr, next);
    case 'object':
      return evalObject(expr, next);
    case 'tuple':
      return known({
        kind: 'tuple',
        items: expr.items.map((item) => ({ result: evalExpr(item, next), range: item.range, expression: item.text })),
      });
    case 'variable':
      return unknown(`${expr.text} is not a value the analyzer can look up`);
    case 'traversal':
      return evalTraversal(expr, next);
    case 'call':
      return unknown(`the function call ${truncate(expr.text)} is not evaluated; ${PLAN_HINT}`);
    case 'conditional':
      return evalConditional(expr, next);
    case 'unary':
      return evalUnary(expr, next);
    case 'binary':
      return evalBinary(expr, next);
    case 'for':
      return evalFor(expr, next);
    case 'unsupported':
      return unknown(`${expr.what} is not evaluated; ${PLAN_HINT}`);
  }
}

/** Only the case that needs no iteration: a `for` over an empty collection is empty. */
function evalFor(expr: Extract<HclExpr, { kind: 'for' }>, env: Env): Evaluated {
  const collection = evalExpr(expr.collection, env);
  const value = collection.known ? collection.value : undefined;
  const empty =
    value !== undefined &&
    ((isObject(value) && value.entries.size === 0) || (isTuple(value) && value.items.length === 0));
  if (!collection.known || !empty)
    return unknown(`a for expression is not evaluated (${truncate(expr.text)}); ${PLAN_HINT}`);
  const step: ResolutionStep = {
    description: `${truncate(expr.collection.text)} is empty, so ${truncate(expr.text)} is too (${where(expr.range)})`,
    range: expr.range,
  };
  const result: Value = expr.object ? { kind: 'object', entries: new Map() } : { kind: 'tuple', items: [] };
  return known(result, [...collection.via, step]);
}

function truncate(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

function evalTemplate(expr: Extract<HclExpr, { kind: 'template' }>, env: Env): Evaluated {
  const first = expr.parts[0];
  // "${x}" alone yields x itself, not its string form.
  if (expr.parts.length === 1 && first !== undefined && 'expr' in first) return evalExpr(first.expr, env);
  let text = '';
  const via: ResolutionStep[] = [];
  for (const part of expr.parts) {
    if ('literal' in part) {
      text += part.literal;
      continue;
    }
    const result = evalExpr(part.expr, env);
    if (!result.known) return result;
    const piece = templatePiece(result.value);
    if (piece === undefined)
      return unknown(`${part.expr.text} is ${describeType(result.value)}, which a template cannot hold`);
    text += piece;
    via.push(...result.via);
  }
  return known(text, via);
}

function templatePiece(value: Value): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function evalObject(expr: Extract<HclExpr, { kind: 'object' }>, env: Env): Evaluated {
  const entries = new Map<string, Member>();
  for (const item of expr.items) {
    const key = objectKey(item.key, env);
    if (key === undefined) return unknown(`the object key ${item.key.text} is computed`);
    entries.set(key, { result: evalExpr(item.value, env), range: item.range, expression: item.value.text });
  }
  return known({ kind: 'object', entries });
}

/** A bare identifier is a literal key; anything else is an expression that must give a string. */
function objectKey(key: HclExpr, env: Env): string | undefined {
  if (key.kind === 'variable') return key.name;
  const result = evalExpr(key, env);
  if (!result.known) return undefined;
  return templatePiece(result.value);
}

function evalTraversal(expr: Extract<HclExpr, { kind: 'traversal' }>, env: Env): Evaluated {
  const { base, steps } = expr;
  const first = steps[0];
  if (base.kind === 'variable') {
    const root = base.name;
    if (root === 'var' || root === 'local') {
      if (first?.kind !== 'attr') return unknown(`${expr.text} is not a valid reference`);
      const reference = `${root}.${first.name}`;
      const target = root === 'var' ? lookupVariable(first.name, env) : lookupLocal(first.name, env);
      return applySteps(target, steps.slice(1), reference, env);
    }
    const argument = steps[1];
    if (first?.kind === 'attr' && argument?.kind === 'attr' && !NOT_RESOURCES.has(root)) {
      const written = lookupResourceArgument(`${root}.${first.name}`, argument.name, env);
      if (written !== undefined)
        return applySteps(written, steps.slice(2), `${root}.${first.name}.${argument.name}`, env);
    }
    return unknown(referenceReason(root, expr.text));
  }
  return applySteps(evalExpr(base, env), steps, base.text, env);
}

/** Roots of references that never name a resource. */
const NOT_RESOURCES = new Set(['data', 'module', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * An argument a resource block of the directory writes, evaluated where it is written: known at plan time
 * (Terraform plans a configured argument's value). Undefined when the block, or the argument, is not there
 * (computed attributes such as `id`), or the block is repeated by `count`/`for_each`.
 */
function lookupResourceArgument(address: string, name: string, env: Env): Evaluated | undefined {
  const resource = env.scope.resources.get(address);
  if (resource === undefined || env.constant) return undefined;
  const attributes = resource.block.body.attributes;
  if (attributes.some((a) => a.name === 'count' || a.name === 'for_each')) return undefined;
  const attribute = attributes.find((a) => a.name === name);
  if (attribute === undefined) return undefined;
  const reference = `${address}.${name}`;
  const guard = enter(reference, env);
  if (!guard.ok) return guard.result;
  const result = evalExpr(attribute.value, guard.env);
  if (!result.known) return unknown(`${reference} (${where(attribute.range)}) could not be resolved: ${result.reason}`);
  return known(result.value, [
    { description: `${reference} = ${formatValue(result.value)} (${where(attribute.range)})`, range: attribute.range },
    ...result.via,
  ]);
}

function referenceReason(root: string, text: string): string {
  switch (root) {
    case 'data':
      return `${text} is read from a data source when Terraform runs; ${PLAN_HINT}`;
    case 'module':
      return `${text} is an output of another module; ${PLAN_HINT}`;
    case 'each':
    case 'count':
      return `${text} depends on the resource's ${root === 'each' ? 'for_each' : 'count'}, which is not evaluated`;
    case 'path':
    case 'terraform':
      return `${text} is known only when Terraform runs`;
    default:
      return `${text} refers to another resource, known only after apply; ${PLAN_HINT}`;
  }
}

function applySteps(start: Evaluated, steps: readonly TraversalStep[], startText: string, env: Env): Evaluated {
  let current = start;
  let path = startText;
  for (const step of steps) {
    if (!current.known) return current;
    let key: string | number;
    if (step.kind === 'attr') key = step.name;
    else {
      const index = evalExpr(step.key, env);
      if (!index.known) return index;
      if (typeof index.value !== 'string' && typeof index.value !== 'number') {
        return unknown(`${step.key.text} is ${describeType(index.value)}, not a valid index`);
      }
      key = index.value;
    }
    const value = current.value;
    const label = step.kind === 'attr' ? `.${key}` : `[${JSON.stringify(key)}]`;
    let entry: Member | undefined;
    if (isObject(value)) entry = value.entries.get(String(key));
    else if (isTuple(value) && typeof key === 'number') entry = value.items[key];
    else if (isTuple(value) && typeof key === 'string' && /^\d+$/.test(key)) entry = value.items[Number(key)];
    else return unknown(`${path} is ${describeType(value)}, so ${path}${label} does not exist`);
    if (entry === undefined) return unknown(`${path} has no ${label.replace(/^\./, '')}`);
    if (!entry.result.known) return entry.result;
    path = `${path}${label}`;
    const memberStep: ResolutionStep = {
      description: `${path} = ${formatValue(entry.result.value)} (${where(entry.range)})`,
      range: entry.range,
    };
    current = known(entry.result.value, [...current.via, memberStep, ...entry.result.via]);
  }
  return current;
}

function lookupLocal(name: string, env: Env): Evaluated {
  const reference = `local.${name}`;
  if (env.constant) return unknown(`${reference} cannot be used here: the value must be a constant`);
  const local = env.scope.locals.get(name);
  if (local === undefined) {
    return unknown(`${reference} is not defined in any locals block in ${dirLabel(env.scope)}${damageNote(env.scope)}`);
  }
  const guard = enter(reference, env);
  if (!guard.ok) return guard.result;
  const result = evalExpr(local.attribute.value, guard.env);
  if (!result.known)
    return unknown(`${reference} (${where(local.attribute.range)}) could not be resolved: ${result.reason}`);
  return known(result.value, [
    {
      description: `${reference} = ${formatValue(result.value)} (${where(local.attribute.range)})`,
      range: local.attribute.range,
    },
    ...result.via,
  ]);
}

function enter(reference: string, env: Env): { ok: true; env: Env } | { ok: false; result: Unknown } {
  // A module's var.x and its caller's var.x are different references: the chain names the scope too.
  const key = `${env.scope.dir}\u0000${env.scope.call?.header.file ?? ''}:${env.scope.call?.header.startLine ?? 0}\u0000${reference}`;
  if (env.chain.includes(key)) {
    const start = env.chain.indexOf(key);
    const cycle = [...env.chain.slice(start), key].map((k) => k.slice(k.lastIndexOf('\u0000') + 1)).join(' → ');
    return { ok: false, result: unknown(`${reference} refers back to itself (${cycle})`) };
  }
  if (env.chain.length >= MAX_REFERENCE_DEPTH) {
    return { ok: false, result: unknown(`more than ${MAX_REFERENCE_DEPTH} references deep at ${reference}`) };
  }
  return { ok: true, env: { ...env, chain: [...env.chain, key] } };
}

function damageNote(scope: Scope): string {
  if (scope.damaged.length === 0) return '';
  const files = scope.damaged.map((d) => `${d.name} (line ${d.line})`).join(', ');
  return ` (syntax errors in ${files} may hide it)`;
}

function dirLabel(scope: Scope): string {
  return scope.dir === '' ? 'the root directory' : `${scope.dir}/`;
}

interface Candidate {
  result: Evaluated;
  step?: ResolutionStep;
  source: string;
}

function lookupVariable(name: string, env: Env): Evaluated {
  const reference = `var.${name}`;
  if (env.constant) return unknown(`${reference} cannot be used here: the value must be a constant`);
  const { scope } = env;
  const decl = scope.variables.get(name);
  if (decl === undefined)
    return unknown(`${reference} is not declared in any .tf file in ${dirLabel(scope)}${damageNote(scope)}`);
  const guard = enter(reference, env);
  if (!guard.ok) return guard.result;
  const constantEnv: Env = { ...guard.env, constant: true };
  if (scope.call !== undefined) return lookupInput(decl, reference, scope.call, guard.env, constantEnv);

  let chosen: Candidate | undefined;
  for (const file of scope.autoVarFiles) {
    const attribute = file.values.get(name);
    if (attribute === undefined) {
      if (file.errorLine !== undefined) {
        return unknown(
          `${file.name} has a syntax error at line ${file.errorLine}, so it may set ${reference}; ${PLAN_HINT}`,
        );
      }
      continue;
    }
    const result = evalExpr(attribute.value, constantEnv);
    if (result.known && result.value === null && !decl.nullable) continue;
    chosen = {
      result,
      source: file.name,
      step: result.known
        ? {
            description: `${file.name} sets ${reference} = ${formatValue(result.value)} (${where(attribute.range)})`,
            range: attribute.range,
          }
        : undefined,
    };
  }
  if (chosen === undefined && decl.default !== undefined) {
    const result = evalExpr(decl.default.value, constantEnv);
    chosen = {
      result,
      source: `the default in ${basename(decl.file)}`,
      step: result.known
        ? {
            description: `${reference} default ${formatValue(result.value)} (${where(decl.default.range)})`,
            range: decl.default.range,
          }
        : undefined,
    };
  }

  const alternatives = otherVarFileValues(name, scope, constantEnv);
  if (chosen === undefined) {
    const base = `${reference} has no default and no terraform.tfvars/*.auto.tfvars sets it; ${PLAN_HINT}`;
    if (alternatives.length === 0) return unknown(base);
    return unknown(`${base}; it depends on which -var-file is passed: ${alternatives.map((a) => a.text).join(', ')}`);
  }
  if (!chosen.result.known)
    return unknown(`${reference} (set by ${chosen.source}) could not be resolved: ${chosen.result.reason}`);
  const value = chosen.result.value;
  if (alternatives.some((a) => !a.result.known || !sameValue(a.result.value, value))) {
    return unknown(
      `${reference} depends on which -var-file is passed: without one it is ${formatValue(value)} (${chosen.source}); ` +
        alternatives.map((a) => a.text).join(', '),
    );
  }
  return known(value, chosen.step === undefined ? chosen.result.via : [chosen.step, ...chosen.result.via]);
}

/**
 * A child module's variable: the value its call passes (evaluated where the call is written), else its
 * default; `null` passed to a variable with `nullable = false` gives the default too (Terraform's rules:
 * https://developer.hashicorp.com/terraform/language/values/variables).
 */
function lookupInput(decl: VariableDecl, reference: string, call: ModuleCall, env: Env, constantEnv: Env): Evaluated {
  const passed = MODULE_META_ARGUMENTS.has(decl.name) ? undefined : call.arguments.get(decl.name);
  if (passed !== undefined) {
    const result = evalExpr(passed.value, { ...env, scope: call.caller, constant: false });
    if (!result.known)
      return unknown(
        `${call.address} passes ${decl.name} = ${truncate(passed.value.text)} (${wherePath(passed.range)}), which could not be resolved: ${result.reason}`,
      );
    if (result.value !== null || decl.nullable) {
      const step: ResolutionStep = {
        description: `${call.address} passes ${decl.name} = ${formatValue(result.value)} (${wherePath(passed.range)})`,
        range: passed.range,
      };
      return known(result.value, [step, ...result.via]);
    }
  }
  if (decl.default === undefined) {
    return unknown(
      `${reference} has no default and ${call.address} (${wherePath(call.header)}) does not pass ${decl.name}`,
    );
  }
  const result = evalExpr(decl.default.value, constantEnv);
  if (!result.known)
    return unknown(
      `${reference} (default in ${wherePath(decl.default.range)}) could not be resolved: ${result.reason}`,
    );
  const step: ResolutionStep = {
    description: `${call.address} does not pass ${decl.name}${passed === undefined ? '' : ' (null, not nullable)'}: the module's default ${formatValue(result.value)} (${wherePath(decl.default.range)})`,
    range: decl.default.range,
  };
  return known(result.value, [step, ...result.via]);
}

function otherVarFileValues(name: string, scope: Scope, env: Env): { result: Evaluated; text: string }[] {
  const found: { result: Evaluated; text: string }[] = [];
  for (const file of scope.otherVarFiles) {
    const attribute = file.values.get(name);
    if (attribute === undefined) continue;
    const result = evalExpr(attribute.value, env);
    const shown = result.known ? formatValue(result.value) : attribute.value.text;
    found.push({ result, text: `${file.name} sets ${shown}` });
  }
  return found;
}

/** Structural equality of two values; unknown members are never equal. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (isObject(a) && isObject(b)) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [key, entry] of a.entries) {
      const other = b.entries.get(key);
      if (other === undefined || !sameMember(entry, other)) return false;
    }
    return true;
  }
  if (isTuple(a) && isTuple(b)) {
    return (
      a.items.length === b.items.length &&
      a.items.every((item, index) => {
        const other = b.items[index];
        return other !== undefined && sameMember(item, other);
      })
    );
  }
  return false;
}

function sameMember(a: Member, b: Member): boolean {
  return a.result.known && b.result.known && sameValue(a.result.value, b.result.value);
}

function evalConditional(expr: Extract<HclExpr, { kind: 'conditional' }>, env: Env): Evaluated {
  const condition = evalExpr(expr.condition, env);
  if (condition.known && typeof condition.value === 'boolean') {
    const branch = condition.value ? expr.then : expr.otherwise;
    const result = evalExpr(branch, env);
    if (!result.known) return result;
    const step: ResolutionStep = {
      description: `${expr.condition.text} is ${String(condition.value)}, so ${formatValue(result.value)} (${where(expr.range)})`,
      range: expr.range,
    };
    return known(result.value, [...condition.via, step, ...result.via]);
  }
  if (condition.known)
    return unknown(`the condition ${expr.condition.text} is ${describeType(condition.value)}, not a bool`);
  const whenTrue = evalExpr(expr.then, env);
  const whenFalse = evalExpr(expr.otherwise, env);
  if (whenTrue.known && whenFalse.known && sameValue(whenTrue.value, whenFalse.value)) {
    const step: ResolutionStep = {
      description: `both branches of ${truncate(expr.text)} give ${formatValue(whenTrue.value)} (${where(expr.range)})`,
      range: expr.range,
    };
    return known(whenTrue.value, [step]);
  }
  return unknown(`the condition ${expr.condition.text} could not be evaluated: ${condition.reason}`);
}

function evalUnary(expr: Extract<HclExpr, { kind: 'unary' }>, env: Env): Evaluated {
  const operand = evalExpr(expr.operand, env);
  if (!operand.known) return operand;
  if (expr.op === '!' && typeof operand.value === 'boolean') return known(!operand.value, operand.via);
  if (expr.op === '-' && typeof operand.value === 'number') return known(-operand.value, operand.via);
  return unknown(`${expr.text} applies ${expr.op} to ${describeType(operand.value)}`);
}

function evalBinary(expr: Extract<HclExpr, { kind: 'binary' }>, env: Env): Evaluated {
  const left = evalExpr(expr.left, env);
  // && and || decide on their left operand when they can.
  if ((expr.op === '&&' || expr.op === '||') && left.known && typeof left.value === 'boolean') {
    if (expr.op === '&&' && !left.value) return known(false, left.via);
    if (expr.op === '||' && left.value) return known(true, left.via);
  }
  if (!left.known) return left;
  const right = evalExpr(expr.right, env);
  if (!right.known) return right;
  const via = [...left.via, ...right.via];
  const a = left.value;
  const b = right.value;
  switch (expr.op) {
    case '==':
      return known(sameValue(a, b), via);
    case '!=':
      return known(!sameValue(a, b), via);
    case '&&':
    case '||':
      if (typeof b === 'boolean') return known(b, via);
      return unknown(`${expr.text} needs bool operands`);
  }
  if (typeof a !== 'number' || typeof b !== 'number') return unknown(`${expr.text} needs number operands`);
  switch (expr.op) {
    case '<':
      return known(a < b, via);
    case '<=':
      return known(a <= b, via);
    case '>':
      return known(a > b, via);
    case '>=':
      return known(a >= b, via);
    case '+':
      return known(a + b, via);
    case '-':
      return known(a - b, via);
    case '*':
      return known(a * b, via);
    case '/':
      return b === 0 ? unknown(`${expr.text} divides by zero`) : known(a / b, via);
    case '%':
      return b === 0 ? unknown(`${expr.text} divides by zero`) : known(a % b, via);
    default:
      return unknown(`the operator ${expr.op} is not evaluated`);
  }
}

/**
 * Follows `local.x` to what it stands for, up to a few hops, to find a resource reference such as
 * `azurerm_kubernetes_cluster.aks.id`. Returns `type.name` when the expression is `type.name.id`.
 */
export function referencedResource(expr: HclExpr, scope: Scope): string | undefined {
  let current = expr;
  for (let hop = 0; hop < 8; hop++) {
    if (current.kind !== 'traversal' || current.base.kind !== 'variable') return undefined;
    const [first, second, third] = current.steps;
    if (current.base.name === 'local' && first?.kind === 'attr' && current.steps.length === 1) {
      const local = scope.locals.get(first.name);
      if (local === undefined) return undefined;
      current = local.attribute.value;
      continue;
    }
    if (current.steps.length !== 2 || first?.kind !== 'attr' || second?.kind !== 'attr' || third !== undefined)
      return undefined;
    if (second.name !== 'id') return undefined;
    return `${current.base.name}.${first.name}`;
  }
  return undefined;
}
