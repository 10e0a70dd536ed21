// Tar archives built entry by entry (files, directories, links, long names as PAX or GNU records, absurd
// declared sizes), then corrupted (bytes flipped, cut short) and fed in random chunk sizes to the streaming
// reader, and written to disk for the archive index; and .dockerignore patterns from Docker's pattern
// alphabet against paths. Only the documented errors come out (TarFormatError from the stream reader,
// InputError from the archive index and the ignore matcher), and no case takes long.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors.js';
import { DockerignoreMatcher } from '../../src/context/dockerignore/index.js';
import { TarFormatError } from '../../src/image/tar-format.js';
import { TarStreamReader } from '../../src/image/tar-stream.js';
import { TarArchive } from '../../src/image/sources/tar-archive.js';
import { tarBuffer, type TarEntrySpec } from '../support/tar-writer.js';
import { FUZZ_SEED, withinBudget, withinBudgetAsync } from './budget.js';

const nameSegment = fc.constantFrom('a', 'b', 'etc', '..', '.', '', 'x'.repeat(120), 'caf\u00e9', 'dir', 'id_rsa', '\u001b[2J', 'n\nl');
const entryPath = fc.array(nameSegment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const entry: fc.Arbitrary<TarEntrySpec> = fc.record(
  {
    path: entryPath,
    type: fc.constantFrom('file', 'file', 'dir', 'symlink', 'hardlink', 'char', 'fifo'),
    content: fc.uint8Array({ maxLength: 1_500 }).map((bytes) => Buffer.from(bytes)),
    declaredSize: fc.constantFrom(0, 1, 511, 513, 10 * 1024 ** 3),
    linkTarget: entryPath,
    longNames: fc.constantFrom('pax', 'gnu'),
  },
  { requiredKeys: ['path', 'type', 'content'] },
);
const corruption = fc.record({
  flips: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }),
  cutAt: fc.option(fc.nat(), { freq: 3 }),
  chunk: fc.integer({ min: 1, max: 4_096 }),
});

function corrupt(tar: Buffer, { flips, cutAt }: { flips: [number, number][]; cutAt: number | null }): Buffer {
  const bytes = Buffer.from(tar);
  for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
  return cutAt === null ? bytes : bytes.subarray(0, cutAt % (bytes.length + 1));
}

test('the tar stream reader takes any archive, corrupted or cut, in any chunking: entries or a TarFormatError', () => {
  let entries = 0;
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 6 }), corruption, (specs, damage) => {
      const tar = corrupt(tarBuffer(specs), damage);
      withinBudget(`tar of ${specs.length} entries`, () => {
        const reader = new TarStreamReader({ entry: () => (entries++, true), data() {}, end() {} });
        for (let at = 0; at < tar.length; at += damage.chunk) reader.write(tar.subarray(at, at + damage.chunk));
        reader.end();
      }, (error) => error instanceof TarFormatError);
    }),
    { seed: FUZZ_SEED, numRuns: 1_500 },
  );
  assert.ok(entries > 500, `the reader got past the headers (${entries} entries)`);
});

const scratch = mkdtempSync(join(tmpdir(), 'fuzz-archive-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('the archive index opens any archive file, corrupted or cut: members or an InputError', async () => {
  let opened = 0;
  let file = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(entry, { maxLength: 6 }), corruption, async (specs, damage) => {
      const path = join(scratch, `${file++}.tar`);
      writeFileSync(path, corrupt(tarBuffer(specs), damage));
      await withinBudgetAsync(`archive index of ${path}`, async () => {
        const archive = await TarArchive.open(path, 'fuzz.tar');
        try {
          opened++;
          for (const name of archive.members.keys()) archive.resolve(name);
        } finally {
          await archive.close();
        }
      }, (error) => error instanceof InputError);
    }),
    { seed: FUZZ_SEED, numRuns: 300 },
  );
  assert.ok(opened > 50, `some archives open (${opened})`);
});

const patternPart = fc.constantFrom('*', '**', '?', '[', ']', '[a-z]', '[^a]', '[!b]', '\\', '\\*', '!', '/', '.', '..', 'a', 'b', 'node_modules', '.git', ' ', '{', '-', '^');
const pattern = fc.array(patternPart, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const path = fc.array(fc.constantFrom('a', 'b', 'node_modules', '.git', 'x.txt', '[a]', '*', 'é'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));

test('.dockerignore patterns from the pattern alphabet match paths or are refused with an InputError', () => {
  let matched = 0;
  fc.assert(
    fc.property(fc.array(pattern, { maxLength: 6 }), fc.array(path, { maxLength: 6 }), (patterns, paths) => {
      withinBudget(`patterns ${JSON.stringify(patterns)}`, () => {
        const matcher = new DockerignoreMatcher(patterns.map((text, index) => ({ pattern: text, line: index + 1 })));
        for (const candidate of paths) {
          matcher.excludes(candidate);
          matched++;
        }
      }, (error) => error instanceof InputError);
    }),
    { seed: FUZZ_SEED, numRuns: 3_000 },
  );
  assert.ok(matched > 1_000, `most pattern sets compile (${matched} paths matched)`);
});
