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

/**
 * The most a request may take until its response starts, every try and every wait between tries included; past it
 * the request fails. A dead registry (one that accepts connections and never answers) fails in this time.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * A response body that brings less than this in one timeout's time, while its reader is waiting for it, is stalled:
 * a registry trickling a byte now and then to hold the client. 64 KiB a minute is about 1 KiB/s.
 */
export const MIN_BODY_BYTES_PER_TIMEOUT = 64 * 1024;

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const TLS_PROTOCOL = /EPROTO|ERR_SSL|wrong version number|packet length too long/i;
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;
/** A socket that sends nothing at all for this long is dropped (and the request tried again while time is left). */
const IDLE_TIMEOUT_MS = 60_000;
/** Marks the failure of a request whose time ran out: it is not tried again. */
const DEADLINE = 'SHIPSHAPE_DEADLINE';

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
}

/**
 * How long to wait before try `attempt + 1`, `elapsedMs` after the first try started; undefined when no try is left
 * or the wait would end past the timeout. `jitter` in [0, 1) spreads clients that failed together.
 */
export function retryDelay(
  policy: RetryPolicy,
  timeoutMs: number,
  attempt: number,
  elapsedMs: number,
  retryAfter?: number,
  jitter = Math.random(),
): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1) * (0.75 + jitter * 0.5));
  const delay = retryAfter ?? backoff;
  if (delay > policy.maxRetryAfterMs || elapsedMs + delay >= timeoutMs) return undefined;
  return delay;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** One HTTP client per image: keep-alive agents, TLS verification switchable for --insecure. */
export class HttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent: HttpsAgent;

  constructor(
    readonly label: string,
    private readonly retry: RetryPolicy,
    verifyTls: boolean,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: verifyTls });
  }

  /** Sends once: resolves with the response (any status), rejects on network failure or at `deadline`. */
  private sendOnce(request: HttpRequest, deadline: number): Promise<IncomingMessage> {
    const { url } = request;
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, {
        method: request.method ?? 'GET',
        headers: { 'user-agent': 'shipshape', ...request.headers },
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('deadline'), { code: DEADLINE })), Math.max(0, deadline - Date.now()));
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('response', (response: IncomingMessage) => {
        clearTimeout(timer);
        this.watchBody(response, url);
        resolve(response);
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end();
    });
  }

  /**
   * Fails a body that brings less than MIN_BODY_BYTES_PER_TIMEOUT in a timeout's time while its reader waits for it.
   * A time in which the reader paused it, or left a full buffer unread, is not held against the registry.
   */
  private watchBody(response: IncomingMessage, url: URL): void {
    const socket = response.socket;
    let mark = socket.bytesRead;
    let paused = false;
    const onPause = () => (paused = true);
    response.on('pause', onPause);
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearInterval(check);
      response.off('pause', onPause);
    };
    const judge = () => {
      if (stopped) return;
      if (response.complete) return stop();
      const waiting = !paused && response.readableLength < response.readableHighWaterMark;
      const received = socket.bytesRead - mark;
      mark = socket.bytesRead;
      paused = false;
      if (waiting && received < MIN_BODY_BYTES_PER_TIMEOUT) {
        stop();
        response.destroy(
          new InputError(`${this.label}: ${url.host} sent ${received} bytes in ${seconds(this.timeoutMs)}: gave up on a stalled transfer (--timeout)`),
        );
      }
    };
    // Timers run before the event loop reads its sockets: when the whole process was held off the CPU, what arrived
    // meanwhile is still unread when the timer fires. The verdict waits for this turn's reads.
    const check = setInterval(() => setImmediate(judge), this.timeoutMs);
    check.unref();
    response.once('close', stop);
  }

  /**
   * Sends with retries on 429/5xx and dropped connections, honouring Retry-After, all within the timeout: a try that
   * is still waiting for its response when the time is up fails the request, and no retry starts that would end later.
   * Requests that are one step to the user (HTTPS, then plain HTTP) share one `deadline` (see `deadline()`).
   */
  async send(request: HttpRequest, deadline = this.deadline()): Promise<IncomingMessage> {
    const started = deadline - this.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      let response: IncomingMessage;
      try {
        response = await this.sendOnce(request, deadline);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === DEADLINE) throw this.timeoutError(request.url, attempt);
        const delay = RETRYABLE_CODES.has(code) ? retryDelay(this.retry, this.timeoutMs, attempt, Date.now() - started) : undefined;
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
        throw this.networkError(error, request.url, attempt);
      }
      if (!RETRYABLE_STATUS.has(response.statusCode ?? 0)) return response;
      const delay = retryDelay(this.retry, this.timeoutMs, attempt, Date.now() - started, retryAfterMs(response.headers['retry-after']));
      if (delay === undefined) return response;
      response.resume();
      await sleep(delay);
    }
  }

  /** When a request that starts now must have its response. */
  deadline(): number {
    return Date.now() + this.timeoutMs;
  }

  private timeoutError(url: URL, attempts: number): InputError {
    const tries = attempts > 1 ? ` (${attempts} tries)` : '';
    return new InputError(`${this.label}: no answer from ${url.host} within ${seconds(this.timeoutMs)}${tries}; a slow registry needs a longer --timeout`);
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
