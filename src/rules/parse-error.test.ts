import { describe, expect, it } from 'vitest';
import { findingsOf, testRule } from '../../test/support/rule-tester.js';
import { analyze } from '../engine/analyze.js';
import { defaultConfig } from '../engine/config.js';
import { parseError } from './parse-error.js';

const kubenet = `resource "azurerm_kubernetes_cluster" "ok" {
  name = "ok"
  network_profile {
    network_plugin = "kubenet"
  }
}
`;

testRule(parseError, {
  valid: [{ name: 'a file that parses', files: { 'main.tf': kubenet } }],
  invalid: [
    {
      name: 'an unclosed block',
      files: {
        'broken.tf':
          'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "x"\n  network_profile {\n    network_plugin = \n',
      },
      errors: [{ messageId: 'syntax', line: 4, file: 'broken.tf' }],
    },
  ],
});

describe('parse-error with bytes', () => {
  it('reports invalid UTF-8 on the line of the first bad byte', async () => {
    const content = new Uint8Array([
      ...new TextEncoder().encode('# ok\nresource "x" "y" {\n  a = "'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"\n}\n'),
    ]);
    const report = await analyze({ files: [{ path: 'bad.tf', content }] }, defaultConfig('2026-11-27'), {
      rules: [parseError],
    });
    expect(report.findings.map((f) => ({ messageId: f.messageId, line: f.range.startLine }))).toEqual([
      { messageId: 'encoding', line: 3 },
    ]);
  });

  it.each([
    { name: 'binary', file: { path: 'bad.tf', content: new Uint8Array([0x72, 0x65, 0x00, 0x01, 0x02]) } },
    { name: 'too large', file: { path: 'huge.tf', size: 50 * 1024 * 1024 } },
  ])('leaves a file that was not analyzed ($name) to not-analyzed', async ({ file }) => {
    const report = await analyze({ files: [file] }, defaultConfig('2026-11-27'), { rules: [parseError] });
    expect(report.findings).toEqual([]);
  });

  it('still analyzes the other files', async () => {
    const findings = await findingsOf(parseError, {
      name: 'mixed',
      files: { 'a.tf': 'resource "azurerm_kubernetes_cluster" "x" {', 'b.tf': kubenet },
    });
    expect(findings.map((f) => f.range.file)).toEqual(['a.tf']);
  });
});
