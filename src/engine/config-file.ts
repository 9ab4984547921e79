import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import { RULES } from '../rules/index.js';
import type { AnalyzeConfig, FailOn, RuleSetting } from './config.js';
import { defaultConfig, isIsoDate } from './config.js';
import { CONFIG_SCHEMA } from './config-schema.js';

/** The configuration file as written. */
export interface ConfigFile {
  rules?: Record<string, RuleSetting>;
  paths?: { include?: string[]; exclude?: string[] };
  documentation?: RuleSetting;
  'fail-on'?: FailOn;
  today?: string;
  commands?: { 'allow-edited'?: boolean };
  dashboard?: { 'organization-repository'?: string };
  review?: {
    'filter-mode'?: 'added' | 'diff_context' | 'file' | 'nofilter';
    'comment-mode'?: 'update' | 'new' | 'hide-and-new' | 'delete-and-new' | 'off';
    'review-comments'?: boolean;
    'comment-tag'?: string;
  };
}

export interface LoadedConfig {
  analyze: AnalyzeConfig;
  failOn: FailOn | undefined;
  /** True when a path is to be analyzed (include/exclude globs; everything by default). */
  includes(path: string): boolean;
  /** Settings only the GitHub App reads (the Action takes them as inputs). */
  commands: NonNullable<ConfigFile['commands']>;
  review: NonNullable<ConfigFile['review']>;
  /** The dashboard settings (the App's organisation dashboard). */
  dashboard: NonNullable<ConfigFile['dashboard']>;
}

export type ConfigResult = { ok: true; config: LoadedConfig } | { ok: false; errors: string[] };

const validate = new Ajv({ allErrors: true, strict: true }).compile<ConfigFile>(CONFIG_SCHEMA);

/**
 * Reads a configuration file's text. Every error names the offending key (`rules.kubenet-retirment: no
 * such rule`), so a typo never silently falls back to the defaults.
 */
export function parseConfig(text: string, fallbackToday: string): ConfigResult {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => `YAML: ${error.message.split('\n')[0] ?? error.message}`),
    };
  }
  return parseConfigObject(document.toJS({ maxAliasCount: 100 }) ?? {}, fallbackToday);
}

/**
 * Validates a configuration already read into an object (the GitHub App's `context.config`, which has
 * merged `_extends` and the organisation's `.github` repository). The same errors as `parseConfig`.
 */
export function parseConfigObject(value: unknown, fallbackToday: string): ConfigResult {
  // Every error at once: the schema's, then the checks it can't express, even where the schema failed.
  const valid = validate(value);
  const errors = valid ? [] : (validate.errors ?? []).map(describeError);
  const written = isRecord(value) ? value : {};
  const known = new Set(RULES.map((rule) => rule.meta.id));
  for (const id of Object.keys(isRecord(written.rules) ? written.rules : {})) {
    if (!known.has(id)) errors.push(`rules.${id}: no such rule (known: ${[...known].join(', ')})`);
  }
  const today = written.today;
  if (typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today) && !isIsoDate(today))
    errors.push(`today: "${today}" is not a real date`);
  if (!valid || errors.length > 0) return { ok: false, errors: [...new Set(errors)] };

  const analyze = defaultConfig(value.today ?? fallbackToday);
  analyze.rules = { ...value.rules };
  if (value.documentation !== undefined) analyze.documentationSeverity = value.documentation;
  const include = value.paths?.include ?? [];
  const exclude = value.paths?.exclude ?? [];
  const isIncluded = include.length === 0 ? () => true : picomatch(include, { dot: true });
  const isExcluded = exclude.length === 0 ? () => false : picomatch(exclude, { dot: true });
  return {
    ok: true,
    config: {
      analyze,
      failOn: value['fail-on'],
      includes: (path) => isIncluded(path) && !isExcluded(path),
      commands: { ...value.commands },
      review: { ...value.review },
      dashboard: { ...value.dashboard },
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeError(error: ErrorObject): string {
  const key = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const where = key === '' ? '(top level)' : key;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where === '(top level)' ? '' : `${where}.`}${String(error.params.additionalProperty)}: unknown key`;
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
    case 'propertyNames':
      return `${where}: "${String(error.params.propertyName)}" is not a rule id`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}
