// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Dependencies point down this list, never up (docs/architecture.md draws it). A folder may import its own
// layer and the ones before it; adapters never import each other (fs/ is their shared file-system helper).
const LAYERS = [
  ['model', 'knowledge'],
  ['domain'],
  ['formats'],
  ['rules'],
  ['engine'],
  ['render'],
  ['inventory'],
  ['github'],
  ['action', 'app', 'cli', 'fs', 'worker'],
];
const ADAPTERS = ['action', 'app', 'cli'];
// Renderers, the inventory and the GitHub layer take the rule catalogue from the report (or the engine), never
// from rules/; worker/ (the analysis pool) serves the CLI and the App and imports neither.
const ALSO_FORBIDDEN = { render: ['rules'], inventory: ['rules'], github: ['rules'], worker: ADAPTERS };

function layerRules(folder, index) {
  const above = LAYERS.slice(index + 1).flat();
  const siblings = ADAPTERS.includes(folder) ? ADAPTERS.filter((other) => other !== folder) : [];
  const forbidden = [...above, ...siblings, ...(ALSO_FORBIDDEN[folder] ?? [])];
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/*`, `**/${other}/**`],
    message: `Dependencies point one way: ${folder}/ may not import ${other}/ (see docs/architecture.md).`,
  }));
  // The analyzer core stays pure: no GitHub, no Actions toolkit, no file system.
  if (!['github', 'action', 'app', 'cli', 'fs'].includes(folder)) {
    patterns.push(
      { group: ['node:fs', 'node:fs/*', 'fs', 'fs/*'], message: 'The analyzer core does no file-system I/O.' },
      { group: ['@octokit/*', '@actions/*', 'probot'], message: 'The analyzer core knows nothing of GitHub.' },
    );
  }
  if (folder === 'github') {
    patterns.push({ group: ['@actions/*'], message: 'The GitHub layer is shared by the Action and the App.' });
  }
  return {
    files: [`src/${folder}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

const layered = LAYERS.flatMap((layer, index) => layer.map((folder) => layerRules(folder, index)));

// A rule is not a library for other rules: shared helpers live in rules/support/ (as typescript-eslint's util/).
const rulesStandAlone = {
  files: ['src/rules/*.ts'],
  ignores: ['**/*.test.ts', 'src/rules/index.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...layerRules('rules', 3).rules['no-restricted-imports'][1].patterns,
          {
            regex: '^\\./(?!rule\\.js$|support/)',
            message: 'A rule imports rules/support/ and rule.ts, never another rule.',
          },
        ],
      },
    ],
  },
};

// A format is not a library for other formats: what two formats share (the shell and PowerShell readers, the
// az command reader, the Markdown/YAML/Makefile hosts) lives in formats/shared/, which imports no format.
// The folder list is read here, so a new format folder is covered without editing this file.
const FORMAT_FOLDERS = readdirSync(new URL('./src/formats', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);
const formatsLayer = layerRules('formats', 2).rules['no-restricted-imports'][1].patterns;
const formatsStandAlone = [...FORMAT_FOLDERS, 'shared'].map((folder) => ({
  files: [`src/formats/${folder}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...formatsLayer,
          ...FORMAT_FOLDERS.filter((other) => other !== folder).map((other) => ({
            group: [`**/${other}/*`, `**/${other}/**`],
            message: `formats/${folder}/ may not import formats/${other}/: move what both use to formats/shared/ (see docs/architecture.md).`,
          })),
        ],
      },
    ],
  },
}));

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
  ...layered,
  rulesStandAlone,
  ...formatsStandAlone,
);
