import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { purl, type PurlInput } from './purl.js';
import { parsePurl } from './purl-parse.js';

describe('parsePurl', () => {
  const built: PurlInput[] = [
    { type: 'deb', name: 'libssl3', version: '3.0.11-1~deb12u2', distribution: 'debian', qualifiers: { arch: 'amd64', distro: 'debian-12' } },
    { type: 'deb', name: 'tzdata', version: '1:2024a-0+deb12u1', distribution: 'debian' },
    { type: 'apk', name: 'musl', version: '1.2.4-r2', distribution: 'alpine', qualifiers: { arch: 'x86_64' } },
    { type: 'rpm', name: 'openssl-libs', version: '1:3.0.7-24.el9', distribution: 'rhel', qualifiers: { epoch: '1', arch: 'x86_64' } },
    { type: 'npm', name: '@types/node', version: '20.11.5' },
    { type: 'npm', name: 'left-pad', version: '1.3.0' },
    { type: 'golang', name: 'github.com/pkg/errors', version: 'v0.9.1' },
    { type: 'maven', name: 'org.slf4j:slf4j-api', version: '2.0.9' },
    { type: 'composer', name: 'monolog/monolog', version: '3.5.0' },
    { type: 'gem', name: 'rake', version: '13.1.0' },
    { type: 'cargo', name: 'serde', version: '1.0.195' },
    { type: 'nuget', name: 'Newtonsoft.Json', version: '13.0.3' },
  ];
  for (const input of built) {
    test(`reads back what purl() builds: ${input.type} ${input.name}`, () => {
      const parsed = parsePurl(purl(input));
      assert.equal(parsed.type, input.type);
      assert.equal(parsed.name, input.name);
      assert.equal(parsed.version, input.version);
      assert.equal(parsed.namespace, input.distribution ?? parsed.namespace);
      for (const [key, value] of Object.entries(input.qualifiers ?? {})) assert.equal(parsed.qualifiers[key], value);
    });
  }

  test('pypi names come back normalised, as the purl spec writes them', () => {
    assert.equal(parsePurl(purl({ type: 'pypi', name: 'Flask_Login', version: '0.6.3' })).name, 'flask-login');
  });

  test('percent-encoding, subpath, unknown types and a leading "//"', () => {
    const parsed = parsePurl('pkg://npm/%40angular/core@17.0.0?vcs_url=git%2Bhttps%3A%2F%2Fx#lib/./../esm');
    assert.deepEqual([parsed.type, parsed.namespace, parsed.shortName, parsed.name, parsed.version], ['npm', '@angular', 'core', '@angular/core', '17.0.0']);
    assert.equal(parsed.qualifiers.vcs_url, 'git+https://x');
    assert.equal(parsed.subpath, 'lib/esm');
    const other = parsePurl('pkg:Hex/jason@1.4.1');
    assert.deepEqual([other.type, other.rawType, other.name, other.version], ['generic', 'hex', 'jason', '1.4.1']);
    assert.equal(parsePurl('pkg:gem/rake').version, undefined);
  });

  test('what is not a purl is refused with the text in the message', () => {
    assert.throws(() => parsePurl('npm/left-pad@1'), /no "pkg:" scheme.*npm\/left-pad@1/);
    assert.throws(() => parsePurl('pkg:npm'), /no type or name/);
    assert.throws(() => parsePurl('pkg:npm/%E0%A4%A@1'), /invalid percent-encoding/);
  });
});
