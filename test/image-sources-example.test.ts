// scripts/fixtures/build-example.sh: an unmodified `FROM node:20` / `FROM node:20-slim` Dockerfile builds here
// against the local stand-ins, and the image it exports opens like any other.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Parser } from 'tar';
import { openImage, validateImage } from '../src/image/open.js';
import { imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;
const script = fileURLToPath(new URL('../scripts/fixtures/build-example.sh', import.meta.url));

let scratch: string | undefined;
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('a multi-stage FROM node:20 / FROM node:20-slim example builds and exports to a docker-archive', { skip }, async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-example-'));
  const context = join(scratch, 'hello-node');
  await mkdir(context);
  await writeFile(join(context, 'index.js'), 'console.log("hello from the example")\n');
  await writeFile(
    join(context, 'Dockerfile'),
    [
      'FROM node:20 AS build',
      'WORKDIR /src',
      'COPY index.js .',
      'RUN node -e "require(\'fs\').copyFileSync(\'index.js\', \'out.js\')"',
      'FROM node:20-slim',
      'WORKDIR /app',
      'COPY --from=build /src/out.js .',
      'USER node',
      'CMD ["node", "out.js"]',
      '',
    ].join('\n'),
  );
  const out = join(scratch, 'hello-node.docker.tar');
  const { stdout } = await promisify(execFile)('bash', [script, context, out]);
  assert.equal(stdout.trim(), out);

  const example = await openImage(`docker-archive:${out}`);
  const slim = await openImage(`docker://${fixtures.registries.anonymous.host}/${fixtures.nodeBases.slim}`, { insecure: true });
  try {
    await validateImage(example);
    const base = slim.layers.map((layer) => layer.diffId);
    assert.deepEqual(example.layers.slice(0, base.length).map((layer) => layer.diffId), base, 'built on the node:20-slim stand-in');
    assert.equal(example.config.config?.User, 'node');
    assert.deepEqual(example.config.config?.Cmd, ['node', 'out.js']);
    const names: string[] = [];
    const tar = await example.layers.at(-1)!.openTar();
    await new Promise<void>((resolve, reject) => {
      const parser = new Parser({ onReadEntry: (entry) => (names.push(entry.path), entry.resume()) });
      parser.on('end', resolve);
      tar.on('error', reject);
      tar.pipe(parser);
    });
    assert.ok(names.includes('app/out.js'), names.join(' '));
  } finally {
    await example.close();
    await slim.close();
  }
});
