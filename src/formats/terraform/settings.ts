import type { HclAttribute, HclBlock, HclBody } from './parse.js';
import type { ResolutionStep, Setting, SourceRange } from '../../model/index.js';
import { elements, evaluate, formatValue, isObject, isTuple, locate, member } from './resolve.js';
import type { Evaluated, Located, Member, Scope, Value } from './resolve.js';

/** Reading attributes and objects into settings: shared by the cluster, network and provider readers. */

export function attribute(body: HclBody, name: string): HclAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function literalString(body: HclBody, name: string): string | undefined {
  const value = attribute(body, name)?.value;
  return value?.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
}

export function resolvedString(body: HclBody, name: string, scope: Scope): string | undefined {
  const found = attribute(body, name);
  if (found === undefined) return undefined;
  const { result } = locate(found, scope);
  return result.known && typeof result.value === 'string' ? result.value : undefined;
}

/**
 * A block's attributes as an object value, so blocks and object arguments are read the same way. Each
 * attribute is evaluated when its `result` is first read: evaluation is pure, so this gives the same values,
 * and an attribute nobody reads (`location = var.location`) does not make the directory's scope be built.
 */
export function bodyObject(body: HclBody, range: SourceRange, scope: Scope): Located {
  const entries = new Map<string, Member>();
  for (const item of body.attributes) {
    let result: Evaluated | undefined;
    entries.set(item.name, {
      get result(): Evaluated {
        result ??= evaluate(item.value, scope);
        return result;
      },
      range: item.range,
      expression: item.value.text,
    });
  }
  return { result: { known: true, value: { kind: 'object', entries }, via: [] }, range, expression: '' };
}

/** The first of `paths` (dotted, e.g. `vnet_subnet.id`) that is present in `parent`. */
export function pick(parent: Located | undefined, paths: readonly string[], ignoreCase = false): Located | undefined {
  for (const path of paths) {
    let current: Located | undefined = parent;
    for (const key of path.split('.')) current = member(current, key, ignoreCase);
    if (current !== undefined) return current;
  }
  return undefined;
}

/** Longer expressions (a whole `jsonencode` body) are shortened in settings; the range points at all of it. */
export const MAX_EXPRESSION_LENGTH = 300;

export function shorten(expression: string): string {
  return expression.length <= MAX_EXPRESSION_LENGTH ? expression : `${expression.slice(0, MAX_EXPRESSION_LENGTH - 1)}…`;
}

export function setting<T>(
  located: Located | undefined,
  convert: (value: Value) => T | undefined,
  expected: string,
): Setting<T> | undefined {
  if (located === undefined) return undefined;
  const { result, range } = located;
  const expression = shorten(located.expression);
  if (!result.known) return { how: 'unresolved', range, expression, reason: result.reason };
  if (result.value === null) return undefined;
  const value = convert(result.value);
  if (value === undefined) {
    return {
      how: 'unresolved',
      range,
      expression,
      reason: `${expression} is ${formatValue(result.value)}, expected ${expected}`,
    };
  }
  if (result.via.length === 0) return { how: 'literal', value, range };
  return { how: 'resolved', value, range, expression, via: result.via };
}

// Terraform converts between strings, numbers and bools where the value allows it.
export function stringSetting(located: Located | undefined): Setting<string> | undefined {
  return setting(located, (value) => (isPrimitive(value) && value !== null ? String(value) : undefined), 'a string');
}

export function numberSetting(located: Located | undefined): Setting<number> | undefined {
  return setting(
    located,
    (value) => {
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
      return undefined;
    },
    'a number',
  );
}

export function boolSetting(located: Located | undefined): Setting<boolean> | undefined {
  return setting(
    located,
    (value) => {
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    },
    'a bool',
  );
}

export function isPrimitive(value: Value): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

export function unresolved(located: Located): Setting<string> {
  return {
    how: 'unresolved',
    range: located.range,
    expression: shorten(located.expression),
    reason: located.result.known ? `${located.expression} is not an object` : located.result.reason,
  };
}

/** Drops keys whose value is `undefined`, so results compare cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

export function headerLine(block: HclBlock): SourceRange {
  return { file: block.range.file, startLine: block.range.startLine, endLine: block.range.startLine };
}

/** `body` as an object: `jsonencode({...})` (AzAPI 1.x) or a plain object (AzAPI 2.x). */
export function azapiBody(body: HclBody, scope: Scope): Located | undefined {
  const found = attribute(body, 'body');
  if (found === undefined) return undefined;
  const value = found.value;
  if (value.kind === 'call' && value.name === 'jsonencode' && value.args.length === 1 && !value.expandsFinal) {
    const argument = value.args[0];
    if (argument !== undefined) {
      const inner = locate({ name: 'body', value: argument, range: found.range }, scope);
      return { ...inner, expression: value.text };
    }
  }
  return locate(found, scope);
}

/**
 * A list of strings as one setting (`ip_versions`, `ipFamilies`): literal when every item is written right
 * there, resolved when the list or an item came through a variable or local, unresolved when any item is.
 */
export function stringListSetting(located: Located | undefined): Setting<string[]> | undefined {
  if (located === undefined) return undefined;
  const { result, range } = located;
  const expression = shorten(located.expression);
  if (!result.known) return { how: 'unresolved', range, expression, reason: result.reason };
  if (result.value === null) return undefined;
  if (!isTuple(result.value)) {
    return {
      how: 'unresolved',
      range,
      expression,
      reason: `${expression} is ${formatValue(result.value)}, expected a list of strings`,
    };
  }
  const values: string[] = [];
  const via: ResolutionStep[] = [...result.via];
  for (const item of result.value.items) {
    if (!item.result.known) return { how: 'unresolved', range, expression, reason: item.result.reason };
    const value = item.result.value;
    if (typeof value !== 'string') {
      return {
        how: 'unresolved',
        range,
        expression,
        reason: `${item.expression} is ${formatValue(value)}, expected a string`,
      };
    }
    values.push(value);
    via.push(...item.result.via);
  }
  if (via.length === 0) return { how: 'literal', value: values, range };
  return { how: 'resolved', value: values, range, expression, via };
}

/**
 * One setting per element of a list of strings (`address_space`, `address_prefixes`), each on its own
 * lines when the list is written right there. A single string (`address_prefix`) is one element. A list
 * that cannot be evaluated as a whole is one unresolved setting.
 */
export function stringSettings(located: Located | undefined): Setting<string>[] {
  if (located === undefined) return [];
  const { result } = located;
  if (!result.known) return [unresolved(located)];
  if (result.value === null) return [];
  if (typeof result.value === 'string') {
    const single = stringSetting(located);
    return single === undefined ? [] : [single];
  }
  if (!isTuple(result.value)) {
    return [
      {
        how: 'unresolved',
        range: located.range,
        expression: shorten(located.expression),
        reason: `${located.expression} is ${formatValue(result.value)}, expected a list of strings`,
      },
    ];
  }
  const settings: Setting<string>[] = [];
  for (const { located: item } of elements(located)) {
    const one = stringSetting(item);
    if (one !== undefined) settings.push(one);
  }
  return settings;
}

/** The key of `parent` that matches `key` without regard to case, as written (`dockerBridgeCIDR`). */
export function keyAsWritten(parent: Located | undefined, key: string): string | undefined {
  if (parent === undefined || !parent.result.known || !isObject(parent.result.value)) return undefined;
  const lower = key.toLowerCase();
  for (const name of parent.result.value.entries.keys()) if (name.toLowerCase() === lower) return name;
  return undefined;
}
