import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkDockerfile } from './check.js';
import { treesRemovedAfterTests, type TreeNode } from './context/test-support/tree.js';
import { InputError } from './core/errors.js';
import { fix, projectFixTargets } from './fix.js';

const tree = treesRemovedAfterTests();

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

const LEAKY: Record<string, TreeNode> = {
  'Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\nCOPY . /app\nUSER 65532\nCMD ["/app/run"]\n',
  'run': '#!/bin/sh\n',
  '.env': 'API_KEY=test-fixture\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  'node_modules/dep/index.js': 'd'.repeat(2000),
};

describe('fix and check agree on what is fixable', () => {
  for (const example of readdirSync(EXAMPLES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    test(`examples/${example}: the count check gives is what fix --dry-run resolves, safe and with --unsafe`, async () => {
      const file = join(EXAMPLES, example, 'Dockerfile');
      const text = readFileSync(file, 'utf8');
      const checked = checkDockerfile(file, text, {});
      const safe = checked.findings.filter((finding) => finding.fix?.kind === 'safe').length;
      const unsafe = checked.findings.filter((finding) => finding.fix?.kind === 'unsafe').length;
      const dry = await fix([file], { dryRun: true, root: EXAMPLES });
      const dryUnsafe = await fix([file], { dryRun: true, unsafe: true, root: EXAMPLES });
      assert.equal(dry.dockerfiles[0]!.fixed.length, safe);
      assert.equal(dryUnsafe.dockerfiles[0]!.fixed.length, safe + unsafe);
      assert.equal(readFileSync(file, 'utf8'), text, 'a dry run writes nothing');
    });
  }
});

describe('fix()', () => {
  test('fixes the Dockerfile and the .dockerignore, with diffs relative to the project; a second fix changes nothing', async () => {
    const root = tree(LEAKY);
    const first = await fix([join(root, 'Dockerfile')], { root });
    const [result] = first.dockerfiles;
    assert.match(result!.change!.diff, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n/);
    assert.equal(result!.change!.written, true);
    assert.match(readFileSync(join(root, 'Dockerfile'), 'utf8'), /^RUN apk add --no-cache curl$/m);
    // .git and .env are safe to leave out; node_modules may be what a COPY . build runs on.
    assert.equal(result!.ignore!.written, false);
    assert.match(result!.ignore!.heldBack!, /^needs --unsafe: node_modules may hold what the build runs on/);
    assert.match(result!.ignore!.diff, /^--- a\/\.dockerignore\n\+\+\+ b\/\.dockerignore\n/);
    assert.equal(statSync(join(root, '.dockerignore'), { throwIfNoEntry: false }), undefined);

    const unsafe = await fix([join(root, 'Dockerfile')], { root, unsafe: true });
    assert.equal(unsafe.dockerfiles[0]!.ignore!.written, true);
    const ignore = readFileSync(join(root, '.dockerignore'), 'utf8');
    assert.match(ignore, /^node_modules$/m);

    const again = await fix([join(root, 'Dockerfile')], { root, unsafe: true });
    assert.equal(again.dockerfiles[0]!.change, undefined);
    assert.equal(again.dockerfiles[0]!.ignore, undefined);
    assert.deepEqual(again.dockerfiles[0]!.fixed, []);
    assert.equal(readFileSync(join(root, '.dockerignore'), 'utf8'), ignore);
  });

  test('a dry run returns the changes and writes nothing', async () => {
    const root = tree(LEAKY);
    const outcome = await fix([join(root, 'Dockerfile')], { root, dryRun: true, unsafe: true });
    const [result] = outcome.dockerfiles;
    assert.equal(result!.change!.written, false);
    assert.equal(result!.ignore!.written, false);
    assert.equal(result!.ignore!.heldBack, undefined);
    assert.equal(readFileSync(join(root, 'Dockerfile'), 'utf8'), LEAKY['Dockerfile']);
    assert.equal(statSync(join(root, '.dockerignore'), { throwIfNoEntry: false }), undefined);
  });

  test('writes through a symbolic link inside the project: the link stays, the target keeps its mode and owner', async () => {
    const root = tree({
      'docker/base.Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\nUSER 65532\n',
      'app/Dockerfile': { symlink: '../docker/base.Dockerfile' },
      'app/.dockerignore': { symlink: 'config/shared.dockerignore' },
      'app/config/shared.dockerignore': '# shared\n',
      'app/.env': 'API_KEY=test-fixture\n',
    });
    const target = join(root, 'docker/base.Dockerfile');
    chmodSync(target, 0o640);
    const owner = process.getuid?.() === 0 ? { uid: 4321, gid: 4321 } : { uid: statSync(target).uid, gid: statSync(target).gid };
    chownSync(target, owner.uid, owner.gid);
    const outcome = await fix([join(root, 'app/Dockerfile')], { root });
    assert.equal(outcome.dockerfiles[0]!.change!.label, 'app/Dockerfile');
    assert.ok(lstatSync(join(root, 'app/Dockerfile')).isSymbolicLink());
    assert.equal(readlinkSync(join(root, 'app/Dockerfile')), '../docker/base.Dockerfile');
    assert.match(readFileSync(target, 'utf8'), /apk add --no-cache curl/);
    const stats = statSync(target);
    assert.equal(stats.mode & 0o7777, 0o640);
    assert.deepEqual({ uid: stats.uid, gid: stats.gid }, owner);
    assert.ok(lstatSync(join(root, 'app/.dockerignore')).isSymbolicLink(), 'the ignore file stays a link');
    assert.match(readFileSync(join(root, 'app/config/shared.dockerignore'), 'utf8'), /^# shared\n\n# Added by shipshape.*\n\.env\n$/);
    assert.deepEqual(readdirSync(join(root, 'docker')), ['base.Dockerfile'], 'no temporary file left');
  });

  test('refuses, in one line, to write through a link to a file outside the project', async () => {
    const outside = tree({ 'Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\nUSER 65532\n' });
    const root = tree({ 'Dockerfile': { symlink: join(outside, 'Dockerfile') } });
    await assert.rejects(
      fix([join(root, 'Dockerfile')], { root }),
      (error: unknown) => error instanceof InputError && error.message === `${join(root, 'Dockerfile')}: a symbolic link to a file outside ${root}, not written`,
    );
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nRUN apk add curl\nUSER 65532\n');
  });

  test('two Dockerfiles of one context propose its .dockerignore change once', async () => {
    const root = tree({ ...LEAKY, 'Dockerfile.dev': 'FROM alpine:3.20\nCOPY . /app\nUSER 65532\n' });
    const outcome = await fix([join(root, 'Dockerfile'), join(root, 'Dockerfile.dev')], { root, dryRun: true });
    assert.equal(outcome.dockerfiles.filter((result) => result.ignore).length, 1);
  });

  test('text from standard input is fixed in memory', async () => {
    const outcome = await fix([{ file: '<stdin>', text: 'FROM alpine:3.20\nRUN apk add curl\nUSER 65532\n', stdin: true }]);
    assert.equal(outcome.dockerfiles[0]!.text, 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 65532\n');
    assert.equal(outcome.dockerfiles[0]!.fixed.length, 1);
  });

  test('without files, the project as check sees it: each Dockerfile with the build context its compose file declares', async () => {
    const root = tree({
      'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n',
      'services/api/Dockerfile': 'FROM alpine:3.20\nCOPY services/api /app\nUSER 65532\n',
      'services/api/main.sh': 'echo hi\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    const targets = projectFixTargets(root);
    assert.deepEqual(targets.map((target) => [target.file, target.context]), [[join(root, 'services/api/Dockerfile'), root]]);
    const outcome = await fix(targets, { root });
    assert.equal(outcome.dockerfiles[0]!.ignore!.label, '.dockerignore');
    assert.match(readFileSync(join(root, '.dockerignore'), 'utf8'), /^\.git$/m);
  });
});
