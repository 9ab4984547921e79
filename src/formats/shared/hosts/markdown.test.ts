import { describe, expect, it } from 'vitest';
import { markdownFences, markdownScripts } from './markdown.js';

describe('markdownFences', () => {
  it.each([
    [
      'every fence, any info string, lines mapped to the file',
      '# Setup\n```hcl\nresource "x" "y" {}\n```\ntext\n~~~json\n{}\n~~~\n',
      [
        { info: 'hcl', source: { text: 'resource "x" "y" {}', lines: [3] } },
        { info: 'json', source: { text: '{}', lines: [7] } },
      ],
    ],
    [
      'info strings are lower-cased, braces and attributes dropped',
      '```{.Terraform title="main.tf"}\na = 1\n```\n``` Bash,linenos\nls\n```\n',
      [
        { info: 'terraform', source: { text: 'a = 1', lines: [2] } },
        { info: 'bash', source: { text: 'ls', lines: [5] } },
      ],
    ],
    [
      'an indented fence loses its own indentation only',
      '- step\n  ```sh\n  az aks create\n      --yes\n  ```\n',
      [{ info: 'sh', source: { text: 'az aks create\n    --yes', lines: [3, 4] } }],
    ],
    [
      'a longer closing fence closes; a shorter one is body',
      '````\n```\ninner\n`````\nafter\n',
      [{ info: '', source: { text: '```\ninner', lines: [2, 3] } }],
    ],
    [
      'an unclosed fence runs to the end',
      '```yaml\na: 1\nb: 2',
      [{ info: 'yaml', source: { text: 'a: 1\nb: 2', lines: [2, 3] } }],
    ],
    ['an empty fence and inline backticks are no blocks', '```\n```\n```not`a`fence\n', []],
  ])('%s', (_name, text, expected) => {
    // Act
    const fences = markdownFences(text);

    // Assert
    expect(fences).toEqual(expected);
  });
});

describe('markdownScripts', () => {
  it.each([
    [
      'shell and PowerShell fences become scripts, other languages do not',
      '```bash\n$ az aks create -n a\n```\n```json\n{}\n```\n```powershell\nPS C:\\> New-AzAksCluster\n```\n',
      [
        { source: { text: 'az aks create -n a', lines: [2] }, shell: 'sh', host: 'none' },
        { source: { text: 'New-AzAksCluster', lines: [8] }, shell: 'pwsh', host: 'none' },
      ],
    ],
    [
      'a PowerShell prompt stays in a shell fence',
      '```sh\nPS> az aks list\n```\n',
      [{ source: { text: 'PS> az aks list', lines: [2] }, shell: 'sh', host: 'none' }],
    ],
    [
      'a fence without an info string is read as shell',
      '```\naz aks update -n a\n```\n',
      [{ source: { text: 'az aks update -n a', lines: [2] }, shell: 'sh', host: 'none' }],
    ],
  ])('%s', (_name, text, expected) => {
    // Act
    const scripts = markdownScripts(text);

    // Assert
    expect(scripts).toEqual(expected);
  });
});
