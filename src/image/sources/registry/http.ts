import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../../../core/errors.js';
import { readWhole } from '../../blob/stream.js';

export interface RetryPolicy {
  /** Total tries per request, the first included. */
  attempts: number;
  /** Backoff before retry n is base * 2^n (with jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const TLS_PROTOCOL = /EPROTO|ERR_SSL|wrong version number|packet length too long/i;
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;
const IDLE_TIMEOUT_MS = 60_000;

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
}

/** One HTTP client per image: keep-alive agents, TLS verification switchable for --insecure. */
export class HttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent: HttpsAgent;

  constructor(
    readonly label: string,
    private readonly retry: RetryPolicy,
    verifyTls: boolean,
  ) {
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: verifyTls });
  }

  /** Sends once: resolves with the response (any status), rejects on network failure. */
  private sendOnce(request: HttpRequest): Promise<IncomingMessage> {
    const { url } = request;
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, {
        method: request.method ?? 'GET',
        headers: { 'user-agent': 'shipshape', ...request.headers },
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
  }

  /** Sends with bounded retries on 429/5xx and dropped connections, honouring Retry-After. */
  async send(request: HttpRequest): Promise<IncomingMessage> {
    for (let attempt = 1; ; attempt++) {
      let response: IncomingMessage;
      try {
        response = await this.sendOnce(request);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (RETRYABLE_CODES.has(code) && attempt < this.retry.attempts) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw this.networkError(error, request.url, attempt);
      }
      if (!RETRYABLE_STATUS.has(response.statusCode ?? 0) || attempt >= this.retry.attempts) return response;
      const delay = retryAfterMs(response.headers['retry-after']) ?? this.backoff(attempt);
      if (delay > this.retry.maxRetryAfterMs) return response;
      response.resume();
      await sleep(delay);
    }
  }

  private backoff(attempt: number): number {
    const exponential = this.retry.baseDelayMs * 2 ** (attempt - 1);
    return Math.min(this.retry.maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
  }

  networkError(error: unknown, url: URL, attempts = 1): InputError {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const message = (error as Error).message ?? String(error);
    const host = url.host;
    if (code === 'ECONNREFUSED') return new InputError(`${this.label}: connection refused by ${host}`, { cause: error });
    if (code === 'ENOTFOUND') return new InputError(`${this.label}: cannot resolve host ${url.hostname}`, { cause: error });
    if (TLS_TRUST.test(code)) {
      return new InputError(`${this.label}: the TLS certificate of ${host} is not trusted (${code}); pass --insecure to skip verification`, { cause: error });
    }
    if (TLS_PROTOCOL.test(code) || TLS_PROTOCOL.test(message)) {
      return new InputError(`${this.label}: TLS handshake with ${host} failed; if the registry speaks plain HTTP, pass --insecure`, { cause: error });
    }
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    return new InputError(`${this.label}: request to ${host} failed${tries} (${code || message})`, { cause: error });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** True for the failure of a TLS handshake with a server that answers in plain HTTP (or hangs up). */
export function isTlsProtocolError(failure: unknown): boolean {
  const error = failure instanceof InputError && failure.cause !== undefined ? failure.cause : failure;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return TLS_PROTOCOL.test(code) || TLS_PROTOCOL.test((error as Error).message ?? '') || code === 'ECONNRESET';
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function readBody(response: IncomingMessage, cap: number): Promise<Buffer> {
  return readWhole(response, cap, () => new Error(`response larger than ${cap} bytes`));
}

/** The first error of a registry's JSON error body, e.g. `MANIFEST_UNKNOWN: manifest unknown`. */
export async function registryError(response: IncomingMessage): Promise<{ code?: string; message?: string }> {
  try {
    const body = JSON.parse((await readBody(response, 64 * 1024)).toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    return body.errors?.[0] ?? {};
  } catch {
    return {};
  }
}
