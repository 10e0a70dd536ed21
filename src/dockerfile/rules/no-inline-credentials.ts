import type { CommandInfo, Word } from '../../shell/ast.js';
import { isHarmlessValue, isSecretName, SECRET_VALUE_DETECTORS } from '../knowledge/secrets.js';
import type { Dockerfile, Span } from '../parse/index.js';
import type { DockerfileRule } from '../rule.js';
import { parseArgs } from './util/args.js';
import { fileSpan } from './util/edits.js';
import { memo, memoSlot } from './util/memo.js';

/**
 * Text each token format of the shared table cannot match without, by detector id: a substring test is far
 * cheaper than the format's expression, and almost no RUN contains any of them. Formats without an entry
 * always run.
 */
const REQUIRED_TEXT: Readonly<Record<string, readonly string[]>> = {
  'private-key': ['PRIVATE KEY'],
  'aws-access-key-id': ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  'github-token': ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  'gitlab-token': ['glpat-'],
  'slack-token': ['xox'],
  'slack-webhook': ['hooks.slack.com'],
  'stripe-key': ['_live_'],
  'google-api-key': ['AIza'],
  'npm-token': ['npm_'],
  'pypi-token': ['pypi-'],
  'docker-hub-token': ['dckr_pat_'],
  'huggingface-token': ['hf_'],
  'anthropic-key': ['sk-ant-'],
  'openai-key': ['T3BlbkFJ'],
  'sendgrid-key': ['SG.'],
  jwt: ['eyJ'],
  'url-credentials': ['://'],
};

function mayMatch(source: string, hints: readonly string[] | undefined): boolean {
  if (hints === undefined) return true;
  for (const hint of hints) if (source.includes(hint)) return true;
  return false;
}

/** An option that may carry a credential: `-u`, `--user`, or a name with pass/token/secret/key in it. */
const CREDENTIAL_OPTION = /^-(?:u|U|-(?:[\w-]*(?:pass|token|secret|key)[\w-]*|user|proxy-user)(?:=|$))/i;

/** Any token-format text at all (URLs aside): one expression over a RUN beats a search per text. */
const ANY_TOKEN_TEXT = new RegExp(
  Object.entries(REQUIRED_TEXT)
    .filter(([id]) => id !== 'url-credentials')
    .flatMap(([, hints]) => hints.map((hint) => hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('|'),
);

/** Whether any token-format text is in the file at all: one pass over the file spares the RUNs of most files. */
const TOKEN_TEXT_IN_FILE = memoSlot<boolean>('token text in file');
const hasTokenText = (dockerfile: Dockerfile): boolean => ANY_TOKEN_TEXT.test(dockerfile.text);

/** `_authToken=…` / `_auth=…` / `_password=…` of an .npmrc, written out. */
const NPM_AUTH = /(?:^|[\s"':])(_auth(?:Token)?|_password)\s*=\s*["']?([^\s"'$`]{8,})/g;
/** `curl -u user:password`, `--user user:password`: a password written out after the colon. */
const USER_PASSWORD = /^[^:$\s]+:(?!\$)[^\s]+$/;
/** Option names that take a user:password pair. */
const USER_OPTIONS = new Set(['u', 'user', 'proxy-user', 'U']);
/** Long options that take a secret: `--password`, `--http-password`, `--token`, `--api-key`, `--client-secret`. */
const SECRET_OPTION = /(?:^|-)(?:password|passwd|token|secret|api-?key|access-?key|secret-?key|private-?key|auth-?token)$/;
/** Programs whose `-u` is not a user:password pair. */
const USER_IS_NOT_CREDENTIAL = new Set(['sudo', 'su', 'useradd', 'usermod', 'docker', 'podman', 'runuser', 'gosu', 'su-exec', 'sort', 'uniq', 'diff', 'date', 'tar']);

/** Words that mark a written value as a stand-in: `build-time-dummy`, `insecure-example-key`. */
const PLACEHOLDER = /(?:^|[-_.])(?:dummy|placeholder|example|sample|changeme|fake|insecure|unused|notsecret)(?:[-_.]|$)/i;
/** Option-name prefixes of switches about a secret, not taking one: `--disabled-password user`, `--no-token`. */
const SWITCH_PREFIX = /^(?:no|disabled?|without|skip|ask|prompt|use|require|allow|enable|empty|force|keep|show|hide|print|generate|random|reset|read|stdin)-/;

/** Parts of every name `isSecretName` accepts: a name with none of them is settled without splitting it. */
const SECRET_NAME_PART = /pass|pwd|word|secret|token|key|cred|auth/i;
const secretName = (name: string): boolean => SECRET_NAME_PART.test(name) && isSecretName(name);

/** A literal secret value: written out, not a variable or a substitution, not a placeholder or a path. */
function literal(value: string | undefined): value is string {
  return value !== undefined && value.length >= 4 && !isHarmlessValue(value) && !PLACEHOLDER.test(value);
}

export const noInlineCredentials: DockerfileRule = {
  meta: {
    id: 'dockerfile/no-inline-credentials',
    description: 'Do not write credentials into RUN instructions',
    severity: 'error',
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
      '(`build-time-dummy`, `changeme`) and switches such as `--disabled-password` are not reported. ' +
      'BuildKit\'s SecretsUsedInArgOrEnv, like DL3064, covers ARG and ENV only.',
    messages: {
      token: '{what} written in RUN: it stays in the image history and the Dockerfile — use `RUN --mount=type=secret` instead',
    },
    examples: {
      valid: [
        { code: 'FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev\n' },
        { code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=token GITHUB_TOKEN="$(cat /run/secrets/token)" ./fetch.sh\n' },
      ],
      invalid: [
        { code: 'FROM node:20\nRUN echo "//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" > .npmrc && npm ci\n' },
        { code: 'FROM debian:12\nRUN git clone https://deploy:s3cr3t-pass@git.example.com/team/app.git /app\n' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context;
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { source, script } = shell;
        const reported: Span[] = [];
        const report = (what: string, span: Span) => {
          if (reported.some((other) => other.start < span.end && span.start < other.end)) return;
          reported.push(span);
          context.report({ messageId: 'token', data: { what }, span });
        };

        const anyToken = memo(dockerfile, TOKEN_TEXT_IN_FILE, hasTokenText) && ANY_TOKEN_TEXT.test(source);
        const url = source.includes('@') && source.includes('://');
        for (const detector of SECRET_VALUE_DETECTORS) {
          const hints = REQUIRED_TEXT[detector.id];
          if (detector.id === 'url-credentials' ? !url : hints !== undefined && (!anyToken || !mayMatch(source, hints))) continue;
          const match = detector.pattern.exec(source);
          if (match) report(detector.description.replace(/^./, (c) => c.toUpperCase()), fileSpan(shell, { start: match.index, end: match.index + match[0].length }));
        }
        if (source.includes('_auth') || source.includes('_password')) for (const match of source.matchAll(NPM_AUTH)) {
          const start = match.index + match[0].indexOf(match[1]!);
          if (!isHarmlessValue(match[2]!)) report(`An npm \`${match[1]}\``, fileSpan(shell, { start, end: match.index + match[0].length }));
        }
        for (const info of script.commands) {
          const found = secretInCommand(info);
          if (found) report(found.what, fileSpan(shell, found.node));
        }
      },
    };
  },
};

/** A secret written into one command: as a `NAME=value` prefix or export, or as the value of a secret option. */
function secretInCommand(info: CommandInfo): { what: string; node: Word | { start: number; end: number } } | undefined {
  const { command } = info;
  for (const assignment of command.assignments) {
    const value = assignment.value?.value;
    if (value !== undefined && secretName(assignment.name) && literal(value)) return { what: `\`${assignment.name}\``, node: assignment };
  }
  const effective = info.effective;
  const name = effective?.name.value;
  if (!effective || name === undefined) return undefined;
  if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'readonly' || name === 'env') {
    for (const word of effective.args) {
      const equals = word.value?.indexOf('=') ?? -1;
      if (equals <= 0) continue;
      const variable = word.value!.slice(0, equals);
      if (secretName(variable) && literal(word.value!.slice(equals + 1))) return { what: `\`${variable}\``, node: word };
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
    if (!secretOption && !USER_IS_NOT_CREDENTIAL.has(name) && USER_PASSWORD.test(value) && literal(value.slice(value.indexOf(':') + 1))) {
      return { what: `A password in \`${option.long ? '--' : '-'}${option.name}\``, node };
    }
    if (secretOption && literal(value)) return { what: `A \`--${option.name}\` value`, node };
  }
  return undefined;
}
