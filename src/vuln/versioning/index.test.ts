import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import * as library from '../../index.js';
import { compareVersions, isValidVersion, versionedEcosystems, versionSchemeFor, versionSchemes } from './index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const folders = readdirSync(dir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('every scheme folder is registered under its name, with its file and a test beside it', () => {
  assert.deepEqual(versionSchemes.map((scheme) => scheme.name).sort(), folders);
  for (const name of folders) {
    const files = readdirSync(`${dir}/${name}`);
    assert.ok(files.includes(`${name}.ts`) && files.includes(`${name}.test.ts`), `${name}/ holds ${files.join(', ')}`);
  }
});

test('every scheme satisfies the interface: a total order on a sample, isValid a boolean', () => {
  const sample = ['0', '1', '1.0', '1.0.0', '1.0-1', '1:1.0', '1.0~rc1', '1.0a', '1.0-r1', '1.0.post1', 'abc', '', '2.0.0-beta.1+x'];
  const inUse = new Set([...versionSchemes, ...versionedEcosystems.map(versionSchemeFor)]);
  for (const scheme of inUse) {
    for (const a of sample) {
      assert.equal(typeof scheme.isValid(a), 'boolean');
      assert.equal(scheme.compare(a, a), 0, `${scheme.name}: ${a} = ${a}`);
      for (const b of sample) {
        const order = scheme.compare(a, b);
        assert.ok(order === -1 || order === 0 || order === 1, `${scheme.name}: ${a} vs ${b} gave ${order}`);
        assert.equal(scheme.compare(b, a), -order || 0, `${scheme.name}: ${a} vs ${b} is antisymmetric`);
      }
    }
  }
});

const versionPieces = fc.constantFrom(
  ...['0', '1', '2', '10', '01', '.', '-', '~', '^', '_', '+', ':', 'a', 'b', 'rc', 'alpha', 'pre', 'p', 'dev', 'post', 'r'],
  ...['sp', 'snapshot', 'final', 'beta', 'x', 'A', 'v', 'git', 'cvs', '1a', '-r1', '_p1', '~rc1', '.0', '1.', '1-'],
);
const versionLike = fc.array(versionPieces, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''));

test('every scheme but Maven is a total order: a sorted list stays in order pair by pair', () => {
  const inUse = new Set(versionedEcosystems.map(versionSchemeFor));
  for (const scheme of inUse) {
    if (scheme.name === 'maven') continue;
    fc.assert(
      fc.property(fc.array(versionLike, { minLength: 3, maxLength: 10 }), (list) => {
        const sorted = [...list].sort(scheme.compare);
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) assert.ok(scheme.compare(sorted[i]!, sorted[j]!) <= 0, `${scheme.name}: ${sorted.join(' ')}`);
        }
      }),
      { numRuns: 300 },
    );
  }
});

test("Maven's order, like Maven's own, cycles through an unknown qualifier after a dot", () => {
  // 1.pre > 1 (an unknown qualifier is above the release) > 1-alpha > 1.pre (.qualifier below -qualifier)
  assert.equal(compareVersions('Maven', '1.pre', '1'), 1);
  assert.equal(compareVersions('Maven', '1', '1-alpha'), 1);
  assert.equal(compareVersions('Maven', '1-alpha', '1.pre'), 1);
});

test('every scheme serves at least one ecosystem', () => {
  const served = new Set(versionedEcosystems.map((ecosystem) => versionSchemeFor(ecosystem).name));
  assert.deepEqual([...served].sort(), folders);
});

test('OSV ecosystem names map to their schemes', () => {
  const expected: Record<string, string> = {
    Debian: 'dpkg',
    Ubuntu: 'dpkg',
    Alpine: 'apk',
    Wolfi: 'apk',
    Chainguard: 'apk',
    Alpaquita: 'apk',
    MinimOS: 'apk',
    'Red Hat': 'rpm',
    'Rocky Linux': 'rpm',
    AlmaLinux: 'rpm',
    openSUSE: 'rpm',
    SUSE: 'rpm',
    Mageia: 'rpm',
    openEuler: 'rpm',
    npm: 'semver',
    Go: 'semver',
    'crates.io': 'semver',
    Hex: 'semver',
    Pub: 'semver',
    Bitnami: 'semver',
    PyPI: 'pep440',
    Maven: 'maven',
    RubyGems: 'rubygems',
    NuGet: 'nuget',
    Packagist: 'composer',
  };
  for (const [ecosystem, scheme] of Object.entries(expected)) assert.equal(versionSchemeFor(ecosystem).name, scheme, ecosystem);
  assert.deepEqual([...versionedEcosystems].sort(), Object.keys(expected).sort());
});

test('release-qualified names resolve by the part before the first colon', () => {
  assert.equal(versionSchemeFor('Debian:12').name, 'dpkg');
  assert.equal(versionSchemeFor('Alpine:v3.20').name, 'apk');
  assert.equal(versionSchemeFor('Ubuntu:22.04:LTS').name, 'dpkg');
  assert.equal(versionSchemeFor('Red Hat:enterprise_linux:9::appstream').name, 'rpm');
  assert.equal(compareVersions('Debian:12', '1.0~rc1', '1.0'), -1);
  assert.equal(compareVersions('Alpine:v3.20', '1.0_rc1', '1.0'), -1);
});

test('an unknown ecosystem is a clear InputError naming it and the known ones', () => {
  assert.throws(() => compareVersions('Gentoo', '1', '2'), { name: 'InputError', message: /^unknown ecosystem "Gentoo": versions can be compared for Debian, Ubuntu, /m });
  assert.throws(() => isValidVersion('debian', '1'), { name: 'InputError', message: /unknown ecosystem "debian"/ });
  assert.throws(() => compareVersions('', '1', '2'), { name: 'InputError' });
});

test('the same version orders differently per ecosystem', () => {
  assert.equal(compareVersions('Debian', '1.0~rc1', '1.0'), -1);
  assert.equal(compareVersions('npm', '1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(compareVersions('PyPI', '1.0.post1', '1.0'), 1);
  assert.equal(compareVersions('Go', 'v1.2.3', '1.2.3'), 0);
  assert.equal(compareVersions('npm', '1.0.0+1', '1.0.0+2'), 0);
  assert.equal(compareVersions('Pub', '1.0.0+1', '1.0.0+2'), -1);
  assert.equal(compareVersions('Maven', '1.0-SNAPSHOT', '1.0'), -1);
  assert.equal(isValidVersion('npm', '1.2'), false);
  assert.equal(isValidVersion('PyPI', '1.2'), true);
});

test('the library exports compareVersions', () => {
  assert.equal(library.compareVersions, compareVersions);
  assert.equal(library.compareVersions('RubyGems', '1.0.a', '1.0'), -1);
});
