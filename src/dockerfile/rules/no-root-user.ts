import {
  builtInUser,
  entrypointDropsPrivileges,
  isWindowsImage,
  needsRootToStart,
  osFamily,
  PRIVILEGE_DROP_COMMANDS,
  runsAsNonRootByDefault,
} from '../knowledge/images.js';
import type { Dockerfile, Instruction, Stage } from '../parse/index.js';
import { defineDockerfileRule, type RuleFix } from '../rule-domain.js';
import { officialImageName } from './util/image-ref.js';
import { expandAt, keywordInCaseOf, stageBase, type StageBase, stageChain } from './util/stages.js';

const PRIVILEGE_DROP = new RegExp(`(?:^|[^\\w-])(?:${PRIVILEGE_DROP_COMMANDS.join('|')})(?![\\w-])`);

/** Instructions that only set image metadata: a USER added after them changes nothing they do. */
const METADATA = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'STOPSIGNAL']);

/** The user part of a USER value is root: `root`, `0`, `root:…`, `0:…`. */
export function isRootUser(user: string): boolean {
  const name = user.split(':', 1)[0]!;
  return name === 'root' || name === '0';
}

/** The last USER instruction that applies to a stage: in the stage, else in the stage it builds on, and so on. */
function lastUserOf(chain: Stage[]): Instruction | undefined {
  for (const stage of chain) {
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const instruction = stage.instructions[i]!;
      if (instruction.keyword === 'USER') return instruction;
    }
  }
  return undefined;
}

function dropsPrivileges(dockerfile: Dockerfile, chain: Stage[]): boolean {
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ENTRYPOINT' && instruction.keyword !== 'CMD') continue;
      if (PRIVILEGE_DROP.test(dockerfile.text.slice(instruction.span.start, instruction.span.end))) return true;
    }
  }
  return false;
}

/** The user value an instruction sets, expanded; undefined when a variable in it has no known value. */
function userValue(dockerfile: Dockerfile, instruction: Instruction): string | undefined {
  const word = instruction.args[0];
  if (!word) return undefined;
  const expanded = expandAt(dockerfile, word.value, instruction);
  return expanded.unresolved.length > 0 ? undefined : expanded.value.trim();
}

/** Lines that create a user with the tools the base image has, and switch to it. */
function userSetup(base: StageBase): { lines: string[]; description: string } | undefined {
  if (base.image && needsRootToStart(base.image)) return undefined;
  if (base.scratch) return { lines: ['USER 65532:65532'], description: 'run as UID 65532 (scratch has no user database; a numeric UID needs none)' };
  const image = base.image;
  if (!image) return undefined;
  const builtIn = builtInUser(image);
  if (builtIn) return { lines: [`USER ${builtIn}`], description: `switch to the image's built-in \`${builtIn}\` user` };
  switch (osFamily(image)) {
    case 'distroless':
      return { lines: ['USER 65532:65532'], description: "run as distroless's `nonroot` user (UID 65532; or use the `:nonroot` tag)" };
    case 'alpine':
    case 'busybox':
      return { lines: ['RUN addgroup -S app && adduser -S -G app app', 'USER app'], description: 'create an `app` system user and switch to it' };
    case 'debian':
      return { lines: ['RUN useradd --create-home --no-log-init --user-group app', 'USER app'], description: 'create an `app` user and switch to it' };
    default:
      return undefined;
  }
}

/** Where the USER goes: before the trailing run of metadata instructions (and their comments), after `after`. */
function insertionPoint(dockerfile: Dockerfile, stage: Stage, after: Instruction | undefined): { offset: number; atEnd: boolean } {
  const instructions = stage.instructions;
  let anchor = instructions.length;
  const floor = after ? instructions.indexOf(after) + 1 : 0;
  while (anchor > floor && METADATA.has(instructions[anchor - 1]!.keyword)) anchor--;
  const target = instructions[anchor];
  if (!target) {
    const last = instructions.at(-1) ?? stage.from;
    return { offset: last.span.end, atEnd: true };
  }
  let line = target.line;
  for (let i = target.comments.length - 1; i >= 0 && target.comments[i]!.line === line - 1; i--) line--;
  return { offset: dockerfile.lineStart(line), atEnd: false };
}

function insertLines(dockerfile: Dockerfile, stage: Stage, after: Instruction | undefined, lines: string[]): RuleFix['edits'] {
  const cased = lines.map((line) => {
    const space = line.indexOf(' ');
    return keywordInCaseOf(stage.from, line.slice(0, space)) + line.slice(space);
  });
  const { offset, atEnd } = insertionPoint(dockerfile, stage, after);
  return [{ range: [offset, offset], text: atEnd ? `\n${cased.join('\n')}` : `${cased.join('\n')}\n` }];
}

export const noRootUser = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-root-user',
    description: 'Run the final image as a non-root user',
    severity: 'warning',
    aliases: ['DL3002'],
    fixable: 'unsafe',
    rationale:
      'A process running as root in a container is root on the files it can reach: a bug or a compromised ' +
      'dependency can rewrite the image, read mounted secrets and volumes, and is one kernel flaw away from the ' +
      'host. A `USER` in the final stage makes every container start unprivileged by default.',
    differences:
      'hadolint (DL3002) reports every stage whose last USER is root, so a builder stage that installs packages as ' +
      'root is flagged even though it never runs; shipshape looks only at the final stage (the image that ships), ' +
      'following `FROM <stage>` to inherit a USER set earlier, as Trivy issue #1620 asks. Unlike hadolint it also ' +
      'reports a final stage with no USER at all (hadolint passes it; it runs as root just the same), except when ' +
      'the base is known to set a non-root USER itself (a table of images and the user each sets: distroless ' +
      '`:nonroot`, Chainguard, Bitnami, `*-unprivileged`, .NET chiseled, grafana/grafana, grafana/loki, grafana/k6, ' +
      'prom/prometheus and the other Prometheus images, Keycloak, Elasticsearch, Kibana, Jenkins, rootless Gitea). Not reported: images whose stage uses a privilege-dropping launcher (`gosu`, `su-exec`, ' +
      '`setpriv`, `s6-setuidgid`, `chpst`, `runuser` — the official database images start as root to fix volume ' +
      'ownership and then exec the server as its own user), stages that keep the ENTRYPOINT of such an official ' +
      'image (postgres, mysql, mariadb, mongo, redis, rabbitmq, cassandra, couchdb), Windows images (no root user), and a USER whose value ' +
      'is only known at build time. The unsafe fix switches to a user suited to the base: the built-in `node` user ' +
      'of the node images, UID 65532 on distroless and scratch, a new `app` user made with `adduser` on ' +
      'Alpine/BusyBox or `useradd` on Debian/Ubuntu images, or back to the last non-root USER when root was only ' +
      'taken for a few steps. nginx, httpd and the Apache variants of php and wordpress get no fix: their master ' +
      'process must start as root to bind port 80 and drops privileges itself (use an unprivileged image or port ' +
      'instead). The USER goes before the trailing CMD/ENTRYPOINT/EXPOSE/LABEL block so no RUN changes ' +
      'user; files the application writes may need `COPY --chown`, which the fix does not add. Unknown bases get no fix.',
    messages: {
      noUser: 'the final stage sets no USER, so the container runs as root{unless}: switch to a non-root user',
      rootUser: 'the last USER of the final stage is `{user}`, so the container runs as root: switch to a non-root user after the steps that need root',
    },
    examples: {
      valid: [
        { code: 'FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n' },
        { code: 'FROM debian:bookworm-slim AS build\nUSER root\nRUN make\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n', description: 'a root builder stage does not ship; distroless `:nonroot` runs unprivileged' },
        { code: 'FROM alpine:3.20 AS base\nRUN adduser -D app\nUSER app\nFROM base\nCMD ["/app"]\n', description: 'the USER of the stage built on is inherited' },
        { code: 'FROM grafana/grafana:11.2.0\nCOPY dashboards /etc/grafana/provisioning/dashboards\n', description: 'the base sets a non-root USER itself (grafana, UID 472)' },
      ],
      invalid: [
        {
          code: 'FROM python:3.12-slim\nCOPY . /app\n# start the app\nCMD ["python", "/app/main.py"]\n',
          output: 'FROM python:3.12-slim\nCOPY . /app\nRUN useradd --create-home --no-log-init --user-group app\nUSER app\n# start the app\nCMD ["python", "/app/main.py"]\n',
        },
        {
          code: 'FROM node:20-alpine\nUSER node\nRUN npm ci\nUSER root\nRUN apk add --no-cache curl\nCMD ["node", "server.js"]\n',
          output: 'FROM node:20-alpine\nUSER node\nRUN npm ci\nUSER root\nRUN apk add --no-cache curl\nUSER node\nCMD ["node", "server.js"]\n',
          description: 'root taken back for a step: the fix returns to the previous user',
        },
        { code: 'FROM alpine:3.20\nCOPY app /app', output: 'FROM alpine:3.20\nCOPY app /app\nRUN addgroup -S app && adduser -S -G app app\nUSER app' },
        { code: 'FROM scratch\nCOPY app /app\nUSER 0:0\n', output: 'FROM scratch\nCOPY app /app\nUSER 0:0\nUSER 65532:65532\n' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      end() {
        const final = context.facts.finalStage;
        if (!final) return;
        const chain = stageChain(final);
        const base = stageBase(final);
        if (base.image && isWindowsImage(base.image)) return;
        const lastUser = lastUserOf(chain);
        if (lastUser) {
          const user = userValue(dockerfile, lastUser);
          if (user === undefined || !isRootUser(user) || dropsPrivileges(dockerfile, chain)) return;
          const after = lastUser.stageIndex === final.index ? lastUser : undefined;
          const earlier = previousNonRootUser(dockerfile, chain, lastUser);
          const setup = earlier ? { lines: [`USER ${earlier}`], description: `switch back to ${earlier}` } : userSetup(base);
          context.report({
            messageId: 'rootUser',
            data: { user },
            span: lastUser.span,
            fix: setup ? { description: setup.description, edits: insertLines(dockerfile, final, after, setup.lines) } : undefined,
          });
          return;
        }
        if (base.image && runsAsNonRootByDefault(base.image)) return;
        const keepsEntrypoint = !chain.some((stage) => stage.instructions.some((instruction) => instruction.keyword === 'ENTRYPOINT'));
        if (base.image && keepsEntrypoint && entrypointDropsPrivileges(base.image)) return;
        if (base.unresolved || dropsPrivileges(dockerfile, chain)) return;
        const knownRoot = base.scratch || (base.image !== undefined && (officialImageName(base.image) !== undefined || osFamily(base.image) !== undefined));
        const setup = userSetup(base);
        context.report({
          messageId: 'noUser',
          data: { unless: knownRoot ? '' : ` (unless \`${base.root.base.value}\` sets a user)` },
          span: final.from.span,
          fix: setup ? { description: setup.description, edits: insertLines(dockerfile, final, undefined, setup.lines) } : undefined,
        });
      },
    };
  },
});

/** The USER before `rootUser` in the chain that is not root, written as it was, if any. */
function previousNonRootUser(dockerfile: Dockerfile, chain: Stage[], rootUser: Instruction): string | undefined {
  let seen = false;
  for (const stage of chain) {
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const instruction = stage.instructions[i]!;
      if (instruction === rootUser) {
        seen = true;
        continue;
      }
      if (!seen || instruction.keyword !== 'USER') continue;
      const user = userValue(dockerfile, instruction);
      if (user === undefined) return undefined;
      if (!isRootUser(user)) return instruction.rest;
    }
  }
  return undefined;
}
