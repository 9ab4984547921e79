import { describe, expect, it } from 'vitest';
import { FakePort } from '../../../test/support/fake-port.js';
import { REPLY_MARKER, ReplyLimiter, dispatchCommands } from './dispatch.js';
import type { CommentEvent } from './dispatch.js';

const BOT = 'netguide[bot]';

function event(body: string, overrides: Partial<CommentEvent> = {}): CommentEvent {
  return {
    repo: { owner: 'contoso', repo: 'infra' },
    issueNumber: 7,
    isPullRequest: true,
    commentId: 100,
    body,
    author: { login: 'alice', type: 'User' },
    action: 'created',
    ...overrides,
  };
}

describe('dispatchCommands', () => {
  it.each([
    { name: 'a bot', e: event('/netguide help', { author: { login: 'renovate[bot]', type: 'Bot' } }), ignored: 'bot' },
    { name: 'ourselves', e: event('/netguide help', { author: { login: BOT, type: 'Bot' } }), ignored: 'bot' },
    { name: 'an edit', e: event('/netguide help', { action: 'edited' }), ignored: 'edited' },
    { name: 'a deletion', e: event('/netguide help', { action: 'deleted' }), ignored: 'edited' },
    { name: 'no command', e: event('looks good'), ignored: 'no-command' },
  ])('ignores $name without a reaction or a reply', async ({ e, ignored }) => {
    const port = new FakePort(BOT);
    const result = await dispatchCommands(port, e, { botLogin: BOT, allowEdited: false });
    expect(result).toEqual({ answered: 0, ignored });
    expect(port.reactions).toEqual([]);
    expect(port.issueComments).toEqual([]);
  });

  it('answers an edited comment when the configuration opts in', async () => {
    const port = new FakePort(BOT);
    const result = await dispatchCommands(port, event('/netguide help', { action: 'edited' }), {
      botLogin: BOT,
      allowEdited: true,
    });
    expect(result).toEqual({ answered: 1 });
  });

  it.each([
    { body: '/netguide help', replies: 1, reaction: 'rocket' },
    { body: '/netguide frobnicate', replies: 1, reaction: 'confused' },
    { body: '/netguide explain', replies: 1, reaction: 'confused' },
    { body: '/netguide explain kubenet\n/netguide compare overlay', replies: 2, reaction: 'rocket' },
    { body: '/netguide explain kubenet\n/netguide plan', replies: 2, reaction: 'confused' },
  ])('$body: 👀, $replies replies quoting the command, then $reaction', async ({ body, replies, reaction }) => {
    const port = new FakePort(BOT);
    await dispatchCommands(port, event(body), { botLogin: BOT, allowEdited: false });
    expect(port.reactions.map((r) => r.content)).toEqual(['eyes', reaction]);
    expect(port.issueComments).toHaveLength(replies);
    for (const comment of port.issueComments) {
      expect(comment.body).toMatch(/^> `\/netguide /);
      expect(comment.body.endsWith(REPLY_MARKER)).toBe(true);
    }
  });

  it.each([
    { permission: 'write', ok: true },
    { permission: 'admin', ok: true },
    { permission: 'triage', ok: false },
    { permission: 'read', ok: false },
    { permission: 'none', ok: false },
  ] as const)('recheck with $permission permission: allowed $ok', async ({ permission, ok }) => {
    const port = new FakePort(BOT);
    port.permissions.set('alice', permission);
    let rechecked = 0;
    await dispatchCommands(port, event('/netguide recheck'), {
      botLogin: BOT,
      allowEdited: false,
      recheck: async () => {
        rechecked++;
        return 'checked again';
      },
    });
    expect(rechecked).toBe(ok ? 1 : 0);
    expect(port.issueComments[0]?.body).toMatch(ok ? /checked again/ : /needs write permission/);
    expect(port.reactions.at(-1)?.content).toBe(ok ? 'rocket' : 'confused');
  });

  it('read-only commands never ask for the permission', async () => {
    const port = new FakePort(BOT);
    await dispatchCommands(port, event('/netguide help\n/netguide compare'), { botLogin: BOT, allowEdited: false });
    expect(port.calls).not.toContain('getPermission');
  });

  it('a failing recheck replies with an error id only, logs the detail, and ends with 😕', async () => {
    const port = new FakePort(BOT);
    port.permissions.set('alice', 'write');
    const logged: string[] = [];
    await dispatchCommands(port, event('/netguide recheck'), {
      botLogin: BOT,
      allowEdited: false,
      recheck: () => Promise.reject(new Error('HttpError: Bad credentials - https://internal.example/token')),
      log: (message) => logged.push(message),
    });
    const body = port.issueComments[0]?.body ?? '';
    const id = /error id `(?<id>[0-9a-f]{8})`/.exec(body)?.groups?.id;
    expect(id).toBeDefined();
    expect(body).not.toMatch(/Bad credentials|internal\.example/);
    expect(logged).toEqual([expect.stringContaining(`[${id}]: HttpError: Bad credentials`)]);
    expect(port.reactions.at(-1)?.content).toBe('confused');
  });

  it.each([
    { body: '/netguide explain constructor', reply: /is neither a model/ },
    { body: '/netguide explain __proto__', reply: /is neither a model/ },
    { body: '/netguide compare __proto__', reply: /unknown model/ },
    { body: '/netguide compare constructor toString', reply: /unknown model/ },
    { body: '/netguide migrate hasOwnProperty', reply: /name the model to migrate from/ },
  ])('$body: prototype names are no models', async ({ body, reply }) => {
    const port = new FakePort(BOT);
    await dispatchCommands(port, event(body), { botLogin: BOT, allowEdited: false });
    expect(port.issueComments.map((c) => c.body)).toEqual([expect.stringMatching(reply)]);
    expect(port.reactions.at(-1)?.content).toBe('confused');
  });

  it('never echoes a marker from the command: the reply cannot pass for our summary', async () => {
    const port = new FakePort(BOT);
    await dispatchCommands(port, event('/netguide explain <!-- aks-netguide:summary tag=aks-netguide -->'), {
      botLogin: BOT,
      allowEdited: false,
    });
    const [reply] = port.issueComments.map((c) => c.body);
    expect(reply).toMatch(/is neither a model/);
    expect(reply).not.toMatch(/<!--\s*aks-netguide:summary/);
    expect(reply?.trimEnd().split('\n').at(-1)).toBe(REPLY_MARKER);
  });

  it('caps replies per user per pull request per minute', async () => {
    const port = new FakePort(BOT);
    const limiter = new ReplyLimiter(6);
    const five = Array.from({ length: 5 }, () => '/netguide help').join('\n');
    const first = await dispatchCommands(port, event(five), { botLogin: BOT, allowEdited: false, limiter });
    const second = await dispatchCommands(port, event(five), { botLogin: BOT, allowEdited: false, limiter });
    const other = await dispatchCommands(port, event(five, { author: { login: 'bob', type: 'User' } }), {
      botLogin: BOT,
      allowEdited: false,
      limiter,
    });
    expect([first, second, other]).toEqual([{ answered: 5 }, { answered: 1, limited: 4 }, { answered: 5 }]);
    expect(port.issueComments).toHaveLength(11);
    expect(limiter.take('contoso/infra#7:alice', Date.now() + 61_000)).toBe(true);
  });

  it('counts the replies of the last minute from the comments when asked (the Action keeps no state between runs)', async () => {
    // Arrange: a first run answered alice five times and bob once; the second run starts with a new limiter
    const port = new FakePort(BOT);
    const five = Array.from({ length: 5 }, () => '/netguide help').join('\n');
    await dispatchCommands(port, event(five), { botLogin: BOT, allowEdited: false, limiter: new ReplyLimiter(6) });
    await dispatchCommands(port, event('/netguide help', { author: { login: 'bob', type: 'User' } }), {
      botLogin: BOT,
      allowEdited: false,
      limiter: new ReplyLimiter(6),
    });
    // A comment by someone else that copies our reply's last lines does not count
    const copied = port.issueComments[0]?.body ?? '';
    port.issueComments.push({
      id: 900,
      nodeId: 'IC_900',
      body: copied,
      authorLogin: 'mallory',
      createdAt: new Date().toISOString(),
    });
    const options = { botLogin: BOT, allowEdited: false, countRecentReplies: true };

    // Act
    const alice = await dispatchCommands(port, event(five), { ...options, limiter: new ReplyLimiter(6) });
    const bob = await dispatchCommands(port, event(five, { author: { login: 'bob', type: 'User' } }), {
      ...options,
      limiter: new ReplyLimiter(6),
    });

    // Assert
    expect([alice, bob]).toEqual([{ answered: 1, limited: 4 }, { answered: 5 }]);
    expect(port.issueComments[0]?.body.trimEnd().split('\n').slice(-2)).toEqual([
      '<!-- aks-netguide:reply-to alice -->',
      REPLY_MARKER,
    ]);
  });
});
