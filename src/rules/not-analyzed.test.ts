import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { defaultConfig } from '../engine/config.js';
import type { InputFile } from '../engine/files.js';
import { notAnalyzed } from './not-analyzed.js';
import { parseError } from './parse-error.js';

const encoder = new TextEncoder();
const CLUSTER =
  'resource "azurerm_kubernetes_cluster" "aks" {\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n';
const DEEP_YAML = `apiVersion: containerservice.azure.com/v1api20240402preview\nkind: ManagedCluster\nspec: ${'['.repeat(300)}${']'.repeat(300)}\n`;

async function findingsFor(files: InputFile[], rules: Record<string, 'error' | 'warning' | 'notice' | 'off'> = {}) {
  const config = { ...defaultConfig('2026-11-27'), rules, maxFileBytes: 4096 };
  const report = await analyze({ files }, config, { rules: [notAnalyzed, parseError] });
  return report.findings.map((f) => ({ rule: f.ruleId, file: f.range.file, severity: f.severity, message: f.message }));
}

describe('not-analyzed', () => {
  it.each([
    {
      name: 'a NUL byte in an AKS file (bytes)',
      file: { path: 'main.tf', content: new Uint8Array([...encoder.encode(CLUSTER), 0]) },
      severity: 'error',
      message: /because it looks binary \(the file contains NUL bytes\), and it mentions an AKS resource/,
    },
    {
      name: 'a NUL byte in an AKS file (text)',
      file: { path: 'main.tf', content: `${CLUSTER}\0` },
      severity: 'error',
      message: /looks binary/,
    },
    {
      name: 'a binary file without AKS names',
      file: { path: 'logo.tf', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) },
      severity: 'warning',
      message: /because it looks binary \(the file contains NUL bytes\); any cluster in it is unchecked/,
    },
    {
      name: 'an AKS file over the size limit',
      file: { path: 'big.tf', content: `${CLUSTER}${'#'.repeat(5000)}\n` },
      severity: 'error',
      message: /because it is too large \(the file is 5\.0 KiB, above the 4\.0 KiB limit\)/,
    },
    {
      name: 'a file known only by its size, with its first bytes',
      file: { path: 'big.tf', size: 700_000, sample: encoder.encode(CLUSTER) },
      severity: 'error',
      message: /too large \(the file is 683\.6 KiB/,
    },
    {
      name: 'a file known only by its size',
      file: { path: 'big.tf', size: 700_000 },
      severity: 'warning',
      message: /too large/,
    },
    {
      name: 'a file that could not be read',
      file: { path: 'main.tf', unreadable: 'GitHub answered HTTP 500' },
      severity: 'warning',
      message: /because it could not be read \(GitHub answered HTTP 500\)/,
    },
    {
      name: 'YAML nested too deeply to parse safely',
      file: { path: 'cluster.yaml', content: DEEP_YAML },
      severity: 'error',
      message: /because it is nested too deeply to parse safely \(YAML: nested deeper than 256 levels\)/,
    },
  ])('$name: a $severity', async ({ file, severity, message }) => {
    const findings = await findingsFor([file]);
    expect(findings).toEqual([
      { rule: 'not-analyzed', file: file.path, severity, message: expect.stringMatching(message) },
    ]);
  });

  it('a huge .json that mentions an AKS resource is reported although ARM templates are recognised by their text', async () => {
    const content = `{"resources":[{"type":"Microsoft.ContainerService/managedClusters"}],"pad":"${'x'.repeat(5000)}"}`;
    expect(await findingsFor([{ path: 'azuredeploy.json', content }])).toMatchObject([
      { rule: 'not-analyzed', severity: 'error' },
    ]);
    expect(await findingsFor([{ path: 'package.json', content: `{"pad":"${'x'.repeat(5000)}"}` }])).toEqual([]);
  });

  it('the configuration sets its severity or turns it off', async () => {
    const file = { path: 'main.tf', content: `${CLUSTER}\0` };
    expect(await findingsFor([file], { 'not-analyzed': 'warning' })).toMatchObject([{ severity: 'warning' }]);
    expect(await findingsFor([file], { 'not-analyzed': 'off' })).toEqual([]);
  });

  it('a file that parses badly stays parse-error', async () => {
    expect(
      await findingsFor([{ path: 'main.tf', content: 'resource "azurerm_kubernetes_cluster" "x" {' }]),
    ).toMatchObject([{ rule: 'parse-error' }]);
  });
});
