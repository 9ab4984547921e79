import { describe, expect, it } from 'vitest';
import {
  COMPARISON,
  KNOWLEDGE_AS_OF,
  LINKS,
  MIGRATIONS,
  MODELS,
  PLATFORM_DEFAULT,
  NODE_SUBNET,
  RETIREMENTS,
  TERRAFORM_CHANGES,
  allFacts,
  findMigration,
  platformDefaultFor,
} from './index.js';
import type { ComparisonColumn, ModelId, RetirementId } from './index.js';

// Records, so that the compiler fails here when a union member is added without a test entry.
function keysOf<K extends string>(record: Record<K, true>): K[] {
  return Object.keys(record).filter((key): key is K => key in record);
}

const MODEL_IDS = keysOf<ModelId>({
  kubenet: true,
  'azure-cni-node-subnet': true,
  'azure-cni-pod-subnet': true,
  'azure-cni-overlay': true,
  'azure-cni-cilium': true,
  'byo-cni': true,
});

const COLUMNS = keysOf<ComparisonColumn>({
  kubenet: true,
  'azure-cni-node-subnet': true,
  'azure-cni-pod-subnet': true,
  'azure-cni-overlay': true,
  'azure-cni-cilium': true,
});

const RETIREMENT_IDS = keysOf<RetirementId>({
  kubenet: true,
  'azure-npm-windows': true,
  'azure-npm-linux': true,
  'basic-load-balancer': true,
});

const EXPECTED_HOSTS = ['learn.microsoft.com', 'azure.microsoft.com', 'github.com'];
const TODAY = new Date().toISOString().slice(0, 10);

function isRealIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function everyUrl(): string[] {
  return [
    ...Object.values(LINKS).map((link) => link.url),
    ...allFacts().map((fact) => fact.source),
    ...Object.values(MODELS).map((model) => model.docs),
    ...Object.values(RETIREMENTS).flatMap((retirement) => [...retirement.announcements, retirement.migrationDocs]),
    ...MIGRATIONS.map((path) => path.docs),
    ...COMPARISON.flatMap((row) => row.sources),
  ];
}

describe('facts', () => {
  const facts = allFacts().map((fact, index) => ({ index, fact }));

  it('finds facts in every structure', () => {
    const found = allFacts();
    expect(found).toContain(PLATFORM_DEFAULT.fact);
    for (const model of Object.values(MODELS)) expect(found).toEqual(expect.arrayContaining([model.status]));
    for (const retirement of Object.values(RETIREMENTS)) expect(found).toContain(retirement.date);
    for (const path of MIGRATIONS) expect(found).toContain(path.supported);
  });

  it.each(facts)('fact $index has an https source, a real asOf not after today and text', ({ fact }) => {
    expect(new URL(fact.source).protocol).toBe('https:');
    expect(isRealIsoDate(fact.asOf)).toBe(true);
    expect(fact.asOf <= TODAY).toBe(true);
    if (typeof fact.value === 'string') expect(fact.value.trim()).not.toBe('');
    if (fact.note !== undefined) expect(fact.note.trim()).not.toBe('');
  });

  it('explains every conflict', () => {
    for (const fact of allFacts().filter((candidate) => candidate.confidence === 'conflict')) {
      expect(`${String(fact.value)} ${fact.note ?? ''}`).toMatch(/disagree|contradict|yet/);
    }
  });

  it('KNOWLEDGE_AS_OF is the newest asOf', () => {
    const dates = [...allFacts().map((fact) => fact.asOf), ...COMPARISON.map((row) => row.asOf)].sort();
    expect(KNOWLEDGE_AS_OF).toBe(dates.at(-1));
    expect(isRealIsoDate(KNOWLEDGE_AS_OF)).toBe(true);
  });
});

describe('URLs', () => {
  it.each(everyUrl().map((url) => ({ url })))('$url is https on an expected host', ({ url }) => {
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('https:');
    expect(EXPECTED_HOSTS).toContain(parsed.hostname);
  });

  it('Learn links have no locale and no .md suffix', () => {
    for (const { url } of Object.values(LINKS)) {
      if (!url.startsWith('https://learn.microsoft.com/')) continue;
      expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\/aks\/[a-z0-9-]+$/);
    }
  });
});

describe('MODELS', () => {
  it.each(MODEL_IDS)('%s has an entry with its own id', (id) => {
    const model = MODELS[id];
    expect(model.id).toBe(id);
    expect(model.name).not.toBe('');
    expect(model.selectedBy).not.toBe('');
  });

  it('has no entries beyond the ModelIds', () => {
    expect(Object.keys(MODELS).sort()).toEqual([...MODEL_IDS].sort());
  });
});

describe('RETIREMENTS', () => {
  it.each(RETIREMENT_IDS)('%s has a real date and an announcement', (id) => {
    const retirement = RETIREMENTS[id];
    expect(retirement.id).toBe(id);
    expect(isRealIsoDate(retirement.date.value)).toBe(true);
    expect(retirement.announcements.length).toBeGreaterThan(0);
  });

  it.each([
    { id: 'kubenet', date: '2028-03-31' },
    { id: 'azure-npm-windows', date: '2026-09-30' },
    { id: 'azure-npm-linux', date: '2028-09-30' },
    { id: 'basic-load-balancer', date: '2025-09-30' },
  ] satisfies { id: RetirementId; date: string }[])('$id retires on $date', ({ id, date }) => {
    expect(RETIREMENTS[id].date.value).toBe(date);
  });

  it('kubenet cites the Azure Updates notice or the AKS docs include', () => {
    const kubenet = RETIREMENTS.kubenet;
    expect([LINKS.kubenetRetirementUpdate.url, LINKS.kubenetRetirementInclude.url]).toContain(kubenet.date.source);
    expect(kubenet.announcements).toContain('https://azure.microsoft.com/updates?id=485172');
    expect(kubenet.announcements).toContain('https://github.com/Azure/AKS/issues/4859');
  });
});

describe('COMPARISON', () => {
  it.each(COMPARISON)('$id has all five columns, short cells and sources', (row) => {
    expect(Object.keys(row.values).sort()).toEqual([...COLUMNS].sort());
    for (const column of COLUMNS) {
      expect(row.values[column].trim()).not.toBe('');
      expect(row.values[column].length).toBeLessThanOrEqual(80);
    }
    expect(row.sources.length).toBeGreaterThan(0);
    expect(isRealIsoDate(row.asOf)).toBe(true);
  });

  it('has unique row ids', () => {
    const ids = COMPARISON.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says "(sources disagree)" for the conflicts the fact base marks', () => {
    const byId = new Map(COMPARISON.map((row) => [row.id, row]));
    expect(byId.get('max-pods')?.values['azure-cni-pod-subnet']).toContain('(sources disagree)');
    expect(byId.get('dual-stack')?.values.kubenet).toContain('(sources disagree)');
  });
});

describe('findMigration', () => {
  it.each([
    { from: 'kubenet', to: 'azure-cni-overlay', supported: true },
    { from: 'azure-cni-node-subnet', to: 'azure-cni-overlay', supported: true },
    { from: 'azure-cni-node-subnet', to: 'azure-cni-cilium', supported: true },
    { from: 'azure-cni-pod-subnet', to: 'azure-cni-cilium', supported: true },
    { from: 'azure-cni-overlay', to: 'azure-cni-cilium', supported: true },
    { from: 'kubenet', to: 'azure-cni-cilium', supported: false },
    { from: 'azure-cni-pod-subnet', to: 'azure-cni-overlay', supported: false },
    { from: 'kubenet', to: 'azure-cni-node-subnet', supported: false },
    { from: 'kubenet', to: 'azure-cni-pod-subnet', supported: false },
    { from: 'azure-cni-overlay', to: 'azure-cni-node-subnet', supported: false },
    { from: 'azure-cni-overlay', to: 'azure-cni-pod-subnet', supported: false },
    { from: 'azure-cni-node-subnet', to: 'kubenet', supported: false },
    { from: 'azure-cni-pod-subnet', to: 'kubenet', supported: false },
    { from: 'azure-cni-overlay', to: 'kubenet', supported: false },
    { from: 'azure-cni-cilium', to: 'kubenet', supported: false },
    { from: 'byo-cni', to: 'kubenet', supported: false },
  ] satisfies { from: ModelId; to: ModelId; supported: boolean }[])(
    '$from -> $to: supported $supported',
    ({ from, to, supported }) => {
      const path = findMigration(from, to);
      expect(path?.supported.value).toBe(supported);
      expect(path?.from).toBe(from);
      expect(path?.to).toBe(to);
    },
  );

  it.each([
    { from: 'kubenet', to: 'kubenet' },
    { from: 'byo-cni', to: 'azure-cni-overlay' },
  ] satisfies { from: ModelId; to: ModelId }[])('$from -> $to: no path', ({ from, to }) => {
    expect(findMigration(from, to)).toBeUndefined();
  });

  it('routes kubenet to Cilium through Overlay', () => {
    expect(findMigration('kubenet', 'azure-cni-cilium')?.route).toEqual([
      'kubenet',
      'azure-cni-overlay',
      'azure-cni-cilium',
    ]);
  });

  it('kubenet -> Overlay: the documented command, irreversible, Terraform in place from 4.66.0', () => {
    const path = findMigration('kubenet', 'azure-cni-overlay');
    const commands = path?.steps.map((step) => step.command);
    expect(commands).toContain('az aks update -n $CLUSTER -g $RG --network-plugin azure --network-plugin-mode overlay');
    expect(commands).toContain(
      'az aks update -n $CLUSTER -g $RG --network-plugin azure --network-plugin-mode overlay --pod-cidr $POD_CIDR',
    );
    expect(path?.irreversible).toBe(true);
    expect(path?.terraform?.value).toContain('4.66.0');
    expect(path?.prerequisites.some((fact) => fact.confidence === 'conflict' && fact.note?.includes('Calico'))).toBe(
      true,
    );
  });

  it('Node Subnet -> Overlay requires --pod-cidr; Terraform in place only from 4.66.0 (pod_cidr was ForceNew)', () => {
    const path = findMigration('azure-cni-node-subnet', 'azure-cni-overlay');
    const commands = path?.steps.flatMap((step) => (step.command === undefined ? [] : [step.command]));
    expect(commands?.every((command) => command.includes('--pod-cidr $POD_CIDR'))).toBe(true);
    expect(path?.terraform?.value).toContain('4.66.0');
    expect(path?.steps.map((step) => step.text).join(' ')).not.toContain('3.72.0');
    expect(TERRAFORM_CHANGES['plugin-mode-to-overlay'].inPlaceSince.value).toBe('4.66.0');
    expect(NODE_SUBNET.terraformOverlayInPlaceSince.value).toBe('4.66.0');
  });

  it.each(['azure-cni-node-subnet', 'azure-cni-pod-subnet', 'azure-cni-overlay'] satisfies ModelId[])(
    '%s -> Cilium uses --network-dataplane cilium; Terraform in place since 4.58.0',
    (from) => {
      const path = findMigration(from, 'azure-cni-cilium');
      expect(path?.steps.map((step) => step.command)).toContain(
        'az aks update -n $CLUSTER -g $RG --network-dataplane cilium',
      );
      expect(path?.terraform?.value).toContain('4.58.0');
    },
  );

  it('has one path per pair, with sourced prerequisites and only the documented placeholders', () => {
    const pairs = MIGRATIONS.map((path) => `${path.from}->${path.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const path of MIGRATIONS) {
      expect(path.from).not.toBe(path.to);
      for (const step of path.steps) expect(step.command ?? '').not.toMatch(/\$(?!(?:CLUSTER|RG|POD_CIDR)\b)/);
      if (!path.supported.value) expect(path.supported.note ?? '').not.toBe('');
    }
  });
});

describe('platformDefaultFor', () => {
  const unknown = platformDefaultFor(undefined);

  it.each([
    { version: '1.29', model: 'kubenet' },
    { version: '1.29.9', model: 'kubenet' },
    { version: '1.9', model: 'kubenet' },
    { version: '1.30', model: 'azure-cni-overlay' },
    { version: '1.30.7', model: 'azure-cni-overlay' },
    { version: 'v1.30.3', model: 'azure-cni-overlay' },
    { version: '1.31', model: 'azure-cni-overlay' },
    { version: '1.100', model: 'azure-cni-overlay' },
    { version: '2.0', model: 'azure-cni-overlay' },
  ] satisfies { version: string; model: ModelId }[])('$version -> $model', ({ version, model }) => {
    const result = platformDefaultFor(version);
    expect(result.model).toBe(model);
    expect(result.basis).not.toEqual(unknown.basis);
  });

  it.each([undefined, '', 'latest', 'garbage', '1', '1.x', '1.30.x', ' ', '${var.k8s}'])(
    '%j is an unknown version -> Overlay',
    (version) => {
      expect(platformDefaultFor(version)).toEqual({ model: 'azure-cni-overlay', basis: unknown.basis });
    },
  );

  it('follows PLATFORM_DEFAULT and explains the conflicting sources in its note', () => {
    expect(PLATFORM_DEFAULT.kubernetesVersionThreshold).toBe('1.30');
    expect(unknown.model).toBe(PLATFORM_DEFAULT.unknownVersion);
    expect(PLATFORM_DEFAULT.fact.note).toContain('defaults to Azure CNI Overlay');
    expect(PLATFORM_DEFAULT.fact.note).toContain('30844');
  });
});
