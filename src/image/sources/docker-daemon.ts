import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InputError } from '../../core/errors.js';
import { shortDigest } from '../blob/digest.js';
import type { Image, Platform } from '../types.js';
import { openDockerArchive } from './docker-archive.js';
import { readBody } from './registry/http.js';

export interface DaemonOptions {
  /** `unix:///path/to/docker.sock` or `tcp://host:port`; default `$DOCKER_HOST`, then /var/run/docker.sock. */
  dockerHost?: string;
  /** Where the `docker save` stream is spooled (deleted on close); default the OS temp dir. */
  tempDir?: string;
}

type Endpoint = { socketPath: string; describe: string } | { host: string; port: number; describe: string };

export function daemonEndpoint(dockerHost = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'): Endpoint {
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length), describe: dockerHost };
  const tcp = /^(?:tcp|http):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(dockerHost);
  if (tcp) return { host: tcp[1]!.replace(/^\[|\]$/g, ''), port: tcp[2] ? Number(tcp[2]) : 2375, describe: dockerHost };
  throw new InputError(`DOCKER_HOST ${dockerHost}: unsupported (use unix:///path/to/docker.sock or tcp://host:port)`);
}

function get(endpoint: Endpoint, path: string, label: string): Promise<IncomingMessage> {
  const target = 'socketPath' in endpoint ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
  return new Promise((resolve, reject) => {
    const req = request({ ...target, path, method: 'GET', headers: { host: 'docker' } });
    req.on('response', resolve);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'no such socket' : error.code === 'ECONNREFUSED' ? 'connection refused' : error.code ?? error.message;
      reject(new InputError(`${label}: cannot connect to the Docker daemon at ${endpoint.describe} (${reason}); is it running? (set DOCKER_HOST)`));
    });
    req.end();
  });
}

/** The Engine API takes the name in the path with its slashes as they are. */
function imagePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/').replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

async function failure(response: IncomingMessage, name: string, label: string, endpoint: Endpoint): Promise<InputError> {
  let message = '';
  try {
    message = (JSON.parse((await readBody(response, 64 * 1024)).toString('utf8')) as { message?: string }).message ?? '';
  } catch {
    // the status says enough
  }
  if (response.statusCode === 404) return new InputError(`${label}: no such image ${name} in the daemon at ${endpoint.describe}`);
  return new InputError(`${label}: the daemon at ${endpoint.describe} answered HTTP ${response.statusCode}${message ? `: ${message}` : ''}`);
}

/**
 * `docker-daemon:NAME`: asks the Engine API (Docker, or podman's compatible service) for the image,
 * spools its `docker save` stream to a temporary file and reads that as a docker-archive.
 */
export async function openDaemonImage(ref: string, name: string, platform: Platform, options: DaemonOptions = {}): Promise<Image> {
  const label = ref;
  if (name === '') throw new InputError(`${label}: no image name`);
  const endpoint = daemonEndpoint(options.dockerHost);
  const inspect = await get(endpoint, `/images/${imagePath(name)}/json`, label);
  if (inspect.statusCode !== 200) throw await failure(inspect, name, label, endpoint);
  const { Id: id } = JSON.parse((await readBody(inspect, 4 * 1024 * 1024)).toString('utf8')) as { Id?: string };

  const spoolDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'shipshape-daemon-'));
  const removeSpool = () => rm(spoolDir, { recursive: true, force: true });
  try {
    const spool = join(spoolDir, 'image.tar');
    const saved = await get(endpoint, `/images/${imagePath(name)}/get`, label);
    if (saved.statusCode !== 200) throw await failure(saved, name, label, endpoint);
    try {
      await pipeline(saved, createWriteStream(spool));
    } catch (error) {
      throw new InputError(`${label}: the image stream from ${endpoint.describe} broke off (${(error as Error).message})`);
    }
    const image = await openDockerArchive(ref, spool, undefined, platform, { transport: 'docker-daemon', onClose: removeSpool });
    if (id !== undefined && id.startsWith('sha256:') && image.configDigest !== id) {
      await image.close();
      throw new InputError(`${label}: the daemon saved config ${shortDigest(image.configDigest)} for image ${shortDigest(id)}`);
    }
    return image;
  } catch (error) {
    await removeSpool();
    throw error;
  }
}
