import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  NETWORK_ENDPOINTS,
  NETWORK_ENDPOINT_IDS,
  NETWORK_ROUTES,
  POLICY_ENGINE_IDS,
  POLICY_ROUTES,
  REPLACEMENT_EDITS,
  allFacts,
  hasInPlaceRoute,
  policyRouteBetween,
  routeBetween,
} from './index.js';
import type { Route } from './index.js';

const ALL_ROUTES: Route<string>[] = [...NETWORK_ROUTES, ...POLICY_ROUTES];

describe('route table: shape', () => {
  it.each([
    { table: 'network', routes: NETWORK_ROUTES as Route<string>[], ids: NETWORK_ENDPOINT_IDS as string[] },
    { table: 'policy', routes: POLICY_ROUTES as Route<string>[], ids: POLICY_ENGINE_IDS as string[] },
  ])('$table: every ordered pair exactly once', ({ routes, ids }) => {
    const expected = ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => `${from}>${to}`)).sort();
    expect(routes.map((route) => `${route.from}>${route.to}`).sort()).toEqual(expected);
  });

  it.each(ALL_ROUTES.map((route) => ({ pair: `${route.from} -> ${route.to}`, route })))(
    '$pair: legs match the kind and chain from one end to the other',
    ({ route }) => {
      if (!hasInPlaceRoute(route)) {
        expect(route.legs).toEqual([]);
        return;
      }
      if (route.kind === 'in-place') expect(route.legs).toHaveLength(1);
      else expect(route.legs.length).toBeGreaterThan(1);
      expect(route.legs[0]?.from).toBe(route.from);
      expect(route.legs.at(-1)?.to).toBe(route.to);
      route.legs.slice(1).forEach((leg, index) => expect(leg.from).toBe(route.legs[index]?.to));
      for (const leg of route.legs) {
        expect(leg.command).toMatch(/^az aks update -n \$CLUSTER -g \$RG --/);
        expect(leg.prerequisites.length).toBeGreaterThan(0);
      }
    },
  );

  it('a multi-step route is made of the table own in-place routes', () => {
    for (const route of ALL_ROUTES.filter((candidate) => candidate.kind === 'via')) {
      for (const leg of route.legs) {
        const single = ALL_ROUTES.find((other) => other.from === leg.from && other.to === leg.to);
        expect(single?.kind).toBe('in-place');
        expect(single?.legs).toEqual([leg]);
      }
    }
  });

  it('every route, leg and replacement fact is in allFacts (so it carries a source and an as-of)', () => {
    const facts = allFacts();
    for (const route of ALL_ROUTES) {
      expect(facts).toContain(route.basis);
      for (const leg of route.legs) expect(facts).toEqual(expect.arrayContaining([leg.azurerm, leg.cli, leg.api]));
    }
    for (const edit of Object.values(REPLACEMENT_EDITS)) expect(facts).toContain(edit.edit);
  });

  it('"unconfirmed" entries carry no command and say so', () => {
    for (const route of ALL_ROUTES.filter((candidate) => candidate.kind === 'unconfirmed')) {
      expect(route.basis.confidence).toBe('unconfirmed');
      expect(route.legs).toEqual([]);
    }
  });
});

describe('route table: the routes users ask about', () => {
  it.each([
    { from: 'kubenet', to: 'azure-cni-overlay', kind: 'in-place', flags: ['--network-plugin-mode overlay'] },
    {
      from: 'kubenet',
      to: 'cilium-overlay',
      kind: 'via',
      flags: ['--network-plugin-mode overlay', '--network-dataplane cilium'],
    },
    {
      from: 'azure-cni-node-subnet',
      to: 'azure-cni-overlay',
      kind: 'in-place',
      flags: ['--network-plugin-mode overlay --pod-cidr $POD_CIDR'],
    },
    { from: 'azure-cni-pod-subnet', to: 'azure-cni-overlay', kind: 'none', flags: [] },
    { from: 'azure-cni-pod-subnet', to: 'cilium-pod-subnet', kind: 'in-place', flags: ['--network-dataplane cilium'] },
    { from: 'azure-cni-overlay', to: 'cilium-overlay', kind: 'in-place', flags: ['--network-dataplane cilium'] },
    {
      from: 'cilium-node-subnet',
      to: 'cilium-overlay',
      kind: 'in-place',
      flags: ['--network-plugin-mode overlay --pod-cidr $POD_CIDR'],
    },
    { from: 'cilium-overlay', to: 'azure-cni-overlay', kind: 'none', flags: [] },
    { from: 'byo-cni', to: 'azure-cni-overlay', kind: 'none', flags: [] },
    { from: 'platform-default', to: 'azure-cni-overlay', kind: 'unconfirmed', flags: [] },
  ] as const)('$from -> $to: $kind', ({ from, to, kind, flags }) => {
    const route = routeBetween(from, to);
    expect(route?.kind).toBe(kind);
    expect(route?.legs.map((leg) => leg.command.replace('az aks update -n $CLUSTER -g $RG ', ''))).toEqual(
      flags.map((flag) => expect.stringContaining(flag)),
    );
  });

  it.each(NETWORK_ENDPOINT_IDS.filter((id) => id !== 'kubenet' && id !== 'platform-default'))(
    'anything -> kubenet has no route: %s',
    (from) => {
      const route = routeBetween(from, 'kubenet');
      expect(route?.kind).toBe('none');
      expect(route?.basis.note).toContain('2028-03-31');
    },
  );

  it.each([
    { from: 'azure', to: 'cilium', kind: 'in-place', azurerm: '4.58.0' },
    { from: 'calico', to: 'cilium', kind: 'in-place', azurerm: '4.59.0' },
    { from: 'azure', to: 'calico', kind: 'via', azurerm: null },
    { from: 'cilium', to: 'azure', kind: 'none', azurerm: null },
    { from: 'cilium', to: 'none', kind: 'unconfirmed', azurerm: null },
  ] as const)('policy $from -> $to: $kind', ({ from, to, kind, azurerm }) => {
    const route = policyRouteBetween(from, to);
    expect(route?.kind).toBe(kind);
    if (kind === 'in-place') expect(route?.legs[0]?.azurerm.value).toBe(azurerm);
    else expect(route?.terraform.value).toBe(azurerm);
  });

  it('Node Subnet -> Overlay in Terraform is in place only from azurerm 4.66.0 (corrected 2026-12-05)', () => {
    expect(routeBetween('azure-cni-node-subnet', 'azure-cni-overlay')?.legs[0]?.azurerm.value).toBe('4.66.0');
    expect(routeBetween('cilium-node-subnet', 'cilium-overlay')?.legs[0]?.azurerm.value).toBe('4.66.0');
  });
});

// The fact base sits beside the repository in CI (`../shared/`); the checks below read its §3 and §4.3.
// AKS_FACT_BASE points elsewhere (a worktree whose shared/ is not its sibling).
const FACT_BASE =
  process.env.AKS_FACT_BASE ?? join(dirname(fileURLToPath(import.meta.url)), '../../../shared/aks-networking.md');
const haveFactBase = existsSync(FACT_BASE);
if (!haveFactBase) {
  console.warn(`route table vs fact base: skipped, ${FACT_BASE} is absent (CI places shared/ beside the repo).`);
}

function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`fact base: no section ${heading}`);
  const next = text.indexOf('\n## ', start + heading.length);
  return text.slice(start, next < 0 ? undefined : next);
}

describe.skipIf(!haveFactBase)('route table vs the fact base (../shared/aks-networking.md)', () => {
  const text = haveFactBase ? readFileSync(FACT_BASE, 'utf8') : '';
  const migrations = haveFactBase ? section(text, '## 3. Migration paths') : '';
  const timeline = haveFactBase ? section(text, '## 2. Retirements') : '';

  /** Every `az aks update` the fact base writes in §3, each as its set of flags. */
  const documented = [
    ...[...migrations.matchAll(/az aks update[^`\n]*/g)].map((match) => match[0]),
    // "`az aks update --network-policy none`, then `--network-policy calico|azure`" (§3.5).
    ...[...migrations.matchAll(/`(?<flags>--[^`]+)`/g)].map((match) => `az aks update ${match.groups?.flags ?? ''}`),
  ];

  it.each(ALL_ROUTES.flatMap((route) => route.legs).map((leg) => ({ pair: `${leg.from} -> ${leg.to}`, leg })))(
    '$pair: the command is one §3 writes',
    ({ leg }) => {
      const flags = leg.command
        .replace('az aks update -n $CLUSTER -g $RG', '')
        .trim()
        .split(/\s+(?=--)/);
      const found = documented.some((line) =>
        flags.every((flag) => {
          const [name, value] = flag.split(/\s+/);
          if (value === undefined || value.startsWith('$')) return line.includes(`${name} `) || line.endsWith(name!);
          return new RegExp(`${name} [^ ]*\\b${value}\\b`).test(line);
        }),
      );
      expect(found, `${leg.command} not among: ${documented.join(' | ')}`).toBe(true);
    },
  );

  it('§3 scopes IPAM migration to Overlay from kubenet or Node Subnet: the table has no other IPAM route', () => {
    expect(migrations).toMatch(/only \*\*to Overlay\*\*, only \*\*from kubenet or Azure CNI Node Subnet\*\*/);
    for (const route of NETWORK_ROUTES.filter(hasInPlaceRoute)) {
      for (const leg of route.legs) {
        const from = NETWORK_ENDPOINTS[leg.from];
        const to = NETWORK_ENDPOINTS[leg.to];
        if (from.ipam === to.ipam) continue;
        expect(to.ipam).toBe('overlay');
        expect(['kubenet', 'node-subnet']).toContain(from.ipam);
      }
    }
  });

  it('§3: kubenet cannot go directly to Cilium, and IPAM and data plane change in separate operations', () => {
    expect(migrations).toMatch(/\*\*kubenet cannot go directly to Cilium\*\*/);
    expect(migrations).toMatch(/IPAM and dataplane \*\*can't be changed in one operation\*\*/);
    for (const route of NETWORK_ROUTES) {
      for (const leg of route.legs) {
        const from = NETWORK_ENDPOINTS[leg.from];
        const to = NETWORK_ENDPOINTS[leg.to];
        expect(from.ipam !== to.ipam && from.dataplane !== to.dataplane).toBe(false);
      }
    }
  });

  it('§3: Pod Subnet (dynamic IP) clusters cannot migrate to Overlay', () => {
    expect(migrations).toMatch(/Dynamic-IP \(Pod Subnet\) clusters \*\*cannot\*\* migrate to Overlay/);
    expect(routeBetween('azure-cni-pod-subnet', 'azure-cni-overlay')?.kind).toBe('none');
    expect(routeBetween('cilium-pod-subnet', 'cilium-overlay')?.kind).toBe('none');
  });

  it('§3 and §2: Cilium from every Azure CNI IPAM mode, Node Subnet with Cilium to Overlay with Cilium', () => {
    expect(migrations).toMatch(/Cilium dataplane migration is supported \*\*from any Azure CNI IPAM mode\*\*/);
    expect(timeline).toMatch(
      /Node Subnet → Node Subnet\+Cilium and Node Subnet\+Cilium → Overlay\+Cilium upgrades allowed/,
    );
    for (const [from, to] of [
      ['azure-cni-node-subnet', 'cilium-node-subnet'],
      ['azure-cni-pod-subnet', 'cilium-pod-subnet'],
      ['azure-cni-overlay', 'cilium-overlay'],
      ['cilium-node-subnet', 'cilium-overlay'],
    ] as const) {
      expect(routeBetween(from, to)?.kind).toBe('in-place');
    }
  });

  it('§3.1–§3.4: the azurerm versions the table gives are the ones the fact base states', () => {
    const version = (heading: string, pattern: RegExp) =>
      pattern.exec(section(text, '## 3.').slice(section(text, '## 3.').indexOf(heading)))?.groups?.v;
    expect(version('### 3.1', /in-place only with azurerm \*\*≥ (?<v>\d+\.\d+\.\d+)\*\*/)).toBe(
      routeBetween('kubenet', 'azure-cni-overlay')?.legs[0]?.azurerm.value,
    );
    expect(version('### 3.2', /in place only since azurerm \*\*(?<v>\d+\.\d+\.\d+)\*\*/)).toBe(
      routeBetween('azure-cni-node-subnet', 'azure-cni-overlay')?.legs[0]?.azurerm.value,
    );
    expect(version('### 3.3', /in place since azurerm \*\*(?<v>\d+\.\d+\.\d+)\*\*/)).toBe(
      routeBetween('azure-cni-overlay', 'cilium-overlay')?.legs[0]?.azurerm.value,
    );
    expect(version('### 3.4', /`calico`→`cilium` since (?<v>\d+\.\d+\.\d+)/)).toBe(
      policyRouteBetween('calico', 'cilium')?.legs[0]?.azurerm.value,
    );
  });

  it('§0/§2: kubenet retires on the date the no-route-to-kubenet entries give', () => {
    const date = /\*\*kubenet retires (?<d>\d+ \w+ \d{4})\.?\*\*/.exec(text)?.groups?.d;
    expect(date).toBe('31 March 2028');
    expect(routeBetween('azure-cni-overlay', 'kubenet')?.basis.note).toContain('2028-03-31');
  });
});
