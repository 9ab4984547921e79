import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../model/index.js';
import { fileSet } from '../../../test/support/files.js';
import { networkValues, onlyCluster, poolValues, valueOf } from '../../../test/support/values.js';
import { analyze } from '../../engine/analyze.js';
import { defaultConfig } from '../../engine/config.js';
import { extract } from './extract.js';
import { azureCli } from './index.js';

function run(path: string, text: string): ExtractResult {
  return extract({ path, text }, fileSet({ [path]: text }));
}

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('az aks create: network settings', () => {
  it.each([
    ['kubenet', '--network-plugin kubenet', { plugin: 'kubenet' }],
    ['azure (node subnet)', '--network-plugin azure', { plugin: 'azure' }],
    [
      'azure + overlay',
      '--network-plugin azure --network-plugin-mode overlay',
      { plugin: 'azure', pluginMode: 'overlay' },
    ],
    [
      'azure + overlay + cilium dataplane',
      '--network-plugin azure --network-plugin-mode overlay --network-dataplane cilium',
      { plugin: 'azure', pluginMode: 'overlay', dataplane: 'cilium' },
    ],
    ['nothing specified', '--node-count 1', {}],
    ['none (bring your own CNI)', '--network-plugin none', { plugin: 'none' }],
    [
      '--flag=value',
      '--network-plugin=kubenet --pod-cidr=10.244.0.0/16',
      { plugin: 'kubenet', podCidr: '10.244.0.0/16' },
    ],
    [
      'deprecated --enable-cilium-dataplane',
      '--network-plugin azure --enable-cilium-dataplane',
      { plugin: 'azure', dataplane: 'cilium' },
    ],
    [
      'explicit dataplane wins over the deprecated flag',
      '--enable-cilium-dataplane --network-dataplane azure',
      { dataplane: 'azure' },
    ],
    [
      'every other network flag',
      '--network-policy calico --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 --outbound-type userDefinedRouting --load-balancer-sku standard',
      {
        policy: 'calico',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIp: '10.0.0.10',
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
      },
    ],
    [
      'single and double quotes',
      `--network-plugin 'azure' --network-plugin-mode "overlay"`,
      { plugin: 'azure', pluginMode: 'overlay' },
    ],
    ['a flag with no value', '--network-plugin', { plugin: 'unresolved: --network-plugin' }],
  ])('%s', (_name, args, expected) => {
    const result = run('deploy.sh', `az aks create -g rg -n aks ${args}`);
    expect(networkValues(onlyCluster(result).network)).toEqual(expected);
  });

  it('records name, resource group and version from short and long flags', () => {
    const cluster = onlyCluster(run('deploy.sh', 'az aks create -g rg-prod -n aks-prod -k 1.30.5'));
    expect(cluster).toMatchObject({
      id: 'az aks create aks-prod',
      format: 'azure-cli',
      definition: 'az aks create',
      name: { how: 'literal', value: 'aks-prod' },
      resourceGroup: { how: 'literal', value: 'rg-prod' },
      kubernetesVersion: { how: 'literal', value: '1.30.5' },
    });
    expect(cluster.documentation).toBeUndefined();
  });
});

describe('az aks create: the default node pool', () => {
  it.each([
    ['short flags', '-c 3 -m 30', { name: 'default', isDefault: true, nodeCount: 3, maxPods: 30 }],
    [
      'autoscaler',
      '--enable-cluster-autoscaler --min-count 1 --max-count 5',
      { name: 'default', isDefault: true, autoScaling: true, minCount: 1, maxCount: 5 },
    ],
    [
      'subnets and allocation mode',
      '--nodepool-name system --vnet-subnet-id /s/nodes --pod-subnet-id /s/pods --pod-ip-allocation-mode StaticBlock',
      {
        name: 'system',
        isDefault: true,
        vnetSubnetId: '/s/nodes',
        podSubnetId: '/s/pods',
        podIpAllocationMode: 'StaticBlock',
      },
    ],
    [
      'a count that is not a number',
      '--node-count three',
      { name: 'default', isDefault: true, nodeCount: 'unresolved: three' },
    ],
  ])('%s', (_name, args, expected) => {
    const cluster = onlyCluster(run('deploy.sh', `az aks create -n aks --network-plugin azure ${args}`));
    expect(poolValues(cluster.nodePools[0])).toEqual(expected);
  });
});

describe('shell words and commands', () => {
  it.each([
    ['backslash continuations', 'az aks create \\\n  -n aks \\\n  --network-plugin kubenet', 'kubenet'],
    ['CRLF continuations', 'az aks create \\\r\n  -n aks \\\r\n  --network-plugin kubenet\r\n', 'kubenet'],
    [
      '&& chains',
      'az group create -n rg -l westeurope && az aks create -n aks --network-plugin kubenet && echo ok',
      'kubenet',
    ],
    ['inside a function', 'create() {\n  az aks create -n aks --network-plugin kubenet\n}\ncreate', 'kubenet'],
    ['inside an if block', 'if [ -z "$X" ]; then\n  az aks create -n aks --network-plugin kubenet\nfi', 'kubenet'],
    [
      'a comment with az aks in it is not a command',
      '# az aks create -n old --network-plugin azure\naz aks create -n aks --network-plugin kubenet',
      'kubenet',
    ],
    [
      'a here-document body is data',
      "cat <<'EOF'\naz aks create -n doc --network-plugin azure\nEOF\naz aks create -n aks --network-plugin kubenet",
      'kubenet',
    ],
    ['an escaped character', 'az aks create -n aks --network-plugin kube\\net', 'kubenet'],
    ['inside command substitution', 'ID=$(az aks create -n aks --network-plugin kubenet --query id -o tsv)', 'kubenet'],
    ['after redirections', 'az aks create -n aks 2>&1 --network-plugin kubenet > out.json', 'kubenet'],
  ])('%s', (_name, text, plugin) => {
    const cluster = onlyCluster(run('deploy.sh', text));
    expect(valueOf(cluster.network.plugin)).toBe(plugin);
  });

  it('ignores other az commands and az aks subcommands it does not model', () => {
    const result = run(
      'deploy.sh',
      'az aks show -n aks\naz aks get-credentials -n aks\naz aks nodepool update -n p --max-count 3\necho az aks create',
    );
    expect(result).toEqual({ clusters: [], problems: [], updates: [], addressSpaces: [] });
  });
});

describe('shell variables', () => {
  it.each([
    ['VAR=value', 'PLUGIN=kubenet\n', '$PLUGIN', 'kubenet', ['PLUGIN = "kubenet" (deploy.sh:1)']],
    ['export VAR=value', 'export PLUGIN="kubenet"\n', '${PLUGIN}', 'kubenet', ['PLUGIN = "kubenet" (deploy.sh:1)']],
    [
      'VAR built from another',
      'A=kube\nPLUGIN="${A}net"\n',
      '"$PLUGIN"',
      'kubenet',
      ['PLUGIN = "kubenet" (deploy.sh:2)', 'A = "kube" (deploy.sh:1)'],
    ],
    [
      '${VAR:-default} when unset',
      '',
      '${PLUGIN:-kubenet}',
      'kubenet',
      ['${PLUGIN:-kubenet}: PLUGIN is not assigned in this file, so the default "kubenet" applies'],
    ],
    ['${VAR:-default} when set', 'PLUGIN=azure\n', '${PLUGIN:-kubenet}', 'azure', ['PLUGIN = "azure" (deploy.sh:1)']],
    [
      'local in a function',
      'f() {\n  local PLUGIN=kubenet\n',
      '$PLUGIN',
      'kubenet',
      ['PLUGIN = "kubenet" (deploy.sh:2)'],
    ],
  ])('%s', (_name, before, use, value, steps) => {
    const text = `${before}az aks create -n aks --network-plugin ${use}`;
    const line = text.split('\n').length;
    const plugin = onlyCluster(run('deploy.sh', text)).network.plugin;
    expect(plugin).toMatchObject({
      how: 'resolved',
      value,
      expression: use,
      range: { file: 'deploy.sh', startLine: line, endLine: line },
    });
    expect(plugin?.how === 'resolved' ? plugin.via.map((step) => step.description) : []).toEqual(steps);
  });

  it('splits an unquoted variable that holds several flags', () => {
    const cluster = onlyCluster(
      run(
        'deploy.sh',
        'NET_ARGS="--network-plugin azure --network-plugin-mode overlay"\naz aks create -n aks $NET_ARGS',
      ),
    );
    expect(networkValues(cluster.network)).toEqual({ plugin: 'azure', pluginMode: 'overlay' });
  });

  it.each([
    [
      'command substitution',
      'SUBNET=$(az network vnet subnet show --query id -o tsv)\n',
      '$SUBNET',
      'command substitution',
    ],
    ['an unassigned variable', '', '$PLUGIN', 'shell variable $PLUGIN is not assigned earlier in this script'],
    ['a script argument', '', '$1', 'is an argument of the script'],
    ['backquotes', '', '`cat plugin.txt`', 'command substitution `cat plugin.txt`'],
    ['a transforming expansion', 'P=KUBENET\n', '${P,,}', 'parameter expansion'],
    ['a loop variable', 'for PLUGIN in azure kubenet; do\n', '$PLUGIN', 'loop variable'],
    ['read from input', 'read -r PLUGIN\n', '$PLUGIN', 'read from input'],
    ['arithmetic', '', '$((1+2))', 'arithmetic expansion'],
  ])('%s stays unresolved with a reason', (_name, before, use, reason) => {
    const plugin = onlyCluster(run('deploy.sh', `${before}az aks create -n aks --network-plugin ${use}`)).network
      .plugin;
    expect(plugin?.how).toBe('unresolved');
    expect(plugin?.how === 'unresolved' ? plugin.reason : '').toContain(reason);
  });

  it('marks the plugin unresolved when an unresolved variable may hold more flags', () => {
    const plugin = onlyCluster(run('deploy.sh', 'az aks create -n aks $EXTRA_ARGS')).network.plugin;
    expect(plugin).toMatchObject({ how: 'unresolved', expression: '$EXTRA_ARGS' });
  });

  it('names a cluster whose name is unresolved by its line', () => {
    const result = run('deploy.sh', 'echo start\naz aks create -n "$NAME" --network-plugin kubenet');
    expect(onlyCluster(result).id).toBe('az aks create line 2');
  });
});

describe('line ranges', () => {
  it('spans the command and points each setting at its own line', () => {
    const text = [
      '#!/bin/bash',
      '',
      'az aks create \\',
      '  --name aks \\',
      '  --network-plugin \\',
      '    kubenet \\',
      '  --max-pods 30',
      'echo done',
    ].join('\n');
    const cluster = onlyCluster(run('deploy.sh', text));
    expect(cluster.range).toEqual({ file: 'deploy.sh', startLine: 3, endLine: 7 });
    expect(cluster.name?.range).toEqual({ file: 'deploy.sh', startLine: 4, endLine: 4 });
    expect(cluster.network.plugin?.range).toEqual({ file: 'deploy.sh', startLine: 6, endLine: 6 });
    expect(cluster.nodePools[0]?.maxPods?.range).toEqual({ file: 'deploy.sh', startLine: 7, endLine: 7 });
  });

  it('keeps ids unique when the same cluster is created twice', () => {
    const result = run('deploy.sh', 'az aks create -n aks\naz aks create -n aks');
    expect(result.clusters.map((cluster) => cluster.id)).toEqual(['az aks create aks', 'az aks create aks (line 2)']);
  });
});

describe('az aks update and az aks nodepool add', () => {
  it('reads an update as a migration, never as a cluster', () => {
    const result = run(
      'migrate.sh',
      'az aks update -n aks -g rg --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16',
    );
    expect(result.clusters).toEqual([]);
    expect(result.updates).toHaveLength(1);
    expect(result.updates?.[0]).toMatchObject({
      id: 'az aks update aks',
      definition: 'az aks update',
      name: { value: 'aks' },
      resourceGroup: { value: 'rg' },
      nodePools: [],
    });
    expect(networkValues(result.updates?.[0]?.network ?? {})).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      podCidr: '192.168.0.0/16',
    });
  });

  it.each([
    [
      'dataplane and policy',
      '--network-dataplane cilium --network-policy cilium',
      { dataplane: 'cilium', policy: 'cilium' },
    ],
    [
      'outbound and load balancer',
      '--outbound-type managedNATGateway --load-balancer-sku standard',
      { outboundType: 'managedNATGateway', loadBalancerSku: 'standard' },
    ],
    ['nothing network-related', '--enable-oidc-issuer', {}],
  ])('update: %s', (_name, args, expected) => {
    const result = run('migrate.sh', `az aks update -n aks -g rg ${args}`);
    expect(networkValues(result.updates?.[0]?.network ?? {})).toEqual(expected);
  });

  it('attaches a pool to the cluster created earlier with the same name and group', () => {
    const result = run(
      'deploy.sh',
      'az aks create -g rg -n aks --network-plugin azure\naz aks nodepool add -g rg --cluster-name aks -n pods --pod-subnet-id /s/pods -m 50 -c 2 --os-type Linux',
    );
    const cluster = onlyCluster(result);
    expect(result.updates).toEqual([]);
    expect(poolValues(cluster.nodePools[1])).toEqual({
      name: 'pods',
      isDefault: false,
      podSubnetId: '/s/pods',
      maxPods: 50,
      nodeCount: 2,
      osType: 'Linux',
    });
    expect(cluster.nodePools[1]?.range).toEqual({ file: 'deploy.sh', startLine: 2, endLine: 2 });
  });

  it.each([
    ['no cluster in the file', 'az aks nodepool add -g rg --cluster-name aks -n win --os-type Windows'],
    [
      'another resource group',
      'az aks create -g other -n aks\naz aks nodepool add -g rg --cluster-name aks -n win --os-type Windows',
    ],
    [
      'another cluster name',
      'az aks create -g rg -n aks2\naz aks nodepool add -g rg --cluster-name aks -n win --os-type Windows',
    ],
  ])('records a pool as a change when there is %s', (_name, text) => {
    const result = run('deploy.sh', text);
    expect(result.updates).toHaveLength(1);
    expect(result.updates?.[0]).toMatchObject({
      id: 'az aks nodepool add aks/win',
      definition: 'az aks nodepool add',
      network: {},
      name: { value: 'aks' },
    });
    expect(poolValues(result.updates?.[0]?.nodePools[0])).toEqual({ name: 'win', isDefault: false, osType: 'Windows' });
  });
});

describe('Makefiles', () => {
  it('resolves make variables and reads $$ as the shell variable', () => {
    const text =
      'PLUGIN ?= kubenet\nNAME := aks\n\nup:\n\t@az aks create -n $(NAME) \\\n\t\t--network-plugin $(PLUGIN) \\\n\t\t--max-pods $$PODS\n';
    const cluster = onlyCluster(run('Makefile', text));
    expect(cluster.network.plugin).toMatchObject({
      how: 'resolved',
      value: 'kubenet',
      range: { startLine: 6 },
      via: [{ description: 'PLUGIN = kubenet (Makefile:1)' }],
    });
    expect(cluster.nodePools[0]?.maxPods).toMatchObject({ how: 'unresolved', expression: '$$PODS' });
    expect(cluster.range).toEqual({ file: 'Makefile', startLine: 5, endLine: 7 });
  });

  it.each([
    ['an unassigned make variable', '', '$(PLUGIN)', 'make variable $(PLUGIN) is not assigned in this Makefile'],
    ['a make function', '', '$(shell cat plugin)', 'make function'],
    ['a variable that refers to itself', 'PLUGIN = $(PLUGIN)\n', '$(PLUGIN)', 'more than 20 nested variables'],
  ])('%s stays unresolved', (_name, before, use, reason) => {
    const plugin = onlyCluster(run('ci.mk', `${before}up:\n\taz aks create -n aks --network-plugin ${use}\n`)).network
      .plugin;
    expect(plugin?.how === 'unresolved' ? plugin.reason : '').toContain(reason);
  });

  it('reads only recipe lines as commands', () => {
    const result = run('Makefile', 'NOTE = az aks create -n x --network-plugin azure\n');
    expect(result.clusters).toEqual([]);
  });
});

describe('CI YAML', () => {
  it('maps a run block to the workflow lines and leaves ${{ }} unresolved', () => {
    const text = [
      'jobs:',
      '  up:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          az aks create \\',
      '            -g ${{ vars.RG }} \\',
      '            -n aks --network-plugin kubenet',
    ].join('\n');
    const cluster = onlyCluster(run('.github/workflows/aks.yml', text));
    expect(cluster.range).toEqual({ file: '.github/workflows/aks.yml', startLine: 6, endLine: 8 });
    expect(cluster.network.plugin).toMatchObject({
      how: 'literal',
      value: 'kubenet',
      range: { startLine: 8, endLine: 8 },
    });
    expect(cluster.resourceGroup).toMatchObject({ how: 'unresolved', expression: '${{ vars.RG }}' });
    expect(cluster.resourceGroup?.how === 'unresolved' ? cluster.resourceGroup.reason : '').toContain(
      'GitHub Actions expression',
    );
  });

  it('reads a one-line script: value', () => {
    const text =
      'steps:\n  - script: az aks update -n aks -g $(rg) --network-plugin azure --network-plugin-mode overlay\n';
    const result = run('azure-pipelines.yml', text);
    expect(result.updates?.[0]).toMatchObject({
      range: { startLine: 2, endLine: 2 },
      resourceGroup: { how: 'unresolved', expression: '$(rg)' },
    });
    const group = result.updates?.[0]?.resourceGroup;
    expect(group?.how === 'unresolved' ? group.reason : '').toContain('Azure Pipelines macro');
  });

  it('reads pwsh steps with backtick continuations', () => {
    const text = 'steps:\n  - pwsh: |\n      az aks create -n aks `\n        --network-plugin kubenet\n';
    const cluster = onlyCluster(run('.pipelines/build.yaml', text));
    expect(cluster.network.plugin).toMatchObject({ value: 'kubenet', range: { startLine: 4 } });
  });

  it('reports a YAML error with its line and still reads the rest', () => {
    const text = 'steps:\n  - run: az aks create -n aks --network-plugin kubenet\n  - run: [unclosed\n';
    const result = run('azure-pipelines.yml', text);
    expect(result.clusters).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ kind: 'parse-error', range: { file: 'azure-pipelines.yml' } });
    expect(result.problems[0]?.range.startLine).toBeGreaterThanOrEqual(3);
  });
});

describe('Markdown', () => {
  it.each([
    ['azurecli-interactive', '```azurecli-interactive\naz aks create -n aks --network-plugin kubenet\n```', 2],
    ['bash with a $ prompt', 'Run:\n\n```bash\n$ az aks create -n aks \\\n    --network-plugin kubenet\n```', 5],
    ['no info string', '```\naz aks create -n aks --network-plugin kubenet\n```', 2],
    [
      'an indented fence in a list',
      '1. Create:\n\n   ```azurecli\n   az aks create -n aks --network-plugin kubenet\n   ```',
      4,
    ],
  ])('%s', (_name, text, line) => {
    const cluster = onlyCluster(run('docs/aks.md', text));
    expect(cluster.documentation).toBe(true);
    expect(cluster.network.plugin).toMatchObject({
      value: 'kubenet',
      range: { file: 'docs/aks.md', startLine: line, endLine: line },
    });
  });

  it('ignores fences in other languages and prose', () => {
    const text = 'Use az aks create to make one.\n\n```yaml\nrun: az aks create -n aks\n```\n';
    expect(run('README.md', text).clusters).toEqual([]);
  });

  it('marks updates in docs as documentation', () => {
    const result = run(
      'docs/migrate.md',
      '```azurecli\naz aks update -n aks -g rg --network-plugin azure --network-plugin-mode overlay\n```',
    );
    expect(result.updates?.[0]?.documentation).toBe(true);
  });
});

describe('parse errors', () => {
  it.each([
    ['an unclosed single quote', "az aks create -n aks --network-plugin kubenet\necho 'oops\n", 2, 'single quote'],
    ['an unclosed double quote', 'az aks create -n aks --network-plugin kubenet\necho "oops\n', 2, 'double quote'],
    [
      'an unclosed command substitution',
      'az aks create -n aks --network-plugin kubenet\nX=$(echo\n',
      2,
      '"$(" is not closed',
    ],
  ])('%s is reported with its line, and what came before is still read', (_name, text, line, message) => {
    const result = run('deploy.sh', text);
    expect(result.clusters).toHaveLength(1);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      kind: 'parse-error',
      range: { file: 'deploy.sh', startLine: line, endLine: line },
    });
    expect(result.problems[0]?.message).toContain(message);
  });
});

describe('hostile input', () => {
  it('reads 100,000 continuation lines', () => {
    const text = `az aks create -n aks \\\n${'  --tags a=b \\\n'.repeat(100_000)}  --network-plugin kubenet\n`;
    const cluster = onlyCluster(run('huge.sh', text));
    expect(cluster.network.plugin?.range.startLine).toBe(100_002);
  });

  it('reads a 50 MB single line', () => {
    const text = `az aks create -n aks --network-plugin kubenet ${'x'.repeat(50 * 1024 * 1024)}`;
    expect(valueOf(onlyCluster(run('huge.sh', text)).network.plugin)).toBe('kubenet');
  });

  it('bounds nested command substitutions', () => {
    const text = `X=${'$('.repeat(10_000)}${')'.repeat(10_000)}\naz aks create -n aks --network-plugin kubenet`;
    expect(valueOf(onlyCluster(run('deep.sh', text)).network.plugin)).toBe('kubenet');
  });

  it('bounds 10,000-level nested YAML', () => {
    const text = `run: az aks create -n aks --network-plugin kubenet\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const result = run('azure-pipelines.yml', text);
    expect(result.clusters).toHaveLength(1);
  });

  it('bounds 10,000-level nested block YAML', () => {
    const lines = Array.from({ length: 10_000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`);
    const text = `${lines.join('\n')} az aks create\nrun: az aks create -n aks\n`;
    const result = run('azure-pipelines.yml', text);
    expect(result.problems.length + result.clusters.length).toBeGreaterThan(0);
  });
});

describe('claims and sniff', () => {
  it.each([
    ['deploy.sh', true],
    ['scripts/setup.bash', true],
    ['x.zsh', true],
    ['Makefile', true],
    ['build/GNUmakefile', true],
    ['rules.mk', true],
    ['.github/workflows/aks.yml', true],
    ['.github/workflows/aks.yaml', true],
    ['azure-pipelines.yml', true],
    ['ci/azure-pipelines-release.yaml', true],
    ['deploy.azure-pipelines.yml', true],
    ['.azuredevops/pipelines/deploy.yml', true],
    ['.pipelines/build.yaml', true],
    ['docs/aks.md', true],
    ['docs/aks.mdx', true],
    ['k8s/deployment.yaml', false],
    ['main.tf', false],
    ['deploy.ps1', false],
  ])('claims %s: %s', (path, expected) => {
    expect(azureCli.claims(path)).toBe(expected);
  });

  it.each([
    ['az aks create -n x', true],
    ['az \\\n  aks create', true],
    ['az  aks', true],
    ['az account show\nkubectl get aks', false],
    ['baz aks', false],
    ['az aksx', false],
    ['# AKS networking', false],
  ])('sniffs %j: %s', (text, expected) => {
    expect(azureCli.sniff?.({ path: 'x.md', text })).toBe(expected);
  });
});

describe('fixtures', () => {
  it('configure-kubenet.md: a documented kubenet cluster', () => {
    const cluster = onlyCluster(run('docs/configure-kubenet.md', fixture('configure-kubenet.md')));
    expect(cluster).toMatchObject({
      id: 'az aks create myAKSCluster',
      documentation: true,
      range: { startLine: 28, endLine: 37 },
    });
    expect(networkValues(cluster.network)).toEqual({
      plugin: 'kubenet',
      serviceCidr: '10.0.0.0/16',
      dnsServiceIp: '10.0.0.10',
      podCidr: '10.244.0.0/16',
    });
    // SUBNET_ID=$(az network vnet subnet show ... --query id -o tsv) resolves to a pseudo-ID for linking.
    expect(cluster.nodePools[0]?.vnetSubnetId).toMatchObject({
      how: 'resolved',
      value:
        '/subscriptions/<unknown>/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myAKSVnet/subnets/myAKSSubnet',
      expression: '$SUBNET_ID',
      range: { startLine: 36 },
    });
  });

  it('azure-cni-overlay.md: variables across the fence, and a Windows pool attached', () => {
    const cluster = onlyCluster(run('docs/azure-cni-overlay.md', fixture('azure-cni-overlay.md')));
    expect(cluster.name).toMatchObject({
      how: 'resolved',
      value: 'myOverlayCluster',
      via: [{ range: { startLine: 13 } }],
    });
    expect(networkValues(cluster.network)).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      podCidr: '192.168.0.0/16',
    });
    expect(poolValues(cluster.nodePools[1])).toEqual({
      name: 'npwin',
      isDefault: false,
      osType: 'Windows',
      nodeCount: 1,
    });
  });

  it('azure-cni-powered-by-cilium.md: overlay and pod-subnet Cilium clusters', () => {
    const result = run('docs/azure-cni-powered-by-cilium.md', fixture('azure-cni-powered-by-cilium.md'));
    expect(result.clusters.map((cluster) => networkValues(cluster.network))).toEqual([
      { plugin: 'azure', pluginMode: 'overlay', podCidr: '192.168.0.0/16', dataplane: 'cilium' },
      { plugin: 'azure', dataplane: 'cilium' },
    ]);
    expect(result.clusters[1]?.nodePools[0]?.podSubnetId).toMatchObject({
      how: 'unresolved',
      range: { startLine: 31 },
    });
    expect(result.clusters[0]).toMatchObject({
      id: 'az aks create line 10',
      name: { how: 'unresolved', expression: '<clusterName>' },
    });
    const name = result.clusters[0]?.name;
    expect(name?.how === 'unresolved' ? name.reason : '').toContain('documentation placeholder');
  });

  it('update-azure-cni.md: two documented updates, no cluster', () => {
    const result = run('docs/update-azure-cni.md', fixture('update-azure-cni.md'));
    expect(result.clusters).toEqual([]);
    expect(result.updates?.map((update) => [update.id, networkValues(update.network)])).toEqual([
      ['az aks update myOverlayCluster', { plugin: 'azure', pluginMode: 'overlay' }],
      ['az aks update myOverlayCluster (line 25)', { dataplane: 'cilium' }],
    ]);
  });

  it('deploy-aks.sh: a pod-subnet cluster from a function, with its user pool', () => {
    const cluster = onlyCluster(run('scripts/deploy-aks.sh', fixture('deploy-aks.sh')));
    expect(cluster).toMatchObject({
      id: 'az aks create aks-platform',
      resourceGroup: { how: 'resolved', value: 'rg-platform-dev' },
      kubernetesVersion: { value: '1.30.5' },
    });
    expect(cluster.nodePools.map((pool) => poolValues(pool))).toEqual([
      {
        name: 'system',
        isDefault: true,
        maxPods: 50,
        vnetSubnetId: 'unresolved: "$VNET_ID/subnets/nodes"',
        podSubnetId: 'unresolved: "$VNET_ID/subnets/pods"',
      },
      {
        name: 'user1',
        isDefault: false,
        nodeCount: 2,
        maxPods: 50,
        podSubnetId: 'unresolved: "$VNET_ID/subnets/pods"',
        podIpAllocationMode: 'StaticBlock',
      },
    ]);
  });

  it('github-workflow.yml: azure/cli inline script and a run step', () => {
    const result = run('.github/workflows/provision.yml', fixture('github-workflow.yml'));
    const cluster = onlyCluster(result);
    expect(cluster).toMatchObject({
      range: { startLine: 20, endLine: 24 },
      network: { plugin: { value: 'kubenet', range: { startLine: 23 } } },
    });
    expect(result.updates?.[0]).toMatchObject({
      range: { startLine: 27, endLine: 28 },
      network: { pluginMode: { value: 'overlay' } },
    });
  });

  it('azure-pipelines.yml: AzureCLI@2 bash and pscore scripts', () => {
    const cluster = onlyCluster(run('azure-pipelines.yml', fixture('azure-pipelines.yml')));
    expect(networkValues(cluster.network)).toEqual({
      plugin: 'azure',
      pluginMode: 'overlay',
      dataplane: 'cilium',
      podCidr: '192.168.0.0/16',
    });
    expect(cluster.resourceGroup).toMatchObject({
      how: 'unresolved',
      expression: '$(resourceGroup)',
      range: { startLine: 23 },
    });
    expect(poolValues(cluster.nodePools[1])).toEqual({ name: 'pool2', isDefault: false, maxPods: 110 });
  });

  it('Makefile: make variables, recursive and simple', () => {
    const result = run('Makefile', fixture('Makefile'));
    const cluster = onlyCluster(result);
    expect(cluster.network.plugin).toMatchObject({ how: 'resolved', value: 'kubenet', range: { startLine: 12 } });
    expect(cluster.resourceGroup).toMatchObject({ value: 'rg-dev' });
    expect(cluster.nodePools[1]?.name).toBe('$(POOL)');
  });
});

describe('virtual networks and subnets', () => {
  function prefixes(result: ExtractResult) {
    return (result.addressSpaces ?? []).map((space) => ({
      kind: space.kind,
      name: space.name,
      virtualNetwork: space.virtualNetwork,
      prefixes: space.prefixes.map((prefix) => valueOf(prefix)),
    }));
  }

  it.each([
    [
      'a vnet with one prefix',
      'az network vnet create -g rg -n vnet --address-prefixes 10.0.0.0/16',
      [{ kind: 'virtual-network', name: 'vnet', virtualNetwork: undefined, prefixes: ['10.0.0.0/16'] }],
    ],
    [
      'a vnet with several prefixes and its first subnet',
      'az network vnet create -g rg --name vnet --address-prefixes 10.0.0.0/16 10.1.0.0/16 --subnet-name nodes --subnet-prefixes 10.0.0.0/22 10.0.4.0/22',
      [
        { kind: 'virtual-network', name: 'vnet', virtualNetwork: undefined, prefixes: ['10.0.0.0/16', '10.1.0.0/16'] },
        { kind: 'subnet', name: 'nodes', virtualNetwork: 'vnet', prefixes: ['10.0.0.0/22', '10.0.4.0/22'] },
      ],
    ],
    [
      'the older singular flags',
      'az network vnet create -g rg -n vnet --address-prefix 192.168.0.0/16 --subnet-name s --subnet-prefix 192.168.1.0/24',
      [
        { kind: 'virtual-network', name: 'vnet', virtualNetwork: undefined, prefixes: ['192.168.0.0/16'] },
        { kind: 'subnet', name: 's', virtualNetwork: 'vnet', prefixes: ['192.168.1.0/24'] },
      ],
    ],
    [
      'a subnet',
      'az network vnet subnet create -g rg --vnet-name vnet -n pods --address-prefixes 10.1.0.0/16',
      [{ kind: 'subnet', name: 'pods', virtualNetwork: 'vnet', prefixes: ['10.1.0.0/16'] }],
    ],
    [
      'prefixes through variables',
      'VNET=vnet\nPREFIX=10.2.0.0/24\naz network vnet subnet create -g rg --vnet-name $VNET -n nodes --address-prefixes "$PREFIX"',
      [{ kind: 'subnet', name: 'nodes', virtualNetwork: 'vnet', prefixes: ['10.2.0.0/24'] }],
    ],
    [
      'an unresolved prefix',
      'az network vnet subnet create -g rg --vnet-name vnet -n nodes --address-prefixes $NODE_PREFIX',
      [{ kind: 'subnet', name: 'nodes', virtualNetwork: 'vnet', prefixes: ['unresolved: $NODE_PREFIX'] }],
    ],
  ])('%s', (_name, text, expected) => {
    expect(prefixes(run('net.sh', text))).toEqual(expected);
  });

  it('keeps the provenance of a prefix from a variable', () => {
    const result = run(
      'net.sh',
      'P=10.2.0.0/24\naz network vnet subnet create --vnet-name v -n s --address-prefixes $P',
    );
    expect(result.addressSpaces?.[0]).toMatchObject({
      id: 'net.sh: az network vnet subnet create v/s',
      range: { startLine: 2, endLine: 2 },
      references: [],
      prefixes: [{ how: 'resolved', value: '10.2.0.0/24', expression: '$P', via: [{ range: { startLine: 1 } }] }],
    });
  });

  it('lets a file with only a virtual network through the pre-check', () => {
    const text = 'az network vnet create -n vnet --address-prefixes 10.0.0.0/16';
    expect(azureCli.sniff?.({ path: 'net.sh', text })).toBe(true);
    expect(azureCli.sniff?.({ path: 'net.sh', text: 'az network public-ip create -n ip' })).toBe(false);
  });

  it.each([
    [
      'show, assigned then used',
      'SUBNET_ID=$(az network vnet subnet show -g rg --vnet-name vnet -n nodes --query id -o tsv)\naz aks create -n aks --vnet-subnet-id $SUBNET_ID',
      '/subscriptions/<unknown>/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes',
    ],
    [
      'create with --query id, inline and with a subscription',
      'az aks create -n aks --vnet-subnet-id "$(az network vnet subnet create --subscription sub1 --resource-group rg --vnet-name=vnet --name nodes --address-prefixes 10.0.0.0/24 --query id --output tsv)"',
      '/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes',
    ],
    [
      'names through variables, group unknown',
      'V=vnet\nS=nodes\nID=$(az network vnet subnet show --vnet-name $V -n $S --query id -o tsv)\naz aks create -n aks --vnet-subnet-id $ID',
      '/subscriptions/<unknown>/resourceGroups/<unknown>/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes',
    ],
  ])('resolves a subnet ID substitution: %s', (_name, text, value) => {
    const subnet = onlyCluster(run('deploy.sh', text)).nodePools[0]?.vnetSubnetId;
    expect(subnet).toMatchObject({ how: 'resolved', value });
    expect(subnet?.how === 'resolved' ? subnet.via.at(-1)?.description : '').toContain('--query id -o tsv');
  });

  it.each([
    [
      'without -o tsv',
      '$(az network vnet subnet show -g rg --vnet-name v -n s --query id)',
      'unless the output is tsv',
    ],
    ['with an unknown vnet', '$(az network vnet subnet show -g rg --vnet-name $V -n s --query id -o tsv)', '$V'],
    [
      'another query',
      '$(az network vnet subnet show -g rg --vnet-name v -n s --query name -o tsv)',
      'command substitution',
    ],
  ])('leaves a subnet ID substitution unresolved %s', (_name, use, reason) => {
    const subnet = onlyCluster(run('deploy.sh', `az aks create -n aks --vnet-subnet-id ${use}`)).nodePools[0]
      ?.vnetSubnetId;
    expect(subnet?.how).toBe('unresolved');
    expect(subnet?.how === 'unresolved' ? subnet.reason : '').toContain(reason);
  });

  it('links a pool to a subnet created in another file of the directory', async () => {
    const files = [
      {
        path: 'infra/network.sh',
        content:
          'az network vnet create -g rg -n vnet --address-prefixes 10.0.0.0/8 --subnet-name nodes --subnet-prefixes 10.240.0.0/16',
      },
      {
        path: 'infra/cluster.sh',
        content: [
          'SUBNET_ID=$(az network vnet subnet show -g rg --vnet-name vnet -n nodes --query id -o tsv)',
          'az aks create -g rg -n aks --network-plugin azure --vnet-subnet-id $SUBNET_ID',
        ].join('\n'),
      },
    ];
    const report = await analyze({ files }, defaultConfig('2026-11-27'));
    expect(report.clusters[0]?.subnets[0]?.node?.prefixes.map((prefix) => valueOf(prefix))).toEqual(['10.240.0.0/16']);
  });

  it.each([
    ['single-stack', '--ip-families IPv4', ['IPv4']],
    ['dual-stack', '--ip-families IPv4,IPv6', ['IPv4', 'IPv6']],
    ['through a variable', '--ip-families "$FAMILIES"', ['IPv4', 'IPv6']],
  ])('reads --ip-families %s', (_name, flags, expected) => {
    const cluster = onlyCluster(run('deploy.sh', `FAMILIES=IPv4,IPv6\naz aks create -n aks ${flags}`));
    expect(cluster.ipFamilies?.how === 'unresolved' ? undefined : cluster.ipFamilies?.value).toEqual(expected);
    expect(cluster.ipFamilies?.range.startLine).toBe(2);
  });

  it('leaves --ip-families unresolved with a reason', () => {
    const cluster = onlyCluster(run('deploy.sh', 'az aks create -n aks --ip-families $F'));
    expect(cluster.ipFamilies).toMatchObject({ how: 'unresolved', expression: '$F' });
  });

  it('does not report --api-server-authorized-ip-ranges as removed (the CLI still has it)', () => {
    const cluster = onlyCluster(run('deploy.sh', 'az aks create -n aks --api-server-authorized-ip-ranges 1.2.3.4/32'));
    expect(cluster.removedSettings).toBeUndefined();
  });
});
