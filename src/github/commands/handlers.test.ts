import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand, helpText } from './handlers.js';

async function run(name: string, args: string[], context = { isPullRequest: true }) {
  const spec = findCommand(name);
  if (spec === undefined) throw new Error(`no command ${name}`);
  return spec.run(args, context);
}

describe('command handlers', () => {
  it('help lists every command, one line each', () => {
    const lines = helpText()
      .split('\n')
      .filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(COMMANDS.length);
  });

  it.each([
    { name: 'compare', args: [], ok: true, body: /Pod IP source/ },
    { name: 'compare', args: ['overlay', 'cilium'], ok: true, body: /Azure CNI Overlay/ },
    { name: 'compare', args: ['calico'], ok: false, body: /unknown model `calico`[\s\S]*Usage: `\/netguide compare/ },
    { name: 'explain', args: ['kubenet'], ok: true, body: /Retires on \*\*2028-03-31\*\*/ },
    { name: 'explain', args: ['kubenet-retirement'], ok: true, body: /docs\/rules\/kubenet-retirement\.md/ },
    { name: 'explain', args: [], ok: false, body: /name a model or a rule id[\s\S]*Usage/ },
    { name: 'explain', args: ['nonsense'], ok: false, body: /neither a model/ },
    { name: 'migrate', args: ['kubenet'], ok: true, body: /Before you start:[\s\S]*az aks update/ },
    {
      name: 'migrate',
      args: ['kubenet', 'cilium'],
      ok: true,
      body: /separate operations[\s\S]*--network-plugin-mode overlay[\s\S]*--network-dataplane cilium/,
    },
    {
      name: 'migrate',
      args: ['pod-subnet', 'overlay'],
      ok: true,
      body: /No in-place route: Azure CNI Pod Subnet[\s\S]*Replacement plan[\s\S]*moved block/,
    },
    {
      name: 'migrate',
      args: ['node-subnet', 'kubenet'],
      ok: true,
      body: /No in-place route leads to kubenet[\s\S]*kubenet retires on \*\*2028-03-31\*\*[\s\S]*destroys and recreates/,
    },
    { name: 'migrate', args: ['cilium-overlay', 'overlay'], ok: true, body: /No route leaves the Cilium data plane/ },
    {
      name: 'migrate',
      args: ['policy', 'npm', 'cilium'],
      ok: true,
      body: /--network-dataplane cilium[\s\S]*azurerm 4\.58\.0/,
    },
    {
      name: 'migrate',
      args: ['policy', 'calico', 'azure'],
      ok: true,
      body: /--network-policy none[\s\S]*--network-policy azure/,
    },
    { name: 'migrate', args: ['policy', 'cilium', 'none'], ok: true, body: /Unconfirmed/ },
    { name: 'migrate', args: ['policy', 'npm'], ok: false, body: /name two policy engines/ },
    { name: 'migrate', args: ['overlay', 'overlay'], ok: false, body: /already there/ },
    { name: 'migrate', args: [], ok: false, body: /name the model to migrate from/ },
    {
      name: 'plan',
      args: ['--nodes', '50', '--max-pods', '30', '--model', 'node-subnet'],
      ok: true,
      body: /\*\*1581\*\* addresses/,
    },
    {
      name: 'plan',
      args: ['--nodes', '10', '--max-pods', '30', '--pod-cidr', '10.244.0.0/28'],
      ok: false,
      body: /holds 0 nodes/,
    },
    {
      name: 'plan',
      args: ['--nodes', '10', '--max-pods', '30', '--subnet', '10.0.0.0/24', '--service-cidr', '10.0.0.0/16'],
      ok: false,
      body: /overlaps/,
    },
    { name: 'plan', args: ['--nodes', '3'], ok: false, body: /--max-pods is required/ },
    {
      name: 'plan',
      args: ['--nodes', '3', '--max-pods', '30', '--colour', 'blue'],
      ok: false,
      body: /unknown option `--colour`/,
    },
  ])('$name $args', async ({ name, args, ok, body }) => {
    const result = await run(name, args);
    expect(result.ok).toBe(ok);
    expect(result.body).toMatch(body);
  });

  it('recheck runs the recheck on a pull request and refuses elsewhere', async () => {
    const onPull = await run('recheck', [], { isPullRequest: true, recheck: async () => 'done' } as never);
    const onIssue = await run('recheck', [], { isPullRequest: false });
    expect(onPull).toEqual({ ok: true, body: 'done' });
    expect(onIssue.ok).toBe(false);
    expect(onIssue.body).toMatch(/pull requests only/);
  });

  it('only recheck needs write permission', () => {
    expect(COMMANDS.filter((command) => command.permission === 'write').map((command) => command.name)).toEqual([
      'recheck',
    ]);
  });
});
