import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noSetuid } from './no-setuid.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noSetuid);

const PACKAGED = ['chfn', 'chsh', 'gpasswd', 'mount', 'newgrp', 'passwd', 'su'];
const spec = {
  layers: [
    {
      createdBy: 'debootstrap --variant=minbase bookworm',
      tar: [
        ...PACKAGED.map((name) => ({ path: `usr/bin/${name}`, content: 'x', mode: 0o4755 })),
        { path: 'usr/bin/wall', content: 'x', mode: 0o2755, gid: 5 },
        { path: 'usr/bin/old', content: 'x', mode: 0o4755 },
        { path: 'usr/bin/ls', content: 'x', mode: 0o755 },
        { path: 'var/lib/dpkg/info/login.list', content: '/.\n/bin/su\n/usr/bin/passwd\n/usr/bin/chfn\n/usr/bin/chsh\n/usr/bin/gpasswd\n/usr/bin/newgrp\n' },
        { path: 'var/lib/dpkg/info/mount.list', content: '/bin/mount\n' },
        { path: 'var/lib/dpkg/info/bsdutils.list', content: '/usr/bin/wall\n/usr/bin/old\n' },
      ],
    },
    { createdBy: 'RUN /bin/sh -c rm /usr/bin/old # buildkit', tar: [{ path: 'usr/bin/.wh.old' }] },
    {
      createdBy: 'RUN /bin/sh -c apt-get install -y sudo && chmod u+s /usr/bin/find # buildkit',
      tar: [
        { path: 'usr/bin/sudo', content: 'x', mode: 0o4755 },
        { path: 'usr/bin/find', content: 'x', mode: 0o4755 },
        { path: 'var/lib/dpkg/info/sudo.list', content: '/usr/bin/sudo\n/usr/share/doc/sudo\n' },
      ],
    },
    { createdBy: 'COPY tool /usr/local/bin/tool # buildkit', tar: [{ path: 'usr/local/bin/tool', content: 'x', mode: 0o6755 }] },
  ],
};

const where = (f: { location: object }) => ['path' in f.location && f.location.path, 'layerIndex' in f.location && f.location.layerIndex];

test("a distribution's own setuid programs are one finding per layer; every other one is reported on its own", async () => {
  const report = await analyzeSpec(spec, noSetuid);
  assert.deepEqual(
    report.findings.map((f) => [f.message, ...where(f)]).sort(),
    [
      [
        '8 packaged setuid or setgid programs installed by layer 1 (`debootstrap --variant=minbase bookworm`): /usr/bin/chfn, /usr/bin/chsh, /usr/bin/gpasswd, /usr/bin/mount, /usr/bin/newgrp and 3 more',
        false,
        1,
      ],
      ['/usr/bin/find is setuid (runs as uid 0, root), and no package in its layer installed it', '/usr/bin/find', 3],
      ['/usr/bin/sudo is setuid (runs as uid 0, root), a packaged program installed by layer 3 (`RUN apt-get install -y sudo && chmod u+s /usr/bin/find`)', '/usr/bin/sudo', 3],
      ['/usr/local/bin/tool is setuid and setgid (runs as uid 0, root), and no package in its layer installed it', '/usr/local/bin/tool', 4],
    ].sort(),
  );
  // the grouped finding names every file in its related locations, so no path is lost to `and 3 more`
  const grouped = report.findings.find((f) => f.message.startsWith('8 packaged'))!;
  assert.deepEqual(
    grouped.related!.map((place) => [...where(place), place.message]),
    [...PACKAGED.map((name) => `/usr/bin/${name}`), '/usr/bin/wall']
      .sort()
      .map((path) => [path, 1, path === '/usr/bin/wall' ? 'setgid (runs with gid 5)' : 'setuid (runs as uid 0, root)']),
  );
});

test('the allow-list accepts paths by glob, packaged or not', async () => {
  const report = await analyzeSpec(spec, noSetuid, { allow: ['/usr/bin/*'] });
  assert.deepEqual(report.findings.map((f) => f.message), ['/usr/local/bin/tool is setuid and setgid (runs as uid 0, root), and no package in its layer installed it']);
});
