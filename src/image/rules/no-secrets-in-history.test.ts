import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noSecretsInHistory } from './no-secrets-in-history.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noSecretsInHistory);

const j = (...parts: string[]): string => parts.join('');
const AWS = j('AKIA', 'Z7QXRT2LMN4BVC6D');

test('build args, ENV values and tokens in commands are found by value, and masked everywhere', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        { tar: [{ path: 'a', content: 'x' }], createdBy: `|2 API_KEY=${AWS} LOG_LEVEL=debug /bin/sh -c ./install.sh` },
        { tar: [{ path: 'b', content: 'x' }], createdBy: j('RUN /bin/sh -c curl -H "Authorization: token ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" https://api.github.com # buildkit') },
      ],
      emptyHistory: [{ before: 1, createdBy: 'ENV DB_PASSWORD=hunter2hunter2 PASSWORD_MIN_LENGTH=12 # buildkit' }],
      config: { Env: ['DB_PASSWORD=hunter2hunter2', 'PASSWORD_MIN_LENGTH=12', `UNRELATED=${AWS}`] },
    },
    noSecretsInHistory,
  );
  const messages = report.findings.map((f) => f.message).sort();
  assert.deepEqual(messages, [
    'API_KEY=AKIA**************** (AWS access key ID) is in a build arg the history records before its RUN: anyone who can pull the image reads it with `docker history --no-trunc`',
    'UNRELATED=AKIA**************** (AWS access key ID) is in the image config: anyone who can pull the image reads it with `docker inspect`',
    'DB_PASSWORD=hunt********** (a value under a secret name) is in an ENV instruction and the image config: anyone who can pull the image reads it with `docker history --no-trunc` or `docker inspect`',
    '`ghp_****************` (GitHub token) is in a RUN command the history records: anyone who can pull the image reads it with `docker history --no-trunc`',
  ].sort());
  // the variable is data, for tools that join the finding to the ARG or ENV that declared it
  assert.deepEqual(
    report.findings.map((f) => ('variable' in f.location ? f.location.variable : undefined)).sort(),
    ['API_KEY', 'DB_PASSWORD', 'UNRELATED', undefined].sort(),
  );
  const json = JSON.stringify(report);
  assert.ok(!json.includes(AWS) && !json.includes('hunter2hunter2'), 'the report repeats a secret');
  assert.match(report.image.layers[0]!.createdBy, /^\|2 API_KEY=AKIA\*+ LOG_LEVEL=debug/);
});

test('names alone are not enough: PASSWORD_MIN_LENGTH=12 and references are not secrets', async () => {
  const report = await analyzeSpec(
    {
      layers: [{ tar: [{ path: 'a', content: 'x' }], createdBy: '|1 NPM_TOKEN=${NPM_TOKEN} /bin/sh -c npm ci' }],
      config: { Env: ['PASSWORD_MIN_LENGTH=12', 'TOKEN_FILE=/run/secrets/token', 'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D'] },
    },
    noSecretsInHistory,
  );
  assert.deepEqual(report.findings, []);
});
