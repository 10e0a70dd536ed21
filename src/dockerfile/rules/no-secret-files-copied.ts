import { secretFileByName, type SecretFileKind } from '../../secrets/files.js';
import type { Instruction } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { reachesFinalImage } from './util/run.js';
import { expandAt, isTrigger } from './util/stages.js';

/**
 * What the build context module provides to see through broad copies: the context-relative paths of the
 * files a COPY/ADD source would take (after `.dockerignore`). Passed as the rule's `context` option; without
 * it only the sources as written are judged.
 */
export interface CopiedFilesResolver {
  filesCopiedBy(source: string, instruction: Instruction): readonly string[];
}

function isResolver(value: unknown): value is CopiedFilesResolver {
  return typeof value === 'object' && value !== null && typeof (value as CopiedFilesResolver).filesCopiedBy === 'function';
}

export const noSecretFilesCopied = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-secret-files-copied',
    description: 'Do not COPY or ADD credential files into the image',
    severity: 'error',
    severityPerFinding:
      'an error when a file whose name alone says credential reaches the image that ships; a warning when only a builder ' +
      'stage takes it, or when the name is only sometimes a secret (`.env`, `.npmrc`, `*.p12`) and the content, which a ' +
      'Dockerfile does not show, must confirm it',
    rationale:
      'A file copied into a layer stays in the image even if a later step deletes it: `.env` files, SSH and TLS ' +
      'private keys, `.npmrc` with an auth token or cloud credentials are then readable by anyone who can pull ' +
      'the image. Build-time credentials belong in `RUN --mount=type=secret` (or `--mount=type=ssh`), run-time ' +
      'ones are injected when the container starts.',
    differences:
      'hadolint has no such rule; Trivy (DS-0031) and dockle (CIS-DI-0010) look for such files in images, dockle ' +
      'with many false positives on file extensions. shipshape judges the sources written in COPY/ADD (build ' +
      'arguments expanded; copies `--from` another stage or image are not the build context and are skipped): ' +
      '`.env`/`*.env` (not `.env.example`, `.sample`, `.template`…), SSH keys and `.ssh/` (not `known_hosts`, ' +
      '`authorized_keys` or `*.pub`), keystores (`*.p12`, `*.pfx`, `*.jks` but not truststores), `*.key`/`*.pem`/' +
      '`*.ppk` only when the name says private key (`server.key`, `tls.key`, `privkey.pem`, `master.key` — the same ' +
      'endings name public GPG keys such as `jenkins.io.key` and certificates, which the build context rule tells ' +
      'apart by content), `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.pgpass`, `.my.cnf`, `.htpasswd`, ' +
      'cloud credentials (`.aws/`, `.kube/`, `.docker/config.json`, `credentials.json`, service-account JSON) and ' +
      'secrets files — the credential-file kinds `context/no-secret-files` and `image/no-secrets-in-layers` share, ' +
      'judged here by name alone because a Dockerfile shows no content. A broad copy ' +
      '(`COPY . .`) is judged file by file when the build context is known: the context module passes a ' +
      '`CopiedFilesResolver` as the `context` option. Only a COPY into the image that ships (the build\'s target, ' +
      'the last stage by default, and the stages it is built FROM) is an error, and only for names that are a ' +
      'credential whatever they hold (SSH keys, `.git-credentials`, cloud credentials); names that are only sometimes ' +
      'a secret (`.env`, `.npmrc`, keystores) are a warning here, since the content decides (the build context rule ' +
      'reads it), and a builder-only stage gets build-time advice as a warning.',
    options: {
      context: {
        description: 'A `CopiedFilesResolver` from the build context module: the files each source would copy',
      },
    },
    messages: {
      secretFile: '{keyword} copies `{path}`, {what}, into the image: it stays in the layer; use a secret mount or inject it at run time',
      maybeSecret:
        '{keyword} copies `{path}`, which may be {what}, into the image: if it holds credentials they stay in the layer; use a secret mount or inject it at run time',
      builderOnly:
        '{keyword} copies `{path}`, {what}, into a build stage that does not ship: it stays in that stage\'s layers and the build cache; use `RUN --mount=type=secret` for build-time credentials',
    },
    examples: {
      valid: [
        { code: 'FROM node:20-slim\nCOPY package.json package-lock.json .env.example ./\n' },
        { code: 'FROM nginx:1.27\nCOPY certs/fullchain.pem /etc/nginx/certs/\n', description: 'a certificate chain is public' },
        { code: 'FROM alpine:3.20\nCOPY --from=build /app/.env /app/.env\n', description: 'from another stage, not from the build context' },
      ],
      invalid: [
        { code: 'FROM node:20-slim\nCOPY .npmrc package.json ./\nRUN npm ci\n' },
        { code: 'FROM alpine:3.20\nADD config/.env /app/\nCOPY ["deploy/id_ed25519", "/root/.ssh/"]\n' },
        { code: 'FROM nginx:1.27\nCOPY tls/privkey.pem /etc/nginx/\n' },
      ],
    },
  },
  defaultOptions: { context: null as CopiedFilesResolver | null },
  create(context) {
    const { dockerfile } = context.facts;
    const resolver = isResolver(context.options.context) ? context.options.context : undefined;
    const report = (instruction: Instruction, path: string, kind: SecretFileKind, span: Instruction['span']): void => {
      const data = { keyword: instruction.keyword, path, what: kind.description };
      if (!reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) {
        context.report({ messageId: 'builderOnly', severity: 'warning', data, span });
      } else if (kind.content) context.report({ messageId: 'maybeSecret', severity: 'warning', data, span });
      else context.report({ messageId: 'secretFile', data, span });
    };
    const visit = (instruction: Instruction): void => {
      if (isTrigger(dockerfile, instruction) || instruction.flags.some((flag) => flag.name === 'from')) return;
      const sources = instruction.args.slice(0, -1);
      for (const source of sources) {
        if (source.value.startsWith('<<')) continue;
        const expanded = expandAt(dockerfile, source.value, instruction);
        const path = expanded.unresolved.length > 0 ? source.value : expanded.value;
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) continue;
        const kind = secretFileByName(path);
        if (kind) {
          report(instruction, path, kind, source.span);
          continue;
        }
        if (!resolver || expanded.unresolved.length > 0) continue;
        for (const file of resolver.filesCopiedBy(path, instruction)) {
          const fileKind = secretFileByName(file);
          if (fileKind) report(instruction, file, fileKind, source.span);
        }
      }
    };
    return { COPY: visit, ADD: visit };
  },
});
