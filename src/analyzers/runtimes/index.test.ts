import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimesAnalyzer } from './index.js';

const entry = { path: 'x', kind: 'file' as const, size: 10, mode: 0o644, uid: 0, gid: 0 };
const read = (path: string, text = '') =>
  runtimesAnalyzer.wants(path, entry) ? runtimesAnalyzer.analyze({ path, entry, content: Buffer.from(text), truncated: false }) : 'not wanted';

test('each runtime from the file its install leaves, as precisely as that file says', () => {
  const nodeHeader = '#ifndef SRC_NODE_VERSION_H_\n#define NODE_MAJOR_VERSION 20\n#define NODE_MINOR_VERSION 11\n#define NODE_PATCH_VERSION 1\n';
  assert.deepEqual(read('usr/local/include/node/node_version.h', nodeHeader), { name: 'nodejs', version: '20.11.1' });
  assert.deepEqual(read('usr/local/include/python3.12/patchlevel.h', '#define PY_VERSION              "3.12.1+"\n'), { name: 'python', version: '3.12.1' });
  assert.deepEqual(read('usr/include/python3.11/patchlevel.h', 'no define'), { name: 'python', version: '3.11' });
  assert.deepEqual(read('usr/lib/python3.11/os.py', 'r"""OS routines"""'), { name: 'python', version: '3.11' });
  assert.deepEqual(read('usr/local/go/VERSION', 'go1.22.1\ntime 2024-03-01T20:16:59Z\n'), { name: 'go', version: '1.22.1' });
  assert.deepEqual(read('opt/java/openjdk/release', 'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="17.0.9"\n'), { name: 'java', version: '17.0.9' });
  assert.deepEqual(read('usr/lib/jvm/java-17-openjdk-amd64/release', 'JAVA_VERSION="17.0.10"\n'), { name: 'java', version: '17.0.10' });
  assert.deepEqual(read('usr/local/lib/ruby/3.3.0/x86_64-linux/rbconfig.rb', '  CONFIG["RUBY_PROGRAM_VERSION"] = "3.3.0"\n'), { name: 'ruby', version: '3.3.0' });
  assert.deepEqual(read('usr/local/bin/php-config', 'prefix="/usr/local"\nversion="8.3.2"\n'), { name: 'php', version: '8.3.2' });
  assert.equal(read('usr/local/bin/php-config', 'prefix only'), undefined);
  assert.equal(read('usr/local/lib/python3.12/site-packages/os.py'), 'not wanted');
  assert.equal(read('app/release'), 'not wanted');
});
