import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSuppression } from '../../src/engine/suppress.js';
import { isParametersFile } from '../../src/formats/arm/index.js';
import { azureCli } from '../../src/formats/azure-cli/index.js';
import { pulumi } from '../../src/formats/pulumi/index.js';
import { avmEra, registryModule } from '../../src/formats/terraform/extract.js';
import { terraform } from '../../src/formats/terraform/index.js';
import { fileSet, sourceFile } from '../support/files.js';
import { FUZZ_SCALE } from './invariants.js';

/**
 * Regressions for the patterns test/fuzz/redos found quadratic, each rewritten without the regex: the new
 * code agrees with the old pattern on generated inputs, and gives the right answer on the old attack string.
 * That the rewrite is linear is proved by counting, not timing: test/fuzz/redos has recheck (which counts
 * backtracking steps) pass every pattern left in src/, and the loops that replaced these touch each character
 * a bounded number of times. Timings of the attack strings are in `npm run bench`.
 */
const SEED = 20_240_607;
const RUNS = 100 * FUZZ_SCALE;

/** Strings made of the fragments the old patterns cared about, so that matches are common. */
function fragments(...parts: string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...parts), { maxLength: 12 }).map((list) => list.join(''));
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
    expect(isParametersFile(`P${'.PARAMETERS.E'.repeat(100_000)}J`)).toBe(false);
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
    expect(azureCli.claims(`P${'/.PIPELINES/D'.repeat(100_000)}V`)).toBe(false);
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
    expect(registryModule(`${'//'.repeat(100_000)}\n//`)).toBeUndefined();
  });

  it.each([
    ['~> 0.3', '  ~> 0.3  '],
    ['>= 0.4.0, < 1.0', ' >=  0.4.0 ,   < 1.0 '],
    ['0.3.1', '\t0.3.1\t'],
  ])('AVM version constraints with blanks: %s', (plain, padded) => {
    expect(avmEra(padded)).toBe(avmEra(plain));
  });

  it('AVM version constraint made of blanks', () => {
    expect(avmEra(`1${'\t'.repeat(100_000)}x`)).toBe(avmEra('1 x'));
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
    expect(parseSuppression(blanks, 1)?.suppression.reason).toBe(`x${'\t'.repeat(100_000)}y`);
  });

  it.each([
    ['main.tf', `resource "x" "y" {\n  a = ${'\t'.repeat(100_000)}\u0000{\n`],
    [
      '__main__.py',
      `from pulumi_azure_native import containerservice\ncontainerservice.ManagedCluster("a", ${'_'.repeat(100_000)}x=1)\n`,
    ],
    ['README.md', `az aks create\n\`\`\`${'`'.repeat(100_000)}\n`],
  ])('%s with the old attack string extracts without a crash', (path, text) => {
    const files = { [path]: text };
    const format = [terraform, pulumi, azureCli].find((candidate) => candidate.claims(path));
    const result = format?.extract(sourceFile(files, path), fileSet(files));
    expect(result?.clusters).toBeDefined();
  });
});
