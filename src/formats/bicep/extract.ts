import { withAutomaticDefaults } from '../shared/automatic.js';
import { namesFor } from '../../knowledge/names.js';
import type {
  AddressSpace,
  Cluster,
  ClusterUpdate,
  ExtractResult,
  FileSet,
  NetworkProfile,
  NodePool,
  Problem,
  RemovedSetting,
  ResolutionStep,
  Setting,
  SourceFile,
  SourceRange,
} from '../../model/index.js';
import { parseBicep } from './parse.js';
import type {
  ArrayExpr,
  Expr,
  ForExpr,
  ModuleDecl,
  ObjectExpr,
  ParamDecl,
  ParseResult,
  Program,
  Property,
  ResourceDecl,
  Span,
  VarDecl,
} from './parse.js';

const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';
const POOL_TYPE = 'microsoft.containerservice/managedclusters/agentpools';
const VNET_TYPE = 'microsoft.network/virtualnetworks';
const SUBNET_TYPE = 'microsoft.network/virtualnetworks/subnets';
/** As a pool writes it in `resourceId()`. */
const SUBNET_TYPE_WRITTEN = 'Microsoft.Network/virtualNetworks/subnets';
/** A cluster resource, a module call that might define one, or a virtual network its pools may use. */
const MIGHT_HOLD_AKS = /managedClusters|Microsoft\.Network\/virtualNetworks/i;
const AVM_CLUSTER_MODULE = 'avm/res/container-service/managed-cluster';
/** How many module calls deep a cluster is followed (main -> stamp -> aks). */
const MAX_MODULE_DEPTH = 5;
/** How many parameter/variable hops and nested evaluations one setting may take (cycles, hostile nesting). */
const MAX_EVALUATION_DEPTH = 64;
const MAX_EXPRESSION_TEXT = 200;

type Scalar = string | number | boolean | null;

/** A value an expression evaluates to: a scalar, or an object/array literal to look into further. */
type Value = { scalar: Scalar } | { node: ObjectExpr | ArrayExpr | ForExpr; scope: Scope };

type Evaluation = { ok: true; value: Value; via: ResolutionStep[] } | { ok: false; reason: string };

/** Where a parameter's value comes from. */
type ParamBinding =
  | { kind: 'declared'; decl: ParamDecl; caller?: string }
  | { kind: 'given'; decl: ParamDecl | undefined; value: Expr; scope: Scope; source: string }
  | { kind: 'choices'; decl: ParamDecl | undefined; choices: ParamChoice[] };

interface ParamChoice {
  file: string;
  /** Absent when that parameter file leaves the template's default. */
  value?: Expr;
  scope: Scope;
}

/** What names mean in one file (or one module instance of a file). */
interface Scope {
  file: string;
  text: string;
  params: Map<string, ParamBinding>;
  vars: Map<string, VarDecl>;
  /** Resource and module symbolic names: their properties are known only after deployment. */
  symbols: Set<string>;
  /** Loop variables in force, with the loop they belong to. */
  loops: Map<string, string>;
}

interface Budget {
  depth: number;
}

type SettingType = 'string' | 'number' | 'boolean';

const NETWORK_KEYS = namesFor('api');

const POOL_STRING_KEYS: ReadonlyArray<
  ['osType' | 'vnetSubnetId' | 'podSubnetId' | 'podIpAllocationMode', readonly string[]]
> = [
  ['osType', ['osType']],
  // The AVM module's agent pool objects spell the subnets `...ResourceId`.
  ['vnetSubnetId', ['vnetSubnetID', 'vnetSubnetResourceId']],
  ['podSubnetId', ['podSubnetID', 'podSubnetResourceId']],
  ['podIpAllocationMode', ['podIPAllocationMode']],
];

const POOL_NUMBER_KEYS: ReadonlyArray<['nodeCount' | 'minCount' | 'maxCount' | 'maxPods', string]> = [
  ['nodeCount', 'count'],
  ['minCount', 'minCount'],
  ['maxCount', 'maxCount'],
  ['maxPods', 'maxPods'],
];

interface Collected {
  clusters: Cluster[];
  updates: ClusterUpdate[];
}

export function extract(file: SourceFile, files: FileSet): ExtractResult {
  // Cheap pre-check: a cluster resource, a module call that might define one, or a virtual network. All
  // patterns are linear.
  if (!MIGHT_HOLD_AKS.test(file.text) && !/^[ \t]*module[ \t]/m.test(file.text)) return { clusters: [], problems: [] };
  try {
    return extractParsed(file, files);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      clusters: [],
      problems: [
        {
          kind: 'parse-error',
          range: { file: file.path, startLine: 1, endLine: 1 },
          message: `internal error in the Bicep reader: ${message}`,
        },
      ],
    };
  }
}

function extractParsed(file: SourceFile, files: FileSet): ExtractResult {
  const parsed = parseCached(file, files);
  const problems: Problem[] = [...parsed.problems];
  if (!parsed.ok) return { clusters: [], problems };
  const scope = createScope(file, parsed.program);
  problems.push(...applyParameterFiles(file, files, parsed.program, scope));
  const collected: Collected = { clusters: [], updates: [] };
  collect(parsed.program, scope, files, { idPrefix: '', definitionPrefix: '', chain: [file.path] }, collected);
  const result: ExtractResult = { clusters: collected.clusters, problems };
  if (collected.updates.length > 0) result.updates = collected.updates;
  const addressSpaces = addressSpacesOf(parsed.program, scope);
  if (addressSpaces.length > 0) result.addressSpaces = addressSpaces;
  return result;
}

function parseCached(file: SourceFile, files: FileSet): ParseResult {
  return files.memo(`bicep:parse:${file.path}`, () => parseBicep(file.text, file.path));
}

function createScope(file: SourceFile, program: Program): Scope {
  const scope: Scope = {
    file: file.path,
    text: file.text,
    params: new Map(),
    vars: new Map(),
    symbols: new Set(),
    loops: new Map(),
  };
  for (const statement of program.statements) {
    if (statement.kind === 'param') scope.params.set(statement.name, { kind: 'declared', decl: statement });
    else if (statement.kind === 'var') scope.vars.set(statement.name, statement);
    else if (statement.kind === 'resource' || statement.kind === 'module') scope.symbols.add(statement.symbol);
  }
  return scope;
}

// ---- paths ----

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a relative reference (`../modules/aks.bicep`) to a directory; undefined when it leaves the root. */
function joinPath(dir: string, reference: string): string | undefined {
  const segments = dir === '' ? [] : dir.split('/');
  for (const segment of reference.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

// ---- .bicepparam files ----

/**
 * `.bicepparam` files in the same directory whose `using` names this template override its defaults. When
 * several target it, a parameter they set differently stays unresolved, naming them.
 */
function applyParameterFiles(file: SourceFile, files: FileSet, program: Program, scope: Scope): Problem[] {
  const dir = directoryOf(file.path);
  const problems: Problem[] = [];
  const targeting: Array<{ path: string; program: Program; scope: Scope }> = [];
  for (const sibling of files.inDirectory(dir)) {
    if (!sibling.path.endsWith('.bicepparam')) continue;
    if (!/\busing\b/.test(sibling.text)) continue;
    const parsed = parseCached(sibling, files);
    if (!parsed.ok) continue;
    const using = parsed.program.statements.find((statement) => statement.kind === 'using');
    if (using === undefined || using.kind !== 'using' || joinPath(dir, using.path) !== file.path) continue;
    problems.push(...parsed.problems);
    targeting.push({ path: sibling.path, program: parsed.program, scope: createScope(sibling, parsed.program) });
  }
  if (targeting.length === 0) return problems;
  const declared = new Map<string, ParamDecl>();
  for (const statement of program.statements) if (statement.kind === 'param') declared.set(statement.name, statement);
  const names = new Set<string>();
  for (const target of targeting) {
    for (const statement of target.program.statements)
      if (statement.kind === 'param' && statement.value !== undefined) names.add(statement.name);
  }
  for (const name of names) {
    const choices: ParamChoice[] = targeting.map((target) => {
      const assignment = target.program.statements.find(
        (statement) => statement.kind === 'param' && statement.name === name,
      );
      const value = assignment?.kind === 'param' ? assignment.value : undefined;
      return value === undefined
        ? { file: target.path, scope: target.scope }
        : { file: target.path, value, scope: target.scope };
    });
    const decl = declared.get(name);
    const only = choices[0];
    if (choices.length === 1 && only?.value !== undefined) {
      scope.params.set(name, { kind: 'given', decl, value: only.value, scope: only.scope, source: only.file });
    } else {
      scope.params.set(name, { kind: 'choices', decl, choices });
    }
  }
  return problems;
}

// ---- evaluation ----

function textOf(span: Span, scope: Scope): string {
  const text = scope.text.slice(span.start, span.end).replace(/\s+/g, ' ');
  return text.length > MAX_EXPRESSION_TEXT ? `${text.slice(0, MAX_EXPRESSION_TEXT)}…` : text;
}

function rangeOf(span: Span, scope: Scope): SourceRange {
  return { file: scope.file, startLine: span.startLine, endLine: span.endLine };
}

function where(span: Span, scope: Scope): string {
  return `${baseName(scope.file)}:${span.startLine}`;
}

function ok(value: Value, via: ResolutionStep[]): Evaluation {
  return { ok: true, value, via };
}

function failed(reason: string): Evaluation {
  return { ok: false, reason };
}

function evaluate(expr: Expr, scope: Scope, budget: Budget): Evaluation {
  if (budget.depth >= MAX_EVALUATION_DEPTH)
    return failed('the expression nests or refers too deeply to follow (a cycle between variables?)');
  budget.depth++;
  try {
    return evaluateNode(expr, scope, budget);
  } finally {
    budget.depth--;
  }
}

function evaluateNode(expr: Expr, scope: Scope, budget: Budget): Evaluation {
  switch (expr.kind) {
    case 'string':
      return evaluateString(expr.parts, scope, budget);
    case 'number':
    case 'boolean':
      return ok({ scalar: expr.value }, []);
    case 'null':
      return ok({ scalar: null }, []);
    case 'object':
    case 'array':
    case 'for':
      return ok({ node: expr, scope }, []);
    case 'identifier':
      return evaluateIdentifier(expr.name, expr, scope, budget);
    case 'member':
      return evaluateMember(expr.object, expr.property, expr, scope, budget);
    case 'index': {
      const index = evaluate(expr.index, scope, budget);
      if (!index.ok) return index;
      if (
        !('scalar' in index.value) ||
        (typeof index.value.scalar !== 'string' && typeof index.value.scalar !== 'number')
      ) {
        return failed(`the index '${textOf(expr.index, scope)}' is not a string or number`);
      }
      const result = evaluateMember(expr.object, index.value.scalar, expr, scope, budget);
      return result.ok ? ok(result.value, [...index.via, ...result.via]) : result;
    }
    case 'ternary':
      return evaluateTernary(expr.condition, expr.whenTrue, expr.whenFalse, scope, budget);
    case 'binary':
      return evaluateBinary(expr.operator, expr.left, expr.right, expr, scope, budget);
    case 'unary': {
      const operand = evaluate(expr.operand, scope, budget);
      if (!operand.ok) return operand;
      if (!('scalar' in operand.value))
        return failed(`'${textOf(expr, scope)}' applies '${expr.operator}' to an object`);
      const value = operand.value.scalar;
      if (expr.operator === '!' && typeof value === 'boolean') return ok({ scalar: !value }, operand.via);
      if (expr.operator === '-' && typeof value === 'number') return ok({ scalar: -value }, operand.via);
      return failed(`'${textOf(expr, scope)}' applies '${expr.operator}' to a value of the wrong type`);
    }
    case 'call': {
      const callee = expr.callee.kind === 'identifier' ? expr.callee.name : textOf(expr.callee, scope);
      return failed(
        `'${textOf(expr, scope)}' calls the function ${callee}(), which is evaluated by Azure at deployment time and not by the analyzer`,
      );
    }
    case 'if':
    case 'lambda':
      return failed(`'${textOf(expr, scope)}' is not a value the analyzer evaluates`);
  }
}

function evaluateString(parts: Array<string | Expr>, scope: Scope, budget: Budget): Evaluation {
  let text = '';
  const via: ResolutionStep[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const result = evaluate(part, scope, budget);
    if (!result.ok) return failed(`the interpolation \${${textOf(part, scope)}} is not known: ${result.reason}`);
    if (!('scalar' in result.value) || result.value.scalar === null) {
      return failed(`the interpolation \${${textOf(part, scope)}} is not a string, number or boolean`);
    }
    text += String(result.value.scalar);
    via.push(...result.via);
  }
  return ok({ scalar: text }, via);
}

function evaluateIdentifier(name: string, expr: Expr, scope: Scope, budget: Budget): Evaluation {
  const loop = scope.loops.get(name);
  if (loop !== undefined) {
    return failed(
      `'${name}' is the loop variable of ${loop}, so each copy may differ; the analyzer does not expand loops`,
    );
  }
  const binding = scope.params.get(name);
  if (binding !== undefined) return evaluateParam(name, binding, scope, budget);
  const variable = scope.vars.get(name);
  if (variable !== undefined) {
    const result = evaluate(variable.value, scope, budget);
    if (!result.ok) return failed(`variable '${name}' (${where(variable, scope)}) is not known: ${result.reason}`);
    return ok(result.value, [step(`var ${name} = ${textOf(variable.value, scope)}`, variable, scope), ...result.via]);
  }
  if (scope.symbols.has(name)) {
    return failed(
      `'${textOf(expr, scope)}' reads the deployed resource or module '${name}', known only at deployment time`,
    );
  }
  return failed(`'${name}' is not declared in ${baseName(scope.file)}`);
}

function step(description: string, span: Span, scope: Scope): ResolutionStep {
  return { description: `${description} (${where(span, scope)})`, range: rangeOf(span, scope) };
}

function evaluateParam(name: string, binding: ParamBinding, scope: Scope, budget: Budget): Evaluation {
  if (binding.kind === 'given') {
    const result = evaluate(binding.value, binding.scope, budget);
    const description = `param ${name} = ${textOf(binding.value, binding.scope)}`;
    if (!result.ok)
      return failed(`parameter '${name}' is set by ${binding.source} to something not known: ${result.reason}`);
    return ok(result.value, [step(description, binding.value, binding.scope), ...result.via]);
  }
  if (binding.kind === 'declared') {
    const decl = binding.decl;
    if (decl.value === undefined) {
      if (binding.caller !== undefined) {
        return failed(`parameter '${name}' has no default value and ${binding.caller} does not pass it`);
      }
      return failed(
        `parameter '${name}' has no default value; a .bicepparam file beside ${baseName(scope.file)} ('using' it) or the module call that deploys it would set it`,
      );
    }
    const result = evaluate(decl.value, scope, budget);
    if (!result.ok) return failed(`the default of parameter '${name}' is not known: ${result.reason}`);
    return ok(result.value, [step(`param ${name} default ${textOf(decl.value, scope)}`, decl, scope), ...result.via]);
  }
  // Several parameter files: known only when they agree.
  const outcomes: Array<{ file: string; result: Evaluation; text: string }> = [];
  for (const choice of binding.choices) {
    if (choice.value !== undefined) {
      outcomes.push({
        file: choice.file,
        result: evaluate(choice.value, choice.scope, budget),
        text: textOf(choice.value, choice.scope),
      });
    } else if (binding.decl?.value !== undefined) {
      outcomes.push({
        file: choice.file,
        result: evaluate(binding.decl.value, scope, budget),
        text: `the default ${textOf(binding.decl.value, scope)}`,
      });
    } else {
      outcomes.push({ file: choice.file, result: failed('not set'), text: 'nothing' });
    }
  }
  const first = outcomes[0];
  const files = outcomes.map((outcome) => baseName(outcome.file)).join(', ');
  if (
    first !== undefined &&
    first.result.ok &&
    outcomes.every((outcome) => outcome.result.ok && sameValue(outcome.result, first.result))
  ) {
    const firstChoice = binding.choices[0];
    const via = first.result.via;
    const source =
      firstChoice?.value !== undefined
        ? step(`param ${name} = ${first.text} in ${files}`, firstChoice.value, firstChoice.scope)
        : undefined;
    return ok(first.result.value, source === undefined ? via : [source, ...via]);
  }
  const listing = outcomes.map((outcome) => `${baseName(outcome.file)} sets ${outcome.text}`).join('; ');
  return failed(
    `parameter '${name}' depends on which parameter file is deployed (${listing}); analyze one .bicepparam at a time or make them agree`,
  );
}

function sameValue(a: Evaluation, b: Evaluation): boolean {
  if (!a.ok || !b.ok) return false;
  if ('scalar' in a.value && 'scalar' in b.value) return a.value.scalar === b.value.scalar;
  if ('node' in a.value && 'node' in b.value)
    return textOf(a.value.node, a.value.scope) === textOf(b.value.node, b.value.scope);
  return false;
}

function evaluateMember(objectExpr: Expr, key: string | number, expr: Expr, scope: Scope, budget: Budget): Evaluation {
  const object = evaluate(objectExpr, scope, budget);
  if (!object.ok) return object;
  if (!('node' in object.value))
    return failed(`'${textOf(expr, scope)}' reads a property of a value that is not an object`);
  const { node, scope: nodeScope } = object.value;
  if (node.kind === 'object' && typeof key === 'string') {
    const property = findProperty(node, key);
    if (property === undefined)
      return failed(`'${textOf(expr, scope)}' names a property '${key}' the object does not have`);
    const result = evaluate(property.value, nodeScope, budget);
    return result.ok ? ok(result.value, [...object.via, ...result.via]) : result;
  }
  if (node.kind === 'array' && typeof key === 'number') {
    const item = node.items[key];
    if (item === undefined) return failed(`'${textOf(expr, scope)}' is past the end of the array`);
    const result = evaluate(item, nodeScope, budget);
    return result.ok ? ok(result.value, [...object.via, ...result.via]) : result;
  }
  return failed(`'${textOf(expr, scope)}' cannot be looked up`);
}

function evaluateTernary(condition: Expr, whenTrue: Expr, whenFalse: Expr, scope: Scope, budget: Budget): Evaluation {
  const test = evaluate(condition, scope, budget);
  if (!test.ok) return failed(`the condition '${textOf(condition, scope)}' is not known: ${test.reason}`);
  if (!('scalar' in test.value) || typeof test.value.scalar !== 'boolean') {
    return failed(`the condition '${textOf(condition, scope)}' is not a boolean`);
  }
  const branch = test.value.scalar ? whenTrue : whenFalse;
  const result = evaluate(branch, scope, budget);
  if (!result.ok) return result;
  return ok(result.value, [
    ...test.via,
    step(`${textOf(condition, scope)} is ${String(test.value.scalar)}`, condition, scope),
    ...result.via,
  ]);
}

function evaluateBinary(
  operator: string,
  leftExpr: Expr,
  rightExpr: Expr,
  expr: Expr,
  scope: Scope,
  budget: Budget,
): Evaluation {
  if (!['==', '!=', '=~', '!~', '&&', '||', '??'].includes(operator)) {
    return failed(`'${textOf(expr, scope)}' uses the operator '${operator}', which the analyzer does not evaluate`);
  }
  const left = evaluate(leftExpr, scope, budget);
  if (!left.ok) return left;
  if (!('scalar' in left.value)) return failed(`'${textOf(expr, scope)}' compares an object or array`);
  const a = left.value.scalar;
  if (operator === '??') {
    if (a !== null) return left;
    return evaluate(rightExpr, scope, budget);
  }
  if (operator === '&&' && a === false) return ok({ scalar: false }, left.via);
  if (operator === '||' && a === true) return ok({ scalar: true }, left.via);
  const right = evaluate(rightExpr, scope, budget);
  if (!right.ok) return right;
  if (!('scalar' in right.value)) return failed(`'${textOf(expr, scope)}' compares an object or array`);
  const b = right.value.scalar;
  const via = [...left.via, ...right.via];
  switch (operator) {
    case '==':
      return ok({ scalar: a === b }, via);
    case '!=':
      return ok({ scalar: a !== b }, via);
    case '=~':
    case '!~': {
      if (typeof a !== 'string' || typeof b !== 'string')
        return failed(`'${textOf(expr, scope)}' compares values that are not strings`);
      const equal = a.toLowerCase() === b.toLowerCase();
      return ok({ scalar: operator === '=~' ? equal : !equal }, via);
    }
    default:
      if (typeof a !== 'boolean' || typeof b !== 'boolean')
        return failed(`'${textOf(expr, scope)}' combines values that are not booleans`);
      return ok({ scalar: operator === '&&' ? a && b : a || b }, via);
  }
}

// ---- settings ----

function findProperty(node: ObjectExpr, key: string): Property | undefined {
  const lower = key.toLowerCase();
  // ARM property names are case-insensitive; the last one written wins.
  let found: Property | undefined;
  for (const property of node.properties) if (property.key.toLowerCase() === lower) found = property;
  return found;
}

/** The object a property holds, following variables and parameters; undefined when it isn't one. */
function objectOf(property: Property | undefined, scope: Scope): { node: ObjectExpr; scope: Scope } | undefined {
  return property === undefined ? undefined : objectOfExpr(property.value, scope);
}

function objectOfExpr(expr: Expr, scope: Scope): { node: ObjectExpr; scope: Scope } | undefined {
  const result = evaluate(expr, scope, { depth: 0 });
  if (!result.ok || !('node' in result.value) || result.value.node.kind !== 'object') return undefined;
  return { node: result.value.node, scope: result.value.scope };
}

function toSetting(property: Property, scope: Scope, type: 'string'): Setting<string> | undefined;
function toSetting(property: Property, scope: Scope, type: 'number'): Setting<number> | undefined;
function toSetting(property: Property, scope: Scope, type: 'boolean'): Setting<boolean> | undefined;
function toSetting(property: Property, scope: Scope, type: SettingType): Setting<Scalar> | undefined {
  const result = evaluate(property.value, scope, { depth: 0 });
  return settingOf(result, rangeOf(property, scope), textOf(property.value, scope), property.key, type);
}

/** A setting from an evaluation; `null` (not set) gives none. */
function settingOf(
  result: Evaluation,
  range: SourceRange,
  expression: string,
  key: string,
  type: 'string',
): Setting<string> | undefined;
function settingOf(
  result: Evaluation,
  range: SourceRange,
  expression: string,
  key: string,
  type: SettingType,
): Setting<Scalar> | undefined;
function settingOf(
  result: Evaluation,
  range: SourceRange,
  expression: string,
  key: string,
  type: SettingType,
): Setting<Scalar> | undefined {
  if (!result.ok) return { how: 'unresolved', range, expression, reason: result.reason };
  if (!('scalar' in result.value)) {
    return {
      how: 'unresolved',
      range,
      expression,
      reason: `'${key}' is an object or array here, not a ${type}`,
    };
  }
  const value = result.value.scalar;
  // `null` means "not set": the platform decides, as if the property were absent.
  if (value === null) return undefined;
  if (typeof value !== type) {
    return {
      how: 'unresolved',
      range,
      expression,
      reason: `'${key}' is ${JSON.stringify(value)}, not a ${type}`,
    };
  }
  if (result.via.length === 0) return { how: 'literal', value, range };
  return { how: 'resolved', value, range, expression, via: result.via };
}

function networkOf(node: ObjectExpr, scope: Scope): NetworkProfile {
  const network: NetworkProfile = {};
  for (const [key, apiName] of NETWORK_KEYS) {
    const property = findProperty(node, apiName);
    if (property === undefined) continue;
    const setting = toSetting(property, scope, 'string');
    if (setting !== undefined) network[key] = setting;
  }
  return network;
}

function poolOf(name: string, node: ObjectExpr, scope: Scope, range: SourceRange, isDefault: boolean): NodePool {
  const pool: NodePool = { name, range, isDefault };
  for (const [key, apiNames] of POOL_STRING_KEYS) {
    for (const apiName of apiNames) {
      const property = findProperty(node, apiName);
      const setting = property === undefined ? undefined : toSetting(property, scope, 'string');
      if (setting !== undefined) pool[key] = setting;
    }
  }
  for (const [key, apiName] of POOL_NUMBER_KEYS) {
    const property = findProperty(node, apiName);
    const setting = property === undefined ? undefined : toSetting(property, scope, 'number');
    if (setting !== undefined) pool[key] = setting;
  }
  const autoScaling = findProperty(node, 'enableAutoScaling');
  const autoScalingSetting = autoScaling === undefined ? undefined : toSetting(autoScaling, scope, 'boolean');
  if (autoScalingSetting !== undefined) pool.autoScaling = autoScalingSetting;
  return pool;
}

function nameOf(node: ObjectExpr, scope: Scope, fallback: string): string {
  const property = findProperty(node, 'name');
  if (property === undefined) return fallback;
  const result = evaluate(property.value, scope, { depth: 0 });
  if (result.ok && 'scalar' in result.value && typeof result.value.scalar === 'string') return result.value.scalar;
  return textOf(property.value, scope);
}

/** The agent pool objects of an array (`agentPoolProfiles`), following variables; loops become one pool. */
function poolsOfArray(property: Property | undefined, scope: Scope, firstIsDefault: boolean): NodePool[] {
  if (property === undefined) return [];
  const result = evaluate(property.value, scope, { depth: 0 });
  if (!result.ok || !('node' in result.value)) return [];
  const { node, scope: arrayScope } = result.value;
  if (node.kind === 'for') {
    const loopScope = withLoop(arrayScope, node);
    const body = unwrap(node.body);
    const item = body === undefined ? undefined : objectOfExpr(body, loopScope);
    if (item === undefined) return [];
    return [
      poolOf(
        nameOf(item.node, item.scope, `[for ${node.variables.join(', ')} in ${textOf(node.iterable, arrayScope)}]`),
        item.node,
        item.scope,
        rangeOf(node, arrayScope),
        firstIsDefault,
      ),
    ];
  }
  if (node.kind !== 'array') return [];
  const pools: NodePool[] = [];
  for (const [index, element] of node.items.entries()) {
    const item = objectOfExpr(element, arrayScope);
    if (item === undefined) continue;
    const range = element.kind === 'object' ? rangeOf(element, arrayScope) : rangeOf(item.node, item.scope);
    pools.push(
      poolOf(
        nameOf(item.node, item.scope, `pool ${index + 1}`),
        item.node,
        item.scope,
        range,
        firstIsDefault && pools.length === 0,
      ),
    );
  }
  return pools;
}

function withLoop(scope: Scope, loop: ForExpr): Scope {
  const loops = new Map(scope.loops);
  const description = `the loop '[for ${loop.variables.join(', ')} in ${textOf(loop.iterable, scope)}]' (${where(loop, scope)})`;
  for (const variable of loop.variables) loops.set(variable, description);
  return { ...scope, loops };
}

/** The object a declaration deploys, through `if (...)` and `[for ...]`. */
function unwrap(value: Expr): Expr | undefined {
  if (value.kind === 'if') return unwrap(value.body);
  if (value.kind === 'for') return unwrap(value.body);
  return value;
}

function bodyOf(
  decl: ResourceDecl | ModuleDecl,
  scope: Scope,
): { node: ObjectExpr; scope: Scope; note: string } | undefined {
  let value: Expr = decl.value;
  let current = scope;
  const notes: string[] = [];
  for (let hops = 0; hops < 4; hops++) {
    if (value.kind === 'if') {
      notes.push(`deployed only if ${textOf(value.condition, current)}`);
      value = value.body;
    } else if (value.kind === 'for') {
      notes.push(`one per item of ${textOf(value.iterable, current)}`);
      current = withLoop(current, value);
      value = value.body;
    }
  }
  if (value.kind !== 'object') return undefined;
  return { node: value, scope: current, note: notes.length > 0 ? ` (${notes.join(', ')})` : '' };
}

function typeName(type: string): string {
  const at = type.indexOf('@');
  return (at < 0 ? type : type.slice(0, at)).toLowerCase();
}

// ---- clusters ----

interface Frame {
  idPrefix: string;
  definitionPrefix: string;
  /** The files of the module calls that led here, to stop cycles. */
  chain: string[];
  /** The outermost module call, for clusters reached through one. */
  instantiatedBy?: SourceRange;
}

function collect(program: Program, scope: Scope, files: FileSet, frame: Frame, out: Collected): void {
  const resources = program.statements.filter((statement): statement is ResourceDecl => statement.kind === 'resource');
  const clusters = new Map<string, Cluster>();
  const existing = new Map<string, ResourceDecl>();
  for (const decl of resources) {
    if (typeName(decl.type) !== CLUSTER_TYPE) continue;
    if (decl.existing) {
      existing.set(decl.symbol, decl);
      continue;
    }
    const cluster = clusterOf(decl, scope, frame);
    if (cluster === undefined) continue;
    clusters.set(decl.symbol, cluster);
    out.clusters.push(cluster);
  }
  for (const decl of resources) {
    if (typeName(decl.type) !== POOL_TYPE) continue;
    const body = bodyOf(decl, scope);
    if (body === undefined) continue;
    const parent = findProperty(body.node, 'parent');
    if (parent === undefined || parent.value.kind !== 'identifier') continue;
    const pool = childPool(decl, body.node, body.scope, scope);
    const cluster = clusters.get(parent.value.name);
    if (cluster !== undefined) {
      cluster.nodePools.push(pool);
      continue;
    }
    const target = existing.get(parent.value.name);
    if (target !== undefined) out.updates.push(updateOf(decl, target, pool, scope, frame));
  }
  for (const statement of program.statements) {
    if (statement.kind === 'module') collectModule(statement, scope, files, frame, out);
  }
}

function clusterOf(decl: ResourceDecl, scope: Scope, frame: Frame): Cluster | undefined {
  const body = bodyOf(decl, scope);
  if (body === undefined) return undefined;
  const { node, scope: bodyScope } = body;
  const definition = `${frame.definitionPrefix}resource ${decl.symbol} '${decl.type}'${body.note}`;
  const cluster: Cluster = {
    id: `${frame.idPrefix}${decl.type.split('@')[0] ?? decl.type} ${decl.symbol}`,
    format: 'bicep',
    definition,
    range: rangeOf(decl, scope),
    network: {},
    nodePools: [],
  };
  if (frame.instantiatedBy !== undefined) cluster.instantiatedBy = frame.instantiatedBy;
  const apiVersion = decl.type.split('@')[1];
  if (apiVersion !== undefined && apiVersion !== '') cluster.apiVersion = apiVersion;
  const name = findProperty(node, 'name');
  if (name !== undefined) {
    const setting = toSetting(name, bodyScope, 'string');
    if (setting !== undefined) cluster.name = setting;
  }
  const properties = objectOf(findProperty(node, 'properties'), bodyScope);
  if (properties !== undefined) {
    const version = findProperty(properties.node, 'kubernetesVersion');
    if (version !== undefined) {
      const setting = toSetting(version, properties.scope, 'string');
      if (setting !== undefined) cluster.kubernetesVersion = setting;
    }
    const profile = objectOf(findProperty(properties.node, 'networkProfile'), properties.scope);
    if (profile !== undefined) {
      cluster.networkProfileRange = rangeOf(profile.node, profile.scope);
      cluster.network = networkOf(profile.node, profile.scope);
      const families = findProperty(profile.node, 'ipFamilies');
      const ipFamilies = families === undefined ? undefined : stringsSetting(families, profile.scope);
      if (ipFamilies !== undefined) cluster.ipFamilies = ipFamilies;
      const removed = removedSettings(profile.node, profile.scope);
      if (removed.length > 0) cluster.removedSettings = removed;
    }
    cluster.nodePools.push(...poolsOfArray(findProperty(properties.node, 'agentPoolProfiles'), properties.scope, true));
  }
  const sku = objectOf(findProperty(node, 'sku'), bodyScope);
  const skuName = sku === undefined ? undefined : findProperty(sku.node, 'name');
  if (sku !== undefined && skuName !== undefined)
    withAutomaticDefaults(cluster, toSetting(skuName, sku.scope, 'string'));
  for (const child of node.resources) {
    if (typeName(child.type) !== 'agentpools') continue;
    const childBody = bodyOf(child, bodyScope);
    if (childBody !== undefined) cluster.nodePools.push(childPool(child, childBody.node, childBody.scope, bodyScope));
  }
  return cluster;
}

function childPool(decl: ResourceDecl, node: ObjectExpr, bodyScope: Scope, declScope: Scope): NodePool {
  const name = nameOf(node, bodyScope, decl.symbol);
  const properties = objectOf(findProperty(node, 'properties'), bodyScope);
  const range = rangeOf(decl, declScope);
  if (properties === undefined) return { name, range, isDefault: false };
  return poolOf(name, properties.node, properties.scope, range, false);
}

function updateOf(decl: ResourceDecl, target: ResourceDecl, pool: NodePool, scope: Scope, frame: Frame): ClusterUpdate {
  const update: ClusterUpdate = {
    id: `${frame.idPrefix}${decl.type.split('@')[0] ?? decl.type} ${decl.symbol}`,
    format: 'bicep',
    definition: `${frame.definitionPrefix}resource ${decl.symbol} '${decl.type}' (parent: existing cluster ${target.symbol})`,
    range: rangeOf(decl, scope),
    network: {},
    nodePools: [pool],
  };
  const targetBody = bodyOf(target, scope);
  const name = targetBody === undefined ? undefined : findProperty(targetBody.node, 'name');
  if (name !== undefined && targetBody !== undefined) {
    const setting = toSetting(name, targetBody.scope, 'string');
    if (setting !== undefined) update.name = setting;
  }
  return update;
}

// ---- modules ----

function isRegistryPath(path: string): boolean {
  return /^(?:br|ts)[:/]/.test(path);
}

function collectModule(decl: ModuleDecl, scope: Scope, files: FileSet, frame: Frame, out: Collected): void {
  const body = bodyOf(decl, scope);
  if (body === undefined) return;
  const params = objectOf(findProperty(body.node, 'params'), body.scope);
  if (isRegistryPath(decl.path)) {
    // A registry module's source is not in the FileSet; only the AVM managed-cluster module is known by its parameters.
    if (decl.path.toLowerCase().includes(AVM_CLUSTER_MODULE))
      out.clusters.push(avmCluster(decl, body.note, params, scope, frame));
    return;
  }
  if (frame.chain.length > MAX_MODULE_DEPTH) return;
  const path = joinPath(directoryOf(scope.file), decl.path);
  if (path === undefined || frame.chain.includes(path)) return;
  const moduleFile = files.get(path);
  if (moduleFile === undefined) return;
  if (!/managedClusters/i.test(moduleFile.text) && !/^[ \t]*module[ \t]/m.test(moduleFile.text)) return;
  const parsed = parseCached(moduleFile, files);
  // The module file's own problems are reported when the module file itself is read.
  if (!parsed.ok) return;
  const moduleScope = createScope(moduleFile, parsed.program);
  const caller = `the module call '${decl.symbol}' (${where(decl, scope)})`;
  for (const [name, binding] of moduleScope.params) {
    if (binding.kind === 'declared') moduleScope.params.set(name, { ...binding, caller });
  }
  for (const property of params?.node.properties ?? []) {
    const existing = moduleScope.params.get(property.key);
    const decl = existing?.kind === 'declared' ? existing.decl : undefined;
    moduleScope.params.set(property.key, {
      kind: 'given',
      decl,
      value: property.value,
      scope: params?.scope ?? body.scope,
      source: caller,
    });
  }
  collect(
    parsed.program,
    moduleScope,
    files,
    {
      idPrefix: `${frame.idPrefix}module ${decl.symbol} (${path}) > `,
      definitionPrefix: `${frame.definitionPrefix}module ${decl.symbol} '${decl.path}'${body.note} > `,
      chain: [...frame.chain, path],
      instantiatedBy: frame.instantiatedBy ?? { ...rangeOf(decl, scope), endLine: decl.startLine },
    },
    out,
  );
}

/** The AVM module `br/public:avm/res/container-service/managed-cluster` takes the API's names as flat parameters. */
function avmCluster(
  decl: ModuleDecl,
  note: string,
  params: { node: ObjectExpr; scope: Scope } | undefined,
  scope: Scope,
  frame: Frame,
): Cluster {
  const cluster: Cluster = {
    id: `${frame.idPrefix}module ${decl.symbol} (${decl.path})`,
    format: 'bicep',
    definition: `${frame.definitionPrefix}module ${decl.symbol} '${decl.path}'${note}`,
    range: rangeOf(decl, scope),
    network: {},
    nodePools: [],
  };
  if (params === undefined) return cluster;
  cluster.network = networkOf(params.node, params.scope);
  const name = findProperty(params.node, 'name');
  const nameSetting = name === undefined ? undefined : toSetting(name, params.scope, 'string');
  if (nameSetting !== undefined) cluster.name = nameSetting;
  const version = findProperty(params.node, 'kubernetesVersion');
  const versionSetting = version === undefined ? undefined : toSetting(version, params.scope, 'string');
  if (versionSetting !== undefined) cluster.kubernetesVersion = versionSetting;
  // The primary pool parameter was renamed from `primaryAgentPoolProfile` to `primaryAgentPoolProfiles`.
  const primary =
    findProperty(params.node, 'primaryAgentPoolProfiles') ?? findProperty(params.node, 'primaryAgentPoolProfile');
  cluster.nodePools.push(...poolsOfArray(primary, params.scope, true));
  cluster.nodePools.push(
    ...poolsOfArray(findProperty(params.node, 'agentPools'), params.scope, cluster.nodePools.length === 0),
  );
  return cluster;
}

// ---- settings beside the network profile ----

/** A list of strings (`ipFamilies`): known only when every item is. */
function stringsSetting(property: Property, scope: Scope): Setting<string[]> | undefined {
  const range = rangeOf(property, scope);
  const expression = textOf(property.value, scope);
  const unresolved = (reason: string): Setting<string[]> => ({ how: 'unresolved', range, expression, reason });
  const result = evaluate(property.value, scope, { depth: 0 });
  if (!result.ok) return unresolved(result.reason);
  if ('scalar' in result.value) {
    return result.value.scalar === null ? undefined : unresolved(`'${property.key}' is not a list of strings`);
  }
  const { node, scope: nodeScope } = result.value;
  if (node.kind !== 'array') return unresolved(`'${property.key}' is not a list of strings`);
  const values: string[] = [];
  const via = [...result.via];
  for (const item of node.items) {
    const itemResult = evaluate(item, nodeScope, { depth: 0 });
    if (!itemResult.ok) return unresolved(itemResult.reason);
    if (!('scalar' in itemResult.value) || typeof itemResult.value.scalar !== 'string')
      return unresolved(`'${textOf(item, nodeScope)}' in '${property.key}' is not a string`);
    values.push(itemResult.value.scalar);
    via.push(...itemResult.via);
  }
  if (via.length === 0) return { how: 'literal', value: values, range };
  return { how: 'resolved', value: values, range, expression, via };
}

/** Settings AKS no longer accepts, where their names are written (`dockerBridgeCidr`: removed in API 2023-04-01). */
function removedSettings(profile: ObjectExpr, scope: Scope): RemovedSetting[] {
  const property = findProperty(profile, 'dockerBridgeCidr');
  if (property === undefined) return [];
  const value = evaluate(property.value, scope, { depth: 0 });
  // `null` means "not set".
  if (value.ok && 'scalar' in value.value && value.value.scalar === null) return [];
  return [{ kind: 'docker-bridge-cidr', name: property.key, range: rangeOf(property, scope) }];
}

// ---- virtual networks and subnets ----

/** A virtual network as the subnets inside it see it. */
interface VnetInfo {
  symbol: string | undefined;
  /** The name when it resolves. */
  name: string | undefined;
  /** The `name:` expression as written, when it is not a plain string (`vnetName`). */
  nameText: string | undefined;
}

interface NameInfo {
  name: string | undefined;
  nameText: string | undefined;
}

/**
 * The virtual networks and subnets the file deploys. An `existing` virtual network gives no address space
 * (its prefixes are not written here) but names the subnets declared in it; an `existing` subnet is skipped;
 * so is anything deployed by a `for` loop (its names and prefixes differ per copy). Only the file's own
 * declarations are read, not those of the modules it calls: a module file is read on its own.
 */
function addressSpacesOf(program: Program, scope: Scope): AddressSpace[] {
  const spaces: AddressSpace[] = [];
  const vnets = new Map<string, VnetInfo>();
  const resources = program.statements.filter((statement): statement is ResourceDecl => statement.kind === 'resource');
  for (const decl of resources) {
    if (typeName(decl.type) !== VNET_TYPE || isLoop(decl.value)) continue;
    const body = bodyOf(decl, scope);
    if (body === undefined) continue;
    const vnet: VnetInfo = { symbol: decl.symbol, ...nameInfo(body.node, body.scope) };
    vnets.set(decl.symbol, vnet);
    if (!decl.existing) {
      const properties = objectOf(findProperty(body.node, 'properties'), body.scope);
      const space: AddressSpace = {
        kind: 'virtual-network',
        id: `${scope.file}#${decl.symbol}`,
        prefixes: [],
        range: rangeOf(decl, scope),
        references: [],
      };
      if (vnet.name !== undefined) space.name = vnet.name;
      const addressSpace =
        properties === undefined
          ? undefined
          : objectOf(findProperty(properties.node, 'addressSpace'), properties.scope);
      if (addressSpace !== undefined)
        space.prefixes = prefixesOf(findProperty(addressSpace.node, 'addressPrefixes'), addressSpace.scope);
      spaces.push(space);
      if (properties !== undefined) spaces.push(...inlineSubnets(vnet, properties.node, properties.scope));
    }
    for (const child of body.node.resources) {
      const type = typeName(child.type);
      if (type !== 'subnets' && type !== SUBNET_TYPE) continue;
      const subnet = subnetResource(child, body.scope, vnet, `${decl.symbol}::${child.symbol}`);
      if (subnet !== undefined) spaces.push(subnet);
    }
  }
  for (const decl of resources) {
    if (typeName(decl.type) !== SUBNET_TYPE) continue;
    const body = bodyOf(decl, scope);
    const parent = body === undefined ? undefined : findProperty(body.node, 'parent');
    const vnet = parent?.value.kind === 'identifier' ? vnets.get(parent.value.name) : undefined;
    const subnet = subnetResource(decl, scope, vnet, decl.symbol);
    if (subnet !== undefined) spaces.push(subnet);
  }
  addVariableAliases(spaces, program, scope);
  return spaces;
}

function isLoop(value: Expr): boolean {
  return value.kind === 'for' || (value.kind === 'if' && isLoop(value.body));
}

function nameInfo(node: ObjectExpr, scope: Scope): NameInfo {
  const property = findProperty(node, 'name');
  if (property === undefined) return { name: undefined, nameText: undefined };
  const result = evaluate(property.value, scope, { depth: 0 });
  const name =
    result.ok && 'scalar' in result.value && typeof result.value.scalar === 'string' && result.value.scalar !== ''
      ? result.value.scalar
      : undefined;
  const plain = property.value.kind === 'string' && property.value.parts.every((part) => typeof part === 'string');
  return { name, nameText: plain ? undefined : textOf(property.value, scope) };
}

/** `properties.subnets[]` of a virtual network, directly or through a variable or parameter. */
function inlineSubnets(vnet: VnetInfo, properties: ObjectExpr, scope: Scope): AddressSpace[] {
  const property = findProperty(properties, 'subnets');
  if (property === undefined) return [];
  const result = evaluate(property.value, scope, { depth: 0 });
  if (!result.ok || !('node' in result.value) || result.value.node.kind !== 'array') return [];
  const { node, scope: arrayScope } = result.value;
  const spaces: AddressSpace[] = [];
  for (const [index, item] of node.items.entries()) {
    const subnet = objectOfExpr(item, arrayScope);
    if (subnet === undefined) continue;
    const names = nameInfo(subnet.node, subnet.scope);
    const own = vnet.symbol === undefined ? [] : [`${vnet.symbol}.properties.subnets[${index}].id`];
    const space: AddressSpace = {
      kind: 'subnet',
      id: `${scope.file}#${vnet.symbol ?? '?'}.properties.subnets[${index}]`,
      prefixes: [],
      range: item.kind === 'object' ? rangeOf(item, arrayScope) : rangeOf(property, scope),
      references: subnetReferences(vnet, vnet.name, names, own, []),
    };
    const subnetProperties = objectOf(findProperty(subnet.node, 'properties'), subnet.scope);
    if (subnetProperties !== undefined) space.prefixes = subnetPrefixes(subnetProperties.node, subnetProperties.scope);
    if (names.name !== undefined) space.name = names.name;
    if (vnet.name !== undefined) space.virtualNetwork = vnet.name;
    spaces.push(space);
  }
  return spaces;
}

/**
 * A `subnets` resource: nested in its virtual network (`vnet::nodes`), at top level with `parent: vnet`, or
 * at top level named `'<vnet>/<subnet>'`.
 */
function subnetResource(
  decl: ResourceDecl,
  scope: Scope,
  vnet: VnetInfo | undefined,
  symbol: string,
): AddressSpace | undefined {
  if (decl.existing || isLoop(decl.value)) return undefined;
  const body = bodyOf(decl, scope);
  if (body === undefined) return undefined;
  const names = nameInfo(body.node, body.scope);
  let vnetName = vnet?.name;
  let subnetName = names.name;
  const slash = subnetName?.indexOf('/') ?? -1;
  if (subnetName !== undefined && slash >= 0) {
    // The legacy `'<vnet>/<subnet>'` name.
    vnetName ??= subnetName.slice(0, slash);
    subnetName = subnetName.slice(subnetName.lastIndexOf('/') + 1);
  }
  const space: AddressSpace = {
    kind: 'subnet',
    id: `${scope.file}#${symbol}`,
    prefixes: [],
    range: rangeOf(decl, scope),
    references: subnetReferences(
      vnet,
      vnetName,
      { name: subnetName, nameText: slash >= 0 ? undefined : names.nameText },
      [`${symbol}.id`],
      [`${symbol}.name`],
    ),
  };
  const properties = objectOf(findProperty(body.node, 'properties'), body.scope);
  if (properties !== undefined) space.prefixes = subnetPrefixes(properties.node, properties.scope);
  if (subnetName !== undefined && subnetName !== '') space.name = subnetName;
  if (vnetName !== undefined && vnetName !== '') space.virtualNetwork = vnetName;
  return space;
}

/** `addressPrefix` and `addressPrefixes[]` of a subnet's properties. */
function subnetPrefixes(properties: ObjectExpr, scope: Scope): Setting<string>[] {
  const prefixes: Setting<string>[] = [];
  const single = findProperty(properties, 'addressPrefix');
  const setting = single === undefined ? undefined : toSetting(single, scope, 'string');
  if (setting !== undefined) prefixes.push(setting);
  prefixes.push(...prefixesOf(findProperty(properties, 'addressPrefixes'), scope));
  return prefixes;
}

/** One setting per prefix of a list; one unresolved setting when the list itself is not known. */
function prefixesOf(property: Property | undefined, scope: Scope): Setting<string>[] {
  if (property === undefined) return [];
  const range = rangeOf(property, scope);
  const expression = textOf(property.value, scope);
  const result = evaluate(property.value, scope, { depth: 0 });
  if (!result.ok || 'scalar' in result.value) {
    const setting = settingOf(result, range, expression, property.key, 'string');
    return setting === undefined ? [] : [setting];
  }
  const { node, scope: nodeScope } = result.value;
  if (node.kind !== 'array') {
    const reason =
      node.kind === 'for'
        ? `'${property.key}' is a for-expression; the analyzer does not expand loops`
        : `'${property.key}' is an object, not a list of prefixes`;
    return [{ how: 'unresolved', range, expression, reason }];
  }
  // Written as a list: each prefix where it is; through a variable or parameter: at this line, with the steps.
  const direct = property.value.kind === 'array';
  const prefixes: Setting<string>[] = [];
  for (const [index, item] of node.items.entries()) {
    const itemResult = evaluate(item, nodeScope, { depth: 0 });
    const withSteps = itemResult.ok ? ok(itemResult.value, [...result.via, ...itemResult.via]) : itemResult;
    const setting = direct
      ? settingOf(withSteps, rangeOf(item, nodeScope), textOf(item, nodeScope), property.key, 'string')
      : settingOf(withSteps, range, `${expression}[${index}]`, property.key, 'string');
    if (setting !== undefined) prefixes.push(setting);
  }
  return prefixes;
}

/**
 * Every expression by which a pool's `vnetSubnetID` may name this subnet, as the pool's unresolved setting
 * keeps it (the text as written, whitespace aside): the resource's own forms (`nodes.id`, `vnet::nodes.id`,
 * `vnet.properties.subnets[0].id`), `resourceId('Microsoft.Network/virtualNetworks/subnets', <vnet>,
 * <subnet>)` with each name as a literal, as its `name:` expression or as `<symbol>.name`, and
 * `'${vnet.id}/subnets/<subnet>'`.
 */
function subnetReferences(
  vnet: VnetInfo | undefined,
  vnetName: string | undefined,
  subnet: NameInfo,
  own: string[],
  ownNames: string[],
): string[] {
  const references = [...own];
  const vnetArguments = present([
    quoted(vnetName),
    vnet?.nameText,
    vnet?.symbol === undefined ? undefined : `${vnet.symbol}.name`,
  ]);
  const subnetArguments = present([quoted(subnet.name), subnet.nameText, ...ownNames]);
  for (const vnetArgument of vnetArguments) {
    for (const subnetArgument of subnetArguments)
      references.push(`resourceId('${SUBNET_TYPE_WRITTEN}', ${vnetArgument}, ${subnetArgument})`);
  }
  if (vnet?.symbol !== undefined) {
    if (subnet.name !== undefined && !subnet.name.includes("'"))
      references.push(`'\${${vnet.symbol}.id}/subnets/${subnet.name}'`);
    if (subnet.nameText !== undefined && !subnet.nameText.startsWith("'"))
      references.push(`'\${${vnet.symbol}.id}/subnets/\${${subnet.nameText}}'`);
  }
  return [...new Set(references)];
}

function quoted(name: string | undefined): string | undefined {
  return name === undefined || name.includes("'") ? undefined : `'${name}'`;
}

function present(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

/** How many variables deep an alias of a subnet reference is followed (`var a = b`, `var b = nodes.id`). */
const MAX_ALIAS_DEPTH = 4;

/** `var nodeSubnetId = vnet::nodes.id`: a pool that writes `nodeSubnetId` names the subnet too. */
function addVariableAliases(spaces: AddressSpace[], program: Program, scope: Scope): void {
  const normalize = (text: string) => text.replace(/\s+/g, '');
  // Each reference once, to the subnets it names: one lookup per variable and round.
  const byReference = new Map<string, AddressSpace[]>();
  const index = (reference: string, space: AddressSpace) => {
    const key = normalize(reference);
    const named = byReference.get(key) ?? [];
    if (!named.includes(space)) named.push(space);
    byReference.set(key, named);
  };
  for (const space of spaces) {
    if (space.kind === 'subnet') for (const reference of space.references) index(reference, space);
  }
  const vars = program.statements.filter((statement): statement is VarDecl => statement.kind === 'var');
  const texts = vars.map((variable) => normalize(textOf(variable.value, scope)));
  for (let round = 0; round < MAX_ALIAS_DEPTH; round++) {
    let added = false;
    for (const [position, variable] of vars.entries()) {
      for (const space of byReference.get(texts[position] ?? '') ?? []) {
        if (space.references.includes(variable.name)) continue;
        space.references.push(variable.name);
        index(variable.name, space);
        added = true;
      }
    }
    if (!added) return;
  }
}
