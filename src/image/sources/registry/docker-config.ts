import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../core/errors.js';
import { DOCKER_HUB_DOMAIN } from './reference.js';

export interface Credentials {
  username: string;
  password: string;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const DOCKER_HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

/**
 * Where the Docker client config is: the explicit path (a config.json or the directory holding it), else
 * `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
 */
export async function dockerConfigPath(explicit?: string): Promise<{ path: string; explicit: boolean }> {
  if (explicit !== undefined) {
    const isDir = await stat(explicit).then((s) => s.isDirectory(), () => false);
    return { path: isDir ? join(explicit, 'config.json') : explicit, explicit: true };
  }
  const dir = process.env.DOCKER_CONFIG || join(homedir(), '.docker');
  return { path: join(dir, 'config.json'), explicit: false };
}

async function readConfig(explicit?: string): Promise<{ config: DockerConfigFile; path: string } | undefined> {
  const { path, explicit: wasExplicit } = await dockerConfigPath(explicit);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !wasExplicit) return undefined;
    throw new InputError(`${path}: cannot read the Docker config (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return { config: JSON.parse(text) as DockerConfigFile, path };
  } catch (error) {
    // V8 quotes the text around the mistake, and this text holds passwords: say where, not what
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new InputError(`${path}: the Docker config is not valid JSON${position === undefined ? '' : ` (at character ${position})`}`);
  }
}

/** `https://host:5000/v1/` and `host:5000` name the same registry. */
function hostOfKey(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0]!.toLowerCase();
}

function keysFor(domain: string): string[] {
  return domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_KEYS : [domain];
}

function runHelper(helper: string, serverUrl: string, configPath: string): Promise<Credentials | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 30_000 }, (error, stdout) => {
      if (error) {
        // helpers exit 1 with "credentials not found in native keychain" when they have nothing for the host
        if (/not found/i.test(stdout) || /not found/i.test(String((error as { stderr?: string }).stderr ?? ''))) resolve(undefined);
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new InputError(`${configPath}: credential helper docker-credential-${helper} is not installed`));
        else reject(new InputError(`${configPath}: credential helper docker-credential-${helper} failed (${error.message.split('\n')[0]})`));
        return;
      }
      try {
        const { Username, Secret } = JSON.parse(stdout) as { Username?: string; Secret?: string };
        // `<token>` marks an identity (refresh) token, which needs an OAuth flow this client does not do
        if (!Username || Secret === undefined || Username === '<token>') resolve(undefined);
        else resolve({ username: Username, password: Secret });
      } catch {
        reject(new InputError(`${configPath}: credential helper docker-credential-${helper} printed no JSON`));
      }
    });
    child.stdin?.end(serverUrl);
  });
}

/** The credentials the Docker config holds for a registry domain (`docker.io` for Docker Hub), if any. */
export async function credentialsFor(domain: string, explicitConfig?: string): Promise<Credentials | undefined> {
  const loaded = await readConfig(explicitConfig);
  if (!loaded) return undefined;
  const { config, path } = loaded;
  const keys = keysFor(domain);
  const serverUrl = keys[0]!;
  const helper = keys.map((key) => config.credHelpers?.[key]).find((h) => h !== undefined);
  if (helper) return runHelper(helper, serverUrl, path);
  const wanted = new Set(keys.map(hostOfKey));
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!wanted.has(hostOfKey(key))) continue;
    if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new InputError(`${path}: the auth entry for ${key} is not base64 of user:password`);
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  if (config.credsStore) return runHelper(config.credsStore, serverUrl, path);
  return undefined;
}
