// Hostile cache, issue row 11: an image whose config names the diffID of a layer the cache already knows, over a
// blob that holds something else, must be read (and fail its diffID), not answered from the cache as "no problems";
// a cached report changed on disk is computed again, not trusted. Real OCI layouts read by the real source.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeImage } from '../../src/image/analyze.js';
import { openImage } from '../../src/image/open.js';
import type { ImageReport } from '../../src/image/report-types.js';
import { makeTestImage, writeOciLayout } from '../support/tar-image.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-tampered-cache-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function analyze(ref: string, cache: { dir: string } | false): Promise<ImageReport> {
  const image = await openImage(ref);
  try {
    return await analyzeImage(image, { cache });
  } finally {
    await image.close();
  }
}

const KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');

test('a blob under a diffID the cache knows is read, and its difference found, before the cache is trusted', async () => {
  const innocent = await makeTestImage(join(dir, 'innocent'), { layers: [{ tar: [{ path: 'app/readme.txt', content: 'hello' }] }] });
  const innocentRef = await writeOciLayout(join(dir, 'oci-innocent'), innocent);
  const known = innocent.layers[0]!.diffId;
  const smuggler = await makeTestImage(join(dir, 'smuggler'), { layers: [{ tar: [{ path: 'root/.ssh/id_rsa', content: KEY }] }] });
  // the config claims the innocent layer's diffID for the key's blob
  const smugglerRef = await writeOciLayout(join(dir, 'oci-smuggler'), smuggler, { diffIds: [known] });
  const cache = { dir: join(dir, 'cache') };

  await analyze(innocentRef, cache);
  const unverified = new RegExp(`layer sha256:[0-9a-f]{12} \\(uncompressed\\) ${known.slice(0, 19)} does not match its digest \\(got ${smuggler.layers[0]!.diffId}\\)$`);
  await assert.rejects(analyze(smugglerRef, false), unverified, 'without the cache');
  await assert.rejects(analyze(smugglerRef, cache), unverified, 'with the cache that knows the diffID');

  // the innocent image still answers from its cache entries: its blob was verified when it was read
  const blobs = await readdir(join(cache.dir, 'layers', 'sha256', known.slice(7, 9), known.slice(7)));
  assert.deepEqual(blobs.filter((name) => name.startsWith('blob-')), [`blob-sha256-${innocent.layers[0]!.digest.slice(7)}.json`]);
});

test('a cached report changed on disk is computed again', async () => {
  const image = await makeTestImage(join(dir, 'root-user'), { layers: [{ tar: [{ path: 'etc/motd', content: 'hi' }] }] });
  const ref = await writeOciLayout(join(dir, 'oci-root-user'), image);
  const cache = { dir: join(dir, 'report-cache') };
  const computed = await analyze(ref, cache);
  assert.ok(computed.findings.length > 0, 'the image has findings to hide');

  const reports = join(cache.dir, 'reports', 'sha256');
  const [prefix] = await readdir(reports);
  const [hex] = await readdir(join(reports, prefix!));
  const file = join(reports, prefix!, hex!, (await readdir(join(reports, prefix!, hex!)))[0]!);
  const stored = await readFile(file, 'utf8');
  const newline = stored.indexOf('\n');
  const report = JSON.parse(stored.slice(newline + 1)) as ImageReport;
  // the checksum line kept, the findings gone
  await writeFile(file, `${stored.slice(0, newline + 1)}${JSON.stringify({ ...report, findings: [] })}`);

  const again = await analyze(ref, cache);
  assert.deepEqual(again, computed);
  assert.equal(await readFile(file, 'utf8'), stored, 'the entry is written again whole');
});
