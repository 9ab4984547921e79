import type { ResolutionStep } from '../../model/index.js';
import type { ArmExpr } from './expression.js';
import { isExpression, literalText, parseExpression, printExpression } from './expression.js';
import type { JsonArray, JsonMember, JsonNode, JsonObject } from './parse.js';
import { findMember } from './parse.js';

/**
 * Static evaluation of ARM expressions: string and number literals, `parameters()` (defaultValue, a
 * parameters file beside the template, or a nested deployment's `parameters`), `variables()`, `concat()`
 * and `format()` of strings, and property/index access into object and array values. Everything else is
 * unknown, with a reason a reviewer can act on; nothing is guessed.
 */

/** An object or array value, with the scope its string expressions are evaluated in (none: literal JSON). */
export interface NodeValue {
  kind: 'node';
  node: JsonObject | JsonArray;
  scope: Scope | undefined;
}

export type Value = string | number | boolean | null | NodeValue;

export type Evaluated = { known: true; value: Value; via: ResolutionStep[] } | { known: false; reason: string };

/** Where parameter values come from besides `defaultValue`: a parameters file, or a nested deployment. */
export interface ParameterSource {
  /** E.g. `azuredeploy.parameters.json`, or `the parameters of nested deployment 'x'`. */
  label: string;
  /** `name -> { value: ... }` members, keyed by lower-cased name. */
  values: ReadonlyMap<string, JsonMember>;
  /** The scope the values are evaluated in; undefined for a parameters file, whose values are literal JSON. */
  scope: Scope | undefined;
  /** Set when the source could not be read, so any parameter may be set there. */
  unreadable?: string;
}

/** One template's parameters and variables. */
export interface Scope {
  /** E.g. `template` or `nested deployment 'x'`, for messages. */
  label: string;
  parameters: ReadonlyMap<string, JsonMember>;
  variables: ReadonlyMap<string, JsonMember>;
  sources: readonly ParameterSource[];
}

/** How many parameters and variables one evaluation may follow. */
export const MAX_REFERENCE_DEPTH = 32;

/** How many references one evaluation may follow in all: `concat(v, v)` chains must not fan out exponentially. */
export const MAX_REFERENCE_STEPS = 2_000;

/** The longest string `concat()` or `format()` may build; longer is no network setting. */
export const MAX_STRING_LENGTH = 100_000;

/**
 * Options for one evaluation. `symbolic`: an unknown `parameters('x')` becomes a stand-in text, for matching
 * names. `resourceIds`: `resourceId(type, names...)` whose type and names are known becomes the ID it builds,
 * with stand-ins for the deployment's subscription and resource group when they are not given (see
 * `RESOURCE_ID_SUBSCRIPTION`); used only for a node pool's subnet IDs, so the engine can match them to the
 * subnets defined in the analysis by their virtual network and subnet names.
 */
export interface EvaluateOptions {
  symbolic?: boolean;
  resourceIds?: boolean;
}

/** What stands for the subscription and resource group in an ID built by `resourceId()` without them. */
export const RESOURCE_ID_SUBSCRIPTION = '{subscription}';
export const RESOURCE_ID_RESOURCE_GROUP = '{resourceGroup}';

interface Context {
  options: EvaluateOptions;
  depth: number;
  /** References followed so far, in all. */
  steps: number;
  /** References being followed, to refuse cycles. */
  active: Set<string>;
}

export function scopeOf(template: JsonObject, label: string, sources: readonly ParameterSource[]): Scope {
  return {
    label,
    parameters: membersByName(findMember(template, 'parameters')?.value),
    variables: membersByName(findMember(template, 'variables')?.value),
    sources,
  };
}

export function membersByName(node: JsonNode | undefined): Map<string, JsonMember> {
  const byName = new Map<string, JsonMember>();
  if (node?.kind !== 'object') return byName;
  for (const member of node.members) byName.set(member.key.toLowerCase(), member);
  return byName;
}

/** Evaluates a JSON value found in a template: strings in `[...]` are expressions, when there is a scope. */
export function evaluateNode(node: JsonNode, scope: Scope | undefined, options: EvaluateOptions = {}): Evaluated {
  return evaluateNodeIn(node, scope, { options, depth: 0, steps: 0, active: new Set() });
}

/** Evaluates an already parsed expression. */
export function evaluateExpression(expr: ArmExpr, scope: Scope, options: EvaluateOptions = {}): Evaluated {
  return evaluateExpr(expr, scope, { options, depth: 0, steps: 0, active: new Set() });
}

/** A value as a short text for resolution steps and messages. */
export function show(value: Value): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  return value.node.kind === 'object' ? '{…}' : '[…]';
}

function evaluateNodeIn(node: JsonNode, scope: Scope | undefined, context: Context): Evaluated {
  switch (node.kind) {
    case 'string': {
      if (scope === undefined || !isExpression(node.value)) return known(literalText(node.value));
      const parsed = parseExpression(node.value);
      if (!parsed.ok) return unknown(`the expression could not be parsed (${parsed.message})`);
      return evaluateExpr(parsed.expr, scope, context);
    }
    case 'number':
    case 'boolean':
      return known(node.value);
    case 'null':
      return known(null);
    default:
      return known({ kind: 'node', node, scope });
  }
}

function evaluateExpr(expr: ArmExpr, scope: Scope, context: Context): Evaluated {
  switch (expr.kind) {
    case 'string':
    case 'number':
      return known(expr.value);
    case 'property':
      return access(expr.target, expr.name, scope, context);
    case 'index': {
      const index = evaluateExpr(expr.index, scope, context);
      if (!index.known) return index;
      if (typeof index.value !== 'string' && typeof index.value !== 'number') {
        return unknown(`the index in ${printExpression(expr)} is not a string or number`);
      }
      return withVia(access(expr.target, index.value, scope, context), index.via);
    }
    case 'call':
      return call(expr, scope, context);
  }
}

function call(expr: Extract<ArmExpr, { kind: 'call' }>, scope: Scope, context: Context): Evaluated {
  const name = expr.name.toLowerCase();
  if (name === 'parameters' || name === 'variables') {
    const [argument] = expr.args;
    if (expr.args.length !== 1 || argument === undefined) return unknown(`${expr.name}() takes one name`);
    const named = evaluateExpr(argument, scope, context);
    if (!named.known) return named;
    if (typeof named.value !== 'string') return unknown(`the name given to ${expr.name}() is not a string`);
    return name === 'parameters' ? parameter(named.value, scope, context) : variable(named.value, scope, context);
  }
  if (name === 'concat' || name === 'format') {
    const parts: string[] = [];
    const via: ResolutionStep[] = [];
    let length = 0;
    for (const argument of expr.args) {
      const part = evaluateExpr(argument, scope, context);
      if (!part.known) return part;
      if (typeof part.value !== 'string' && typeof part.value !== 'number' && typeof part.value !== 'boolean') {
        return unknown(`${expr.name}() of a non-string value is not evaluated by the analyzer`);
      }
      parts.push(String(part.value));
      via.push(...part.via);
      length += parts.at(-1)?.length ?? 0;
      if (length > MAX_STRING_LENGTH)
        return unknown(`${expr.name}() builds a string longer than ${MAX_STRING_LENGTH} characters`);
    }
    if (name === 'concat') return { known: true, value: parts.join(''), via };
    const formatted = format(parts);
    return formatted === undefined
      ? unknown('format() with a format specifier or a missing argument is not evaluated by the analyzer')
      : { known: true, value: formatted, via };
  }
  if (name === 'true' || name === 'false') return known(name === 'true');
  if (name === 'null') return known(null);
  if (name === 'resourceid' && context.options.resourceIds === true) {
    const built = resourceId(expr, scope, context);
    if (built !== undefined) return built;
  }
  return unknown(reasonForFunction(expr.name));
}

/**
 * `resourceId([subscriptionId], [resourceGroupName], type, name1, name2...)` as the ID it builds, when the
 * type and every name are known; an unknown or absent subscription or resource group becomes a stand-in.
 * Undefined when the call can't be read that way.
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#resourceid
 */
function resourceId(expr: Extract<ArmExpr, { kind: 'call' }>, scope: Scope, context: Context): Evaluated | undefined {
  const results = expr.args.map((argument) => evaluateExpr(argument, scope, context));
  // The type is the first argument with a slash: subscription IDs and resource group names have none.
  let typeAt = -1;
  let type = '';
  for (const [index, result] of results.entries()) {
    if (result.known && typeof result.value === 'string' && result.value.includes('/')) {
      typeAt = index;
      type = result.value;
      break;
    }
  }
  if (typeAt < 0 || typeAt > 2) return undefined;
  const [namespace, ...types] = type.split('/');
  const names = results.slice(typeAt + 1);
  if (namespace === undefined || types.length === 0 || names.length !== types.length) return undefined;
  const via: ResolutionStep[] = [];
  const segments: string[] = [];
  for (const [index, result] of names.entries()) {
    if (!result.known || typeof result.value !== 'string' || result.value === '' || result.value.includes('/'))
      return undefined;
    segments.push(types[index] ?? '', result.value);
    via.push(...result.via);
  }
  const leading = results.slice(0, typeAt).map((result) => {
    if (!result.known || typeof result.value !== 'string') return undefined;
    via.push(...result.via);
    return result.value;
  });
  const subscription = typeAt === 2 ? leading[0] : undefined;
  const group = typeAt >= 1 ? leading[typeAt - 1] : undefined;
  const id = `/subscriptions/${subscription ?? RESOURCE_ID_SUBSCRIPTION}/resourceGroups/${group ?? RESOURCE_ID_RESOURCE_GROUP}/providers/${namespace}/${segments.join('/')}`;
  return { known: true, value: id, via };
}

/** `format('{0}/{1}', a, b)` with plain `{n}` placeholders; anything fancier is left unevaluated. */
function format(parts: string[]): string | undefined {
  const [template, ...args] = parts;
  if (template === undefined) return undefined;
  let result = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    const close = template.indexOf('}', open);
    if (close < 0) break;
    const index = template.slice(open + 1, close);
    const argument = /^\d{1,3}$/.test(index) ? args[Number(index)] : undefined;
    if (argument === undefined) return undefined;
    result += template.slice(i, open) + argument;
    i = close + 1;
  }
  return result + template.slice(i);
}

function reasonForFunction(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'if') {
    return 'if() picks its value at deployment time; the analyzer does not evaluate conditions (give the setting a literal value, or a parameter with a default, to resolve it)';
  }
  if (lower.endsWith('resourceid')) {
    return `${name}() builds a resource ID at deployment time; the analyzer does not evaluate it`;
  }
  if (lower === 'reference' || lower.startsWith('list')) {
    return `${name}() reads a deployed resource at deployment time; the analyzer cannot know its value`;
  }
  if (['resourcegroup', 'subscription', 'deployment', 'environment', 'tenant', 'managementgroup'].includes(lower)) {
    return `${name}() describes the deployment target, known only at deployment time`;
  }
  return `the analyzer does not evaluate the ARM function ${name}()`;
}

function access(target: ArmExpr, key: string | number, scope: Scope, context: Context): Evaluated {
  const base = evaluateExpr(target, scope, context);
  if (!base.known) return base;
  const value = base.value;
  if (value === null || typeof value !== 'object')
    return unknown(`${printExpression(target)} is not an object or array`);
  let node: JsonNode | undefined;
  if (value.node.kind === 'object' && typeof key === 'string') node = findMember(value.node, key)?.value;
  if (value.node.kind === 'array' && typeof key === 'number') node = value.node.items[key];
  if (node === undefined)
    return unknown(
      `${printExpression(target)} has no ${typeof key === 'string' ? `property '${key}'` : `item ${key}`}`,
    );
  return withVia(evaluateNodeIn(node, value.scope, context), base.via);
}

function parameter(name: string, scope: Scope, context: Context): Evaluated {
  const symbolic = (result: Evaluated): Evaluated =>
    !result.known && context.options.symbolic === true ? known(`⟨parameters('${name}')⟩`) : result;
  const declaration = scope.parameters.get(name.toLowerCase());
  if (declaration === undefined) {
    return symbolic(unknown(`parameter '${name}' is not declared in the ${scope.label}`));
  }
  const defaultValue = declaration.value.kind === 'object' ? findMember(declaration.value, 'defaultValue') : undefined;
  const fromDefault = (): Evaluated => {
    if (defaultValue === undefined) {
      return unknown(
        `parameter '${name}' has no defaultValue, so its value is given at deployment time (a parameters file beside the template that sets it would resolve it)`,
      );
    }
    return follow(`parameters('${name}')`, scope, context, () =>
      withStep(
        evaluateNodeIn(defaultValue.value, scope, context),
        `parameters('${name}') defaultValue`,
        defaultValue.value,
      ),
    );
  };
  if (scope.sources.length === 0) return symbolic(fromDefault());

  const candidates: { label: string; result: Evaluated }[] = [];
  for (const source of scope.sources) {
    if (source.unreadable !== undefined) {
      return symbolic(
        unknown(`${source.label} could not be read (${source.unreadable}), and it may set parameter '${name}'`),
      );
    }
    const given = source.values.get(name.toLowerCase());
    if (given === undefined) {
      candidates.push({ label: `${source.label} (not set there: the template default)`, result: fromDefault() });
      continue;
    }
    candidates.push({ label: source.label, result: fromSource(name, given, source, context) });
  }
  const [first, ...rest] = candidates;
  if (first === undefined) return symbolic(fromDefault());
  if (!first.result.known) return symbolic(first.result);
  for (const other of rest) {
    if (!other.result.known) return symbolic(other.result);
    if (canonical(other.result.value) !== canonical(first.result.value)) {
      const values = candidates.map((c) => `${c.label}: ${c.result.known ? show(c.result.value) : '?'}`).join('; ');
      return symbolic(
        unknown(
          `parameter '${name}' differs between the parameter files (${values}); the file chosen at deployment decides it`,
        ),
      );
    }
  }
  return first.result;
}

function fromSource(name: string, given: JsonMember, source: ParameterSource, context: Context): Evaluated {
  if (given.value.kind !== 'object') return unknown(`${source.label} gives parameter '${name}' in an unexpected shape`);
  const value = findMember(given.value, 'value');
  if (value === undefined) {
    if (findMember(given.value, 'reference') !== undefined) {
      return unknown(`${source.label} reads parameter '${name}' from Key Vault at deployment time`);
    }
    return unknown(`${source.label} gives parameter '${name}' without a value`);
  }
  const scope = source.scope;
  const evaluate = (): Evaluated =>
    withStep(evaluateNodeIn(value.value, scope, context), `parameters('${name}') in ${source.label}`, value.value);
  return scope === undefined ? evaluate() : follow(`${source.label}:${name}`, scope, context, evaluate);
}

function variable(name: string, scope: Scope, context: Context): Evaluated {
  const declaration = scope.variables.get(name.toLowerCase());
  if (declaration === undefined) return unknown(`variable '${name}' is not declared in the ${scope.label}`);
  return follow(`variables('${name}')`, scope, context, () =>
    withStep(evaluateNodeIn(declaration.value, scope, context), `variables('${name}')`, declaration.value),
  );
}

/** Follows one reference, refusing cycles and chains longer than MAX_REFERENCE_DEPTH. */
function follow(key: string, scope: Scope, context: Context, evaluate: () => Evaluated): Evaluated {
  const id = `${scope.label}\u0000${key.toLowerCase()}`;
  if (context.active.has(id)) return unknown(`${key} refers to itself`);
  if (context.depth >= MAX_REFERENCE_DEPTH) return unknown(`more than ${MAX_REFERENCE_DEPTH} references deep`);
  if (context.steps >= MAX_REFERENCE_STEPS) return unknown(`more than ${MAX_REFERENCE_STEPS} references to follow`);
  context.steps++;
  context.active.add(id);
  context.depth++;
  try {
    return evaluate();
  } finally {
    context.depth--;
    context.active.delete(id);
  }
}

/** Adds the step "`<what>` = <as written>" in front of the steps that resolved it. */
function withStep(result: Evaluated, what: string, written: JsonNode): Evaluated {
  if (!result.known) return result;
  const text = written.kind === 'string' ? JSON.stringify(written.value) : show(result.value);
  const step: ResolutionStep = { description: `${what} = ${text}`, range: written.range };
  return { known: true, value: result.value, via: [step, ...result.via] };
}

export function withVia(result: Evaluated, before: ResolutionStep[]): Evaluated {
  if (!result.known || before.length === 0) return result;
  return { known: true, value: result.value, via: [...before, ...result.via] };
}

/** A comparable text of a value; objects and arrays by their JSON text and the scope their expressions use. */
function canonical(value: Value): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `${value.scope?.label ?? 'literal'}\u0000${jsonText(value.node)}`;
}

/** Compact JSON text of a node; parse bounds the depth, so the recursion is bounded too. */
function jsonText(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return `{${node.members.map((member) => `${JSON.stringify(member.key)}:${jsonText(member.value)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(jsonText).join(',')}]`;
    case 'null':
      return 'null';
    default:
      return JSON.stringify(node.value);
  }
}

function known(value: Value): Evaluated {
  return { known: true, value, via: [] };
}

function unknown(reason: string): Evaluated {
  return { known: false, reason };
}
