/**
 * A bearer-token server for the distribution registry's `auth.token` scheme, for tests only.
 *
 *   node --import tsx test/support/token-server.ts --port N --key key.pem --cert cert.pem \
 *        --user NAME:PASSWORD [--anonymous-prefix public/]
 *
 * GET /token?service=…&scope=repository:NAME:pull: with the right Basic credentials it grants every requested
 * action; without credentials it grants pull on repositories under the anonymous prefix (like Docker Hub's
 * anonymous tokens) and nothing else; wrong credentials get 401. GET /stats counts the tokens issued, so tests
 * can see that a client caches them.
 */
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    key: { type: 'string' },
    cert: { type: 'string' },
    user: { type: 'string' },
    'anonymous-prefix': { type: 'string' },
    issuer: { type: 'string', default: 'shipshape-fixture-issuer' },
  },
});
if (!values.port || !values.key || !values.cert || !values.user) {
  throw new Error('usage: token-server.ts --port N --key key.pem --cert cert.pem --user NAME:PASSWORD');
}

const key = createPrivateKey(readFileSync(values.key));
const certDer = Buffer.from(
  readFileSync(values.cert, 'utf8')
    .replace(/-----[^-]+-----/g, '')
    .replace(/\s+/g, ''),
  'base64',
);
const anonymousPrefix = values['anonymous-prefix'];
const expectedAuthorization = `Basic ${Buffer.from(values.user).toString('base64')}`;
const issued = { total: 0, anonymous: 0, byScope: {} as Record<string, number> };

interface Access {
  type: string;
  name: string;
  actions: string[];
}

function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') };
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function signToken(subject: string, audience: string, access: Access[]): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer.toString('base64')] };
  const claims = { iss: values.issuer, sub: subject, aud: audience, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(sign('RSA-SHA256', Buffer.from(input), key))}`;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(issued));
    return;
  }
  if (url.pathname !== '/token') {
    response.writeHead(404).end();
    return;
  }
  const authorization = request.headers.authorization;
  if (authorization !== undefined && authorization !== expectedAuthorization) {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
    return;
  }
  const anonymous = authorization === undefined;
  const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' '));
  const access = scopes
    .map(parseScope)
    .filter((a): a is Access => a !== undefined)
    .map((a) => (anonymous ? { ...a, actions: a.actions.filter((x) => x === 'pull') } : a))
    .filter((a) => !anonymous || (anonymousPrefix !== undefined && a.name.startsWith(anonymousPrefix)));
  issued.total++;
  if (anonymous) issued.anonymous++;
  for (const scope of scopes) issued.byScope[scope] = (issued.byScope[scope] ?? 0) + 1;
  const token = signToken(anonymous ? '' : values.user!.split(':')[0]!, url.searchParams.get('service') ?? '', access);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
});
server.listen(Number(values.port), '127.0.0.1', () => console.log(`token server on 127.0.0.1:${values.port}`));
