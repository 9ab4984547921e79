import { describe, expect, it } from 'vitest';
import { analyze } from '../src/engine/analyze.js';
import { defaultConfig } from '../src/engine/config.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderText } from '../src/render/text.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('repository text with control characters', () => {
  // A path and a value carrying ESC (a colour sequence), BEL and the one-byte CSI U+009B.
  const files = [
    {
      path: 'infra/\u001b[31mmain\u0007.tf',
      content:
        'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n  network_profile {\n    network_plugin = "kube\u009b2Jnet\u001b]0;x\u0007"\n  }\n}\n',
    },
  ];

  it.each([
    ['markdown', renderMarkdown],
    ['text', (report: Parameters<typeof renderMarkdown>[0]) => renderText(report, { color: false })],
  ])('%s output has none left (line breaks aside)', async (_name, render) => {
    // Act
    const report = await analyze({ files }, defaultConfig('2026-12-05'));
    const output = render(report);

    // Assert
    expect(report.clusters.length + report.findings.length).toBeGreaterThan(0);
    expect(output).toContain('main');
    expect(CONTROL.exec(output)).toBeNull();
  });
});
