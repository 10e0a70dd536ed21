import { NPM_AUTH_SETTING } from '../../secrets/files.js';
import { isSecretName } from '../../secrets/names.js';
import { findTokens, matchPattern, mayHoldToken } from '../../secrets/tokens.js';
import { secretValueKind } from '../../secrets/values.js';
import type { CommandInfo, Word } from '../../shell/ast.js';
import type { Dockerfile, Span } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { parseArgs } from './util/args.js';
import { fileSpan } from './util/edits.js';
import { memo, memoSlot } from './util/memo.js';

/** An option that may carry a credential: `-u`, `--user`, or a name with pass/token/secret/key in it. */
const CREDENTIAL_OPTION = /^-(?:u|U|-(?:[\w-]*(?:pass|token|secret|key)[\w-]*|user|proxy-user)(?:=|$))/i;

/** Whether any token format's keyword is in the file at all: one pass over the file spares the RUNs of most files. */
const TOKEN_TEXT_IN_FILE = memoSlot<boolean>('token text in file');
const hasTokenText = (dockerfile: Dockerfile): boolean => mayHoldToken(dockerfile.text);

/** `curl -u user:password`, `--user user:password`: a password written out after the colon. */
const USER_PASSWORD = /^[^:$\s]+:(?!\$)[^\s]+$/;
/** Option names that take a user:password pair. */
const USER_OPTIONS = new Set(['u', 'user', 'proxy-user', 'U']);
/** Long options that take a secret: `--password`, `--http-password`, `--token`, `--api-key`, `--client-secret`. */
const SECRET_OPTION = /(?:^|-)(?:password|passwd|token|secret|api-?key|access-?key|secret-?key|private-?key|auth-?token)$/;
/** Programs whose `-u` is not a user:password pair. */
const USER_IS_NOT_CREDENTIAL = new Set(['sudo', 'su', 'useradd', 'usermod', 'docker', 'podman', 'runuser', 'gosu', 'su-exec', 'sort', 'uniq', 'diff', 'date', 'tar']);

/** Option-name prefixes of switches about a secret, not taking one: `--disabled-password user`, `--no-token`. */
const SWITCH_PREFIX = /^(?:no|disabled?|without|skip|ask|prompt|use|require|allow|enable|empty|force|keep|show|hide|print|generate|random|reset|read|stdin)-/;

/**
 * A written-out value under a secret's name: a `credential`, a `stand-in` that only gets the step through
 * (`SECRET_KEY=build-key`, `APP_SECRET_TOKEN=secret`), or nothing (a variable, a substitution, a placeholder, a path).
 */
function written(value: string | undefined): 'credential' | 'stand-in' | undefined {
  if (value === undefined) return undefined;
  const kind = secretValueKind(value);
  if (kind === 'stand-in') return kind;
  return kind === 'credential' && value.length >= 4 ? kind : undefined;
}

export const noInlineCredentials = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-inline-credentials',
    description: 'Do not write credentials into RUN instructions',
    severity: 'error',
    severityPerFinding: 'a value that may be a real credential is an error; a stand-in written to get a build step through (`SECRET_KEY=build-key`) is a warning',
    rationale:
      'A credential written in a RUN is in the Dockerfile (and so in version control), in the image history ' +
      '(`docker history --no-trunc` shows every RUN command), in build logs and in the build cache — every ' +
      'stage, even a builder whose layers do not ship. Rotate it, and pass build-time credentials with ' +
      '`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` (or `--mount=type=ssh` for git), so they are ' +
      'never part of an instruction or a layer.',
    differences:
      'hadolint has no equivalent (its DL3064 looks at ARG/ENV only, as does shipshape\'s ' +
      '`no-secrets-in-arg-env`); Trivy\'s secret scanner and dockle read files in the built image, not RUN ' +
      'commands. Reported: known token formats (the same table as the other secret rules: AWS, GitHub, GitLab, ' +
      'Slack, Stripe, npm, PyPI, private keys, JWTs…), passwords in URLs (`https://user:pass@host`), npm ' +
      '`_authToken=`/`_auth=`, `curl -u user:password`, options and variables whose name says secret ' +
      '(`--password x`, `--token=x`, `GITHUB_TOKEN=x make`, `export API_KEY=x`) with a written-out value. A value ' +
      'taken from a variable, a substitution or a file (`$TOKEN`, `$(cat /run/secrets/t)`), a placeholder ' +
      '(`build-time-dummy`, `changeme`) and switches such as `--disabled-password` are not reported; a value written ' +
      'only to get a step through (`SECRET_KEY=build-key ./manage.py collectstatic`, `APP_SECRET_TOKEN=secret rake ' +
      'assets:precompile`, `--password admin`) is a warning: no credential, but it still lands in the history. ' +
      'BuildKit\'s SecretsUsedInArgOrEnv, like DL3064, covers ARG and ENV only.',
    messages: {
      token: '{what} written in RUN: it stays in the image history and the Dockerfile — use `RUN --mount=type=secret` instead',
      placeholder: '{what} set to a stand-in value in RUN, not a real credential, but it still lands in the image history; make sure the real one is only given at run time',
    },
    examples: {
      valid: [
        { code: 'FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev\n' },
        { code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=token GITHUB_TOKEN="$(cat /run/secrets/token)" ./fetch.sh\n' },
      ],
      invalid: [
        { code: 'FROM node:20\nRUN echo "//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" > .npmrc && npm ci\n' },
        { code: 'FROM debian:12\nRUN git clone https://deploy:s3cr3t-pass@git.example.com/team/app.git /app\n' },
        { code: 'FROM python:3.12\nRUN SECRET_KEY=build-key ./manage.py collectstatic --noinput\n', description: 'a stand-in value: a warning' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { source, script } = shell;
        const reported: Span[] = [];
        const report = (what: string, span: Span, standIn = false) => {
          if (reported.some((other) => other.start < span.end && span.start < other.end)) return;
          reported.push(span);
          if (standIn) context.report({ messageId: 'placeholder', severity: 'warning', data: { what }, span });
          else context.report({ messageId: 'token', data: { what }, span });
        };

        if (memo(dockerfile, TOKEN_TEXT_IN_FILE, hasTokenText)) {
          for (const { format, start, end } of findTokens(source)) {
            report(format.description.replace(/^./, (c) => c.toUpperCase()), fileSpan(shell, { start, end }));
          }
        }
        if (source.includes('_auth') || source.includes('_password')) {
          for (const { start, end } of matchPattern(NPM_AUTH_SETTING, source)) {
            const name = source.indexOf('_', start);
            report(`An npm \`${source.slice(name, source.indexOf('=', name)).trim()}\``, fileSpan(shell, { start: name, end }));
          }
        }
        for (const info of script.commands) {
          const found = secretInCommand(info);
          if (found) report(found.what, fileSpan(shell, found.node), found.kind === 'stand-in');
        }
      },
    };
  },
});

/** A secret written into one command: as a `NAME=value` prefix or export, or as the value of a secret option. */
function secretInCommand(
  info: CommandInfo,
): { what: string; node: Word | { start: number; end: number }; kind: 'credential' | 'stand-in' } | undefined {
  const { command } = info;
  for (const assignment of command.assignments) {
    const kind = isSecretName(assignment.name) ? written(assignment.value?.value) : undefined;
    if (kind) return { what: `\`${assignment.name}\``, node: assignment, kind };
  }
  const effective = info.effective;
  const name = effective?.name.value;
  if (!effective || name === undefined) return undefined;
  if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'readonly' || name === 'env') {
    for (const word of effective.args) {
      const equals = word.value?.indexOf('=') ?? -1;
      if (equals <= 0) continue;
      const variable = word.value!.slice(0, equals);
      const kind = isSecretName(variable) ? written(word.value!.slice(equals + 1)) : undefined;
      if (kind) return { what: `\`${variable}\``, node: word, kind };
    }
  }
  let optionLike = false;
  for (const word of effective.args) {
    if (word.value?.charCodeAt(0) === 45 /* - */ && CREDENTIAL_OPTION.test(word.value)) {
      optionLike = true;
      break;
    }
  }
  if (!optionLike) return undefined;
  const parsed = parseArgs(effective.args);
  for (const option of parsed.options) {
    const userPair = !option.long && USER_OPTIONS.has(option.name) && !USER_IS_NOT_CREDENTIAL.has(name);
    const secretOption = option.long && SECRET_OPTION.test(option.name) && !SWITCH_PREFIX.test(option.name);
    if (!userPair && !secretOption && !(option.long && USER_OPTIONS.has(option.name))) continue;
    // the value is attached (`--password=x`, `-ux:y`) or the next word (`--password x`, `-u x:y`)
    const next = option.value === undefined ? effective.args[effective.args.indexOf(option.word) + 1] : undefined;
    const value = option.value ?? next?.value;
    const node = next ?? option.word;
    if (value === undefined || value.startsWith('-')) continue;
    if (!secretOption && !USER_IS_NOT_CREDENTIAL.has(name) && USER_PASSWORD.test(value)) {
      const kind = written(value.slice(value.indexOf(':') + 1));
      if (kind) return { what: `A password in \`${option.long ? '--' : '-'}${option.name}\``, node, kind };
    }
    const kind = secretOption ? written(value) : undefined;
    if (kind) return { what: `A \`--${option.name}\` value`, node, kind };
  }
  return undefined;
}
