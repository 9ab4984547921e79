/**
 * The App's `/netguide` commands on the command line: the same handlers (src/github/commands/handlers.ts),
 * so `netguide explain kubenet-retirement` prints what the comment reply says, and `netguide migrate`
 * prints the migration plan the pull request summary shows (src/render/guidance.ts).
 */
import type { AnalyzedCluster, Report } from '../model/index.js';
import { findCommand } from '../github/commands/handlers.js';
import { migrationPlan, migrationPlanMarkdown } from '../render/guidance.js';
import { describeModel } from '../render/labels.js';

/** The slash commands that read nothing but their arguments (recheck and help stay in the App). */
const SLASH_COMMANDS = ['explain', 'compare', 'plan'] as const;
type SlashCommand = (typeof SLASH_COMMANDS)[number];

export function isSlashCommand(word: string): word is SlashCommand {
  return (SLASH_COMMANDS as readonly string[]).includes(word);
}

/** Runs one of them through the App's handler; `usage` is the handler's usage line spelled for the CLI. */
export async function slashCommand(
  name: SlashCommand,
  args: readonly string[],
): Promise<{ ok: boolean; body: string; usage: string }> {
  const spec = findCommand(name);
  if (spec === undefined) throw new Error(`no /netguide ${name} handler`);
  const result = await spec.run(args, { isPullRequest: false });
  return { ...result, usage: spec.usage.replace(/^\/netguide /, 'netguide ') };
}

export type MigrateOutcome =
  { kind: 'plans'; text: string } | { kind: 'none'; text: string } | { kind: 'no-such-cluster'; text: string };

/** The migration plan of every cluster in the report, or of the one named (by id or resource name). */
export function migrationPlans(report: Report, cluster: string | undefined): MigrateOutcome {
  const chosen =
    cluster === undefined
      ? report.clusters
      : report.clusters.filter((analyzed) => analyzed.cluster.id === cluster || nameOf(analyzed) === cluster);
  if (chosen.length === 0) {
    const known = report.clusters.map((analyzed) => analyzed.cluster.id);
    return cluster === undefined
      ? { kind: 'none', text: 'No AKS cluster found.\n' }
      : {
          kind: 'no-such-cluster',
          text: `no cluster "${cluster}"; found ${known.length === 0 ? 'none' : known.join(', ')}`,
        };
  }
  const sections = chosen.map((analyzed) => {
    const { cluster: found } = analyzed;
    const where = `${found.range.file}:${found.range.startLine}`;
    const plan = migrationPlan(analyzed);
    if (plan === undefined) {
      return `## ${found.id} (${where})\n\nNo migration to plan: ${describeModel(analyzed)} has no recommended target.`;
    }
    return `## ${found.id} (${where})\n\n${migrationPlanMarkdown(plan, found)}`;
  });
  return { kind: 'plans', text: `${sections.join('\n\n')}\n` };
}

function nameOf({ cluster }: AnalyzedCluster): string | undefined {
  return cluster.name === undefined || cluster.name.how === 'unresolved' ? undefined : cluster.name.value;
}
