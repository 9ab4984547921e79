import { daysBetween } from '../domain/dates.js';
import { RETIREMENTS } from '../knowledge/index.js';
import type { IsoDate } from '../knowledge/types.js';
import type { Report, Severity } from '../model/index.js';
import { settingValue, severityRank } from '../model/index.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { ownersOf, parseCodeowners } from './codeowners.js';

/**
 * One repository as the inventory receives it: a scan through the API (`RepositoryScan` has this shape) or
 * a local folder. `report` when it was read, `error` when it could not be.
 */
export interface InventoryInput {
  /** `owner/name`, or the folder as given on the command line. */
  name: string;
  ref?: string;
  sha?: string;
  report?: Report;
  error?: string;
  /** The CODEOWNERS in force, for the teams that own each cluster's file. */
  codeowners?: { path: string; text: string };
  /** API requests the scan made, when it went through the API. */
  requests?: number;
  /** The repository's netguide.yml; `errors` when it was invalid (the defaults were used). */
  config?: { path: string; errors?: string[] };
}

export interface InventoryRepository {
  name: string;
  ref: string;
  sha: string;
  status: 'read' | 'unreadable';
  /** Why it could not be read. */
  reason?: string;
  clusters: number;
  kubenetClusters: number;
  findings: number;
  /** Files in it that the analyzer could not read (too large, binary, not text): a `not-analyzed` finding each. */
  filesNotAnalyzed: number;
  /** CODEOWNERS lines GitHub would reject (skipped). */
  codeownersErrors: string[];
  /** Why the repository's netguide.yml was not used (invalid: the defaults were). */
  configErrors: string[];
  requests?: number;
}

export interface InventoryCluster {
  repository: string;
  file: string;
  line: number;
  /** The cluster's id in its file (`azurerm_kubernetes_cluster.aks`), and its AKS name when given. */
  id: string;
  name: string | null;
  format: string;
  /** As classified: a model, `platform-default` or `unresolved`. */
  model: string;
  /** What the cluster is in effect: the platform default's model for `platform-default`. */
  effectiveModel: string;
  kubenet: boolean;
  /** CODEOWNERS owners of its file; empty when none own it. */
  owners: string[];
  /** The open findings on it, most severe first. */
  findings: { ruleId: string; severity: Severity; line: number; message: string }[];
}

export interface Inventory {
  tool: { name: string; version: string; knowledgeAsOf: string };
  today: IsoDate;
  kubenetRetirement: { date: IsoDate; daysLeft: number; source: string };
  totals: {
    repositories: number;
    unreadableRepositories: number;
    clusters: number;
    kubenetClusters: number;
    findings: number;
  };
  repositories: InventoryRepository[];
  clusters: InventoryCluster[];
  /** Clusters by effective model, most first. */
  byModel: { model: string; clusters: number }[];
  kubenetByRepository: { repository: string; clusters: number }[];
  /** Kubenet clusters by CODEOWNERS owner; a cluster with two owners counts for both, one with none under "(no owner)". */
  kubenetByTeam: { team: string; clusters: number }[];
  /** Every finding (on a cluster or not), by rule. */
  findingsByRule: { ruleId: string; severity: Severity; findings: number; helpUri: string }[];
}

export const NO_OWNER = '(no owner)';

export interface InventoryOptions {
  /** The date the countdown starts from. */
  today: IsoDate;
}

/** Folds the repositories' reports into one inventory. Pure: the same inputs give the same inventory. */
export function buildInventory(inputs: readonly InventoryInput[], options: InventoryOptions): Inventory {
  const retirement = RETIREMENTS.kubenet.date;
  const repositories: InventoryRepository[] = [];
  const clusters: InventoryCluster[] = [];
  const rules = new Map<string, { ruleId: string; severity: Severity; findings: number; helpUri: string }>();
  let knowledgeAsOf = '';
  const sorted = [...inputs].sort((a, b) => compare(a.name, b.name));
  for (const input of sorted) {
    const report = input.report;
    const base = { name: input.name, ref: input.ref ?? '', sha: input.sha ?? '' };
    const extra = input.requests === undefined ? {} : { requests: input.requests };
    if (report === undefined) {
      repositories.push({
        ...base,
        status: 'unreadable',
        reason: input.error ?? 'no report',
        clusters: 0,
        kubenetClusters: 0,
        findings: 0,
        filesNotAnalyzed: 0,
        codeownersErrors: [],
        configErrors: [],
        ...extra,
      });
      continue;
    }
    if (report.tool.knowledgeAsOf > knowledgeAsOf) knowledgeAsOf = report.tool.knowledgeAsOf;
    const codeowners = input.codeowners === undefined ? undefined : parseCodeowners(input.codeowners.text);
    let kubenet = 0;
    for (const analyzed of report.clusters) {
      const { cluster, classification } = analyzed;
      const effectiveModel = classification.platformDefault?.model ?? classification.model;
      const isKubenet = effectiveModel === 'kubenet';
      if (isKubenet) kubenet += 1;
      const owners =
        codeowners === undefined ? [] : (ownersOf(codeowners, cluster.range.file) ?? []).map((o) => o.toLowerCase());
      clusters.push({
        repository: input.name,
        file: cluster.range.file,
        line: cluster.range.startLine,
        id: cluster.id,
        name: settingValue(cluster.name) ?? null,
        format: cluster.format,
        model: classification.model,
        effectiveModel,
        kubenet: isKubenet,
        owners,
        findings: report.findings
          .filter((finding) => finding.clusterId === cluster.id && finding.range.file === cluster.range.file)
          .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.range.startLine - b.range.startLine)
          .map((finding) => ({
            ruleId: finding.ruleId,
            severity: finding.severity,
            line: finding.range.startLine,
            message: finding.message,
          })),
      });
    }
    for (const finding of report.findings) {
      const entry = rules.get(finding.ruleId) ?? {
        ruleId: finding.ruleId,
        severity: finding.severity,
        findings: 0,
        helpUri: finding.helpUri,
      };
      entry.findings += 1;
      if (severityRank(finding.severity) > severityRank(entry.severity)) entry.severity = finding.severity;
      rules.set(finding.ruleId, entry);
    }
    repositories.push({
      ...base,
      status: 'read',
      clusters: report.clusters.length,
      kubenetClusters: kubenet,
      findings: report.findings.length,
      filesNotAnalyzed: report.findings.filter((finding) => finding.ruleId === 'not-analyzed').length,
      codeownersErrors: (codeowners?.errors ?? []).map(
        (error) => `${input.codeowners?.path ?? 'CODEOWNERS'}:${error.line}: ${error.message}`,
      ),
      configErrors: (input.config?.errors ?? []).map((error) => `${input.config?.path ?? 'netguide.yml'}: ${error}`),
      ...extra,
    });
  }

  const kubenetClusters = clusters.filter((cluster) => cluster.kubenet);
  return {
    tool: { name: TOOL_NAME, version: VERSION, knowledgeAsOf },
    today: options.today,
    kubenetRetirement: {
      date: retirement.value,
      daysLeft: daysBetween(options.today, retirement.value),
      source: retirement.source,
    },
    totals: {
      repositories: repositories.length,
      unreadableRepositories: repositories.filter((repository) => repository.status === 'unreadable').length,
      clusters: clusters.length,
      kubenetClusters: kubenetClusters.length,
      findings: repositories.reduce((sum, repository) => sum + repository.findings, 0),
    },
    repositories,
    clusters,
    byModel: tally(clusters.map((cluster) => cluster.effectiveModel)).map(([model, count]) => ({
      model,
      clusters: count,
    })),
    kubenetByRepository: tally(kubenetClusters.map((cluster) => cluster.repository)).map(([repository, count]) => ({
      repository,
      clusters: count,
    })),
    kubenetByTeam: tally(
      kubenetClusters.flatMap((cluster) => (cluster.owners.length === 0 ? [NO_OWNER] : cluster.owners)),
    ).map(([team, count]) => ({ team, clusters: count })),
    findingsByRule: [...rules.values()].sort(
      (a, b) =>
        b.findings - a.findings || severityRank(b.severity) - severityRank(a.severity) || compare(a.ruleId, b.ruleId),
    ),
  };
}

/** Counts, most first, then by name. */
function tally(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
