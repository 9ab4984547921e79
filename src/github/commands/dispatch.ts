import { randomUUID } from 'node:crypto';
import type { GitHubPort, PullRef, RepoPermission, RepoRef } from '../port.js';
import { inlineCode } from '../../render/escape.js';
import { COMMENT_BODY_LIMIT } from '../../render/summary.js';
import { findCommand, helpText } from './handlers.js';
import type { CommandResult } from './handlers.js';
import { parseCommands } from './parse.js';
import type { ParsedCommand } from './parse.js';

export interface CommentEvent {
  repo: RepoRef;
  issueNumber: number;
  isPullRequest: boolean;
  commentId: number;
  body: string;
  author: { login: string; type: string };
  action: 'created' | 'edited' | 'deleted';
}

export interface DispatchOptions {
  /** Our own login, so we never answer ourselves. */
  botLogin: string;
  /** Answer commands in edited comments too (off by default, as Atlantis and Prow do). */
  allowEdited: boolean;
  /** Runs the review of this pull request again, for `/netguide recheck`. */
  recheck?: () => Promise<string>;
  /** Where the detail of a failed command goes (the reply carries only a correlation id). */
  log?: (message: string) => void;
  /** Caps replies per user per issue per minute across comments (the App keeps one per process). */
  limiter?: ReplyLimiter;
  /**
   * Counts the user's replies of the last minute from the issue's comments before answering: for the Action,
   * whose every run starts with an empty limiter. Only our own replies count, by the `reply-to` line we write.
   */
  countRecentReplies?: boolean;
}

/** Replies one user may get on one issue or pull request within a minute. */
export const MAX_REPLIES_PER_USER_PER_MINUTE = 10;

/** A sliding one-minute window of replies per user and issue. */
export class ReplyLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly limit = MAX_REPLIES_PER_USER_PER_MINUTE) {}

  /** Counts replies sent before this limiter existed (read back from the issue's comments). */
  seed(key: string, times: readonly number[]): void {
    this.sent.set(
      key,
      [...(this.sent.get(key) ?? []), ...times].sort((a, b) => a - b),
    );
  }

  /** True (and counted) when one more reply is allowed now. */
  take(key: string, now = Date.now()): boolean {
    const recent = (this.sent.get(key) ?? []).filter((time) => now - time < 60_000);
    if (recent.length >= this.limit) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(key, recent);
    if (this.sent.size > 10_000) {
      const oldest = this.sent.keys().next();
      if (oldest.done !== true) this.sent.delete(oldest.value);
    }
    return true;
  }
}

export interface DispatchResult {
  answered: number;
  ignored?: 'bot' | 'edited' | 'no-command';
  /** Commands not answered because the user's replies per minute ran out. */
  limited?: number;
}

const WRITE_PERMISSIONS = new Set<RepoPermission>(['admin', 'maintain', 'write']);
export const REPLY_MARKER = '<!-- aks-netguide:reply -->';

/**
 * Answers the `/netguide` commands of one comment: 👀 on receipt, one reply per command quoting it, then
 * 🚀 when all went well or 😕 when one did not. Comments from bots (ourselves included) are ignored so two
 * bots can't loop; commands that change anything need write permission, checked through the API.
 */
export async function dispatchCommands(
  port: GitHubPort,
  event: CommentEvent,
  options: DispatchOptions,
): Promise<DispatchResult> {
  if (event.author.type === 'Bot' || event.author.login.endsWith('[bot]') || event.author.login === options.botLogin) {
    return { answered: 0, ignored: 'bot' };
  }
  if (event.action === 'deleted' || (event.action === 'edited' && !options.allowEdited))
    return { answered: 0, ignored: 'edited' };
  const commands = parseCommands(event.body);
  if (commands.length === 0) return { answered: 0, ignored: 'no-command' };
  const ref = { ...event.repo, number: event.issueNumber };
  await port.addReaction(event.repo, event.commentId, 'eyes');
  let allOk = true;
  let answered = 0;
  const permission = lazyPermission(port, event);
  const key = `${event.repo.owner}/${event.repo.repo}#${event.issueNumber}:${event.author.login}`;
  if (options.limiter !== undefined && options.countRecentReplies === true) {
    options.limiter.seed(key, await recentReplies(port, ref, event.author.login, options.botLogin));
  }
  for (const command of commands) {
    if (options.limiter !== undefined && !options.limiter.take(key)) {
      allOk = false;
      continue;
    }
    let result: CommandResult;
    try {
      result = await answer(command, event, options, permission);
    } catch (error) {
      // A failed API call (the permission check, a recheck) still gets a reply and 😕, never silence; its
      // text stays in the log (it may name internals), the public reply carries an id to find it by.
      const id = randomUUID().slice(0, 8);
      options.log?.(
        `command ${JSON.stringify(command.name)} in comment ${event.commentId} failed [${id}]: ${error instanceof Error ? error.message : String(error)}`,
      );
      result = {
        ok: false,
        body: `The command failed (error id \`${id}\`); the maintainers can find the detail in the log.`,
      };
    }
    allOk &&= result.ok;
    answered++;
    await port.createIssueComment(ref, reply(command.line, result.body, event.author.login));
  }
  await port.addReaction(event.repo, event.commentId, allOk ? 'rocket' : 'confused');
  const limited = commands.length - answered;
  return limited > 0 ? { answered, limited } : { answered };
}

async function answer(
  command: ParsedCommand,
  event: CommentEvent,
  options: DispatchOptions,
  permission: () => Promise<RepoPermission>,
): Promise<CommandResult> {
  const spec = findCommand(command.name);
  if (spec === undefined)
    return { ok: false, body: `Unknown command ${inlineCode(command.name, 40)}.\n\n${helpText()}` };
  if (spec.permission === 'write') {
    const has = await permission();
    if (!WRITE_PERMISSIONS.has(has)) {
      // A zero-width space keeps the reply from mentioning the user again.
      const login = event.author.login.replace(/[^A-Za-z0-9-]/g, '');
      return {
        ok: false,
        body: `${inlineCode(command.name)} needs write permission on this repository; @\u200b${login} has ${has}.`,
      };
    }
  }
  const context =
    options.recheck === undefined
      ? { isPullRequest: event.isPullRequest }
      : { isPullRequest: event.isPullRequest, recheck: options.recheck };
  return spec.run(command.args, context);
}

/** The commenter's permission, asked once per comment and only when a command needs it. */
function lazyPermission(port: GitHubPort, event: CommentEvent): () => Promise<RepoPermission> {
  let cached: Promise<RepoPermission> | undefined;
  return () => (cached ??= port.getPermission(event.repo, event.author.login));
}

function reply(line: string, body: string, login: string): string {
  const end = `${replyToLine(login)}\n${REPLY_MARKER}`;
  const text = `> ${inlineCode(line, 300)}\n\n${body}\n\n${end}`;
  return text.length <= COMMENT_BODY_LIMIT
    ? text
    : `${text.slice(0, COMMENT_BODY_LIMIT - 200)}\n\n… (cut at GitHub's comment size limit)\n\n${end}`;
}

/** Who a reply answers, in a hidden line; a login holds only letters, digits and hyphens, never `-->`. */
function replyToLine(login: string): string {
  return `<!-- aks-netguide:reply-to ${login.replace(/[^A-Za-z0-9-]/g, '')} -->`;
}

/** When our replies to `login` on this issue were posted, within the last minute. */
async function recentReplies(port: GitHubPort, ref: PullRef, login: string, botLogin: string): Promise<number[]> {
  const now = Date.now();
  const tail = `${replyToLine(login)}\n${REPLY_MARKER}`;
  return (await port.listIssueComments(ref))
    .filter((comment) => comment.authorLogin === botLogin && comment.body.trimEnd().endsWith(tail))
    .map((comment) => Date.parse(comment.createdAt ?? ''))
    .filter((time) => Number.isFinite(time) && now - time < 60_000);
}
