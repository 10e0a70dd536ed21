import { isSecretName } from '../../secrets/names.js';
import { findToken } from '../../secrets/tokens.js';
import { secretValueKind, unquote } from '../../secrets/values.js';
import type { Dockerfile, Instruction, Span } from '../parse/index.js';
import { defineDockerfileRule, type RuleFix } from '../rule-domain.js';
import { isTrigger } from './util/stages.js';

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whether a text refers to a variable: `$NAME` or `${NAME…}`. */
export function mentionsVariable(text: string, name: string): boolean {
  for (const prefix of [`$${name}`, `\${${name}`]) {
    let at = text.indexOf(prefix);
    while (at !== -1) {
      if (!isNameChar(text.charCodeAt(at + prefix.length))) return true;
      at = text.indexOf(prefix, at + 1);
    }
  }
  return false;
}

/** A value that is another variable (`$TOKEN`, `${TOKEN:-}`): an ENV that copies a build value into the config. */
const VARIABLE_ONLY = /^\$(?:\w+|\{\w+(?::?[-=?+][^}]*)?\})$/;

/**
 * The exact rewrite of a build argument into a build secret: delete the ARG and give every RUN after it in
 * its stage (where the ARG was in the environment) a secret mount that sets the same variable. Refused when
 * something other than a RUN uses the variable (ENV, COPY, LABEL… cannot mount secrets), for global ARGs
 * (FROM lines may use them) and for ARGs declaring several variables.
 */
function secretMountFix(dockerfile: Dockerfile, arg: Instruction, name: string): RuleFix | undefined {
  const stage = dockerfile.stages[arg.stageIndex];
  if (!stage || arg.args.length !== 1 || isTrigger(dockerfile, arg)) return undefined;
  const lineEnd = dockerfile.text.indexOf('\n', arg.span.end);
  const edits: RuleFix['edits'] = [
    { range: [dockerfile.lineStart(arg.line), lineEnd === -1 ? dockerfile.text.length : lineEnd + 1], text: '' },
  ];
  let mounts = 0;
  for (const instruction of stage.instructions.slice(stage.instructions.indexOf(arg) + 1)) {
    if (instruction.keyword === 'ARG' && instruction.args.some((word) => word.value.split('=', 1)[0] === name)) break;
    if (instruction.keyword === 'RUN') {
      edits.push({ range: [instruction.restSpan.start, instruction.restSpan.start], text: `--mount=type=secret,id=${name},env=${name} ` });
      mounts++;
    } else if (mentionsVariable(dockerfile.text.slice(instruction.span.start, instruction.span.end), name)) {
      return undefined;
    }
  }
  const build = `build with \`--secret id=${name},env=${name}\`; needs Dockerfile frontend 1.10 or later`;
  return {
    description:
      mounts === 0
        ? `remove ARG ${name}: no RUN after it can read it`
        : `remove ARG ${name} and mount it as a build secret in the ${mounts === 1 ? 'RUN' : `${mounts} RUN instructions`} after it (${build})`,
    edits,
  };
}

export const noSecretsInArgEnv = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-secrets-in-arg-env',
    description: 'Keep secrets out of ARG and ENV',
    severity: 'error',
    aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
    fixable: 'unsafe',
    severityPerFinding: 'a value that may be a real secret is an error; a stand-in written to get a build step through (`secret`, `build-key`, `CAFEBABE`) is a warning',
    rationale:
      'ENV values are stored in the image config, and build arguments used by a RUN are recorded in the image ' +
      'history: anyone who can pull the image reads them with `docker inspect` or `docker history`, long after ' +
      'the build. Build-time secrets belong in `RUN --mount=type=secret`, which exposes them to one step and ' +
      'stores nothing; run-time secrets are injected when the container starts.',
    differences:
      'hadolint (DL3064) and BuildKit (SecretsUsedInArgOrEnv) judge names only, which makes `GPG_KEY` (a public ' +
      'fingerprint in many official images), `PASSWORD_MIN_LENGTH=12` or `DB_PASSWORD_FILE=/run/secrets/db` ' +
      'findings. shipshape reads the name as words and ignores names that talk about a secret without holding it ' +
      '(`…_FILE`, `…_PATH`, `…_LENGTH`, `…_URL`, `…_NAME`, `…_ENABLED`, public/GPG/cache keys, `NEXT_PUBLIC_…` ' +
      'names that browsers receive by design, usernames — hadolint flags `*USERNAME*`), and values that cannot be a ' +
      'secret (empty, numbers, booleans, paths, references such as `${TOKEN:-}`, placeholders such as `changeme`, ' +
      '`dummy` or `your-token-here`). A value that is only there to get a build step through (`SECRET_KEY=build-key`, ' +
      '`APP_SECRET_TOKEN=secret`, `KEY=CAFEBABE`, a default password such as `admin`) is a warning, not an error: it ' +
      'is no credential worth stealing, but it still lands in the history (and, for ENV, in the running container). It also finds secrets by value under any name, with the token formats every ' +
      'shipshape secret rule shares (the image rules scan layers and history with the same table): AWS key IDs, ' +
      'GitHub/GitLab/Slack/Stripe/npm/PyPI/Docker Hub/Hugging Face/OpenAI/Anthropic/SendGrid tokens, JWTs, private ' +
      'keys (armour and body, as a file or with escaped line breaks) and passwords in URLs; AWS\'s documentation ' +
      'key (`…EXAMPLE`) and URL passwords such as `${DB_PASSWORD}` or `password` are not. An ARG with a secret name and no ' +
      'default is reported, as hadolint and BuildKit do: its value comes from `--build-arg`, which is exactly the ' +
      'leak. The unsafe fix handles the case it can rewrite exactly — an ARG in a stage whose variable only RUN ' +
      'instructions use: the ARG is removed and each RUN after it gets `--mount=type=secret,id=NAME,env=NAME`, so ' +
      'the variable has the same value in the same steps (frontend 1.10+; the build passes `--secret ' +
      'id=NAME,env=NAME` instead of `--build-arg`). ENV secrets get no fix: the application reads them at run ' +
      'time, so they must be injected at `docker run`; secrets written in the file must also be rotated.',
    messages: {
      buildArg:
        'ARG `{name}` looks like a secret: a value passed with `--build-arg` stays in the image history; use a build secret (`RUN --mount=type=secret,id={name},env={name}`)',
      literal: '{keyword} `{name}` holds a secret: it ships in the image config and history; inject it at run time or mount it as a build secret',
      value: '{keyword} `{name}` contains {what}: it ships in the image; remove it, rotate it, and use a secret mount or run-time injection',
      placeholder:
        '{keyword} `{name}` is set to a stand-in value, not a real secret, but it still lands in the image {where}; pass real values at run time and keep build-only values out of ARG/ENV',
      copied: 'ENV `{name}` copies a build value into the image config, where `docker inspect` shows it to anyone with the image',
    },
    examples: {
      valid: [
        { code: 'FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n', description: 'a public key fingerprint' },
        { code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db PASSWORD_MIN_LENGTH=12\n' },
        { code: 'FROM node:20-slim\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n' },
      ],
      invalid: [
        {
          code: 'FROM node:20-slim\nARG NPM_TOKEN\nCOPY package*.json ./\nRUN npm ci\nRUN npm run build\n',
          output:
            'FROM node:20-slim\nCOPY package*.json ./\nRUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm ci\nRUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm run build\n',
        },
        { code: 'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:s3cr3t@db:5432/app\n' },
        { code: 'FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n' },
        { code: 'FROM alpine:3.20\nARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n', description: 'no fix: ENV uses the variable' },
        { code: 'FROM node:20-slim\nARG ENCRYPTION_KEY="CAFEBABE"\nRUN npm run build\n', description: 'a stand-in value: a warning, it still lands in the history' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const reportValue = (keyword: string, name: string, raw: string, span: Span): boolean => {
      const token = findToken(raw);
      if (!token) return false;
      context.report({ messageId: 'value', data: { keyword, name, what: token.format.description }, span });
      return true;
    };
    return {
      ARG(instruction) {
        for (const word of instruction.args) {
          const eq = word.value.indexOf('=');
          const name = eq === -1 ? word.value : word.value.slice(0, eq);
          if (eq !== -1 && reportValue('ARG', name, word.value.slice(eq + 1), word.span)) continue;
          if (!isSecretName(name)) continue;
          if (eq === -1) {
            context.report({ messageId: 'buildArg', data: { name }, span: word.span, fix: secretMountFix(dockerfile, instruction, name) });
            continue;
          }
          const kind = secretValueKind(unquote(word.value.slice(eq + 1)));
          if (kind === 'none') continue;
          const fix = secretMountFix(dockerfile, instruction, name);
          if (kind === 'stand-in') {
            context.report({ messageId: 'placeholder', severity: 'warning', data: { keyword: 'ARG', name, where: 'history' }, span: word.span, fix });
          } else context.report({ messageId: 'literal', data: { keyword: 'ARG', name }, span: word.span, fix });
        }
      },
      ENV(instruction) {
        for (const pair of instruction.pairs) {
          if (reportValue('ENV', pair.key, pair.value, pair.span)) continue;
          if (!isSecretName(pair.key)) continue;
          const value = unquote(pair.value);
          if (VARIABLE_ONLY.test(value)) context.report({ messageId: 'copied', data: { name: pair.key }, span: pair.span });
          else {
            const kind = secretValueKind(value);
            if (kind === 'stand-in') {
              context.report({ messageId: 'placeholder', severity: 'warning', data: { keyword: 'ENV', name: pair.key, where: 'config' }, span: pair.span });
            } else if (kind === 'credential') context.report({ messageId: 'literal', data: { keyword: 'ENV', name: pair.key }, span: pair.span });
          }
        }
      },
    };
  },
});
