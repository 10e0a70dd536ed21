import { testRule } from '../../../test/support/rule-tester.js';
import { useCopyChown } from './use-copy-chown.js';

testRule(useCopyChown, {
  valid: [
    'FROM debian:12\nRUN chown -R app:app /data\n',
    { description: 'a non-recursive chmod of one file costs nothing worth a report', code: 'FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nRUN chmod +x /usr/local/bin/entrypoint.sh\n' },
    { description: 'another stage', code: 'FROM debian:12 AS a\nCOPY . /app\nFROM debian:12\nRUN chown -R app:app /app\n' },
    { description: 'chown --from changes only files of another owner', code: 'FROM debian:12\nCOPY --chown=1000:1000 . /app\nRUN chown --from root:root -R app:app /app\n' },
    { description: 'an unrelated path', code: 'FROM debian:12\nCOPY . /app\nRUN chown -R app:app /var/log/app\n' },
  ],
  invalid: [
    {
      description: 'chmod -R with an octal mode, the RUN removed',
      code: 'FROM debian:12\nCOPY scripts/run.sh /opt/tools/run.sh\nLABEL x=y\nRUN chmod -R 0755 /opt/tools/run.sh\nCMD ["/opt/tools/run.sh"]\n',
      output: 'FROM debian:12\nCOPY --chmod=0755 scripts/run.sh /opt/tools/run.sh\nLABEL x=y\nCMD ["/opt/tools/run.sh"]\n',
      findings: [{ messageId: 'twice', line: 4, column: 5, endLine: 4, endColumn: 36 }],
    },
    {
      description: 'the chown is removed from a longer RUN',
      code: 'FROM debian:12\nCOPY app.jar /srv/app.jar\nRUN chown app:app /srv/app.jar && ln -s /srv/app.jar /app.jar\n',
      output: 'FROM debian:12\nCOPY --chown=app:app app.jar /srv/app.jar\nRUN ln -s /srv/app.jar /app.jar\n',
      findings: [{ messageId: 'twice', line: 3, column: 5, endLine: 3, endColumn: 31 }],
    },
    {
      description: 'an existing --chown gets the new owner',
      code: 'FROM debian:12\nCOPY --chown=root:root app.jar /srv/app.jar\nRUN chown app:app /srv/app.jar\n',
      output: 'FROM debian:12\nCOPY --chown=app:app app.jar /srv/app.jar\n',
      findings: [{ messageId: 'twice', line: 3, column: 5, endLine: 3, endColumn: 31 }],
    },
    {
      description: 'a lone user is not exact (COPY would use another group)',
      code: 'FROM debian:12\nCOPY app.jar /srv/app.jar\nRUN chown app /srv/app.jar\n',
      noFix: 'COPY --chown=app would also set the group, which chown app leaves as it is',
      findings: [{ messageId: 'twice', line: 3, column: 5, endLine: 3, endColumn: 27 }],
    },
    {
      description: 'a parent directory: reported without a fix',
      code: 'FROM node:20\nCOPY . /home/node/app\nRUN chown -R node:node /home/node\n',
      noFix: 'the chown covers a parent of the copied files: --chown on the COPY would change less',
      findings: [
        { messageId: 'twice', message: '`chown -R node:node /home/node` writes the files of `COPY . /home/node/app` (line 2) again in a new layer: use `COPY --chown=node:node` instead', line: 3, column: 5, endLine: 3, endColumn: 34 },
      ],
    },
    {
      description: 'a USER between them: no fix',
      code: 'FROM debian:12\nCOPY app.jar /srv/app.jar\nUSER app\nRUN chown app:app /srv/app.jar\n',
      noFix: 'a USER between them changes who runs the chown',
      findings: [{ messageId: 'twice', line: 4, column: 5, endLine: 4, endColumn: 31 }],
    },
    {
      description: 'two copies into the directory: no fix',
      code: 'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN chown -R node:node /app\n',
      noFix: 'two COPYs put files in the directory: one --chown would not cover both',
      findings: [{ messageId: 'twice', line: 6, column: 5, endLine: 6, endColumn: 28 }],
    },
    {
      description: 'a relative path resolved against WORKDIR',
      code: 'FROM python:3.12\nWORKDIR /srv\nCOPY src/ ./src/\nRUN chown -R app:app src\n',
      noFix: 'the RUN names a relative path: the fix moves only chowns of the COPY destination as written', findings: [{ messageId: 'twice', line: 4, column: 5, endLine: 4, endColumn: 25 }],
    },
  ],
});
