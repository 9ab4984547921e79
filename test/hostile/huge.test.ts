import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { defaultConfig } from '../../src/engine/config.js';
import { FORMATS } from '../../src/formats/index.js';
import { MAX_YAML_NESTING, blankTooDeepYaml, yamlNestingTooDeep } from '../../src/formats/nesting.js';
import { MAX_TREE_SITTER_CHARS } from '../../src/formats/wasm.js';
import type { Format, FormatId } from '../../src/model/index.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { DEEP, expectRangesInside } from '../fuzz/invariants.js';
import { fileSet, sourceFile } from '../support/files.js';

/**
 * Inputs no one writes by hand but a repository can hold: a single line past the 8 MiB limit (50 MB under
 * `npm run fuzz`), 10,000-level nesting, a script of 100,000 continuation lines. Each ends as a report or a
 * problem, never an exception or a hang (the test timeout); how fast is `npm run bench`'s business.
 */
const TODAY = '2026-01-15';
const DEPTH = 10_000;
const ARM_SCHEMA = '"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';

function formatOf(id: FormatId): Format {
  const format = FORMATS.find((candidate) => candidate.id === id);
  if (format === undefined) throw new Error(`no format ${id}`);
  return format;
}

async function analyzeOne(path: string, text: string) {
  const report = await analyze({ files: [{ path, content: text }] }, defaultConfig(TODAY));
  expectRangesInside(report, { [path]: text });
  renderText(report, { color: false });
  renderMarkdown(report);
  return report;
}

beforeAll(async () => {
  for (const format of FORMATS) await format.init?.();
});

describe('huge and deep input', () => {
  const fifty = (DEEP ? 50 : 9) * 1024 * 1024;
  const tf =
    'resource "azurerm_kubernetes_cluster" "a" {\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n';
  const ts = `import * as azure from "@pulumi/azure-native";\nnew azure.containerservice.ManagedCluster("a", { networkProfile: { networkPlugin: "kubenet" } });\n`;
  /**
   * Path, text, the format that reads it, and whether the engine reports it: formats that sniff claim an unread
   * file only when its first MiB names an AKS resource.
   */
  const bigLines: [string, string, FormatId, boolean][] = [
    ['main.tf', `resource "azurerm_kubernetes_cluster" "a" { name = "${'x'.repeat(fifty)}" }`, 'terraform', true],
    [
      'main.bicep',
      `resource a 'Microsoft.ContainerService/managedClusters@2024-02-01' = { name: '${'x'.repeat(fifty)}' }`,
      'bicep',
      true,
    ],
    [
      'index.ts',
      `import * as azure from "@pulumi/azure-native"; new azure.containerservice.ManagedCluster("${'x'.repeat(fifty)}")`,
      'pulumi',
      true,
    ],
    ['azuredeploy.json', `{${ARM_SCHEMA},"resources":["${'x'.repeat(fifty)}"]}`, 'arm', false],
    [
      'plan.json',
      `{"format_version":"1.2","terraform_version":"1.9.5","x":"${'x'.repeat(fifty)}"}`,
      'terraform-plan',
      false,
    ],
    [
      'cluster.yaml',
      `kind: ManagedCluster\napiVersion: containerservice.azure.com/v1\nmetadata: {name: ${'x'.repeat(fifty)}}`,
      'kubernetes',
      true,
    ],
    ['deploy.sh', `az aks create --name ${'x'.repeat(fifty)}`, 'azure-cli', true],
    ['deploy.ps1', `New-AzAksCluster -Name ${'x'.repeat(fifty)}`, 'azure-powershell', true],
  ];

  it.each(bigLines)(
    `a ${DEEP ? 50 : 9} MiB single-line %s: the engine reports it, extract finishes`,
    async (path, text, id, reported) => {
      const report = await analyzeOne(path, text);
      if (reported) {
        expect(report.findings.map((f) => [f.ruleId, f.severity, f.range.startLine])).toEqual([
          ['not-analyzed', 'error', 1],
        ]);
        expect(report.findings[0]?.message).toMatch(/above the 8\.0 MiB limit/);
      } else {
        expect(report.files).toEqual([]);
      }
      const result = formatOf(id).extract(sourceFile({ [path]: text }, path), fileSet({ [path]: text }));
      expectRangesInside(result, { [path]: text });
      // The tree-sitter runtime is shared: a file that exhausted it once broke every later parse.
      const after = await analyze(
        {
          files: [
            { path: 'ok/main.tf', content: tf },
            { path: 'ok/index.ts', content: ts },
          ],
        },
        defaultConfig(TODAY),
      );
      expect(after.clusters.map((c) => c.classification.model)).toEqual(['kubenet', 'kubenet']);
    },
    60_000,
  );

  it('a Terraform file just under the parser limit parses, and the runtime survives it', async () => {
    const text = `resource "azurerm_kubernetes_cluster" "a" {\n  name = "${'x'.repeat(MAX_TREE_SITTER_CHARS - 200)}"\n}\n`;
    const result = formatOf('terraform').extract(
      sourceFile({ 'main.tf': text }, 'main.tf'),
      fileSet({ 'main.tf': text }),
    );
    expect(result.problems).toEqual([]);
    expect(result.clusters).toHaveLength(1);
    const after = await analyze(
      {
        files: [
          { path: 'ok/main.tf', content: tf },
          { path: 'ok/index.ts', content: ts },
        ],
      },
      defaultConfig(TODAY),
    );
    expect(after.clusters).toHaveLength(2);
  }, 60_000);

  const deep: [string, string][] = [
    ['azuredeploy.json', `{${ARM_SCHEMA},"resources":[${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}]}`],
    ['nested.json', `{${ARM_SCHEMA},"variables":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`],
    [
      'plan.json',
      `{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
    ],
    [
      'cluster.yaml',
      `apiVersion: containerservice.azure.com/v1api20240402preview\nkind: ManagedCluster\nspec: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`,
    ],
    [
      'flow.yaml',
      `kind: ManagedCluster\napiVersion: containerservice.azure.com/v1\nspec: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`,
    ],
    [
      'dashes.yaml',
      `kind: ManagedCluster\napiVersion: containerservice.azure.com/v1\nspec:\n  ${'- '.repeat(DEPTH)}x\n`,
    ],
    ['Pulumi.yaml', `name: p\nruntime: yaml\nresources: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`],
    ['.github/workflows/deploy.yml', `jobs: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n# az aks create\n`],
    [
      'main.tf',
      `locals {\n  a = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n}\nresource "azurerm_kubernetes_cluster" "a" {}\n`,
    ],
    [
      'main.bicep',
      `var a = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\nresource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {}\n`,
    ],
    [
      'index.ts',
      `import * as azure from "@pulumi/azure-native";\nconst a = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};\nnew azure.containerservice.ManagedCluster("a", {});\n`,
    ],
    [
      '__main__.py',
      `from pulumi_azure_native import containerservice\na = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\ncontainerservice.ManagedCluster("a")\n`,
    ],
  ];

  it.each(deep)(
    '%s nested 10,000 levels deep gives the same report every time',
    async (path, text) => {
      const first = await analyzeOne(path, text);
      const second = await analyzeOne(path, text);
      expect(second).toEqual(first);
    },
    60_000,
  );

  it('the YAML nesting estimate refuses deep flow and compact nesting, and nothing real', () => {
    expect(yamlNestingTooDeep(`a: ${'['.repeat(MAX_YAML_NESTING + 1)}`)).toBe(1);
    expect(yamlNestingTooDeep(`x: 1\n${'- '.repeat(MAX_YAML_NESTING + 1)}x`)).toBe(2);
    expect(yamlNestingTooDeep(`a: "${'['.repeat(5_000)}"\nb: '{{{{' # ${'{'.repeat(5_000)}`)).toBeUndefined();
    expect(yamlNestingTooDeep(`a: ${'['.repeat(MAX_YAML_NESTING)}${']'.repeat(MAX_YAML_NESTING)}`)).toBeUndefined();
  });

  it('blanking deep YAML keeps lines, offsets and the shallow part', () => {
    const deepText = `a: 1\nb: ${'['.repeat(5)}x${']'.repeat(5)}\nc: 2\n`;
    const { text, line } = blankTooDeepYaml(deepText, 3);
    expect(text).toBe(`a: 1\nb: [[[     ]]]\nc: 2\n`);
    expect(line).toBe(2);
    expect(blankTooDeepYaml('a: [1]\n')).toEqual({ text: 'a: [1]\n', line: undefined });
  });

  const continuation = 100_000;
  const scripts: [string, string][] = [
    [
      'deploy.sh',
      `az aks create --resource-group rg --name aks \\\n${'  --tags a=b \\\n'.repeat(continuation)}  --network-plugin kubenet\n`,
    ],
    [
      'deploy.ps1',
      `New-AzAksCluster -ResourceGroupName rg -Name aks \`\n${'  -Tag @{a="b"} `\n'.repeat(continuation)}  -NetworkPlugin kubenet\n`,
    ],
    [
      'Makefile',
      `deploy:\n\taz aks create -g rg -n aks \\\n${'\t  --tags a=b \\\n'.repeat(continuation)}\t  --network-plugin kubenet\n`,
    ],
  ];

  it.each(scripts)(
    '%s with 100,000 continuation lines',
    async (path, text) => {
      const report = await analyzeOne(path, text);
      expect(report.files.map((f) => f.path)).toEqual([path]);
    },
    60_000,
  );
});
