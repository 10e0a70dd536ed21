import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCoreMetadata, pythonAnalyzer } from './index.js';

const entry = { path: 'x', kind: 'file' as const, size: 10, mode: 0o644, uid: 0, gid: 0 };

test('core metadata: name, version and the license by PEP 639 expression, License field or classifiers', () => {
  const requests = 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: Python HTTP for Humans.\nLicense: Apache 2.0\nClassifier: License :: OSI Approved :: Apache Software License\n\nRequests is an HTTP library.\nName: not-a-header\n';
  assert.deepEqual(parseCoreMetadata(requests), { name: 'requests', version: '2.31.0', licenses: ['Apache 2.0'] });
  const pep639 = 'Metadata-Version: 2.4\r\nName: attrs\r\nVersion: 24.1.0\r\nLicense-Expression: MIT\r\nLicense: ignored\r\n\r\nbody';
  assert.deepEqual(parseCoreMetadata(pep639), { name: 'attrs', version: '24.1.0', licenses: ['MIT'] });
  const classifiers = 'Name: six\nVersion: 1.16.0\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\nClassifier: Programming Language :: Python\n';
  assert.deepEqual(parseCoreMetadata(classifiers), { name: 'six', version: '1.16.0', licenses: ['MIT License'] });
  assert.equal(parseCoreMetadata('Summary: no name or version\n'), undefined);
});

test('dist-info METADATA and egg-info, as directory or file, anywhere site-packages lives', () => {
  assert.equal(pythonAnalyzer.wants('usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA', entry), true);
  assert.equal(pythonAnalyzer.wants('usr/lib/python3/dist-packages/six-1.16.0.egg-info', entry), true);
  assert.equal(pythonAnalyzer.wants('opt/venv/lib/python3.11/site-packages/foo.egg-info/PKG-INFO', entry), true);
  assert.equal(pythonAnalyzer.wants('usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/RECORD', entry), false);
  assert.equal(pythonAnalyzer.wants('usr/lib/python3/dist-packages/six-1.16.0.egg-info', { ...entry, kind: 'directory' }), false);
});

test('inventory: one PyPI package per live distribution', () => {
  const dist = { name: 'Flask_Login', version: '0.6.3' };
  const found = pythonAnalyzer.inventory!([
    { layer: 2, path: 'app/site-packages/Flask_Login-0.6.3.dist-info/METADATA', fact: dist, live: true },
    { layer: 1, path: 'old/site-packages/Flask_Login-0.6.2.dist-info/METADATA', fact: { ...dist, version: '0.6.2' }, live: false },
  ]);
  assert.deepEqual(found, [{ type: 'pypi', name: 'Flask_Login', version: '0.6.3', layer: 2, path: 'app/site-packages/Flask_Login-0.6.3.dist-info/METADATA' }]);
});
