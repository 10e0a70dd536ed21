import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageSource } from './open.js';

test('transport prefixes in skopeo syntax; a bare name is a registry reference', () => {
  assert.deepEqual(parseImageSource('docker-archive:/x/img.tar'), { transport: 'docker-archive', target: '/x/img.tar' });
  assert.deepEqual(parseImageSource('docker-archive:/x/img.tar:localhost/app:1'), { transport: 'docker-archive', target: '/x/img.tar', selector: 'localhost/app:1' });
  assert.deepEqual(parseImageSource('docker-archive:img.tar:@2'), { transport: 'docker-archive', target: 'img.tar', selector: '@2' });
  assert.deepEqual(parseImageSource('oci:/layouts/app:v1'), { transport: 'oci', target: '/layouts/app', selector: 'v1' });
  assert.deepEqual(parseImageSource('oci-archive:app.tar'), { transport: 'oci-archive', target: 'app.tar' });
  assert.deepEqual(parseImageSource('docker-daemon:localhost/app:1'), { transport: 'docker-daemon', target: 'localhost/app:1' });
  assert.deepEqual(parseImageSource('docker://ghcr.io/o/r:1'), { transport: 'docker', target: 'ghcr.io/o/r:1' });
  assert.deepEqual(parseImageSource('node:20-slim'), { transport: 'docker', target: 'node:20-slim' });
  assert.deepEqual(parseImageSource('127.0.0.1:5000/a/b'), { transport: 'docker', target: '127.0.0.1:5000/a/b' });
  assert.throws(() => parseImageSource('s3://bucket/x'), { name: 'InputError', message: /unknown transport s3:\/\// });
  assert.throws(() => parseImageSource('dir:/x'), { message: /the dir transport is not supported/ });
});
