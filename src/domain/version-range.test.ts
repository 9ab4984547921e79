import { describe, expect, it } from 'vitest';
import { comparePosition } from './version-range.js';

describe('comparePosition', () => {
  it.each([
    // `~>` lets only the rightmost given part grow.
    { constraint: '~> 4.40', version: '4.66.0', expected: 'spans' },
    { constraint: '~> 4.66', version: '4.66.0', expected: 'at-least' },
    { constraint: '~> 4.67', version: '4.66.0', expected: 'at-least' },
    { constraint: '~> 4.40.1', version: '4.66.0', expected: 'below' },
    { constraint: '~> 4.66.0', version: '4.66.0', expected: 'at-least' },
    { constraint: '~> 4.65.9', version: '4.66.0', expected: 'below' },
    { constraint: '~> 3.100', version: '4.58.0', expected: 'below' },
    { constraint: '~> 3.100', version: '3.108.0', expected: 'spans' },
    { constraint: '~> 4', version: '4.0.0', expected: 'at-least' },
    { constraint: '~> 4', version: '4.58.0', expected: 'spans' },
    { constraint: '~>4.58', version: '4.58.0', expected: 'at-least' },
    // Ranges.
    { constraint: '>= 3.0, < 5.0', version: '4.66.0', expected: 'spans' },
    { constraint: '>= 4.66', version: '4.66.0', expected: 'at-least' },
    { constraint: '> 4.66', version: '4.66.0', expected: 'at-least' },
    { constraint: '> 4.65', version: '4.66.0', expected: 'spans' },
    { constraint: '< 4.66.0', version: '4.66.0', expected: 'below' },
    { constraint: '<= 4.66.0', version: '4.66.0', expected: 'spans' },
    { constraint: '>= 4.0, < 4.58', version: '4.58.0', expected: 'below' },
    // Exact versions, with and without `=`, padded with zeros as Terraform does.
    { constraint: '= 4.57.0', version: '4.58.0', expected: 'below' },
    { constraint: '4.57.0', version: '4.58.0', expected: 'below' },
    { constraint: '4.58.0', version: '4.58.0', expected: 'at-least' },
    { constraint: '= 4.58', version: '4.58.0', expected: 'at-least' },
    { constraint: '= 4', version: '4.0.0', expected: 'at-least' },
    { constraint: 'v4.70.0', version: '4.66.0', expected: 'at-least' },
    // `!=` removes one version.
    { constraint: '>= 4.57.0, <= 4.58.0, != 4.58.0', version: '4.58.0', expected: 'below' },
    { constraint: '>= 4.58.0, != 4.58.0', version: '4.58.0', expected: 'at-least' },
    { constraint: '!= 4.58.0', version: '4.58.0', expected: 'spans' },
    // Unknown.
    { constraint: undefined, version: '4.66.0', expected: 'unknown' },
    { constraint: '', version: '4.66.0', expected: 'unknown' },
    { constraint: '>= 5.0, < 4.0', version: '4.66.0', expected: 'unknown' },
    { constraint: '>= 4.x', version: '4.66.0', expected: 'unknown' },
    { constraint: '^4.0.0', version: '4.66.0', expected: 'unknown' },
    { constraint: '>= 4.0.0-beta1', version: '4.66.0', expected: 'unknown' },
    { constraint: 'latest', version: '4.66.0', expected: 'unknown' },
  ] as const)('$constraint against $version: $expected', ({ constraint, version, expected }) => {
    expect(comparePosition(constraint, version)).toEqual(expected);
  });
});
