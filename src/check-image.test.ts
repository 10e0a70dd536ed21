// Layer mapping over the history forms of builders that cannot run here (BuildKit, the classic builder): the
// rows are what `analyzeImage` makes of such a config. The real buildah images are in test/check-image.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredPrices, joinImage, mapBuiltStage, mapLayers, shippedStages } from './check-image.js';
import { lint } from './dockerfile/lint.js';
import { analyzeSpec } from '../test/support/tar-analyze.js';
import { parseDockerfile } from './dockerfile/parse/index.js';
import { parseCreatedBy } from './image/history.js';
import type { ImageLayerRow } from './image/report-types.js';
import { dockerfileRules } from './dockerfile/rules/index.js';
import { imageRules } from './image/rules/index.js';
import { contextRules } from './context/rules/index.js';

/** History entries as a builder writes them (`[created_by, 'empty']` for an empty_layer entry), as report rows. */
function rows(history: (string | [string, 'empty'])[]): ImageLayerRow[] {
  let index = 0;
  return history.map((entry) => {
    const [createdBy, empty] = typeof entry === 'string' ? [entry, false] : [entry[0], true];
    const row: ImageLayerRow = { empty, createdBy, instruction: parseCreatedBy(createdBy).text, size: 0 };
    if (!empty) row.index = ++index;
    return row;
  });
}

const lines = (mapped: ReturnType<typeof mapLayers>): Record<number, number> =>
  Object.fromEntries([...mapped.instructionOf].map(([layer, instruction]) => [layer, instruction.line]));

const NODE_APP = `FROM node:20 AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /src/dist ./dist
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
USER node
CMD ["node", "dist/server.js"]
`;

test('BuildKit history: RUN and COPY as written, WORKDIR with a layer of its own; the builder stage ships nothing', () => {
  const dockerfile = parseDockerfile(NODE_APP);
  const mapped = mapLayers(
    dockerfile,
    rows([
      'debootstrap',
      'RUN /bin/sh -c apt-get update # buildkit',
      ['CMD ["node"]', 'empty'],
      'WORKDIR /app',
      'COPY /src/dist ./dist # buildkit',
      'RUN /bin/sh -c npm ci --omit=dev # buildkit',
      ['USER node', 'empty'],
      ['CMD ["node" "dist/server.js"]', 'empty'],
    ]),
  );
  assert.deepEqual(lines(mapped), { 3: 9, 4: 10, 5: 11 });
  assert.equal(mapped.mapping.stopped, 'complete');
  assert.equal(mapped.mapping.baseLayers, 2);
  assert.equal(mapped.mapping.instructions, 2, 'RUN, COPY and ADD of the runtime stage only');
  assert.match(mapped.mapping.reason, /2 layers below are the base image's/);
});

test('classic builder history: hashed COPY sources, build args before RUN, WORKDIR without a layer', () => {
  const dockerfile = parseDockerfile(`FROM debian:12
ARG VERSION=1
WORKDIR /opt/app
COPY app/ .
ADD https://example.com/tool.tgz /tmp/
RUN echo $VERSION \\
    && make install
`);
  const mapped = mapLayers(
    dockerfile,
    rows([
      '/bin/sh -c #(nop) ADD file:4b1e in / ',
      ['/bin/sh -c #(nop) ARG VERSION=1', 'empty'],
      ['/bin/sh -c #(nop) WORKDIR /opt/app', 'empty'],
      '/bin/sh -c #(nop) COPY dir:3f2a0c in /opt/app ',
      '/bin/sh -c #(nop) ADD https://example.com/tool.tgz in /tmp/ ',
      '|1 VERSION=2 /bin/sh -c echo $VERSION     && make install',
    ]),
  );
  assert.deepEqual(lines(mapped), { 2: 4, 3: 5, 4: 6 });
  assert.equal(mapped.mapping.baseLayers, 1);
});

test('buildah history: RUN keeps its --mount flags, exec form is recorded as written', () => {
  const dockerfile = parseDockerfile(`FROM busybox AS base
RUN mkdir /out
FROM base
RUN --mount=type=cache,target=/cache echo hi > /v
RUN ["/bin/sh", "-c", "echo exec > /e"]
`);
  const mapped = mapLayers(
    dockerfile,
    rows([
      'busybox-static rootfs',
      '/bin/sh -c mkdir /out',
      '/bin/sh -c --mount=type=cache,target=/cache echo hi > /v',
      '/bin/sh -c ["/bin/sh", "-c", "echo exec > /e"]',
    ]),
  );
  assert.deepEqual(lines(mapped), { 2: 2, 3: 4, 4: 5 }, 'FROM base: the stage it builds on ships too');
  assert.equal(mapped.mapping.baseLayers, 1);
});

test('an image from another Dockerfile maps nothing and says why', () => {
  const dockerfile = parseDockerfile(NODE_APP);
  const mapped = mapLayers(dockerfile, rows(['debootstrap', '/bin/sh -c apt-get update', '/bin/sh -c #(nop) COPY file:ab in /usr/local/bin/x ']));
  assert.equal(mapped.mapping.mapped, 0);
  assert.equal(mapped.mapping.stopped, 'mismatch');
  assert.equal(mapped.mapping.baseLayers, undefined);
  assert.match(mapped.mapping.reason, /^layer 3 \(`COPY file:ab in \/usr\/local\/bin\/x`\) does not match line 11 .*not built from this Dockerfile/);
});

test('a changed instruction stops the mapping there: the layers above it stay mapped, the rest do not', () => {
  const dockerfile = parseDockerfile('FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nCOPY run.sh /run.sh\n');
  const mapped = mapLayers(
    dockerfile,
    rows(['debootstrap', '/bin/sh -c apt-get update', '/bin/sh -c apt-get install -y wget', '/bin/sh -c #(nop) COPY file:ab in /run.sh ']),
  );
  assert.deepEqual(lines(mapped), { 4: 4 });
  assert.equal(mapped.mapping.stopped, 'mismatch');
  assert.match(mapped.mapping.reason, /layers 3 and below are left unmapped/);
});

test('an image with fewer layers than instructions runs out', () => {
  const dockerfile = parseDockerfile('FROM scratch\nCOPY a /a\nCOPY b /b\n');
  const mapped = mapLayers(dockerfile, rows(['/bin/sh -c #(nop) COPY file:bb in /b ']));
  assert.deepEqual(lines(mapped), { 1: 3 });
  assert.equal(mapped.mapping.stopped, 'image-ends');
  assert.match(mapped.mapping.reason, /no layer left for line 2 \(`COPY a \/a`\)/);
});

test('shipped stages: the last stage, or the one built to, and the chain of stages it is FROM', () => {
  const dockerfile = parseDockerfile('FROM a AS one\nFROM b AS two\nFROM two AS three\nFROM three\n');
  assert.deepEqual(shippedStages(dockerfile).map((stage) => stage.index), [1, 2, 3]);
  assert.deepEqual(shippedStages(dockerfile, dockerfile.stages[2]).map((stage) => stage.index), [1, 2]);
});

test('an image built to an earlier stage (`--target build`) maps to that stage, found from its layers or named', () => {
  const dockerfile = parseDockerfile(NODE_APP);
  const built = rows([
    'debootstrap',
    'RUN /bin/sh -c apt-get update # buildkit',
    ['CMD ["node"]', 'empty'],
    'WORKDIR /src',
    'COPY package.json package-lock.json ./ # buildkit',
    'RUN /bin/sh -c npm ci # buildkit',
    'COPY . . # buildkit',
    'RUN /bin/sh -c npm run build # buildkit',
  ]);
  const found = mapBuiltStage(dockerfile, built);
  assert.equal(found.target?.name, 'build');
  assert.deepEqual(lines(found), { 3: 2, 4: 3, 5: 4, 6: 5, 7: 6 });
  assert.deepEqual([found.mapping.stage, found.mapping.stopped, found.mapping.baseLayers], ['build', 'complete', 2]);
  for (const target of ['build', 'BUILD', '0']) assert.deepEqual(lines(mapBuiltStage(dockerfile, built, target)), lines(found), target);
  const named = mapBuiltStage(dockerfile, built, 'runtime');
  assert.deepEqual([named.mapping.stage, named.mapping.stopped, named.mapping.mapped], ['runtime', 'mismatch', 0]);
  assert.throws(() => mapBuiltStage(dockerfile, built, 'test'), /no stage "test" to map the image to \(its stages: build, runtime\)/);
  // an image of the last stage keeps it, and one from another Dockerfile does not wander to a stage that maps nothing
  const other = rows(['debootstrap', 'RUN /bin/sh -c make # buildkit']);
  assert.equal(mapBuiltStage(parseDockerfile('FROM a AS tools\nFROM b\nRUN make install\n'), other).target?.index, 1);
});

test('every rule a link names exists, in another domain, and every declared price is read', () => {
  const rules = [...dockerfileRules, ...imageRules, ...contextRules];
  const ids = new Set(rules.map((rule) => rule.meta.id));
  const domain = (id: string) => id.slice(0, id.indexOf('/'));
  let links = 0;
  for (const { meta } of rules) {
    for (const link of meta.links ?? []) {
      links++;
      const other = 'measures' in link ? link.measures : 'duplicates' in link ? link.duplicates : undefined;
      if (other === undefined) continue;
      assert.ok(ids.has(other), `${meta.id} links to ${other}, which is no rule`);
      assert.notEqual(domain(other), domain(meta.id), `${meta.id} links to a rule of its own domain`);
    }
  }
  const duplicates = rules.flatMap(({ meta }) => (meta.links ?? []).filter((link) => 'duplicates' in link));
  assert.equal(declaredPrices().length, links - duplicates.length);
  assert.ok(declaredPrices().some((price) => price.rule === 'dockerfile/clean-apt-lists' && 'imageRule' in price && price.imageRule === 'image/no-package-cache'));
});

test('prices join on data: the message id of a rule with one message per cache, related layers, the variable', async () => {
  const dockerfile = parseDockerfile(`FROM debian:12
ARG API_KEY
RUN rm /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl
COPY app /app
RUN chown -R 1000 /app
`);
  const apiKey = 'AKIAIOSFODNN7EXAMPLE';
  const app = [{ path: 'app/a.bin', content: Buffer.alloc(1_500_000, 1) }];
  const image = await analyzeSpec({
    layers: [
      { createdBy: 'debootstrap', tar: [{ path: 'etc/os-release', content: 'ID=debian\n' }] },
      {
        createdBy: `|1 API_KEY=${apiKey} /bin/sh -c rm /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl`,
        tar: [
          { path: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', content: Buffer.alloc(3_000_000, 2) },
          { path: 'var/cache/apt/archives/curl.deb', content: Buffer.alloc(4_000_000, 3) },
        ],
      },
      { createdBy: 'COPY dir:0123abcd in /app ', tar: app },
      { createdBy: '/bin/sh -c chown -R 1000 /app', tar: app.map((file) => ({ ...file, uid: 1000 })) },
    ],
  });
  const { findings } = lint(dockerfile.text, { file: 'Dockerfile' });
  // the order the findings come in decides nothing
  for (const order of [findings, [...findings].reverse()]) {
    const joined = joinImage(dockerfile, order, image);
    const priced = (ruleId: string, messageId?: string) =>
      joined.findings.find((f) => f.ruleId === ruleId && (messageId === undefined || f.messageId === messageId))!;
    assert.equal(priced('dockerfile/clean-apt-lists', 'lists').cost?.bytes, 3_000_000);
    assert.equal(priced('dockerfile/clean-apt-lists', 'archives').cost?.bytes, 4_000_000);
    assert.equal(priced('dockerfile/use-copy-chown').cost?.bytes, 1_500_000);
    assert.match(priced('dockerfile/no-secrets-in-arg-env').message, /— confirmed in the image/);
    // each image finding priced a Dockerfile finding and is not reported twice
    assert.deepEqual(joined.image.findings.map((f) => f.ruleId).filter((id) => id !== 'image/no-root-user'), []);
  }
});
