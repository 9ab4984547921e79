import * as core from '@actions/core';
import type { FailOn } from '../engine/config.js';
import type { FilterMode } from '../github/diff.js';
import type { CommentMode } from '../github/review.js';

export interface ActionInputs {
  token: string;
  failOn: FailOn;
  filterMode: FilterMode;
  commentMode: CommentMode;
  reviewComments: boolean;
  configPath: string;
  paths: string[];
  planJson: string[];
  sarifFile: string;
  commentTag: string;
  apiTimeoutSeconds: number;
  /** Keep the repository's dashboard issue on `push` to the default branch and `schedule`. */
  dashboard: boolean;
}

const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;
const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;
const COMMENT_MODES = ['update', 'new', 'hide-and-new', 'delete-and-new', 'off'] as const;

export class InputError extends Error {}

/** The action's inputs, validated; a wrong value names the input and what it accepts. */
export function readInputs(): ActionInputs {
  const timeout = Number(core.getInput('api-timeout') || '30');
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new InputError(`api-timeout must be a positive number of seconds, not "${core.getInput('api-timeout')}"`);
  return {
    token: core.getInput('github-token'),
    failOn: oneOf('fail-on', FAIL_ON, 'error'),
    filterMode: oneOf('filter-mode', FILTER_MODES, 'added'),
    commentMode: oneOf('comment-mode', COMMENT_MODES, 'update'),
    reviewComments: (core.getInput('review-comments') || 'true').toLowerCase() !== 'false',
    configPath: core.getInput('config-path') || '.github/netguide.yml',
    paths: list(core.getInput('paths')),
    planJson: list(core.getInput('plan-json')),
    sarifFile: core.getInput('sarif-file'),
    commentTag: core.getInput('comment-tag') || 'aks-netguide',
    apiTimeoutSeconds: timeout,
    dashboard: (core.getInput('dashboard') || 'true').toLowerCase() !== 'false',
  };
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new InputError(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** Newline- or comma-separated values. */
function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
