import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ajvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { JsonReport } from '../src/render/json.js';
import sarifSchema from './schemas/sarif-2.1.0-rtm.5.json' with { type: 'json' };

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

async function run(args: string[], cwd = repoRoot) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
    env: {},
  });
  return { code, stdout, stderr };
}

const KUBENET = `resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
  network_profile {
    network_plugin = "kubenet"
  }
}
`;
const OVERLAY = KUBENET.replace(
  'network_plugin = "kubenet"',
  'network_plugin = "azure"\n    network_plugin_mode = "overlay"',
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netguide-cli-'));
  mkdirSync(path.join(dir, 'infra'));
  mkdirSync(path.join(dir, 'ignored'));
  mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(path.join(dir, 'infra', 'main.tf'), KUBENET);
  writeFileSync(path.join(dir, 'infra', 'ok.tf'), OVERLAY);
  writeFileSync(path.join(dir, 'ignored', 'main.tf'), KUBENET);
  writeFileSync(path.join(dir, 'node_modules', 'pkg', 'main.tf'), KUBENET);
  writeFileSync(path.join(dir, '.gitignore'), 'ignored/\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('netguide scan', () => {
  it('prints the documented JSON shape, paths relative to the current directory', async () => {
    const { code, stdout } = await run(['scan', 'infra', '--format', 'json', '--today', '2026-11-27'], dir);
    const report = JSON.parse(stdout) as JsonReport;
    expect(code).toBe(1);
    expect(report.tool).toEqual({
      name: 'aks-netguide',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      knowledgeAsOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(report.clusters).toEqual([
      {
        name: 'azurerm_kubernetes_cluster.aks',
        file: 'infra/main.tf',
        line: 1,
        format: 'terraform',
        model: 'kubenet',
        networkPlugin: 'kubenet',
        networkPluginMode: null,
        networkDataplane: null,
        networkPolicy: null,
      },
      {
        name: 'azurerm_kubernetes_cluster.aks',
        file: 'infra/ok.tf',
        line: 1,
        format: 'terraform',
        model: 'azure-cni-overlay',
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataplane: null,
        networkPolicy: null,
      },
    ]);
    expect(report.findings).toEqual([
      {
        ruleId: 'kubenet-retirement',
        severity: 'error',
        file: 'infra/main.tf',
        line: 4,
        endLine: 4,
        message: expect.stringContaining('2028-03-31 (490 days left)'),
        helpUri: 'https://github.com/aks-netguide/aks-netguide/blob/main/docs/rules/kubenet-retirement.md',
      },
    ]);
  });

  it('walks folders, skipping node_modules and what .gitignore ignores', async () => {
    const { stdout } = await run(['scan', '--format', 'json'], dir);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.clusters.map((c) => c.file)).toEqual(['infra/main.tf', 'infra/ok.tf']);
  });

  it.each([
    { failOn: 'error', code: 1 },
    { failOn: 'warning', code: 1 },
    { failOn: 'never', code: 0 },
  ])('--fail-on $failOn exits $code with a kubenet error', async ({ failOn, code }) => {
    expect((await run(['scan', 'infra/main.tf', '--fail-on', failOn], dir)).code).toBe(code);
  });

  it('exits 0 when clean', async () => {
    expect((await run(['scan', 'infra/ok.tf'], dir)).code).toBe(0);
  });

  it.each([
    { args: ['scan', '--format', 'xml'], message: /--format must be one of/ },
    { args: ['scan', '--fail-on', 'sometimes'], message: /--fail-on must be one of/ },
    { args: ['scan', '--today', '2026-02-30'], message: /--today must be a date/ },
    { args: ['scan', '--bogus'], message: /Unknown option '--bogus'/ },
    { args: ['deploy'], message: /unknown command "deploy"/ },
    { args: ['scan', 'no/such/path'], message: /no such file or directory: no\/such\/path/ },
  ])('usage error: $args', async ({ args, message }) => {
    const result = await run(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('prints help and version', async () => {
    expect((await run(['--help'])).stdout).toMatch(/netguide scan \[PATH\.\.\.\]/);
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('writes valid SARIF 2.1.0', async () => {
    const { stdout } = await run(['scan', 'infra', '--format', 'sarif', '--today', '2026-11-27'], dir);
    const sarif = JSON.parse(stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    // The official schema's patterns are not all valid in Unicode mode.
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(sarifSchema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ['kubenet-retirement', 4],
    ]);
  });

  it('names the lines that decide a finding in JSON, SARIF (schema-valid), text and Markdown', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'netguide-cli-vars-'));
    mkdirSync(path.join(root, 'vars'));
    writeFileSync(path.join(root, 'vars', 'main.tf'), KUBENET.replace('"kubenet"', 'var.network_plugin'));
    writeFileSync(path.join(root, 'vars', 'variables.tf'), 'variable "network_plugin" {\n  default = "azure"\n}\n');
    writeFileSync(path.join(root, 'vars', 'terraform.tfvars'), 'network_plugin = "kubenet"\n');
    const scan = (format: string) => run(['scan', 'vars', '--format', format, '--today', '2026-11-27'], root);
    const json = JSON.parse((await scan('json')).stdout) as JsonReport;
    const sarif = JSON.parse((await scan('sarif')).stdout) as {
      runs: { results: { relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(sarifSchema);
    const [text, markdown] = [(await scan('text')).stdout, (await scan('markdown')).stdout];

    expect(json.findings.map((f) => [f.ruleId, f.file, f.line, f.related])).toEqual([
      [
        'kubenet-retirement',
        'vars/main.tf',
        4,
        [
          {
            file: 'vars/terraform.tfvars',
            line: 1,
            endLine: 1,
            message: 'terraform.tfvars sets var.network_plugin = "kubenet" (terraform.tfvars:1)',
          },
        ],
      ],
    ]);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]?.results[0]?.relatedLocations?.map((l) => l.physicalLocation.artifactLocation.uri)).toEqual([
      'vars/terraform.tfvars',
    ]);
    expect(text).toContain('decided by vars/terraform.tfvars:1: terraform.tfvars sets var.network_plugin');
    expect(markdown).toContain('— decided by `vars/terraform.tfvars:1`');
    rmSync(root, { recursive: true, force: true });
  });

  it('renders text without colour when asked, and markdown', async () => {
    const text = await run(['scan', 'infra', '--no-color', '--today', '2026-11-27'], dir);
    expect(text.stdout).not.toContain('\u001b[');
    expect(text.stdout).toMatch(/infra\/main\.tf:1 {2}azurerm_kubernetes_cluster\.aks {2}kubenet/);
    expect(text.stdout).toMatch(/2 files analyzed, 2 clusters: 1 error, 0 warnings, 0 notices/);
    const markdown = await run(['scan', 'infra', '--format', 'markdown'], dir);
    expect(markdown.stdout).toMatch(/\| `azurerm_kubernetes_cluster\.aks` \| `infra\/main\.tf:1` \| kubenet \|/);
  });
});

describe('bad input never crashes the CLI', () => {
  it('reports a binary .tf, invalid UTF-8, a broken file and a 5 MB file, and still analyzes the rest', async () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'netguide-bad-'));
    try {
      writeFileSync(path.join(bad, 'binary.tf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00, 0x01]));
      writeFileSync(
        path.join(bad, 'latin1.tf'),
        Buffer.concat([Buffer.from(KUBENET.replace('"aks"', '"latin"')), Buffer.from([0x23, 0x20, 0xe9, 0x0a])]),
      );
      writeFileSync(
        path.join(bad, 'broken.tf'),
        'resource "azurerm_kubernetes_cluster" "broken" {\n  network_profile {\n    network_plugin = \n',
      );
      const big = `${'# padding line for a large file\n'.repeat(160_000)}${KUBENET.replace('"aks"', '"big"')}`;
      writeFileSync(path.join(bad, 'big.tf'), big);
      const { code, stdout } = await run(['scan', '.', '--format', 'json', '--today', '2026-11-27'], bad);
      const report = JSON.parse(stdout) as JsonReport;
      expect(code).toBe(1);
      expect(report.clusters.map((c) => `${c.file}:${c.model}`)).toEqual(['big.tf:kubenet', 'latin1.tf:kubenet']);
      expect(report.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.file)).toEqual([
        'broken.tf',
        'latin1.tf',
      ]);
      expect(report.findings.filter((f) => f.ruleId === 'not-analyzed').map((f) => f.file)).toEqual(['binary.tf']);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

describe('the bin script', () => {
  it('runs the built CLI with the documented exit status', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'bin/netguide.js'), 'scan', 'examples', '--format', 'json'],
      {
        cwd: repoRoot,
      },
    ).catch((error: { code: number; stdout: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.clusters.length).toBeGreaterThanOrEqual(4);
  });
});

describe('what a scan reads', () => {
  let root: string;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  const clustersOf = (stdout: string) =>
    (JSON.parse(stdout) as JsonReport).clusters.map((cluster) => `${cluster.file}:${cluster.model}`);

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'netguide-inputs-'));
    write('infra/main.tf', KUBENET);
    write('infra/.terraform/modules/aks/main.tf', KUBENET);
    write('infra/envs/prod/.terraform/modules/aks/main.tf', KUBENET);
    write('infra/envs/prod/node_modules/pkg/main.tf', KUBENET);
    write('infra/envs/prod/.git/hooks/main.tf', KUBENET);
    write('outside/shared.tf', OVERLAY);
    symlinkSync(path.join(root, 'outside'), path.join(root, 'infra', 'linked'));
    symlinkSync(path.join(root, 'outside', 'shared.tf'), path.join(root, 'shared-link.tf'));
    write('vars/main.tf', `variable "plugin" {}\n${KUBENET.replace('"kubenet"', 'var.plugin')}`);
    write('vars/prod.tfvars', 'plugin = "kubenet"\n');
    write('docs/notes.txt', 'nothing here\n');
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/netguide.yml', 'rules:\n  kubenet-retirement: off\n');
    write('repo/infra/main.tf', KUBENET);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('skips .terraform, .git and node_modules in every sub-folder, and links met in the walk', async () => {
    const { stdout } = await run(['scan', 'infra', '--format', 'json'], root);
    expect(clustersOf(stdout)).toEqual(['infra/main.tf:kubenet']);
  });

  it('follows a link named on the command line', async () => {
    const [file, folder] = [
      await run(['scan', 'shared-link.tf', '--format', 'json'], root),
      await run(['scan', 'infra/linked', '--format', 'json'], root),
    ];
    expect([clustersOf(file.stdout), clustersOf(folder.stdout)]).toEqual([
      ['shared-link.tf:azure-cni-overlay'],
      ['infra/linked/shared.tf:azure-cni-overlay'],
    ]);
  });

  it('analyzes a .tfvars named alone with its folder, reporting the cluster it changes', async () => {
    // prod.tfvars is not auto-loaded: Terraform uses it only with -var-file, which the finding names.
    const { stdout, stderr } = await run(['scan', 'vars/prod.tfvars', '--format', 'json'], root);
    const report = JSON.parse(stdout) as JsonReport;
    expect({ stderr, clusters: clustersOf(stdout) }).toEqual({ stderr: '', clusters: ['vars/main.tf:unresolved'] });
    expect(report.findings.map((finding) => finding.message).join('\n')).toMatch(/prod\.tfvars sets "kubenet"/);
  });

  it('says on stderr when the paths hold nothing to analyze', async () => {
    const { code, stdout, stderr } = await run(['scan', 'docs', '--format', 'json'], root);
    expect(code).toBe(0);
    expect(clustersOf(stdout)).toEqual([]);
    expect(stderr).toMatch(/^netguide: nothing to analyze in docs: no file there is one a format reads/);
  });

  it('finds the configuration in the scanned path’s repository root', async () => {
    const { code, stdout } = await run(['scan', 'repo/infra', '--format', 'json'], root);
    const report = JSON.parse(stdout) as JsonReport;
    expect({ code, clusters: clustersOf(stdout), rules: report.findings.map((f) => f.ruleId) }).toEqual({
      code: 0,
      clusters: ['repo/infra/main.tf:kubenet'],
      rules: [],
    });
  });

  it('reports every option and configuration error at once', async () => {
    write('bad.yml', 'rulez: {}\nrules:\n  kubenet-retirment: warning\n');
    const { code, stdout, stderr } = await run(
      ['scan', 'infra', '--format', 'xml', '--fail-on', 'sometimes', '--config', 'bad.yml'],
      root,
    );
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    for (const error of [
      /--format must be one of/,
      /--fail-on must be one of/,
      /bad\.yml: invalid configuration/,
      /rulez: unknown key/,
      /rules\.kubenet-retirment: no such rule/,
    ]) {
      expect(stderr).toMatch(error);
    }
  });
});

describe('the App commands on the command line', () => {
  it.each([
    [['explain', 'kubenet-retirement'], 0, /^\*\*kubenet-retirement\*\* \(default severity: error\)/],
    [['compare', 'overlay', 'kubenet'], 0, /^\| \| \*\*kubenet\*\* \| \*\*Azure CNI Overlay\*\* \|/],
    [['plan', '--nodes', '10', '--max-pods', '30'], 0, /^\*\*IP plan\*\* for 10 nodes \+ 1 surge/],
    [['plan', '--nodes', '10', '--max-pods', '30', '--pod-cidr', '10.0.0.0/28'], 1, /holds 0 nodes; you need 11/],
  ])('netguide %j prints what the slash command replies', async (args, status, pattern) => {
    const { code, stdout } = await run(args);
    expect(code).toBe(status);
    expect(stdout).toMatch(pattern);
  });

  it.each([
    [['explain', 'nope'], /is neither a model .* nor a rule id[\s\S]*Usage: netguide explain/],
    [['plan', '--nodes', 'x'], /--nodes must be a whole number[\s\S]*Usage: netguide plan/],
  ])('netguide %j is a usage error', async (args, pattern) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(pattern);
  });

  it('netguide migrate prints the pull request plan with the resolved names and the IaC edit', async () => {
    const { code, stdout } = await run(['migrate', 'infra/main.tf', '--today', '2026-11-27'], dir);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^## azurerm_kubernetes_cluster\.aks \(infra\/main\.tf:1\)/);
    expect(stdout).toContain('Before you start:');
    expect(stdout).toContain('az aks update -n aks ');
    expect(stdout).toContain('Then make the code say the same:');
    expect(stdout).toMatch(/azurerm 4\.66\.0 or later updates it in place/);
  });

  it('netguide migrate fills in a resource group named through the resource group block (examples/legacy-kubenet)', async () => {
    const { code, stdout } = await run(['migrate', 'examples/legacy-kubenet', '--today', '2026-11-27']);

    expect(code).toBe(0);
    expect(stdout).toContain('az aks update -n aks-payments-weu -g rg-payments-weu --network-plugin azure');
    expect(stdout).not.toContain('$RG');
  });

  it('netguide migrate --cluster names a cluster that is not there', async () => {
    const { code, stderr } = await run(['migrate', 'infra', '--cluster', 'zzz'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('no cluster "zzz"; found azurerm_kubernetes_cluster.aks');
  });
});
