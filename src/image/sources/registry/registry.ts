import type { IncomingMessage } from 'node:http';
import { InputError } from '../../../core/errors.js';
import { digestOf, requireDigest, shortDigest } from '../../blob/digest.js';
import { formatBytesBinary } from '../../../core/format.js';
import { MAX_MANIFEST_BYTES } from '../../blob/stream.js';
import type { Descriptor, Image, Platform } from '../../types.js';
import { assembleImage, VerifyingBlobStore } from '../image.js';
import { MANIFEST_ACCEPT, parseManifestDocument, selectPlatform, type ManifestDocument } from '../manifest.js';
import { parseChallenge, TokenCache, type Challenge } from './auth.js';
import { credentialsFor, type Credentials } from './docker-config.js';
import { DEFAULT_RETRY, HttpClient, isTlsProtocolError, readBody, registryError, type RetryPolicy } from './http.js';
import type { RegistryReference } from './reference.js';

export interface RegistryOptions {
  platform: Platform;
  /** Plain HTTP (or HTTPS without certificate checks) for this registry. */
  insecure?: boolean;
  /** A Docker config.json (or the directory holding one) to take credentials from. */
  dockerConfig?: string;
  /** Credentials that win over the Docker config. */
  credentials?: Credentials;
  retry?: Partial<RetryPolicy>;
  /** How long a request may wait for its response, tries included, and the least a body brings in that time (see http.ts). */
  timeoutMs?: number;
  /** Shared between images to reuse bearer tokens across opens (one per client otherwise). */
  tokenCache?: TokenCache;
}

const MAX_REDIRECTS = 5;

/**
 * Registry HTTP API v2 / OCI distribution client for one repository: finds the scheme and the auth challenge
 * with `GET /v2/`, then answers Basic or Bearer challenges (tokens cached per scope), follows redirects without
 * sending credentials to another host, and retries what can be retried.
 */
export class RegistryClient {
  private readonly http: HttpClient;
  private readonly tokens: TokenCache;
  private base?: URL;
  private challenge?: Challenge;
  private credentials?: Credentials | null;

  constructor(
    private readonly reference: RegistryReference,
    readonly label: string,
    private readonly options: RegistryOptions,
  ) {
    this.http = new HttpClient(label, { ...DEFAULT_RETRY, ...options.retry }, !options.insecure, options.timeoutMs);
    this.tokens = options.tokenCache ?? new TokenCache();
  }

  private get host(): string {
    return this.reference.registry;
  }

  private get scope(): string {
    return `repository:${this.reference.repository}:pull`;
  }

  private async loadCredentials(): Promise<Credentials | undefined> {
    if (this.credentials === undefined) {
      this.credentials = this.options.credentials ?? (await credentialsFor(this.reference.domain, this.options.dockerConfig)) ?? null;
    }
    return this.credentials ?? undefined;
  }

  /** `GET /v2/`: which scheme answers, and whether (and how) it wants credentials. */
  private async ping(): Promise<URL> {
    if (this.base) return this.base;
    const schemes = this.options.insecure ? ['https', 'http'] : ['https'];
    let lastError: unknown;
    // a registry that is slow to fail over HTTPS leaves plain HTTP only what is left of the time
    const deadline = this.http.deadline();
    for (const scheme of schemes) {
      const base = new URL(`${scheme}://${this.host}/v2/`);
      let response: IncomingMessage;
      try {
        response = await this.http.send({ url: base }, deadline);
      } catch (error) {
        lastError = error;
        if (scheme === 'https' && this.options.insecure && isTlsProtocolError(error)) continue;
        throw error;
      }
      response.resume();
      if (response.statusCode === 401) {
        this.challenge = parseChallenge(response.headers['www-authenticate']);
        if (!this.challenge) throw new InputError(`${this.label}: ${this.host} wants authentication with a scheme this client does not speak (${response.headers['www-authenticate'] ?? 'none given'})`);
      } else if (response.statusCode === 404) {
        throw new InputError(`${this.label}: ${this.host} is not a container registry (GET /v2/ answered 404)`);
      } else if (response.statusCode !== 200) {
        throw new InputError(`${this.label}: ${this.host} answered GET /v2/ with HTTP ${response.statusCode}`);
      }
      this.base = base;
      return base;
    }
    throw lastError;
  }

  private unauthorized(detail: string): InputError {
    return new InputError(
      `${this.label}: 401 unauthorized by ${this.host}${detail}; set credentials with \`docker login ${this.reference.domain}\` (~/.docker/config.json, $DOCKER_CONFIG) or pass a Docker config`,
    );
  }

  private async token(challenge: Challenge, fresh: boolean): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw new InputError(`${this.label}: ${this.host} sent a Bearer challenge without a realm`);
    const service = challenge.params.service ?? '';
    const scope = this.scope;
    if (!fresh) {
      const cached = this.tokens.get(realm, service, scope);
      if (cached) return cached;
    }
    const url = this.realmUrl(realm);
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const credentials = await this.loadCredentials();
    const headers: Record<string, string> = {};
    if (credentials) {
      // As Docker and go-containerregistry do: a password crosses the network in clear only when the user said so.
      if (url.protocol !== 'https:' && !this.options.insecure) {
        throw new InputError(
          `${this.label}: ${this.host} sends its credentials to a plain-HTTP token server (${url.host}); refused: pass --insecure only if you trust every network in between`,
        );
      }
      headers.authorization = basic(credentials);
    }
    const response = await this.http.send({ url, headers });
    if (response.statusCode === 401 || response.statusCode === 403) {
      response.resume();
      throw credentials
        ? new InputError(`${this.label}: the token server ${url.host} rejected the credentials for ${this.reference.domain} (HTTP ${response.statusCode})`)
        : this.unauthorized(' (anonymous token refused)');
    }
    if (response.statusCode !== 200) {
      response.resume();
      throw new InputError(`${this.label}: the token server ${url.host} answered HTTP ${response.statusCode}`);
    }
    let body: { token?: string; access_token?: string; expires_in?: number };
    try {
      body = JSON.parse((await readBody(response, 1024 * 1024)).toString('utf8')) as typeof body;
    } catch {
      throw new InputError(`${this.label}: the token server ${url.host} sent no JSON token`);
    }
    const token = body.token ?? body.access_token;
    if (!token) throw new InputError(`${this.label}: the token server ${url.host} sent no token`);
    this.tokens.set(realm, service, scope, token, body.expires_in ?? 60);
    return token;
  }

  /** The token server a challenge names: on any host (Docker Hub's is auth.docker.io), over HTTP(S) only. */
  private realmUrl(realm: string): URL {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      url = new URL('invalid:');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InputError(`${this.label}: ${this.host} names a token server that is not an http(s) URL (${JSON.stringify(realm.slice(0, 200))})`);
    }
    // the only credentials sent are the user's, in the header, and only when allowed
    url.username = '';
    url.password = '';
    return url;
  }

  private async authorization(challenge: Challenge | undefined, fresh: boolean): Promise<string | undefined> {
    if (!challenge) return undefined;
    if (challenge.scheme === 'bearer') return `Bearer ${await this.token(challenge, fresh)}`;
    const credentials = await this.loadCredentials();
    if (!credentials) throw this.unauthorized(' (it wants a username and password)');
    return basic(credentials);
  }

  /** GETs a path under /v2/<repository>/, authenticated, following redirects. Any status comes back. */
  async get(path: string, accept?: string): Promise<IncomingMessage> {
    const base = await this.ping();
    const url = new URL(`${this.reference.repository}/${path}`, base);
    let challenge = this.challenge;
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.authorization(challenge, attempt > 0);
      const response = await this.follow(url, authorization, accept);
      if (response.statusCode !== 401) return response;
      response.resume();
      const renewed = parseChallenge(response.headers['www-authenticate']);
      if (attempt > 0 || !renewed || (renewed.scheme === 'basic' && authorization !== undefined)) {
        const error = renewed?.params.error ? ` (${renewed.params.error})` : '';
        throw this.unauthorized(error);
      }
      challenge = renewed;
    }
  }

  private async follow(start: URL, authorization: string | undefined, accept: string | undefined): Promise<IncomingMessage> {
    let url = start;
    for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
      const headers: Record<string, string> = {};
      if (accept) headers.accept = accept;
      // credentials are for the registry only: a redirect to blob storage elsewhere must not receive them
      if (authorization && url.origin === start.origin) headers.authorization = authorization;
      const response = await this.http.send({ url, headers });
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.statusCode ?? 0) || !location) return response;
      response.resume();
      url = new URL(location, url);
    }
    throw new InputError(`${this.label}: more than ${MAX_REDIRECTS} redirects from ${this.host}`);
  }

  /** A manifest or index by tag or digest, parsed and verified against `expected` (a digest reference or a descriptor). */
  async manifest(reference: string, expected?: { digest: string; size?: number; mediaType?: string }): Promise<{ bytes: Buffer; digest: string; document: ManifestDocument }> {
    const response = await this.get(`manifests/${reference}`, MANIFEST_ACCEPT);
    if (response.statusCode === 404) {
      const { code } = await registryError(response);
      const name = `${this.reference.domain}/${this.reference.repository}`;
      if (code === 'NAME_UNKNOWN') throw new InputError(`${this.label}: repository ${name} not found`);
      throw new InputError(`${this.label}: manifest unknown (${name} has no ${reference.includes(':') && reference.startsWith('sha') ? 'manifest' : 'tag'} ${reference})`);
    }
    if (response.statusCode !== 200) throw await this.statusError(response, `manifest ${reference}`);
    const declaredLength = Number(response.headers['content-length']);
    if (declaredLength > MAX_MANIFEST_BYTES) {
      response.destroy();
      throw new InputError(`${this.label}: manifest is ${declaredLength} bytes, over the ${formatBytesBinary(MAX_MANIFEST_BYTES)} limit`);
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(response, MAX_MANIFEST_BYTES);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${this.label}: cannot read the manifest (${(error as Error).message})`);
    }
    // parsed first: a schema 1 digest covers the payload without its signature, so it is refused before digests are checked
    const document = parseManifestDocument(bytes, response.headers['content-type'] ?? expected?.mediaType, this.label);
    const served = response.headers['docker-content-digest'];
    const wanted = expected?.digest ?? (typeof served === 'string' && served.startsWith('sha') ? served : undefined);
    const algorithm = wanted ? requireDigest(wanted, this.label).algorithm : 'sha256';
    const digest = digestOf(bytes, algorithm);
    if (wanted && digest !== wanted) {
      throw new InputError(`${this.label}: manifest digest mismatch (expected ${shortDigest(wanted)}, got ${shortDigest(digest)})`);
    }
    if (expected?.size !== undefined && bytes.length !== expected.size) {
      throw new InputError(`${this.label}: manifest ${shortDigest(digest)} is ${bytes.length} bytes, its descriptor says ${expected.size}`);
    }
    return { bytes, digest, document };
  }

  async blob(descriptor: Descriptor): Promise<IncomingMessage> {
    const response = await this.get(`blobs/${descriptor.digest}`);
    if (response.statusCode === 404) {
      response.resume();
      throw new InputError(`${this.label}: blob ${shortDigest(descriptor.digest)} unknown to ${this.host}`);
    }
    if (response.statusCode !== 200) throw await this.statusError(response, `blob ${shortDigest(descriptor.digest)}`);
    return response;
  }

  private async statusError(response: IncomingMessage, what: string): Promise<InputError> {
    const { code, message } = await registryError(response);
    const detail = code ? `: ${code}${message ? ` ${message}` : ''}` : '';
    if (response.statusCode === 403) return new InputError(`${this.label}: access to ${what} denied by ${this.host}${detail}`);
    return new InputError(`${this.label}: ${this.host} answered HTTP ${response.statusCode} for ${what}${detail}`);
  }

  close(): void {
    this.http.close();
  }
}

function basic(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

class RegistryBlobStore extends VerifyingBlobStore {
  constructor(private readonly client: RegistryClient) {
    super(client.label);
  }

  async open(descriptor: Descriptor) {
    return this.verified(await this.client.blob(descriptor), descriptor);
  }
}

/** `docker://HOST/REPO:TAG|@DIGEST`: an image from a registry, selecting the platform from an index. */
export async function openRegistryImage(ref: string, reference: RegistryReference, options: RegistryOptions): Promise<Image> {
  const label = ref;
  const client = new RegistryClient(reference, label, options);
  try {
    let { bytes, digest, document } = await client.manifest(
      reference.digest ?? reference.tag!,
      reference.digest !== undefined ? { digest: reference.digest } : undefined,
    );
    let indexDigest: string | undefined;
    if (document.kind === 'index') {
      indexDigest = digest;
      const chosen = selectPlatform(document.index, options.platform, label);
      ({ bytes, digest, document } = await client.manifest(chosen.digest, chosen));
      if (document.kind === 'index') throw new InputError(`${label}: the index entry for the platform is itself an index`);
    }
    return await assembleImage({
      ref,
      transport: 'docker',
      label,
      blobs: new RegistryBlobStore(client),
      manifest: document.manifest,
      rawManifest: bytes,
      manifestDigest: digest,
      ...(indexDigest !== undefined && { indexDigest }),
      close: async () => client.close(),
    });
  } catch (error) {
    client.close();
    throw error;
  }
}

