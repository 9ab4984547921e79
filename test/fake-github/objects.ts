// Response objects. Each starts from the example GitHub publishes for that response in the
// OpenAPI description (so every field a client might read is present and plausibly typed) and
// overrides what the fake knows: ids, node ids, logins, shas, URLs, times.

export type Json = Record<string, unknown>;

export interface Actor {
  login: string;
  type: 'Bot' | 'User' | 'Organization';
}

export const HTML_BASE = 'https://github.com';

export class Renderer {
  private readonly userIds = new Map<string, number>();

  constructor(
    private readonly examples: Record<string, { value?: unknown }>,
    /** Base URL of the fake, used wherever GitHub puts an API URL. */
    readonly apiBase: string,
  ) {}

  /** A deep copy of a published example, with GitHub's own URLs pointed at the fake. */
  example(name: string): Json {
    const value = this.examples[name]?.value;
    if (value === undefined) throw new Error(`fake GitHub: no example named ${name} in the spec subset`);
    const rebased = JSON.stringify(value).replaceAll('https://api.github.com', this.apiBase);
    return JSON.parse(rebased) as Json;
  }

  user(actor: Actor): Json {
    let id = this.userIds.get(actor.login);
    if (id === undefined) {
      id = 1_000_000 + this.userIds.size;
      this.userIds.set(actor.login, id);
    }
    const prefix = actor.type === 'Bot' ? 'BOT' : actor.type === 'Organization' ? 'O' : 'U';
    const api = `${this.apiBase}/users/${encodeURIComponent(actor.login)}`;
    return {
      login: actor.login,
      id,
      node_id: nodeId(prefix, id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url:
        actor.type === 'Bot'
          ? `${HTML_BASE}/apps/${actor.login.replace(/\[bot\]$/, '')}`
          : `${HTML_BASE}/${actor.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: actor.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }
}

/** GitHub's newer global node id shape: `<PREFIX>_kwDO…`. Ours encodes the numeric id. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

/** GitHub prints times without milliseconds. */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Replaces every string occurrence of `from` with `to`, deeply. */
export function replaceStrings(value: Json, from: string, to: string): Json {
  return JSON.parse(JSON.stringify(value).replaceAll(from, to)) as Json;
}
