import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSuppression } from '../../src/engine/suppress.js';
import { isParametersFile } from '../../src/formats/arm/index.js';
import { azureCli } from '../../src/formats/azure-cli/index.js';
import { pulumi } from '../../src/formats/pulumi/index.js';
import { avmEra, registryModule } from '../../src/formats/terraform/extract.js';
import { terraform } from '../../src/formats/terraform/index.js';
import { fileSet, sourceFile } from '../support/files.js';

/**
 * Regressions for the patterns test/fuzz/redos found quadratic, each rewritten without the regex: the new
 * code agrees with the old pattern on generated inputs, and the old attack string is now quick.
 */
const SEED = 20_240_607;
const RUNS = 400;

/** Strings made of the fragments the old patterns cared about, so that matches are common. */
function fragments(...parts: string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...parts), { maxLength: 12 }).map((list) => list.join(''));
}

function quick(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

beforeAll(async () => {
  await terraform.init?.();
  await pulumi.init?.();
});

describe('ReDoS fixes agree with the patterns they replace', () => {
  it('ARM parameters files', () => {
    const old = /\.parameters(?:\.[^/]+)?\.json$/i;
    fc.assert(
      fc.property(fragments('.parameters', '.PARAMETERS', '.json', '.JSON', '/', 'a', '.', 'x', 'İ'), (path) => {
        expect(isParametersFile(path)).toBe(old.test(path));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(quick(() => isParametersFile(`P${'.PARAMETERS.E'.repeat(100_000)}J`))).toBeLessThan(500);
  });

  it('pipeline folders claimed by the az CLI format', () => {
    const old = [
      /\.(?:sh|bash|zsh)$/i,
      /(?:^|\/)(?:Makefile|makefile|GNUmakefile|[^/]+\.mk)$/,
      /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i,
      /(?:^|\/)(?:azure-pipelines[^/]*|[^/]+\.azure-pipelines)\.ya?ml$/i,
      /(?:^|\/)\.(?:azuredevops|pipelines)\/(?:[^/]+\/)*[^/]+\.ya?ml$/i,
      /\.mdx?$/i,
    ];
    fc.assert(
      fc.property(fragments('.pipelines', '.AzureDevOps', '/', 'a', '.yml', '.yaml', '.YML', '.', 'x/'), (path) => {
        expect(azureCli.claims(path)).toBe(old.some((pattern) => pattern.test(path)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(quick(() => azureCli.claims(`P${'/.PIPELINES/D'.repeat(100_000)}V`))).toBeLessThan(500);
  });

  it('Terraform registry module sources', () => {
    const old = (source: string): string =>
      source
        .trim()
        .toLowerCase()
        .replace(/^(?:registry\.terraform\.io|registry\.opentofu\.org)\//, '')
        .replace(/\/\/.*$/, '');
    const kinds = { 'azure/aks/azurerm': 'aks', 'azure/avm-res-containerservice-managedcluster/azurerm': 'avm' };
    fc.assert(
      fc.property(
        fragments('Azure/aks/azurerm', 'azure/avm-res-containerservice-managedcluster/azurerm', '//', '/', 'x', '\n'),
        fc.constantFrom('', 'registry.terraform.io/', ' '),
        (path, host) => {
          const source = `${host}${path}`;
          expect(registryModule(source)).toBe(kinds[old(source) as keyof typeof kinds]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(quick(() => registryModule(`${'//'.repeat(100_000)}\n//`))).toBeLessThan(500);
  });

  it.each([
    ['~> 0.3', '  ~> 0.3  '],
    ['>= 0.4.0, < 1.0', ' >=  0.4.0 ,   < 1.0 '],
    ['0.3.1', '\t0.3.1\t'],
  ])('AVM version constraints with blanks: %s', (plain, padded) => {
    expect(avmEra(padded)).toBe(avmEra(plain));
  });

  it('AVM version constraint made of blanks', () => {
    expect(quick(() => avmEra(`1${'\t'.repeat(100_000)}x`))).toBeLessThan(500);
  });

  it('suppression reasons without the comment trailer', () => {
    const old = (reason: string): string => reason.replace(/[ \t]*(?:\*\/|-->|#>)[ \t]*$/, '').trim();
    fc.assert(
      fc.property(fragments('a', ' ', '\t', '*/', '-->', '#>', '--', '\u00a0', '*', '>'), (reason) => {
        const parsed = parseSuppression(`# netguide-ignore kubenet-retirement -- ${reason}`, 1);
        expect(parsed?.suppression.reason).toBe(old(reason));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const blanks = `// netguide-ignore kubenet-retirement -- x${'\t'.repeat(100_000)}y`;
    expect(quick(() => parseSuppression(blanks, 1))).toBeLessThan(500);
  });

  it.each([
    ['main.tf', `resource "x" "y" {\n  a = ${'\t'.repeat(100_000)}\u0000{\n`],
    [
      '__main__.py',
      `from pulumi_azure_native import containerservice\ncontainerservice.ManagedCluster("a", ${'_'.repeat(100_000)}x=1)\n`,
    ],
    ['README.md', `az aks create\n\`\`\`${'`'.repeat(100_000)}\n`],
  ])('%s with the old attack string extracts quickly', (path, text) => {
    const files = { [path]: text };
    const format = [terraform, pulumi, azureCli].find((candidate) => candidate.claims(path));
    const elapsed = quick(() => format?.extract(sourceFile(files, path), fileSet(files)));
    expect(elapsed).toBeLessThan(2_000);
  });
});
