import { daysBetween, describeRemaining } from '../domain/dates.js';
import { RETIREMENTS } from '../knowledge/index.js';
import type { IsoDate } from '../knowledge/types.js';
import type { Inventory } from '../inventory/index.js';
import { modelLabel, modelsMarkdown } from '../inventory/index.js';
import type { AnalyzedCluster, Finding, Report } from '../model/index.js';
import { settingValue } from '../model/index.js';
import { escapeMarkdown, escapeMessageLine, inlineCode, truncate } from '../render/escape.js';
import { migrationPlan, migrationPlanMarkdown, policyPlanMarkdown } from '../render/guidance.js';
import type { RepoRef } from './port.js';
import { withoutTrailingSlashes } from '../domain/paths.js';

/**
 * The dashboard issue: one per repository (and one per organisation), kept in place. The bot keeps no
 * state of its own: what it knows (the findings it last listed, the snoozes with their expiry) travels in
 * the issue body as a hidden HTML comment, and the checkboxes a person ticks are read back from the body.
 */

/** The label our dashboard issues carry; the issue is found by this label and the marker in its body. */
export const DASHBOARD_LABEL = 'aks-netguide';
export const DASHBOARD_TITLE = 'AKS networking dashboard (aks-netguide)';
export const ORGANIZATION_DASHBOARD_TITLE = 'AKS networking: organisation dashboard (aks-netguide)';
/** How long a ticked snooze lasts. */
export const SNOOZE_DAYS = 90;
/** GitHub rejects issue bodies longer than 65,536 characters; the dashboard stays below with room for the state. */
export const MAX_BODY = 60_000;

const STATE_PREFIX = '<!-- aks-netguide:dashboard ';
const STATE_PATTERN = /<!-- aks-netguide:dashboard (?<kind>repository|organization) (?<data>[A-Za-z0-9+/=]*) -->/;
const SNOOZE_BOX = /^\s*- \[(?<tick>[ xX])\] .*<!-- aks-netguide:snooze (?<key>[0-9a-f]{16}) -->\s*$/;
const RESCAN_BOX = /^\s*- \[(?<tick>[ xX])\] .*<!-- aks-netguide:rescan -->\s*$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type DashboardKind = 'repository' | 'organization';

/** A finding kept out of the open count until a date. */
export interface Snooze {
  fingerprint: string;
  ruleId: string;
  until: IsoDate;
}

/** What the bot remembers between runs, kept in the issue body. */
export interface DashboardState {
  /** The fingerprints of the findings the body lists (open or snoozed): what "something new" is measured against. */
  fingerprints: string[];
  snoozes: Snooze[];
}

/** The issue calls the dashboard makes, as plain data (implemented by `octokitPort`). */
export interface IssueInfo {
  number: number;
  state: 'open' | 'closed';
  body: string;
  authorLogin: string;
}

export interface DashboardPort {
  /** Every issue (open and closed, no pull requests) with the label, oldest first. */
  listLabeledIssues(repo: RepoRef, label: string): Promise<IssueInfo[]>;
  createIssue(repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<IssueInfo>;
  updateIssue(repo: RepoRef, number: number, update: { body?: string; state?: 'open' | 'closed' }): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// State in the body

export function encodeState(kind: DashboardKind, state: DashboardState): string {
  const data = Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
  return `${STATE_PREFIX}${kind} ${data} -->`;
}

/** The state in a body; an empty state when there is none or it was mangled (never throws). */
export function decodeState(body: string): { kind: DashboardKind; state: DashboardState } | undefined {
  const match = STATE_PATTERN.exec(body);
  if (match?.groups === undefined) return undefined;
  const kind = match.groups.kind as DashboardKind;
  try {
    const raw = JSON.parse(Buffer.from(match.groups.data ?? '', 'base64').toString('utf8')) as unknown;
    return { kind, state: sanitizeState(raw) };
  } catch {
    return { kind, state: { fingerprints: [], snoozes: [] } };
  }
}

function sanitizeState(raw: unknown): DashboardState {
  const object = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const fingerprints = Array.isArray(object.fingerprints)
    ? object.fingerprints.filter((value): value is string => typeof value === 'string' && FINGERPRINT.test(value))
    : [];
  const snoozes = Array.isArray(object.snoozes)
    ? object.snoozes.flatMap((value: unknown): Snooze[] => {
        if (typeof value !== 'object' || value === null) return [];
        const { fingerprint, ruleId, until } = value as Record<string, unknown>;
        if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) return [];
        if (typeof until !== 'string' || !ISO_DATE.test(until)) return [];
        return [{ fingerprint, ruleId: typeof ruleId === 'string' ? ruleId : '', until }];
      })
    : [];
  return { fingerprints, snoozes };
}

/** Whether a body is one of our dashboards (of this kind). */
export function isDashboardBody(body: string, kind: DashboardKind): boolean {
  return decodeState(body)?.kind === kind;
}

/** The boxes a person ticked: findings to snooze (by fingerprint) and whether to re-scan. */
export interface TickedBoxes {
  snooze: string[];
  rescan: boolean;
}

export function readTickedBoxes(body: string): TickedBoxes {
  const ticked: TickedBoxes = { snooze: [], rescan: false };
  for (const line of body.split(/\r?\n/)) {
    const snooze = SNOOZE_BOX.exec(line)?.groups;
    if (snooze !== undefined && snooze.tick !== ' ' && !ticked.snooze.includes(snooze.key ?? '')) {
      ticked.snooze.push(snooze.key ?? '');
    }
    const rescan = RESCAN_BOX.exec(line)?.groups;
    if (rescan !== undefined && rescan.tick !== ' ') ticked.rescan = true;
  }
  return ticked;
}

/** Adds a snooze for every ticked finding (expiring `SNOOZE_DAYS` from today) and drops expired ones. */
export function applyTicks(
  state: DashboardState,
  ticked: TickedBoxes,
  findings: readonly Finding[],
  today: IsoDate,
): DashboardState {
  const until = addDays(today, SNOOZE_DAYS);
  const snoozes = state.snoozes.filter((snooze) => snooze.until > today && !ticked.snooze.includes(snooze.fingerprint));
  for (const key of ticked.snooze) {
    const finding = findings.find((candidate) => candidate.fingerprint === key);
    snoozes.push({ fingerprint: key, ruleId: finding?.ruleId ?? '', until });
  }
  return { fingerprints: state.fingerprints, snoozes };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------
// Rendering a repository's dashboard

export interface RepositoryDashboardInput extends RepoRef {
  /** The branch scanned and its commit. */
  ref: string;
  sha: string;
  report: Report;
  /** `https://github.com` or a GHES server URL, for links to the blob at the commit. */
  serverUrl: string;
  today: IsoDate;
  /** Snoozes carried over (expired ones are dropped here). */
  snoozes: readonly Snooze[];
}

export interface RenderedDashboard {
  body: string;
  state: DashboardState;
  /** Findings not snoozed: what there is to say. */
  open: number;
}

/** The fingerprints of the findings a dashboard lists: suppressed findings are not listed. */
function listedFindings(report: Report): Finding[] {
  return report.findings.filter((finding) => finding.suppressed === undefined);
}

export function renderRepositoryDashboard(input: RepositoryDashboardInput): RenderedDashboard {
  const { report, today } = input;
  const findings = listedFindings(report);
  const fingerprints = [...new Set(findings.map((finding) => finding.fingerprint))].sort();
  const snoozes = input.snoozes.filter((snooze) => snooze.until > today && fingerprints.includes(snooze.fingerprint));
  const snoozedUntil = new Map(snoozes.map((snooze) => [snooze.fingerprint, snooze.until]));
  const open = findings.filter((finding) => !snoozedUntil.has(finding.fingerprint));
  const link = (file: string, line: number): string =>
    `[${escapeMarkdown(`${file}:${line}`)}](${blobUrl(input, file, line)})`;

  const retirement = RETIREMENTS.kubenet.date;
  const head = [
    `# ${escapeMarkdown(DASHBOARD_TITLE)}`,
    '',
    `Scanned ${inlineCode(input.ref)} at ${inlineCode(input.sha.slice(0, 12))} on ${today}: ` +
      `${count(report.clusters.length, 'cluster')}, ${count(open.length, 'open finding')}` +
      (snoozes.length > 0 ? `, ${count(snoozes.length, 'snoozed finding')}` : '') +
      '.',
    '',
    `kubenet retires on ${retirement.value} (${describeRemaining(daysBetween(today, retirement.value))}; [source](${retirement.source})).`,
  ];
  const sections: string[] = [];
  for (const analyzed of report.clusters) {
    sections.push(clusterSection(analyzed, findings, snoozedUntil, link));
  }
  const loose = findings.filter(
    (finding) => finding.clusterId === undefined || !report.clusters.some((c) => c.cluster.id === finding.clusterId),
  );
  if (loose.length > 0) {
    sections.push(
      ['## Other findings', '', ...loose.map((finding) => findingLines(finding, snoozedUntil, link)).flat()].join('\n'),
    );
  }
  const tail = [
    '---',
    '',
    `- [ ] Re-scan now <!-- aks-netguide:rescan -->`,
    '',
    `<sub>Kept by aks-netguide ${escapeMarkdown(report.tool.version)}, knowledge as of ${report.tool.knowledgeAsOf}. ` +
      `Tick a box to snooze a finding for ${SNOOZE_DAYS} days or to scan again; closing this issue keeps it closed until a new finding appears.</sub>`,
  ];
  const state: DashboardState = { fingerprints, snoozes };
  const stateLine = encodeState('repository', state);
  const kept: string[] = [];
  let length = head.join('\n').length + tail.join('\n').length + stateLine.length + 200;
  for (const section of sections) {
    if (length + section.length + 2 > MAX_BODY) {
      kept.push(
        `_${sections.length - kept.length} more sections left out: the issue would be longer than GitHub allows. Run \`netguide scan\` for all of them._`,
      );
      break;
    }
    kept.push(section);
    length += section.length + 2;
  }
  const body = [...head, '', ...kept.flatMap((section) => [section, '']), ...tail, '', stateLine, ''].join('\n');
  return { body, state, open: open.length };
}

function clusterSection(
  analyzed: AnalyzedCluster,
  findings: readonly Finding[],
  snoozedUntil: ReadonlyMap<string, string>,
  link: (file: string, line: number) => string,
): string {
  const { cluster, classification } = analyzed;
  const model =
    classification.model === 'platform-default' && classification.platformDefault !== undefined
      ? `${modelLabel('platform-default')}: ${modelLabel(classification.platformDefault.model)}`
      : modelLabel(classification.model);
  const aksName = cluster.name === undefined ? undefined : settingValue(cluster.name);
  const name = aksName !== undefined ? ` (${inlineCode(aksName)})` : '';
  const lines = [
    `## ${inlineCode(cluster.id)}${name}: ${escapeMarkdown(model)}`,
    '',
    `Defined at ${link(cluster.range.file, cluster.range.startLine)}; model from ${link(classification.range.file, classification.range.startLine)}.`,
    '',
  ];
  const own = findings.filter(
    (finding) => finding.clusterId === cluster.id && finding.range.file === cluster.range.file,
  );
  if (own.length === 0) lines.push('No open findings.');
  else lines.push(...own.flatMap((finding) => findingLines(finding, snoozedUntil, link)));
  const plan = migrationPlan(analyzed);
  const checklist = plan !== undefined ? migrationPlanMarkdown(plan, cluster) : policyPlanMarkdown(analyzed);
  if (checklist !== undefined) {
    lines.push('', '<details><summary>Migration checklist</summary>', '', checklist, '', '</details>');
  }
  return lines.join('\n');
}

function findingLines(
  finding: Finding,
  snoozedUntil: ReadonlyMap<string, string>,
  link: (file: string, line: number) => string,
): string[] {
  const until = snoozedUntil.get(finding.fingerprint);
  const where = link(finding.range.file, finding.range.startLine);
  const text = `**${escapeMarkdown(finding.ruleId)}** (${finding.severity}) at ${where}: ${escapeMessageLine(truncate(finding.message, 600))}`;
  if (until !== undefined) return [`- ~~${text}~~ snoozed until ${until}`];
  return [
    `- ${text}`,
    `  - [ ] Snooze ${inlineCode(finding.ruleId)} for this ${finding.clusterId === undefined ? 'file' : 'cluster'} for ${SNOOZE_DAYS} days <!-- aks-netguide:snooze ${finding.fingerprint} -->`,
  ];
}

function blobUrl(
  repo: { serverUrl: string; owner: string; repo: string; sha: string },
  file: string,
  line: number,
): string {
  const path = file.split('/').map(urlSegment).join('/');
  return `${withoutTrailingSlashes(repo.serverUrl)}/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}/blob/${repo.sha}/${path}#L${line}`;
}

/** A path segment for a URL inside a Markdown link: `(`, `)` and the other characters encodeURIComponent keeps are encoded too. */
function urlSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------------------
// Keeping the issue

export type DashboardOutcome =
  | { action: 'none'; reason: string; number?: number }
  | { action: 'created' | 'updated' | 'reopened' | 'unchanged'; number: number };

export interface UpdateDashboardOptions {
  /** What the person ticked in the body we are answering (issues.edited); empty otherwise. */
  ticked?: TickedBoxes;
  today: IsoDate;
  serverUrl: string;
}

/**
 * Creates, updates, reopens or leaves the repository's dashboard issue for a scan:
 * - no issue and nothing open to say → none is created;
 * - the body only changes when its text changes (no request otherwise);
 * - a closed issue stays closed unless a finding appears whose fingerprint the stored state does not have;
 * - before creating, the list is read again, and after creating, duplicates (a concurrent run) are closed,
 *   keeping the oldest.
 */
export async function updateRepositoryDashboard(
  port: DashboardPort,
  target: RepoRef & { ref: string; sha: string },
  report: Report,
  options: UpdateDashboardOptions,
): Promise<DashboardOutcome> {
  const existing = await findDashboard(port, target, 'repository');
  const stored =
    existing === undefined
      ? { fingerprints: [], snoozes: [] }
      : (decodeState(existing.body)?.state ?? { fingerprints: [], snoozes: [] });
  const ticked = options.ticked ?? { snooze: [], rescan: false };
  const state = applyTicks(stored, ticked, report.findings, options.today);
  const rendered = renderRepositoryDashboard({
    ...target,
    report,
    serverUrl: options.serverUrl,
    today: options.today,
    snoozes: state.snoozes,
  });
  if (existing === undefined) {
    if (rendered.open === 0) return { action: 'none', reason: 'no open findings' };
    return createOnce(port, target, 'repository', DASHBOARD_TITLE, rendered.body);
  }
  if (existing.state === 'closed') {
    const known = new Set(stored.fingerprints);
    const isNew = rendered.state.fingerprints.some((fingerprint) => !known.has(fingerprint));
    if (!isNew) return { action: 'none', reason: 'closed, nothing new', number: existing.number };
    await port.updateIssue(target, existing.number, { body: rendered.body, state: 'open' });
    return { action: 'reopened', number: existing.number };
  }
  if (existing.body === rendered.body) return { action: 'unchanged', number: existing.number };
  await port.updateIssue(target, existing.number, { body: rendered.body });
  return { action: 'updated', number: existing.number };
}

/** Our dashboard issue of this kind in a repository: the oldest labeled issue whose body has our state. */
export async function findDashboard(
  port: DashboardPort,
  repo: RepoRef,
  kind: DashboardKind,
): Promise<IssueInfo | undefined> {
  const issues = await port.listLabeledIssues(repo, DASHBOARD_LABEL);
  return issues.filter((issue) => isDashboardBody(issue.body, kind)).sort((a, b) => a.number - b.number)[0];
}

async function createOnce(
  port: DashboardPort,
  repo: RepoRef,
  kind: DashboardKind,
  title: string,
  body: string,
): Promise<DashboardOutcome> {
  // Re-check right before creating: another run may have created it since we looked.
  const raced = await findDashboard(port, repo, kind);
  if (raced !== undefined) {
    if (raced.state === 'open' && raced.body !== body) await port.updateIssue(repo, raced.number, { body });
    if (raced.state === 'closed') return { action: 'none', reason: 'closed, nothing new', number: raced.number };
    return { action: 'updated', number: raced.number };
  }
  const created = await port.createIssue(repo, { title, body, labels: [DASHBOARD_LABEL] });
  // A run that raced past the re-check created one too: keep the oldest, close ours.
  const all = (await port.listLabeledIssues(repo, DASHBOARD_LABEL)).filter(
    (issue) => issue.state === 'open' && isDashboardBody(issue.body, kind),
  );
  const oldest = all.sort((a, b) => a.number - b.number)[0];
  if (oldest !== undefined && oldest.number !== created.number) {
    await port.updateIssue(repo, created.number, { state: 'closed' });
    return { action: 'updated', number: oldest.number };
  }
  return { action: 'created', number: created.number };
}

// ---------------------------------------------------------------------------------------------------------
// The organisation dashboard

export interface OrganizationDashboardOptions {
  serverUrl: string;
  /** Each repository's dashboard issue number (`owner/name` → number), for links; absent ones get none. */
  dashboards?: ReadonlyMap<string, number>;
}

/** One issue in the configured repository, aggregating every repository of an inventory (the fold of scans). */
export function renderOrganizationDashboard(inventory: Inventory, options: OrganizationDashboardOptions): string {
  const server = withoutTrailingSlashes(options.serverUrl);
  const { totals, kubenetRetirement } = inventory;
  const lines = [
    `# ${escapeMarkdown(ORGANIZATION_DASHBOARD_TITLE)}`,
    '',
    `${count(totals.repositories, 'repository')} (${totals.unreadableRepositories} unreadable), ` +
      `${count(totals.clusters, 'cluster')}, ${count(totals.kubenetClusters, 'kubenet cluster')}, ${count(totals.findings, 'finding')}, as of ${inventory.today}.`,
    '',
    `kubenet retires on ${kubenetRetirement.date} (${describeRemaining(kubenetRetirement.daysLeft)}; [source](${kubenetRetirement.source})).`,
    '',
    ...modelsMarkdown(inventory),
    '',
    '## kubenet clusters by repository',
    '',
  ];
  if (inventory.kubenetByRepository.length === 0) lines.push('None.');
  else {
    lines.push('| Repository | kubenet clusters | Dashboard |', '| --- | ---: | --- |');
    for (const row of inventory.kubenetByRepository) {
      const number = options.dashboards?.get(row.repository);
      const repoUrl = `${server}/${row.repository.split('/').map(encodeURIComponent).join('/')}`;
      const dashboard = number === undefined ? '' : `[#${number}](${repoUrl}/issues/${number})`;
      lines.push(`| [${escapeMarkdown(row.repository)}](${repoUrl}) | ${row.clusters} | ${dashboard} |`);
    }
  }
  const unreadable = inventory.repositories.filter((repository) => repository.status === 'unreadable');
  if (unreadable.length > 0) {
    lines.push('', '## Repositories that could not be read', '');
    for (const repository of unreadable) {
      lines.push(`- ${escapeMarkdown(repository.name)}: ${escapeMessageLine(truncate(repository.reason ?? '', 300))}`);
    }
  }
  lines.push('', encodeState('organization', { fingerprints: [], snoozes: [] }), '');
  let body = lines.join('\n');
  if (body.length > MAX_BODY)
    body = `${body.slice(0, MAX_BODY - 200)}\n\n_Cut: longer than GitHub allows._\n\n${encodeState('organization', { fingerprints: [], snoozes: [] })}\n`;
  return body;
}

/**
 * Creates or updates the organisation dashboard in `target` (the repository the config names). It is kept
 * open and updated whenever its text changes; a closed one is left closed.
 */
export async function updateOrganizationDashboard(
  port: DashboardPort,
  target: RepoRef,
  inventory: Inventory,
  options: OrganizationDashboardOptions,
): Promise<DashboardOutcome> {
  const body = renderOrganizationDashboard(inventory, options);
  const existing = await findDashboard(port, target, 'organization');
  if (existing === undefined) return createOnce(port, target, 'organization', ORGANIZATION_DASHBOARD_TITLE, body);
  if (existing.state === 'closed') return { action: 'none', reason: 'closed', number: existing.number };
  if (existing.body === body) return { action: 'unchanged', number: existing.number };
  await port.updateIssue(target, existing.number, { body });
  return { action: 'updated', number: existing.number };
}
