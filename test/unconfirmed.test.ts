import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/engine/analyze.js';
import { defaultConfig } from '../src/engine/config.js';
import { UNCONFIRMED_BELOW_THRESHOLD } from '../src/knowledge/index.js';
import { renderJson } from '../src/render/json.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderSarif } from '../src/render/sarif.js';
import { renderText } from '../src/render/text.js';

/**
 * "kubenet below 1.30" for a cluster that leaves the plugin to AKS comes from an API spec pull request only
 * (fact base §7.1). Every output that states it says it is unconfirmed, in the same words.
 */
const BICEP_1_29 = `resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  properties: {
    kubernetesVersion: '1.29'
  }
}
`;

// Markdown escapes punctuation and breaks `#123` (no issue link); compare without those marks.
const plain = (text: string) => text.replace(/\\(?=[^\w\s])/g, '').replaceAll('&#8203;', '');

describe('the unconfirmed kubenet-below-1.30 rule is said the same way everywhere', () => {
  it.each([
    ['markdown', renderMarkdown],
    ['text', (report: Parameters<typeof renderMarkdown>[0]) => renderText(report, { color: false })],
    ['json', renderJson],
    ['sarif', renderSarif],
  ])('%s output', async (_name, render) => {
    // Arrange
    const files = [{ path: 'main.bicep', content: BICEP_1_29 }];

    // Act
    const output = render(await analyze({ files }, defaultConfig('2026-12-05')));

    // Assert
    expect(plain(output)).toContain(UNCONFIRMED_BELOW_THRESHOLD);
  });

  it.each(['README.md', 'docs/rules/platform-default.md'])('%s', (path) => {
    const text = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    expect(text.replace(/\s+/g, ' ')).toContain(UNCONFIRMED_BELOW_THRESHOLD);
  });
});
