import type { GitHubPort, RepoRef } from '../github/port.js';
import { inlineCode } from '../render/escape.js';
import { COMMENT_BODY_LIMIT } from '../render/summary.js';
import { findCommand, helpText } from './handlers.js';
import { parseCommands } from './parse.js';

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
}

export interface DispatchResult {
  answered: number;
  ignored?: 'bot' | 'edited' | 'no-command';
}

const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write']);
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
  let permission: string | undefined;
  for (const command of commands) {
    const spec = findCommand(command.name);
    let ok: boolean;
    let body: string;
    if (spec === undefined) {
      ok = false;
      body = `Unknown command ${inlineCode(command.name, 40)}.\n\n${helpText()}`;
    } else {
      if (spec.permission === 'write') permission ??= await port.getPermission(event.repo, event.author.login);
      if (spec.permission === 'write' && !WRITE_PERMISSIONS.has(permission ?? 'none')) {
        ok = false;
        body = `${inlineCode(command.name)} needs write permission on this repository; @${'\u200b'}${event.author.login.replace(/[^A-Za-z0-9-]/g, '')} has ${permission ?? 'none'}.`;
      } else {
        try {
          const context =
            options.recheck === undefined
              ? { isPullRequest: event.isPullRequest }
              : { isPullRequest: event.isPullRequest, recheck: options.recheck };
          ({ ok, body } = await spec.run(command.args, context));
        } catch (error) {
          ok = false;
          body = `The command failed: ${inlineCode(error instanceof Error ? error.message : String(error), 300)}`;
        }
      }
    }
    allOk &&= ok;
    await port.createIssueComment(ref, reply(command.line, body));
  }
  await port.addReaction(event.repo, event.commentId, allOk ? 'rocket' : 'confused');
  return { answered: commands.length };
}

function reply(line: string, body: string): string {
  const text = `> ${inlineCode(line, 300)}\n\n${body}\n\n${REPLY_MARKER}`;
  return text.length <= COMMENT_BODY_LIMIT
    ? text
    : `${text.slice(0, COMMENT_BODY_LIMIT - 200)}\n\n… (cut at GitHub's comment size limit)\n\n${REPLY_MARKER}`;
}
