// Small registries served from memory on 127.0.0.x, for the tests that need a registry to misbehave in ways the
// distribution registry of the fixtures cannot: HTTPS with a certificate made at test time, token realms on other
// hosts or schemes, silence, a byte every few seconds. Every request is recorded with its Authorization header.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tarBuffer, type TarEntrySpec } from './tar-writer.js';

const sha256 = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface MemoryImage {
  manifest: Buffer;
  mediaType: string;
  /** Config and layers by digest. */
  blobs: Map<string, Buffer>;
}

/** A one-layer OCI image (gzip layer) holding `files`. */
export function memoryImage(files: readonly TarEntrySpec[]): MemoryImage {
  const tar = tarBuffer(files);
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: '1000' }, rootfs: { type: 'layers', diff_ids: [sha256(tar)] }, history: [{ created_by: 'COPY . /' }] }),
  );
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(layer), size: layer.length }],
    }),
  );
  return { manifest, mediaType, blobs: new Map([[sha256(config), config], [sha256(layer), layer]]) };
}

/**
 * Answers the registry API for `image` under any repository and tag: `GET /v2/`, manifests and blobs. False for any
 * other path, so a handler can add its own.
 */
export function serveImage(image: MemoryImage, req: IncomingMessage, res: ServerResponse): boolean {
  const path = req.url ?? '';
  if (path === '/v2/') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    return true;
  }
  if (/^\/v2\/.+\/manifests\/[^/]+$/.test(path)) {
    res.writeHead(200, { 'content-type': image.mediaType, 'docker-content-digest': sha256(image.manifest) }).end(image.manifest);
    return true;
  }
  const blob = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path);
  if (blob) {
    const bytes = image.blobs.get(blob[1]!);
    if (bytes) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    else res.writeHead(404).end();
    return true;
  }
  return false;
}

export interface SeenRequest {
  path: string;
  authorization?: string;
}

export interface TestServer {
  /** `127.0.0.x:PORT` */
  host: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export interface Tls {
  key: Buffer;
  cert: Buffer;
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

/** An HTTP (or, with `tls`, HTTPS) server on `address`; `close` also ends the connections it holds open. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { tls?: Tls; address?: string } = {},
): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const record = (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ path: req.url ?? '', ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }) });
    handler(req, res);
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, record) : createHttpServer(record);
  return listening(server, options.address ?? '127.0.0.1', seen);
}

/** A TCP server that does whatever `onConnection` does with each connection (nothing: a dead registry). */
export async function startRawServer(onConnection: (socket: Socket) => void = () => {}): Promise<TestServer> {
  const { createServer } = await import('node:net');
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    // read and drop what the client sends: a socket nobody reads never sees the client hang up
    socket.resume();
    onConnection(socket);
  });
  const started = await listening(server, '127.0.0.1', []);
  return {
    ...started,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await started.close();
    },
  };
}

async function listening(server: Server | import('node:net').Server, address: string, seen: SeenRequest[]): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const host = `${address}:${(server.address() as AddressInfo).port}`;
  return {
    host,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A self-signed certificate for 127.0.0.1 and 127.0.0.2, made with openssl in `dir`. Undefined when openssl is
 * missing outside CI (the fixture script installs it); in CI that is a failure.
 */
export async function selfSignedCert(dir: string): Promise<Tls | undefined> {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1'];
  args.push('-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2');
  try {
    await new Promise<void>((resolve, reject) => execFile('openssl', args, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    return undefined;
  }
  return { key: await readFile(keyFile), cert: await readFile(certFile), certFile };
}
