// `check DIR` on whole projects: the builds their files declare, inferred contexts, `--context`, `--exclude`,
// per-Dockerfile ignore files, and each context reported once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeTree, removeTree } from '../src/context/test-support/tree.js';
import { runCli } from './support/cli.js';

interface BuildEntry {
  dockerfile: string;
  context: string;
  contextFrom: string;
  target?: string;
  targetFrom: string;
  args: Record<string, string>;
  source: { kind: string; file?: string; name?: string };
  declared: unknown[];
  note?: string;
  inline?: boolean;
}

interface CheckJson {
  builds: BuildEntry[];
  contexts: Array<{ root: string; dockerfiles: string[]; ignoreFile: { source: string; path?: string } }>;
  findings: Array<{ ruleId: string; location: { file: string } }>;
  notes?: Array<{ file: string; message: string }>;
}

async function checkJson(dir: string, ...args: string[]): Promise<CheckJson> {
  const result = await runCli(['check', '.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as CheckJson;
}

const MONOREPO = {
  'package.json': '{"name":"mono","private":true}',
  'pnpm-lock.yaml': 'lockfileVersion: 9\n',
  '.dockerignore': 'node_modules\n.git\n',
  'apps/web/src/main.ts': 'console.log(1)\n',
  'apps/web/Dockerfile': 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nCOPY apps/web ./apps/web\nUSER node\nCMD ["node", "apps/web/src/main.ts"]\n',
  'apps/api/Dockerfile': 'FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nFROM node:20-slim AS runtime\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/main.js"]\n',
  'apps/api/main.js': '',
  'compose.yaml': 'services:\n  api:\n    build:\n      context: ./apps/api\n      target: ${API_TARGET:-runtime}\n      args: [MODE=prod]\n  tool:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER 1000\n',
  'web/Dockerfile.j2': 'FROM {{ base }}\n',
};

describe('check DIR reads the project as its build does', () => {
  test('each Dockerfile with its context and target and where they come from, in JSON and on the terminal', async () => {
    const dir = makeTree(MONOREPO);
    try {
      const report = await checkJson(dir);
      const byFile = new Map(report.builds.map((build) => [build.dockerfile, build]));
      assert.deepEqual([...byFile.keys()].sort(), ['apps/api/Dockerfile', 'apps/web/Dockerfile', 'compose.yaml (service tool dockerfile_inline)']);
      const api = byFile.get('apps/api/Dockerfile')!;
      assert.deepEqual([api.context, api.contextFrom, api.target, api.targetFrom, api.args], ['apps/api', 'from compose.yaml service api', 'runtime', 'from compose.yaml service api', { MODE: 'prod' }]);
      const web = byFile.get('apps/web/Dockerfile')!;
      assert.deepEqual([web.context, web.contextFrom, web.target, web.targetFrom, web.declared], ['.', 'inferred from COPY sources', undefined, 'the last stage', []]);
      const inline = byFile.get('compose.yaml (service tool dockerfile_inline)')!;
      assert.equal(inline.inline, true);
      assert.equal(inline.context, '.');
      assert.ok(!report.findings.some((f) => f.location.file.endsWith('.j2')), 'a template is not linted');

      const terminal = await runCli(['check', '.', '--fail-on', 'none'], { cwd: dir });
      assert.match(terminal.stdout, /^Dockerfile apps\/api\/Dockerfile: context apps\/api \(from compose\.yaml service api\), target runtime \(from compose\.yaml service api\)$/m);
      assert.match(terminal.stdout, /^Dockerfile apps\/web\/Dockerfile: context \. \(inferred from COPY sources\), target the last stage$/m);
    } finally {
      removeTree(dir);
    }
  });

  test('one context is reported once, with every Dockerfile that shares it; its findings appear once', async () => {
    const dir = makeTree({
      'a/Dockerfile': 'FROM alpine:3.20\nCOPY a/x /x\nUSER 1000\n',
      'a/x': '',
      'b/Dockerfile': 'FROM alpine:3.20\nCOPY b/y /y\nUSER 1000\n',
      'b/y': '',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    try {
      const report = await checkJson(dir);
      assert.deepEqual(report.builds.map((b) => [b.dockerfile, b.context]), [['a/Dockerfile', '.'], ['b/Dockerfile', '.']]);
      assert.equal(report.contexts.length, 1);
      assert.deepEqual(report.contexts[0]!.dockerfiles, ['a/Dockerfile', 'b/Dockerfile']);
      assert.equal(report.findings.filter((f) => f.ruleId === 'context/missing-dockerignore').length, 1);
      const terminal = await runCli(['check', '.', '--fail-on', 'none'], { cwd: dir });
      assert.equal(terminal.stdout.match(/^Build context /gm)?.length, 1);
    } finally {
      removeTree(dir);
    }
  });

  test('--context overrides the inferred context of the one Dockerfile (or the one --dockerfile names)', async () => {
    const dir = makeTree({ 'svc/Dockerfile': 'FROM alpine:3.20\nCOPY app /app\nUSER 1000\n', 'svc/app': '', 'other/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n', 'ctx/app': '' });
    try {
      const report = await checkJson(dir, '--context', 'ctx', '--dockerfile', 'svc/Dockerfile');
      const svc = report.builds.find((b) => b.dockerfile === 'svc/Dockerfile')!;
      assert.deepEqual([svc.context, svc.contextFrom], ['ctx', 'from --context']);
      const other = report.builds.find((b) => b.dockerfile === 'other/Dockerfile')!;
      assert.equal(other.contextFrom, "the Dockerfile's directory");
      const several = await runCli(['check', '.', '--context', 'ctx'], { cwd: dir });
      assert.equal(several.code, 2);
      assert.match(several.stderr, /2 Dockerfiles/);
      const missing = await runCli(['check', '.', '--context', 'nowhere'], { cwd: dir });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--context nowhere: not a directory/);
    } finally {
      removeTree(dir);
    }
  });

  test("a Dockerfile's own <name>.dockerignore is the ignore file of its context", async () => {
    const dir = makeTree({
      'api.Dockerfile': 'FROM alpine:3.20\nCOPY . /app\nUSER 1000\n',
      'api.Dockerfile.dockerignore': 'secrets\n',
      '.dockerignore': 'nothing\n',
      'secrets/key.pem': '-----BEGIN PRIVATE KEY-----\n',
    });
    try {
      const report = await checkJson(dir);
      assert.deepEqual(report.contexts[0]!.ignoreFile, { path: 'api.Dockerfile.dockerignore', source: 'dockerfile' });
      assert.ok(!report.findings.some((f) => f.location.file.includes('secrets')));
    } finally {
      removeTree(dir);
    }
  });

  test('--exclude (repeatable) and exclude: in the config leave paths out of the search', async () => {
    const dir = makeTree({
      '.shipshape.yaml': 'exclude:\n  - examples/\n',
      'Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
      'examples/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
      'test/integration/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
      'test/e2e/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
    });
    try {
      const report = await checkJson(dir, '--exclude', 'integration', '--exclude', 'e2e/');
      assert.deepEqual(report.builds.map((b) => b.dockerfile), ['Dockerfile']);
    } finally {
      removeTree(dir);
    }
  });

  test('a Dockerfile a workflow names is checked though its name is unusual; one it names that is missing is a note', async () => {
    const dir = makeTree({
      '.github/workflows/ci.yml': 'jobs:\n  b:\n    runs-on: x\n    steps:\n      - run: docker build -f build/image.docker . && docker build -f gone/Dockerfile .\n',
      'build/image.docker': 'FROM alpine:3.20\nUSER 1000\n',
    });
    try {
      const report = await checkJson(dir);
      assert.deepEqual(report.builds.map((b) => [b.dockerfile, b.context, b.contextFrom]), [['build/image.docker', '.', 'from .github/workflows/ci.yml:5 (job b)']]);
      assert.deepEqual(report.notes, [{ file: 'gone/Dockerfile', message: 'named from .github/workflows/ci.yml:5 (job b) but not found' }]);
    } finally {
      removeTree(dir);
    }
  });

  test('a Dockerfile or a context outside the project is not read on its files\' say-so', async () => {
    const dir = makeTree({
      'compose.yaml': 'services:\n  a:\n    build:\n      context: /\n      dockerfile: etc/passwd\n  b:\n    build:\n      context: /\n      dockerfile: ${PWD_LIKE:-/app}/Dockerfile\n  c:\n    build: /\n',
      'app/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n',
    });
    try {
      const report = await checkJson(dir);
      assert.deepEqual(report.builds.map((b) => b.dockerfile), ['app/Dockerfile']);
      assert.deepEqual(report.notes, [
        { file: '/etc/passwd', message: 'named from compose.yaml service a: outside ., not read' },
        { file: '/app/Dockerfile', message: 'named from compose.yaml service b: outside ., not read' },
        { file: '/Dockerfile', message: 'named from compose.yaml service c: outside ., not read' },
      ]);
      assert.ok(!report.findings.some((f) => f.location.file.startsWith('/')), 'nothing outside the project is reported');
    } finally {
      removeTree(dir);
    }
  });

  test('one Dockerfile built two ways: each distinct context and target reported, its own findings once', async () => {
    const dir = makeTree({
      'docker-bake.hcl': 'target "app" {\n  target = "runtime"\n}\ntarget "test" {\n  target = "test"\n}\ntarget "alt" {\n  context = "sub"\n  dockerfile = "../Dockerfile"\n}\n',
      Dockerfile: 'FROM alpine:3.20 AS test\nRUN apt-get install -y curl\nFROM alpine:3.20 AS runtime\nUSER 1000\n',
      'sub/x': '',
    });
    try {
      const report = await checkJson(dir);
      assert.deepEqual(
        report.builds.map((b) => [b.dockerfile, b.context, b.target, b.contextFrom]),
        [
          ['Dockerfile', '.', 'runtime', 'from docker-bake.hcl target app'],
          ['Dockerfile', '.', 'test', 'from docker-bake.hcl target test'],
          ['Dockerfile', 'sub', undefined, 'from docker-bake.hcl target alt'],
        ],
      );
      assert.deepEqual(report.contexts.map((c) => c.root).sort(), ['.', 'sub']);
      const ids = report.findings.filter((f) => f.location.file === 'Dockerfile').map((f) => `${f.ruleId}:${JSON.stringify(f.location)}`);
      assert.equal(new Set(ids).size, ids.length, 'no Dockerfile finding twice');
    } finally {
      removeTree(dir);
    }
  });
});

test('a found Dockerfile that is empty or only comments is a note; the others are checked', async () => {
  const dir = makeTree({
    'Dockerfile': 'FROM alpine:3.20\nUSER nobody\nCMD ["true"]\n',
    'docker/empty.Dockerfile': '',
    'docker/comments.Dockerfile': '# nothing but a comment\n',
  });
  try {
    const report = await checkJson(dir);
    assert.deepEqual(
      (report.notes ?? []).filter((note) => note.message.startsWith('not checked')).map((note) => `${note.file}: ${note.message}`).sort(),
      ['docker/comments.Dockerfile: not checked: no instructions, only comments', 'docker/empty.Dockerfile: not checked: empty file'],
    );
    assert.ok(report.builds.some((build) => build.dockerfile === 'Dockerfile'));
  } finally {
    removeTree(dir);
  }
});
