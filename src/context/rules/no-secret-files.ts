import { formatBytesSI } from '../../core/format.js';
import { defineContextRule } from '../rule-domain.js';
import { adviceFix } from './support.js';

export const noSecretFiles = defineContextRule({
  meta: {
    id: 'context/no-secret-files',
    description: 'Keep secrets (.env files, private keys, registry tokens, cloud credentials) out of the build context',
    severity: 'warning',
    fixable: 'safe',
    messages: {
      copied: '{instruction} copies {path} ({kind}) into the image, where anyone who pulls it can read it',
      copiedToBuilder:
        '{instruction} copies {path} ({kind}) into a build stage that does not ship: it stays in that stage\'s layers and the build cache; add it to .dockerignore and pass build-time credentials with `RUN --mount=type=secret`',
      inContext: '{path} ({kind}, {size}) is sent to the builder: add it to .dockerignore',
    },
    links: [{ duplicates: 'dockerfile/no-secret-files-copied', at: 'same-line' }],
    severityPerFinding:
      'a secret that a COPY takes into the image that ships is an error; one that a builder-only stage copies, or that only reaches the builder, is a warning',
    rationale:
      'Everything in the context reaches the builder, and `COPY . .` writes it into a layer that anyone who can pull ' +
      'the image can read, even if a later step deletes it. Files are recognised by name and, where the name is ' +
      'not enough (`.npmrc`, `*.pem`, kubeconfigs), by content. A secret a COPY takes into the image that ships (the ' +
      'build\'s target, the last stage by default, and the stages it is built FROM) is an error; one that a ' +
      'builder-only stage copies, or that only reaches the builder, is a warning. Pass build-time secrets with `RUN --mount=type=secret`.',
    differences:
      'docker and BuildKit warn about nothing in the context; `.dockerignore` generators exclude fixed names. The ' +
      'kinds are the ones `dockerfile/no-secret-files-copied` judges by name and `image/no-secrets-in-layers` finds ' +
      'in layers: environment files (not templates such as `.env.example`, nor files that assign nothing), SSH and ' +
      'TLS private keys (a `.key`/`.pem` only when a line starts with a private key\'s armour), keystores, `.npmrc`/`.pypirc`/' +
      '`.netrc` only with a written-out credential (not `_authToken=${NPM_TOKEN}`), git, database and Docker ' +
      'registry credentials, kubeconfigs with credentials, cloud credential directories, service-account keys and ' +
      'application secrets files. The proposed `.dockerignore` lines cover the kind (`.env`, `.env.*`, `**/.npmrc`) ' +
      'and keep templates with `!` lines.',
    examples: {
      valid: [
        { files: { 'Dockerfile': 'FROM node:20\nCOPY . .\n', '.env': 'TOKEN=1\n', '.dockerignore': '.env\n' } },
        { description: 'A template holds no secret', files: { 'Dockerfile': 'FROM node:20\nCOPY . .\n', '.env.example': 'TOKEN=\n', '.dockerignore': '.git\n' } },
        { description: 'An .npmrc without a token', files: { 'Dockerfile': 'FROM node:20\nCOPY . .\n', '.npmrc': 'save-exact=true\n', '.dockerignore': '.git\n' } },
        {
          description: 'An .npmrc that reads its token from the environment',
          files: { 'Dockerfile': 'FROM node:20\nCOPY . .\n', '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', '.dockerignore': '.git\n' },
        },
      ],
      invalid: [
        { description: 'COPY takes it into the image (error)', files: { 'Dockerfile': 'FROM node:20\nCOPY . .\n', '.env': 'TOKEN=1\n' }, output: {'.dockerignore':'# Added by shipshape: keeps these out of the build context\n.env\n'}, findings: [{ messageId: 'copied', file: 'Dockerfile', line: 2 }] },
        {
          description: 'Only in the context (warning)',
          files: { 'Dockerfile': 'FROM node:20\nCOPY app.js .\n', 'app.js': '1', 'deploy/id_rsa': 'x', '.dockerignore': '.git\n' },
          output: {'.dockerignore':'.git\n\n# Added by shipshape: keeps these out of the build context\n**/id_rsa\n'},
          findings: [{ messageId: 'inContext', file: 'deploy/id_rsa' }],
        },
        {
          description: 'Copied by a builder-only stage (warning)',
          files: { 'Dockerfile': 'FROM node:20 AS deps\nCOPY . .\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /node_modules /app/node_modules\n', 'id_rsa': 'x', '.dockerignore': '.git\n' },
          output: {'.dockerignore':'.git\n\n# Added by shipshape: keeps these out of the build context\nid_rsa\n'},
          findings: [{ messageId: 'copiedToBuilder', file: 'Dockerfile', line: 2 }],
        },
        {
          description: 'A token in .npmrc',
          files: { 'Dockerfile': 'FROM node:20\nCOPY . .\n', '.npmrc': '//registry.npmjs.org/:_authToken=test-fixture\n', '.dockerignore': '.git\n' },
          output: {'.dockerignore':'.git\n\n# Added by shipshape: keeps these out of the build context\n.npmrc\n'},
          findings: [{ messageId: 'copied', file: 'Dockerfile', line: 2 }],
        },
      ],
    },
  },
  create({ facts, report }) {
    return {
      end() {
        for (const { entry, kind } of facts.secrets) {
          const copy = facts.copies.find((c) => c.spec.ships && c.takes(entry.path)) ?? facts.copies.find((c) => c.takes(entry.path));
          const where = { cost: { bytes: entry.size }, fix: adviceFix(facts, entry.path) };
          if (copy && !copy.spec.ships) {
            report({
              messageId: 'copiedToBuilder',
              data: { instruction: copy.instruction, path: entry.path, kind: kind.title },
              severity: 'warning',
              location: { file: copy.file, line: copy.line },
              ...where,
            });
          } else if (copy) {
            report({
              messageId: 'copied',
              data: { instruction: copy.instruction, path: entry.path, kind: kind.title },
              severity: 'error',
              location: { file: copy.file, line: copy.line },
              ...where,
            });
          } else {
            const data = { path: entry.path, kind: kind.title, size: formatBytesSI(entry.size) };
            report({ messageId: 'inContext', data, location: { file: facts.display(entry.path) }, ...where });
          }
        }
      },
    };
  },
});
