// `check DIR --image REF` on real images: the repository's examples built with buildah (apt-dirty, node-fat,
// node-slim, and apt-dirty after `shipshape fix`) and the secrets and apt-leftovers fixtures. The ground truth for "the right
// layer" is the layer's own files; for a price, the image rule's own measurement of the same layer.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type * as Sarif from 'sarif';
import { declaredPrices } from '../src/check-image.js';
import { checkDockerfile, type CheckedDockerfile } from '../src/check.js';
import { isImageLocation, type Finding } from '../src/core/finding.js';
import { formatBytesSI } from '../src/core/format.js';
import { analyzeImage } from '../src/image/analyze.js';
import { openImage } from '../src/image/open.js';
import type { ImageLayerRow, ImageReport } from '../src/image/report-types.js';
import { runCli } from './support/cli.js';
import { buildExample } from './support/examples.js';
import { imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';
import { sarifValidator } from './support/sarif-schema.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;

const scratch = mkdtempSync(join(tmpdir(), 'shipshape-check-image-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Built {
  ref: string;
  /** Analysed with every layer's file list, the cache off. */
  report: ImageReport;
}

async function analyze(ref: string): Promise<ImageReport> {
  const image = await openImage(ref);
  try {
    return await analyzeImage(image, { cache: false, files: true });
  } finally {
    await image.close();
  }
}

const built: Record<'aptDirty' | 'nodeFat' | 'nodeSlim' | 'aptFixed', Built> = {} as never;
const fixedDir = join(scratch, 'apt-dirty-fixed');

before(async () => {
  if (skip) return;
  cpSync('examples/apt-dirty', fixedDir, { recursive: true });
  const fixed = await runCli(['fix', join(fixedDir, 'Dockerfile')]);
  assert.equal(fixed.code, 0, fixed.stderr);
  // one at a time: two cores, and each build runs apt or npm
  const examples = [
    ['aptDirty', 'examples/apt-dirty'],
    ['nodeFat', 'examples/node-fat'],
    ['nodeSlim', 'examples/node-slim'],
    ['aptFixed', fixedDir],
  ] as const;
  for (const [name, context] of examples) {
    const ref = await buildExample(context, join(scratch, `${name}.docker.tar`));
    built[name] = { ref, report: await analyze(ref) };
  }
});

function check(file: string, report?: ImageReport): CheckedDockerfile {
  return checkDockerfile(file, readFileSync(file, 'utf8'), {}, report ? { image: report } : {});
}

const layerRows = (checked: CheckedDockerfile): ImageLayerRow[] => checked.image!.image.layers.filter((row) => row.index !== undefined);
const rowAtLine = (checked: CheckedDockerfile, line: number): ImageLayerRow | undefined =>
  layerRows(checked).find((row) => row.dockerfile?.line === line);
const atLine = (findings: readonly Finding[], ruleId: string, line: number): Finding | undefined =>
  findings.find((f) => f.ruleId === ruleId && !isImageLocation(f.location) && f.location.line === line);
const addedFiles = (row: ImageLayerRow): string[] => (row.files ?? []).filter((f) => f.change !== 'deleted').map((f) => f.path);

/** The base image's layers, read from the stand-in the build pulled. */
async function baseDiffIds(repository: string): Promise<string[]> {
  const base = await openImage(`docker://${fixtures.registries.anonymous.host}/${repository}`, { insecure: true });
  try {
    return base.layers.map((layer) => layer.diffId);
  } finally {
    await base.close();
  }
}

/**
 * Each image finding is either still reported (once) or priced into exactly one Dockerfile finding, and the bytes
 * add up: what the image measured = what is still reported + what was attached.
 */
function assertCountedOnce(file: string, report: ImageReport, checked: CheckedDockerfile): void {
  const key = (f: Finding): string => {
    const location = isImageLocation(f.location) ? f.location : undefined;
    return `${f.ruleId}|${location?.layerIndex}|${location?.path}|${f.message}`;
  };
  const original = report.findings.map(key);
  const kept = checked.image!.findings.map(key);
  for (const k of kept) {
    const at = original.indexOf(k);
    assert.ok(at >= 0, `a kept image finding is one of the image's: ${k}`);
    original.splice(at, 1);
  }
  const claimed = report.findings.filter((f) => original.includes(key(f)));
  assert.equal(kept.length + claimed.length, report.findings.length);
  for (const f of checked.image!.findings) assert.ok(checked.findings.includes(f), 'kept image findings are in the one list');

  const plain = check(file);
  const measured = new Set(declaredPrices().filter((price) => 'imageRule' in price).map((price) => price.rule));
  let attached = 0;
  checked.findings.slice(0, plain.findings.length).forEach((finding, i) => {
    assert.equal(finding.ruleId, plain.findings[i]!.ruleId, 'the Dockerfile findings keep their order');
    if (measured.has(finding.ruleId)) attached += (finding.cost?.bytes ?? 0) - (plain.findings[i]!.cost?.bytes ?? 0);
  });
  const bytes = (findings: readonly Finding[]): number => findings.reduce((sum, f) => sum + (f.cost?.bytes ?? 0), 0);
  assert.equal(bytes(report.findings), bytes(checked.image!.findings) + attached, 'no byte counted twice, none lost');
  assert.equal(bytes(claimed), attached);
}

describe('examples/apt-dirty', { skip }, () => {
  test('each RUN and COPY maps to the layer holding its files; the layers below are the debian:bookworm stand-in', async () => {
    const checked = check('examples/apt-dirty/Dockerfile', built.aptDirty.report);
    const mapping = checked.image!.image.mapping!;
    assert.equal(mapping.stopped, 'complete', mapping.reason);
    assert.equal(mapping.mapped, 3);
    const base = await baseDiffIds(fixtures.debianBase);
    assert.equal(mapping.baseLayers, base.length);
    assert.deepEqual(layerRows(checked).slice(0, base.length).map((row) => row.diffId), base);
    assert.ok(layerRows(checked).slice(0, base.length).every((row) => row.dockerfile === undefined));

    const expected: Record<number, string> = {
      2: '/var/lib/apt/lists/',
      3: '/usr/bin/curl',
      4: '/usr/local/bin/healthcheck.sh',
    };
    for (const [line, path] of Object.entries(expected)) {
      const row = rowAtLine(checked, Number(line));
      assert.ok(row, `line ${line} has a layer`);
      assert.equal(row.dockerfile!.file, 'examples/apt-dirty/Dockerfile');
      assert.ok(addedFiles(row).some((file) => file.startsWith(path)), `layer ${row.index} (line ${line}) adds ${path}`);
    }
  });

  test('clean-apt-lists carries the bytes of /var/lib/apt/lists in its layer, as image/no-package-cache measured them', () => {
    const report = built.aptDirty.report;
    const checked = check('examples/apt-dirty/Dockerfile', report);
    const lists = report.findings.find(
      (f) => f.ruleId === 'image/no-package-cache' && isImageLocation(f.location) && f.location.path === '/var/lib/apt/lists',
    );
    assert.ok(lists, 'the image rule measured the lists');
    const row = rowAtLine(checked, 2)!;
    const onDisk = (row.files ?? [])
      .filter((f) => f.kind === 'file' && f.change !== 'deleted' && f.path.startsWith('/var/lib/apt/lists/') && f.path !== '/var/lib/apt/lists/lock')
      .reduce((sum, f) => sum + f.size, 0);
    assert.ok(onDisk > 1_000_000, `the lists are real: ${onDisk} bytes`);
    assert.equal(lists.cost?.bytes, onDisk);

    const finding = atLine(checked.findings, 'dockerfile/clean-apt-lists', 2);
    assert.ok(finding, 'clean-apt-lists on line 2');
    assert.deepEqual(finding.cost, { bytes: onDisk, layer: row.diffId, layerIndex: row.index });
    assert.ok(finding.message.endsWith(` — ${formatBytesSI(onDisk)} in layer ${row.index}`), finding.message);
    assert.ok(
      !checked.findings.some((f) => f.ruleId === 'image/no-package-cache' && isImageLocation(f.location) && f.location.path === '/var/lib/apt/lists'),
      'the lists are reported once',
    );
    const withoutCleanLists = checkDockerfile('examples/apt-dirty/Dockerfile', readFileSync('examples/apt-dirty/Dockerfile', 'utf8'), {
      'dockerfile/clean-apt-lists': { severity: 'off' },
    }, { image: report });
    assert.equal(atLine(withoutCleanLists.findings, 'dockerfile/no-lone-apt-update', 2)?.cost?.bytes, onDisk, 'with clean-apt-lists off, the lone update carries them');
    assert.equal(atLine(checked.findings, 'dockerfile/no-lone-apt-update', 2)?.cost, undefined, 'and otherwise not: they are counted once');
    const cache = checked.findings.find((f) => f.ruleId === 'image/no-package-cache' && isImageLocation(f.location) && f.location.layerIndex === row.index);
    assert.ok(cache && isImageLocation(cache.location), 'the apt cache of the same layer priced nothing and stays');
    assert.deepEqual(cache.location.dockerfile, { file: 'examples/apt-dirty/Dockerfile', line: 2 });
  });

  test('the root user and the full base are priced by the image; nothing is counted twice', () => {
    const checked = check('examples/apt-dirty/Dockerfile', built.aptDirty.report);
    const root = atLine(checked.findings, 'dockerfile/no-root-user', 1);
    assert.match(root?.message ?? '', / — confirmed in the image$/);
    assert.ok(!checked.findings.some((f) => f.ruleId === 'image/no-root-user'));
    const slim = atLine(checked.findings, 'dockerfile/use-slim-base', 1);
    const baseBytes = layerRows(checked).filter((row) => row.dockerfile === undefined).reduce((sum, row) => sum + row.size, 0);
    assert.equal(slim?.cost?.bytes, baseBytes);
    assertCountedOnce('examples/apt-dirty/Dockerfile', built.aptDirty.report, checked);
  });

  test('an image built from another Dockerfile maps nothing and prices nothing', () => {
    const checked = check('examples/apt-dirty/Dockerfile', built.nodeFat.report);
    const mapping = checked.image!.image.mapping!;
    assert.equal(mapping.mapped, 0);
    assert.equal(mapping.stopped, 'mismatch');
    assert.match(mapping.reason, /not built from this Dockerfile/);
    assert.ok(checked.image!.image.layers.every((row) => row.dockerfile === undefined));
    const plain = check('examples/apt-dirty/Dockerfile');
    assert.deepEqual(checked.findings.slice(0, plain.findings.length), plain.findings);
    assert.equal(checked.image!.findings.length, built.nodeFat.report.findings.length);
    assert.ok(checked.image!.findings.every((f) => isImageLocation(f.location) && f.location.dockerfile === undefined));
  });
});

describe('examples/apt-dirty after `shipshape fix`', { skip }, () => {
  test('one RUN that removes the lists: mapped, no lists in its layer, nothing left to price', () => {
    const file = join(fixedDir, 'Dockerfile');
    assert.match(readFileSync(file, 'utf8'), /rm -rf \/var\/lib\/apt\/lists\/\*/);
    const checked = check(file, built.aptFixed.report);
    const mapping = checked.image!.image.mapping!;
    assert.equal(mapping.stopped, 'complete', mapping.reason);
    assert.equal(mapping.mapped, 2);
    const run = rowAtLine(checked, 2)!;
    assert.ok(addedFiles(run).includes('/usr/bin/curl'));
    assert.ok(!addedFiles(run).some((path) => /^\/var\/lib\/apt\/lists\/[^/]+_/.test(path)), 'no list files in the layer');
    assert.ok(!checked.findings.some((f) => f.ruleId === 'dockerfile/clean-apt-lists'));
    assert.ok(!built.aptFixed.report.findings.some((f) => isImageLocation(f.location) && f.location.path === '/var/lib/apt/lists'));
    const dirty = built.aptDirty.report.findings.find((f) => isImageLocation(f.location) && f.location.path === '/var/lib/apt/lists')!;
    assert.ok(
      built.aptFixed.report.image.size.layers <= built.aptDirty.report.image.size.layers - dirty.cost!.bytes!,
      'the fix saves at least the lists',
    );
    assertCountedOnce(file, built.aptFixed.report, checked);
  });
});

describe('examples/node-fat', { skip }, () => {
  test('WORKDIR makes no buildah layer; COPY . ., npm install and npm run build map to their layers above node:20', async () => {
    const checked = check('examples/node-fat/Dockerfile', built.nodeFat.report);
    const mapping = checked.image!.image.mapping!;
    assert.equal(mapping.stopped, 'complete', mapping.reason);
    assert.equal(mapping.mapped, 3);
    const base = await baseDiffIds(fixtures.nodeBases.full);
    assert.equal(mapping.baseLayers, base.length);
    assert.deepEqual(layerRows(checked).slice(0, base.length).map((row) => row.diffId), base);
    const expected: Record<number, string> = { 3: '/app/package.json', 4: '/app/node_modules/typescript/package.json', 5: '/app/dist/server.js' };
    for (const [line, path] of Object.entries(expected)) {
      const row = rowAtLine(checked, Number(line));
      assert.ok(row && addedFiles(row).includes(path), `line ${line}'s layer adds ${path}`);
    }
  });

  test('dev dependencies and the npm cache are priced from the npm install layer; the source copy with the layers it rebuilds', () => {
    const checked = check('examples/node-fat/Dockerfile', built.nodeFat.report);
    const install = rowAtLine(checked, 4)!;
    const dev = built.nodeFat.report.findings.find((f) => f.ruleId === 'image/no-dev-dependencies')!;
    const devDependencies = atLine(checked.findings, 'dockerfile/no-dev-dependencies', 4);
    assert.deepEqual(devDependencies?.cost, { bytes: dev.cost!.bytes, layer: install.diffId, layerIndex: install.index });
    assert.ok(!checked.findings.some((f) => f.ruleId === 'image/no-dev-dependencies'));

    const npmCache = built.nodeFat.report.findings.find((f) => isImageLocation(f.location) && f.location.path === '/root/.npm/_cacache')!;
    assert.equal(atLine(checked.findings, 'dockerfile/clean-package-cache', 4)?.cost?.bytes, npmCache.cost!.bytes);

    const copy = rowAtLine(checked, 3)!;
    const rebuilt = layerRows(checked).filter((row) => row.index! >= copy.index!);
    const early = atLine(checked.findings, 'dockerfile/no-copy-all-before-install', 3);
    assert.deepEqual(early?.cost, { bytes: rebuilt.reduce((sum, row) => sum + row.size, 0), layers: rebuilt.length });
    assertCountedOnce('examples/node-fat/Dockerfile', built.nodeFat.report, checked);
  });
});

describe('examples/node-slim', { skip }, () => {
  test('multi-stage: only the final stage maps, its COPY --from included, above the node:20-slim stand-in', async () => {
    const checked = check('examples/node-slim/Dockerfile', built.nodeSlim.report);
    const mapping = checked.image!.image.mapping!;
    assert.equal(mapping.stopped, 'complete', mapping.reason);
    assert.equal(mapping.instructions, 3, 'the builder stage ships no layer');
    const base = await baseDiffIds(fixtures.nodeBases.slim);
    assert.equal(mapping.baseLayers, base.length);
    assert.deepEqual(layerRows(checked).slice(0, base.length).map((row) => row.diffId), base);
    const expected: Record<number, string> = { 13: '/app/package-lock.json', 15: '/app/dist/server.js' };
    for (const [line, path] of Object.entries(expected)) {
      const row = rowAtLine(checked, Number(line));
      assert.ok(row && addedFiles(row).includes(path), `line ${line}'s layer adds ${path}`);
    }
    assert.ok(rowAtLine(checked, 14), 'the npm ci line has its layer');
    assertCountedOnce('examples/node-slim/Dockerfile', built.nodeSlim.report, checked);
  });
});

describe('fixture images', { skip }, () => {
  /** A fixture's Dockerfile in a copy of its build context, as a user's project would hold it. */
  function project(name: string): string {
    const dir = join(scratch, `project-${name}`);
    cpSync(join(fixtures.dir, 'ctx', name), dir, { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), readFileSync(`scripts/fixtures/images/${name}.Dockerfile`));
    return join(dir, 'Dockerfile');
  }

  test('secrets: ARG/ENV and copied key files are confirmed by the history and the layers, and reported once', async () => {
    const file = project('secrets');
    const report = await analyze(`docker-archive:${fixtures.images.secrets.dockerArchive}`);
    const checked = check(file, report);
    assert.equal(checked.image!.image.mapping!.stopped, 'complete', checked.image!.image.mapping!.reason);
    const text = readFileSync(file, 'utf8').split('\n');
    const lineOf = (prefix: string): number => text.findIndex((line) => line.startsWith(prefix)) + 1;
    for (const prefix of ['ARG API_KEY', 'ENV GITHUB_TOKEN']) {
      const finding = atLine(checked.findings, 'dockerfile/no-secrets-in-arg-env', lineOf(prefix));
      assert.match(finding?.message ?? '', / — confirmed in the image/, prefix);
    }
    assert.ok(!checked.findings.some((f) => f.ruleId === 'image/no-secrets-in-history'), 'history secrets are reported once, on their ARG/ENV');
    for (const prefix of ['COPY deploy_key.pem', 'COPY .env']) {
      const line = lineOf(prefix);
      const secretFile = atLine(checked.findings, 'context/no-secret-files', line) ?? atLine(checked.findings, 'dockerfile/no-secret-files-copied', line);
      assert.match(secretFile?.message ?? '', new RegExp(` — confirmed in the image \\(layer ${rowAtLine(checked, line)!.index}\\)$`), prefix);
    }
    // the key a later RUN deletes still ships in its COPY layer: confirmed there, not reported again
    assert.ok(!checked.findings.some((f) => f.ruleId === 'image/no-secrets-in-layers' && isImageLocation(f.location) && f.location.dockerfile?.line === lineOf('COPY deploy_key.pem')));
    assertCountedOnce(file, report, checked);
  });

  test('apt-leftovers: `RUN chown -R` is priced with the bytes it writes again over the COPY layer', async () => {
    const file = project('apt-leftovers');
    const report = await analyze(`docker-archive:${fixtures.images['apt-leftovers'].dockerArchive}`);
    const checked = check(file, report);
    assert.equal(checked.image!.image.mapping!.stopped, 'complete');
    const copy = rowAtLine(checked, 4)!; // COPY app/ /app/, under a comment line and FROM
    const wasted = report.findings.find((f) => f.ruleId === 'image/wasted-space' && isImageLocation(f.location) && f.location.layerIndex === copy.index)!;
    assert.ok(wasted.cost!.bytes! >= 1_048_576, 'the 1 MiB blob ships twice');
    const chown = checked.findings.find((f) => f.ruleId === 'dockerfile/use-copy-chown');
    assert.deepEqual(chown?.cost, { bytes: wasted.cost!.bytes, layer: copy.diffId, layerIndex: copy.index });
    assert.ok(!checked.findings.some((f) => f.ruleId === 'image/wasted-space' && isImageLocation(f.location) && f.location.layerIndex === copy.index));
    assert.ok(atLine(checked.findings, 'dockerfile/clean-apt-lists', 3)?.cost?.bytes, 'the lists of `RUN apt-get update && …` (line 3)');
    assertCountedOnce(file, report, checked);
  });
});

describe('shipshape check DIR --image REF', { skip }, () => {
  test('JSON: one findings list, the contexts, and the image with its layers mapped', async () => {
    const result = await runCli(['check', 'examples/apt-dirty', '--image', built.aptDirty.ref, '--format', 'json', '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.target.kind, 'check');
    assert.equal(report.contexts.length, 1);
    assert.equal(report.image.mapping.mapped, 3);
    assert.deepEqual(
      report.image.layers.filter((row: ImageLayerRow) => row.dockerfile).map((row: ImageLayerRow) => [row.index, row.dockerfile!.line]),
      [[2, 2], [3, 3], [4, 4]],
    );
    const lists = report.findings.find((f: Finding) => f.ruleId === 'dockerfile/clean-apt-lists');
    assert.equal(lists.cost.layerIndex, 2);
    assert.ok(report.findings.some((f: Finding) => f.ruleId.startsWith('image/')));
    const failing = await runCli(['check', 'examples/apt-dirty', '--image', built.aptDirty.ref, '--fail-on', 'warning', '--no-cache']);
    assert.equal(failing.code, 1);
  });

  test('SARIF: an image finding points at the Dockerfile line that made its layer', async () => {
    const result = await runCli(['check', 'examples/apt-dirty', '--image', built.aptDirty.ref, '--format', 'sarif', '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    const log = JSON.parse(result.stdout) as Sarif.Log;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const cache = log.runs[0]!.results!.find((r) => r.ruleId === 'image/no-package-cache' && r.message.text!.startsWith('layer 2 '))!;
    assert.equal(cache.locations![0]!.physicalLocation!.artifactLocation!.uri, 'examples/apt-dirty/Dockerfile');
    assert.deepEqual(cache.locations![0]!.physicalLocation!.region, { startLine: 2 });
    assert.match(cache.locations![0]!.logicalLocations![0]!.fullyQualifiedName!, /^docker-archive:.*:sha256:[0-9a-f]{64}:\/var\/cache\/apt$/);
  });

  test('terminal: the context, the layer table with Dockerfile lines and the mapping, then the findings', async () => {
    const result = await runCli(['check', 'examples/node-fat', '--image', built.nodeFat.ref, '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.ok(out.indexOf('Build context examples/node-fat') < out.indexOf('LINE  CREATED BY'));
    assert.match(out, /^ +\d+ +[\d.]+ [kMG]?B +4  RUN npm install$/m);
    assert.match(out, /✔ 3 of 9 layers mapped to examples\/node-fat\/Dockerfile/);
    assert.match(out, /dockerfile\/no-dev-dependencies/);
  });

  test('several Dockerfiles: --dockerfile picks the image\'s; without it, one line naming the candidates', async () => {
    const dir = join(scratch, 'two-dockerfiles');
    cpSync('examples/apt-dirty', dir, { recursive: true });
    cpSync(join(dir, 'Dockerfile'), join(dir, 'Dockerfile.apt'));
    cpSync('examples/node-fat/Dockerfile', join(dir, 'Dockerfile.node'));
    rmSync(join(dir, 'Dockerfile'));
    const ambiguous = await runCli(['check', dir, '--image', built.aptDirty.ref]);
    assertOneLineError(ambiguous, /2 Dockerfiles and no .*Dockerfile: name the image's with --dockerfile \(.*Dockerfile\.apt, .*Dockerfile\.node\)/);
    const picked = await runCli(['check', dir, '--image', built.aptDirty.ref, '--dockerfile', 'Dockerfile.apt', '--format', 'json', '--no-cache']);
    assert.equal(picked.code, 0, picked.stderr);
    const report = JSON.parse(picked.stdout);
    // Both Dockerfiles are checked; they share the directory as their context, which is reported once.
    assert.equal(report.contexts.length, 1);
    assert.deepEqual([...report.contexts[0].dockerfiles].sort(), [join(dir, 'Dockerfile.apt'), join(dir, 'Dockerfile.node')]);
    assert.equal(report.image.mapping.dockerfile, join(dir, 'Dockerfile.apt'));
    assert.equal(report.image.mapping.mapped, 3);
    assertOneLineError(await runCli(['check', dir, '--image', built.aptDirty.ref, '--dockerfile', 'Dockerfile.nope']), /Dockerfile\.nope: not one of the Dockerfiles under/);
  });

  test('an image built to an earlier stage: the stage whose layers it has is found, or named with --target', async () => {
    const dir = join(scratch, 'targets');
    cpSync('examples/apt-dirty', dir, { recursive: true });
    const app = readFileSync('examples/apt-dirty/Dockerfile', 'utf8').replace(/^FROM (\S+)/m, 'FROM $1 AS app');
    writeFileSync(join(dir, 'Dockerfile'), `${app}\nFROM app AS test\nRUN ./run-tests.sh\n`);
    const found = await runCli(['check', dir, '--image', built.aptDirty.ref, '--format', 'json', '--no-cache']);
    assert.equal(found.code, 0, found.stderr);
    const mapping = JSON.parse(found.stdout).image.mapping;
    assert.deepEqual([mapping.stage, mapping.stopped, mapping.mapped], ['app', 'complete', 3]);
    const named = await runCli(['check', dir, '--image', built.aptDirty.ref, '--target', 'test', '--no-cache']);
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /⚠ 0 of \d+ layers mapped to .*Dockerfile \(stage test\): layer \d+ .* does not match line \d+ \(`RUN \.\/run-tests\.sh`\)/);
    assertOneLineError(await runCli(['check', dir, '--image', built.aptDirty.ref, '--target', 'nope']), /no stage "nope" to map the image to \(its stages: app, test\)/);
    assertOneLineError(await runCli(['check', dir, '--target', 'app']), /--target .*--image REF/);
  });

  test('usage and input errors are one line and exit 2', async () => {
    assertOneLineError(await runCli(['check', 'examples/apt-dirty', '--dockerfile', 'Dockerfile']), /--dockerfile .*--image REF/);
    assertOneLineError(await runCli(['check', 'examples/apt-dirty', '--image', `docker-archive:${join(scratch, 'missing.tar')}`]), /missing\.tar/);
  });
});

function assertOneLineError(result: { code: number; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line: ${result.stderr}`);
}
