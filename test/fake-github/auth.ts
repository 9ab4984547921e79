import { createPublicKey, verify } from 'node:crypto';

export interface TokenInfo {
  login: string;
  type: 'Bot' | 'User';
  /** false: every write answers 403 like a read-only `GITHUB_TOKEN` on a fork PR. */
  write: boolean;
  /** The GitHub App behind a Bot token; check runs remember it. */
  appId?: number;
}

export interface AppInfo {
  id: number;
  slug: string;
  /** When set, JWTs claiming this app must carry a valid RS256 signature by its key. */
  publicKeyPem?: string;
  /** Installation ids of this app (default: one, `id * 100 + 1`). */
  installationIds: number[];
}

export type Credentials =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | {
      kind: 'jwt';
      token: string;
      header: Record<string, unknown>;
      payload: Record<string, unknown>;
      signed: string;
      signature: Buffer;
    };

/** `Authorization: token X`, `Bearer X`; three base64url parts with a JSON header is a JWT. */
export function readCredentials(header: string | undefined): Credentials {
  const match = /^(?:token|bearer)\s+(?<token>\S+)\s*$/i.exec(header ?? '');
  const token = match?.groups?.token;
  if (!token) return { kind: 'none' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part))) return { kind: 'token', token };
  const header_ = parseJsonPart(parts[0] as string);
  const payload = parseJsonPart(parts[1] as string);
  if (!header_ || !payload) return { kind: 'token', token };
  return {
    kind: 'jwt',
    token,
    header: header_,
    payload,
    signed: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2] as string, 'base64url'),
  };
}

function parseJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export type JwtCheck = { ok: true; appId: number } | { ok: false; message: string };

/**
 * What GitHub checks of an App JWT: an `iss` naming the app, `exp` in the future (at most
 * 10 minutes ahead), and, if we know the app's key, an RS256 signature.
 */
export function checkJwt(
  credentials: Extract<Credentials, { kind: 'jwt' }>,
  apps: Map<number, AppInfo>,
  now: number,
): JwtCheck {
  const appId = Number(credentials.payload.iss);
  if (!Number.isInteger(appId) || appId <= 0) {
    return { ok: false, message: "'Issuer' claim ('iss') must be an Integer" };
  }
  const exp = credentials.payload.exp;
  if (typeof exp !== 'number' || exp * 1000 < now) {
    return {
      ok: false,
      message:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  }
  if (exp * 1000 > now + 11 * 60 * 1000) {
    return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future" };
  }
  const app = apps.get(appId);
  if (app?.publicKeyPem) {
    const valid =
      credentials.header.alg === 'RS256' &&
      verify('RSA-SHA256', Buffer.from(credentials.signed), createPublicKey(app.publicKeyPem), credentials.signature);
    if (!valid) return { ok: false, message: 'A JSON web token could not be decoded' };
  }
  return { ok: true, appId };
}
