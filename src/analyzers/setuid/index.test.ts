import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apkDatabasePrograms, canonicalProgramPath, dpkgListPrograms, setuidAnalyzer } from './index.js';

const entry = (mode: number, kind: 'file' | 'directory' = 'file') => ({ path: 'x', kind, size: 1, mode, uid: 0, gid: 42 });

test('setuid and setgid regular files are found from the header alone', () => {
  assert.equal(setuidAnalyzer.wants('usr/bin/su', entry(0o4755)), true);
  assert.equal(setuidAnalyzer.wants('usr/bin/wall', entry(0o2755)), true);
  assert.equal(setuidAnalyzer.wants('usr/bin/ls', entry(0o755)), false);
  assert.equal(setuidAnalyzer.wants('tmp', entry(0o1777, 'directory')), false);
  assert.deepEqual(setuidAnalyzer.analyze({ path: 'usr/bin/wall', entry: entry(0o2755), content: Buffer.from('ELF'), truncated: false }), {
    setuid: false,
    setgid: true,
    mode: 0o2755,
    uid: 0,
    gid: 42,
  });
});

test('package databases give the programs their packages installed, in the merged-/usr layout', () => {
  assert.equal(setuidAnalyzer.wants('var/lib/dpkg/info/login.list', entry(0o644)), true);
  assert.equal(setuidAnalyzer.wants('var/lib/dpkg/info/login.md5sums', entry(0o644)), false);
  assert.equal(setuidAnalyzer.wants('lib/apk/db/installed', entry(0o644)), true);
  const list = '/.\n/bin\n/bin/su\n/etc/pam.d/su\n/usr/bin/passwd\n/usr/lib/openssh/ssh-keysign\n/usr/lib/x86_64-linux-gnu/libpam.so.0\n/usr/share/doc/login\n';
  assert.deepEqual(dpkgListPrograms(list), ['usr/bin/su', 'usr/bin/passwd', 'usr/lib/openssh/ssh-keysign']);
  const apk = 'P:busybox\nV:1.36\nF:bin\nR:busybox\nR:bbsuid\na:0:0:4755\nF:etc\nR:securetty\n\nP:sudo\nF:usr/bin\nR:sudo\n';
  assert.deepEqual(apkDatabasePrograms(apk), ['usr/bin/busybox', 'usr/bin/bbsuid', 'usr/bin/sudo']);
  assert.deepEqual(setuidAnalyzer.analyze({ path: 'lib/apk/db/installed', entry: entry(0o644), content: Buffer.from(apk), truncated: false }), {
    packaged: ['usr/bin/busybox', 'usr/bin/bbsuid', 'usr/bin/sudo'],
  });
  assert.equal(setuidAnalyzer.analyze({ path: 'var/lib/dpkg/info/docs.list', entry: entry(0o644), content: Buffer.from('/usr/share/doc/x\n'), truncated: false }), undefined);
  assert.equal(canonicalProgramPath('/sbin/unix_chkpwd'), 'usr/sbin/unix_chkpwd');
  assert.equal(canonicalProgramPath('usr/bin/su'), 'usr/bin/su');
});
