import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parseDockerfile } from '../../dockerfile/parse/index.js';
import { dockerignore } from '../dockerignore/index.js';
import { makeTree, removeTree, type TreeNode } from '../test-support/tree.js';
import { walkContext } from '../walk.js';
import { CopyResolver, type ResolvedCopy } from './resolve.js';
import { copySpecsFromDockerfile } from './spec.js';

const roots: string[] = [];
after(() => roots.forEach(removeTree));

function resolveAll(nodes: Record<string, TreeNode>, dockerfile: string, ignoreText = ''): ResolvedCopy[] {
  const root = makeTree(nodes);
  roots.push(root);
  const matcher = dockerignore.parse(ignoreText);
  const resolver = new CopyResolver(walkContext(root, { matcher }), matcher);
  return copySpecsFromDockerfile(parseDockerfile(dockerfile)).map((spec) => resolver.resolve(spec));
}

const APP: Record<string, TreeNode> = {
  'package.json': '{"name":"app"}',
  'package-lock.json': '{}',
  'src/index.js': 'x'.repeat(10),
  'src/lib/util.js': 'y'.repeat(20),
  'src/notes.md': 'n',
  '.env': 'SECRET=1',
  'node_modules/dep/index.js': 'z'.repeat(100),
  'config/a.json': '{}',
  'config/b.json': '{}!',
};

test('literal files, directories (their contents) and the whole context', () => {
  const [manifests, source, all] = resolveAll(APP, 'FROM node\nCOPY package.json package-lock.json ./\nCOPY src/ /app/src/\nCOPY . .\n', 'node_modules\n');
  assert.deepEqual([manifests.files, manifests.bytes], [2, 16]);
  assert.deepEqual(manifests.sources.map((s) => s.status), ['ok', 'ok']);
  assert.deepEqual([source.files, source.bytes], [3, 31]);
  assert.equal(source.takes('src/lib/util.js'), true);
  assert.equal(source.takes('package.json'), false);
  assert.equal(all.takes('.env'), true);
  assert.equal(all.takes('node_modules/dep/index.js'), false, 'excluded by .dockerignore');
  assert.equal(all.names('node_modules'), false, '`.` copies the context but names nothing in it');
  assert.equal(source.names('src'), true);
});

test('wildcards match with filepath.Match at their own depth and take matched directories whole', () => {
  const [json, nested, none] = resolveAll(APP, 'FROM node\nCOPY *.json ./\nCOPY config/*.json src/* /x/\nCOPY *.yaml /y/\n');
  assert.deepEqual(json.sources[0].matches, ['package-lock.json', 'package.json']);
  assert.deepEqual(nested.sources[1].matches, ['src/index.js', 'src/lib', 'src/notes.md']);
  assert.equal(nested.takes('src/lib/util.js'), true);
  assert.equal(nested.files, 5);
  assert.equal(none.sources[0].status, 'empty', 'BuildKit allows a wildcard that matches nothing');
});

test('sources excluded by .dockerignore: a literal one fails the build, a wildcard silently copies less', () => {
  const [literal, glob, missing] = resolveAll(APP, 'FROM node\nCOPY .env /app/\nCOPY config/*.json /c/\nCOPY nope.txt /n/\n', '.env\nconfig/b.json\n');
  assert.equal(literal.sources[0].status, 'ignored');
  assert.deepEqual(literal.sources[0].ignoredMatches, ['.env']);
  assert.equal(glob.sources[0].status, 'ok');
  assert.deepEqual(glob.sources[0].matches, ['config/a.json']);
  assert.deepEqual(glob.sources[0].ignoredMatches, ['config/b.json']);
  assert.equal(missing.sources[0].status, 'missing');
});

test('--exclude applies relative to the copied directory; --parents keeps paths and takes what its pattern matches', () => {
  const [excluded, parents, pivot] = resolveAll(
    APP,
    '# syntax=docker/dockerfile:1.7-labs\nFROM node\nCOPY --exclude=*.md src /app/\nCOPY --parents config/*.json /p/\nCOPY --parents ./src/./lib /q/\n',
  );
  assert.equal(excluded.takes('src/notes.md'), false);
  assert.equal(excluded.takes('src/index.js'), true);
  assert.equal(excluded.files, 2);
  assert.equal(parents.files, 2);
  assert.equal(parents.takes('config/a.json'), true);
  assert.equal(parents.takes('src/index.js'), false);
  assert.equal(pivot.takes('src/lib/util.js'), true);
  assert.equal(pivot.takes('src/index.js'), false);
});

test('.. cannot leave the context, ARG values are substituted, --from/URL/heredoc sources are not the context', () => {
  const copies = resolveAll(
    APP,
    'FROM node AS build\nARG DIR=src\nCOPY ../../${DIR}/index.js /a/\nCOPY <<EOF /b\nhi\nEOF\nFROM nginx\nCOPY --from=build /x /y\nADD https://example.com/a.tgz /z/\nCOPY config /c/\n',
  );
  // The final stage copies from `build`, so both stages read the context.
  assert.deepEqual(copies.map((c) => [c.line, c.sources.map((s) => s.source)]), [
    [3, ['../../${DIR}/index.js'.replace('${DIR}', 'src')]],
    [10, ['config']],
  ]);
  assert.deepEqual(copies[0].sources[0].matches, ['src/index.js']);
});

test('a symbolic link source is followed inside the context', () => {
  const [copy] = resolveAll({ 'real/a.txt': 'abc', 'link': { symlink: 'real' } }, 'FROM x\nCOPY link /l/\n');
  assert.deepEqual(copy.sources[0].matches, ['real']);
  assert.equal(copy.files, 1);
});
