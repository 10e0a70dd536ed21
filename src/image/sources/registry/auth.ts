export interface Challenge {
  scheme: 'basic' | 'bearer';
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate header (`Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`).
 * Quoted values may hold commas and escaped quotes. Only the first challenge is kept.
 */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  const param = /\s*([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/gy;
  const rest = match[2]!;
  param.lastIndex = 0;
  for (let found = param.exec(rest); found && found[0] !== ''; found = param.exec(rest)) {
    params[found[1]!.toLowerCase()] = found[2] !== undefined ? found[2].replace(/\\(.)/g, '$1') : found[3]!;
  }
  return { scheme, params };
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Bearer tokens by realm, service and scope, kept until shortly before they expire. */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  private static key(realm: string, service: string, scope: string): string {
    return `${realm}\n${service}\n${scope}`;
  }

  get(realm: string, service: string, scope: string): string | undefined {
    const cached = this.tokens.get(TokenCache.key(realm, service, scope));
    return cached && cached.expiresAt > Date.now() ? cached.token : undefined;
  }

  set(realm: string, service: string, scope: string, token: string, expiresInSeconds: number): void {
    const lifetime = Math.max(expiresInSeconds, 60) * 1000;
    this.tokens.set(TokenCache.key(realm, service, scope), { token, expiresAt: Date.now() + lifetime - 10_000 });
  }

  delete(realm: string, service: string, scope: string): void {
    this.tokens.delete(TokenCache.key(realm, service, scope));
  }
}
