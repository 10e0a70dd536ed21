// `db update`: each ecosystem's OSV export (`<base>/<ecosystem>/all.zip`) and each product's end-of-life list
// fetched with conditional requests (ETag, Last-Modified), written to the staging directory, checked whole (every
// zip entry's CRC, every record's shape), and only then swapped in. A failed, interrupted or corrupt download
// leaves the database as it was.
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { InputError, errorMessage } from '../core/errors.js';
import { StoreSwap, checkedFile, readOsvZip, stagingPath, storedHeader } from './db.js';
import { EOL_PRODUCTS, eolFile, parseEolCycles, readEolFile } from './eol.js';

export const DEFAULT_OSV_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
export const DEFAULT_EOL_URL = 'https://endoflife.date/api';
/** Far above the largest export (npm's, some 150 MB in late 2025); a bigger body is refused. */
const MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024 * 1024;
const MAX_EOL_BYTES = 8 * 1024 * 1024;

export interface DownloadProgress {
  target: string;
  received: number;
  /** From Content-Length, when the server sent it. */
  total?: number;
}

export interface UpdateOptions {
  dir: string;
  osvUrl?: string;
  eolUrl?: string;
  ecosystems: readonly string[];
  /** Also refresh the end-of-life lists (default true). */
  eol?: boolean;
  /** Give up on a server that sends nothing for this long (default 60 s). */
  idleTimeoutMs?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface UpdateResult {
  kind: 'osv' | 'eol';
  target: string;
  url: string;
  status: 'updated' | 'unchanged' | 'failed';
  records?: number;
  bytes?: number;
  error?: string;
}

interface Validators {
  etag?: string;
  lastModified?: string;
}

function conditionalHeaders(validators: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'shipshape' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A fetch that aborts when the server goes quiet for `idleMs`, between headers and every chunk of the body. */
class IdleTimer {
  readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly idleMs: number) {
    this.touch();
  }
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new Error(`no data for ${this.idleMs / 1000} s`)), this.idleMs);
  }
  stop(): void {
    clearTimeout(this.timer);
  }
}

async function get(url: string, validators: Validators | undefined, timer: IdleTimer): Promise<Response> {
  try {
    return await fetch(url, { headers: conditionalHeaders(validators), signal: timer.controller.signal, redirect: 'follow' });
  } catch (error) {
    throw new Error(`cannot connect (${describeFetchError(error)})`);
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return errorMessage(error);
}

/** Streams the body to `path`, checking its length against Content-Length and the size bound. */
async function download(response: Response, path: string, timer: IdleTimer, report: (received: number, total?: number) => void): Promise<number> {
  const declared = response.headers.get('content-length');
  const total = declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
  if (total !== undefined && total > MAX_DOWNLOAD_BYTES) throw new Error(`${total} bytes is more than an export can be`);
  const fd = openSync(path, 'wx', 0o600);
  let received = 0;
  try {
    if (!response.body) throw new Error('empty response');
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        timer.touch();
        received += chunk.length;
        if (received > MAX_DOWNLOAD_BYTES) throw new Error('the response is larger than an export can be');
        let done = 0;
        while (done < chunk.length) done += writeSync(fd, chunk, done);
        report(received, total);
      }
    } catch (error) {
      throw new Error(`download interrupted after ${received} bytes (${describeFetchError(error)})`);
    }
  } finally {
    closeSync(fd);
  }
  if (total !== undefined && received !== total) throw new Error(`download ended after ${received} of ${total} bytes`);
  return received;
}

function validatorsOf(response: Response): Validators {
  const validators: Validators = {};
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}

async function updateEcosystem(options: UpdateOptions, ecosystem: string): Promise<UpdateResult> {
  const url = `${trimSlash(options.osvUrl ?? DEFAULT_OSV_URL)}/${encodeURIComponent(ecosystem)}/all.zip`;
  const result: UpdateResult = { kind: 'osv', target: ecosystem, url, status: 'failed' };
  const header = storedHeader(options.dir, ecosystem);
  const validators = header?.source.kind === 'download' && header.source.url === url ? header.source : undefined;
  const timer = new IdleTimer(options.idleTimeoutMs ?? 60_000);
  const zipPath = stagingPath(options.dir, `${ecosystem}.zip`);
  try {
    const response = await get(url, validators, timer);
    if (response.status === 304) {
      writeFileSync(checkedFile(options.dir, ecosystem), JSON.stringify({ checkedAt: new Date().toISOString(), url }));
      return { ...result, status: 'unchanged', records: header?.records ?? 0 };
    }
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    const bytes = await download(response, zipPath, timer, (received, total) =>
      options.onProgress?.({ target: ecosystem, received, ...(total !== undefined ? { total } : {}) }),
    );
    timer.stop();
    const swap = new StoreSwap(options.dir, false, ecosystem);
    swap.touch(ecosystem);
    try {
      readOsvZip(zipPath, (record) => swap.add(record));
    } catch (error) {
      swap.abandon();
      throw new Error(`the downloaded export is damaged: ${errorMessage(error).replaceAll(`${zipPath}: `, '')}`);
    }
    const [written] = swap.commit(() => ({ kind: 'download', url, ...validatorsOf(response) }));
    return { ...result, status: 'updated', records: written!.records, bytes };
  } catch (error) {
    return { ...result, error: errorMessage(error) };
  } finally {
    timer.stop();
    rmSync(zipPath, { force: true });
  }
}

async function updateEol(options: UpdateOptions): Promise<UpdateResult[]> {
  const file = readEolFile(options.dir);
  const results: UpdateResult[] = [];
  let changed = false;
  for (const product of EOL_PRODUCTS) {
    const url = `${trimSlash(options.eolUrl ?? DEFAULT_EOL_URL)}/${product}.json`;
    const stored = file.products[product];
    const timer = new IdleTimer(options.idleTimeoutMs ?? 60_000);
    try {
      const response = await get(url, stored?.url === url ? stored : undefined, timer);
      if (response.status === 304 && stored) {
        stored.fetchedAt = new Date().toISOString();
        changed = true;
        results.push({ kind: 'eol', target: product, url, status: 'unchanged', records: stored.cycles.length });
        continue;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const text = await response.text();
      if (text.length > MAX_EOL_BYTES) throw new Error('the response is larger than an end-of-life list can be');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error('not JSON');
      }
      const cycles = parseEolCycles(parsed);
      if (typeof cycles === 'string') throw new Error(cycles);
      file.products[product] = { cycles, fetchedAt: new Date().toISOString(), url, ...validatorsOf(response) };
      changed = true;
      results.push({ kind: 'eol', target: product, url, status: 'updated', records: cycles.length });
    } catch (error) {
      results.push({ kind: 'eol', target: product, url, status: 'failed', error: errorMessage(error) });
    } finally {
      timer.stop();
    }
  }
  if (changed) {
    const temp = stagingPath(options.dir, 'eol.json');
    writeFileSync(temp, `${JSON.stringify(file)}\n`);
    renameSync(temp, eolFile(options.dir));
  }
  return results;
}

/** Updates the named ecosystems, one at a time, each swapped in on its own; then the end-of-life lists. */
export async function updateDb(options: UpdateOptions): Promise<UpdateResult[]> {
  if (options.ecosystems.length === 0) {
    throw new InputError('nothing to update: name the ecosystems to fetch with --ecosystem (e.g. --ecosystem Debian --ecosystem npm)');
  }
  const results: UpdateResult[] = [];
  for (const ecosystem of options.ecosystems) results.push(await updateEcosystem(options, ecosystem));
  if (options.eol !== false) results.push(...(await updateEol(options)));
  return results;
}
