import { describe, expect, it } from 'vitest';
import { fileSet } from '../../../test/support/files.js';
import { azureNativeVersion } from './sdk-version.js';
import type { SdkVersion } from './sdk-version.js';

const pkg = (spec: string, key = 'dependencies') =>
  JSON.stringify({ name: 'infra', [key]: { '@pulumi/azure-native': spec } });

describe('azureNativeVersion', () => {
  it.each<[string, Record<string, string>, SdkVersion]>([
    [
      'package.json ^2.5.0',
      { 'infra/package.json': pkg('^2.5.0') },
      { found: true, major: 2, file: 'infra/package.json', spec: '^2.5.0' },
    ],
    [
      'package.json 3.1.0',
      { 'infra/package.json': pkg('3.1.0') },
      { found: true, major: 3, file: 'infra/package.json', spec: '3.1.0' },
    ],
    [
      'package.json ~1.104',
      { 'infra/package.json': pkg('~1.104', 'devDependencies') },
      { found: true, major: 1, file: 'infra/package.json', spec: '~1.104' },
    ],
    [
      'package.json a range: not one major',
      { 'infra/package.json': pkg('>=2.0.0') },
      { found: false, file: 'infra/package.json', spec: '>=2.0.0' },
    ],
    [
      'package.json latest',
      { 'infra/package.json': pkg('latest') },
      { found: false, file: 'infra/package.json', spec: 'latest' },
    ],
    [
      'package.json without the SDK, one above with it',
      { 'infra/package.json': '{"dependencies":{"@pulumi/pulumi":"^3"}}', 'package.json': pkg('^2.0.0') },
      { found: true, major: 2, file: 'package.json', spec: '^2.0.0' },
    ],
    ['package.json that is not JSON', { 'infra/package.json': '{ nope' }, { found: false }],
    [
      'requirements.txt ==2.5.0',
      { 'infra/requirements.txt': 'pulumi>=3.0.0,<4.0.0\npulumi-azure-native==2.5.0\n' },
      { found: true, major: 2, file: 'infra/requirements.txt', spec: '==2.5.0' },
    ],
    [
      'requirements.txt >=2.0.0,<3.0.0',
      { 'infra/requirements.txt': 'pulumi_azure_native>=2.0.0,<3.0.0  # pinned\n' },
      { found: true, major: 2, file: 'infra/requirements.txt', spec: '>=2.0.0,<3.0.0' },
    ],
    [
      'requirements.txt >=3.0.0 alone: any later major',
      { 'infra/requirements.txt': 'pulumi-azure-native>=3.0.0\n' },
      { found: false, file: 'infra/requirements.txt', spec: '>=3.0.0' },
    ],
    [
      'requirements.txt unpinned',
      { 'infra/requirements.txt': 'pulumi-azure-native\n' },
      { found: false, file: 'infra/requirements.txt', spec: '' },
    ],
    [
      'requirements.txt: another package with a longer name',
      { 'infra/requirements.txt': 'pulumi-azure-native-extras==2.0.0\n' },
      { found: false },
    ],
    [
      'pyproject.toml (PEP 621)',
      {
        'infra/pyproject.toml':
          '[project]\ndependencies = [\n  "pulumi>=3",\n  "pulumi-azure-native>=3.0.0,<4.0.0",\n]\n',
      },
      { found: true, major: 3, file: 'infra/pyproject.toml', spec: '>=3.0.0,<4.0.0' },
    ],
    [
      'pyproject.toml (Poetry)',
      { 'infra/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\npulumi-azure-native = "^1.104.0"\n' },
      { found: true, major: 1, file: 'infra/pyproject.toml', spec: '^1.104.0' },
    ],
    [
      'pyproject.toml (Poetry table)',
      {
        'infra/pyproject.toml': '[tool.poetry.dependencies]\npulumi-azure-native = { version = "^2.0", extras = [] }\n',
      },
      { found: true, major: 2, file: 'infra/pyproject.toml', spec: '^2.0' },
    ],
    [
      'go.mod',
      {
        'infra/go.mod':
          'module infra\n\nrequire (\n\tgithub.com/pulumi/pulumi-azure-native-sdk/containerservice/v2 v2.90.0\n)\n',
      },
      { found: true, major: 2, file: 'infra/go.mod', spec: 'v2' },
    ],
    ['nothing names the SDK', { 'infra/Pulumi.yaml': 'name: infra\nruntime: nodejs\n' }, { found: false }],
  ])('%s', (_name, files, expected) => {
    // Arrange
    const set = fileSet({ ...files, 'infra/index.ts': '' });

    // Act
    const version = azureNativeVersion('infra/index.ts', set);

    // Assert
    expect(version).toEqual(expected);
  });
});
