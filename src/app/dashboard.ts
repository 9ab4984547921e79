import { todayUtc } from '../engine/config.js';
import type { ConfigResult } from '../engine/config-file.js';
import { readTickedBoxes, updateRepositoryDashboard } from '../github/dashboard.js';
import type { DashboardOutcome, DashboardPort, TickedBoxes } from '../github/dashboard.js';
import type { RepoRef, RepositoryPort } from '../github/port.js';
import { scanRepository } from '../github/repository-scan.js';

export interface DashboardRunOptions {
  loadConfig: () => Promise<ConfigResult>;
  serverUrl: string;
  /** Runs the task after earlier ones for the same repository (one dashboard update at a time per repository). */
  serialize: <T>(task: () => Promise<T>) => Promise<T>;
  ticked?: TickedBoxes;
  today?: string;
}

export type DashboardRunResult = DashboardOutcome | { action: 'failed'; reason: string };

/**
 * Scans the repository at a commit (or its default branch) through the API and updates its dashboard
 * issue. A repository that cannot be read, or a configuration with errors, leaves the issue alone and says why.
 */
export async function runDashboard(
  port: RepositoryPort & DashboardPort,
  target: RepoRef & { ref: string },
  options: DashboardRunOptions,
): Promise<DashboardRunResult> {
  return options.serialize(async () => {
    const loaded = await options.loadConfig();
    if (!loaded.ok) return { action: 'failed', reason: `configuration: ${loaded.errors.join('; ')}` };
    const scan = await scanRepository(port, target, { config: loaded.config.analyze });
    if (scan.report === undefined) return { action: 'failed', reason: scan.error ?? 'not read' };
    const report = {
      ...scan.report,
      findings: scan.report.findings.filter((f) => loaded.config.includes(f.range.file)),
    };
    return updateRepositoryDashboard(port, { ...target, ref: scan.ref, sha: scan.sha }, report, {
      today: options.today ?? todayUtc(),
      serverUrl: options.serverUrl,
      ...(options.ticked === undefined ? {} : { ticked: options.ticked }),
    });
  });
}

/** What a person's edit of a dashboard body asks for; undefined when nothing is ticked. */
export function ticksOf(body: string): TickedBoxes | undefined {
  const ticked = readTickedBoxes(body);
  return ticked.rescan || ticked.snooze.length > 0 ? ticked : undefined;
}
