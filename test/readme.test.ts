import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The README tells the truth where a test can check it: the CLI's flags, the Action's inputs and outputs,
// the App's environment variables, and every benchmark figure's source.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const source = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('the README', () => {
  it('shows the CLI usage and options exactly as --help prints them', () => {
    const cli = source('src/cli/main.ts');
    const help = cli.slice(cli.indexOf('const HELP = `'));
    const usage = help
      .slice(help.indexOf('Usage:\n') + 'Usage:\n'.length, help.indexOf('\nmigrate, explain'))
      .split('\n')
      .map((line) => line.replace(/^ {2}/, ''))
      .join('\n')
      .trimEnd();
    const options = help.slice(help.indexOf('Options for scan'), help.indexOf('\nFolders are walked')).trimEnd();
    const inventory = help.slice(help.indexOf('Options for inventory'), help.indexOf('\nRules:')).trimEnd();
    expect(readme).toContain(usage);
    expect(readme).toContain(options);
    expect(readme).toContain(inventory);
  });

  it('lists every input and output of action.yml, and no other', () => {
    const action = parse(source('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    const start = readme.indexOf('| Input');
    const section = readme.slice(start, readme.indexOf('\n\n', start));
    const table = [...section.matchAll(/^\| `(?<name>[a-z-]+)`\s+\|/gm)].map((match) => match.groups?.name);
    expect(new Set(table)).toEqual(new Set(Object.keys(action.inputs)));
    for (const output of Object.keys(action.outputs)) expect(readme).toContain(`\`${output}\``);
  });

  it('names every environment variable the App reads', () => {
    const app = ['src/app/server.ts', 'src/app/index.ts', 'src/app/webhook.ts', 'src/app/azure-function.ts']
      .map((path) => {
        try {
          return source(path);
        } catch {
          return '';
        }
      })
      .join('\n');
    const names = new Set([...app.matchAll(/process\.env\.(?<name>[A-Z_]+)/g)].map((match) => match.groups?.name));
    expect(names.size).toBeGreaterThan(0);
    for (const name of names) expect(readme).toMatch(new RegExp(`\`${name}[=\`]`));
  });

  it('points every measured figure at the bench file it came from', () => {
    const paragraphs = readme
      .split(/\n\n/)
      .filter((text) => /\b\d+(?:\.\d+)? ?(?:ms|webhooks|MiB|MB\/s)\b|\d+(?:\.\d+)?×/.test(text));
    for (const paragraph of paragraphs) expect(paragraph).toMatch(/\(bench\/[^)]+\)/);
    for (const link of readme.matchAll(/\]\((?<target>bench\/[^)#]+)\)/g)) {
      const target = link.groups?.target ?? '';
      expect(() => source(target), target).not.toThrow();
    }
  });

  it('offers a pre-commit hook that runs the scan on the IaC files pre-commit passes', () => {
    const [hook] = parse(source('.pre-commit-hooks.yaml')) as { id: string; entry: string; files: string }[];
    expect(hook?.entry).toMatch(/^netguide scan\b/);
    const files = new RegExp(hook?.files ?? '');
    expect(
      ['infra/main.tf', 'main.bicep', 'deploy.sh', 'docs/aks.md', 'Pulumi.yaml', 'Makefile'].filter(
        (f) => !files.test(f),
      ),
    ).toEqual([]);
    expect(readme).toContain(`id: ${hook?.id}`);
  });
});
