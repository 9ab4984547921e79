import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/engine/analyze.js';
import type { AnalyzeInput } from '../src/engine/analyze.js';
import { defaultConfig } from '../src/engine/config.js';
import { RULES } from '../src/rules/index.js';
import { VERSION } from '../src/version.js';

const root = new URL('../', import.meta.url);
const HEADINGS = ['## Details', '## Examples', '## How to fix', '## Options', '## Further reading'];
/** Which file an example fence becomes, by its language, so the right format reads it. */
const FENCE_FILE: Record<string, string> = {
  hcl: 'main.tf',
  terraform: 'main.tf',
  bicep: 'main.bicep',
  json: 'azuredeploy.json',
  bash: 'deploy.sh',
  sh: 'deploy.sh',
  azurecli: 'deploy.sh',
  powershell: 'deploy.ps1',
  yaml: 'cluster.yaml',
  typescript: 'index.ts',
  ts: 'index.ts',
  python: '__main__.py',
};

function ruleFiles(): string[] {
  return readdirSync(new URL('src/rules/', root))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !['index.ts', 'rule.ts'].includes(name))
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();
}

function docPages(): string[] {
  return readdirSync(new URL('docs/rules/', root))
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.replace(/\.md$/, ''))
    .sort();
}

interface Example {
  lang: string;
  code: string;
  /** For rules about a change: the fence just before, marked ```hcl before, is the base version. */
  base?: string;
}

/** Code fences under a `### Incorrect` or `### Correct` heading. */
function examples(markdown: string, heading: 'Incorrect' | 'Correct'): Example[] {
  const part = markdown.split(/^### /m).find((candidate) => candidate.startsWith(`${heading}\n`)) ?? '';
  const section = part.split(/^## /m)[0] ?? '';
  const result: Example[] = [];
  let base: string | undefined;
  for (const match of section.matchAll(/^```(?<lang>\w+)(?<meta>[^\n]*)\n(?<code>[\s\S]*?)^```$/gm)) {
    const code = match.groups?.code ?? '';
    if (/\bbefore\b/.test(match.groups?.meta ?? '')) {
      base = code;
      continue;
    }
    const example: Example = { lang: match.groups?.lang ?? '', code };
    if (base !== undefined) example.base = base;
    base = undefined;
    result.push(example);
  }
  return result;
}

describe('rules registry, files and docs', () => {
  it('has the same rules in the registry, in src/rules/ and in docs/rules/, sorted', () => {
    const registry = RULES.map((rule) => rule.meta.id);
    expect(registry).toEqual([...registry].sort());
    expect(ruleFiles()).toEqual(registry);
    expect(docPages()).toEqual(registry);
  });

  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s: id, description and docs headings', (id, rule) => {
    expect(id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
    expect(rule.meta.description).toMatch(/^[A-Z].*\.$/);
    const markdown = readFileSync(new URL(`docs/rules/${id}.md`, root), 'utf8');
    expect(markdown.startsWith(`# ${id}\n\n${rule.meta.description}\n`)).toBe(true);
    expect(markdown).toContain(`Default severity: **${rule.meta.defaultSeverity}**`);
    const positions = HEADINGS.map((heading) => markdown.indexOf(`\n${heading}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(markdown).toMatch(/## Further reading\n[\s\S]*https:\/\//);
  });

  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))(
    '%s: the docs examples behave as documented',
    async (id, rule) => {
      const markdown = readFileSync(new URL(`docs/rules/${id}.md`, root), 'utf8');
      const incorrect = examples(markdown, 'Incorrect');
      const correct = examples(markdown, 'Correct');
      expect(incorrect.length).toBeGreaterThan(0);
      expect(correct.length).toBeGreaterThan(0);
      for (const [expected, list] of [[true, incorrect] as const, [false, correct] as const]) {
        for (const example of list) {
          const path = FENCE_FILE[example.lang];
          expect(path, `fence language ${example.lang} maps to a file name`).toBeDefined();
          const input: AnalyzeInput = { files: [{ path: path ?? '', content: example.code }] };
          if (example.base !== undefined) input.base = { files: [{ path: path ?? '', content: example.base }] };
          const report = await analyze(input, defaultConfig('2026-11-27'), { rules: [rule] });
          expect(report.findings.length > 0, `${expected ? 'incorrect' : 'correct'} example:\n${example.code}`).toBe(
            expected,
          );
        }
      }
    },
  );
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
