import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyLicense, licenseRef, spdxExpression } from './sbom-licenses.js';

describe('SBOM licences', () => {
  test('SPDX identifiers are recognised case-insensitively and written in their canonical case', () => {
    assert.deepEqual(classifyLicense('MIT'), { id: 'MIT' });
    assert.deepEqual(classifyLicense('apache-2.0'), { id: 'Apache-2.0' });
  });

  test('expressions of known identifiers stay expressions; anything else is a name', () => {
    assert.deepEqual(classifyLicense('MIT OR Apache-2.0'), { expression: 'MIT OR Apache-2.0' });
    assert.deepEqual(classifyLicense('(mit or apache-2.0) and BSD-3-Clause'), { expression: '(MIT OR Apache-2.0) AND BSD-3-Clause' });
    assert.equal(spdxExpression('GPL-2.0-only WITH Classpath-exception-2.0'), 'GPL-2.0-only WITH Classpath-exception-2.0');
    assert.equal(spdxExpression('GPL-2.0-or-later WITH Made-Up-exception'), undefined);
    assert.deepEqual(classifyLicense('GPLv2+'), { name: 'GPLv2+' });
    assert.deepEqual(classifyLicense('GPL-2 OR Artistic'), { name: 'GPL-2 OR Artistic' });
    assert.deepEqual(classifyLicense('Public Domain'), { name: 'Public Domain' });
  });

  test('licence names become LicenseRef ids of the characters SPDX allows', () => {
    assert.equal(licenseRef('GPLv2+ with exceptions'), 'LicenseRef-GPLv2-with-exceptions');
    assert.equal(licenseRef('???'), 'LicenseRef-unnamed');
  });
});
