import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dotnetAnalyzer, parseDepsJson } from './index.js';

// The shape `dotnet publish` writes: the app itself as a project, its NuGet dependencies as packages.
const DEPS = JSON.stringify({
  runtimeTarget: { name: '.NETCoreApp,Version=v8.0' },
  targets: { '.NETCoreApp,Version=v8.0': {} },
  libraries: {
    'WebApp/1.0.0': { type: 'project', serviceable: false, sha512: '' },
    'Newtonsoft.Json/13.0.3': { type: 'package', serviceable: true, sha512: 'sha512-x', path: 'newtonsoft.json/13.0.3' },
    'Microsoft.Extensions.Logging/8.0.0': { type: 'package', serviceable: true },
    'Broken/': { type: 'package' },
  },
});

test('the NuGet packages of a deps.json, not the projects', () => {
  assert.deepEqual(parseDepsJson(DEPS), [
    { name: 'Newtonsoft.Json', version: '13.0.3' },
    { name: 'Microsoft.Extensions.Logging', version: '8.0.0' },
  ]);
  assert.equal(parseDepsJson('{}'), undefined);
  assert.equal(parseDepsJson('['), undefined);
  const file = { path: 'x', kind: 'file' as const, size: 10, mode: 0o644, uid: 0, gid: 0 };
  assert.equal(dotnetAnalyzer.wants('app/WebApp.deps.json', file), true);
  assert.equal(dotnetAnalyzer.wants('app/WebApp.runtimeconfig.json', file), false);
});
