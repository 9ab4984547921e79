// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The analyzer core stays pure: no GitHub, no Actions toolkit, no file system.
const pureCore = [
  'src/model/**',
  'src/formats/**',
  'src/rules/**',
  'src/engine/**',
  'src/render/**',
  'src/knowledge/**',
];

export default tseslint.config(
  {
    ignores: [
      'lib/**',
      'dist/**',
      'coverage/**',
      'node_modules/**',
      '**/__fixtures__/**',
      'examples/**',
      'test/corpus/**',
      'bench/.out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union instead of an enum.' },
      ],
    },
  },
  {
    files: pureCore,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*'], message: 'The analyzer core does no file-system I/O.' },
            { group: ['@octokit/*', '@actions/*', 'probot'], message: 'The analyzer core knows nothing of GitHub.' },
            {
              group: ['**/cli/**', '**/github/**', '**/action/**', '**/app/**', '**/fs/**'],
              message: 'Dependencies point one way: adapters -> core.',
            },
          ],
        },
      ],
    },
  },
);
