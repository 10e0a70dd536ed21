import type { Severity } from '../../core/severity.js';
import { judgeAssignment } from '../../secrets/names.js';
import { findTokens } from '../../secrets/tokens.js';
import { redact } from '../../secrets/values.js';
import { defineImageRule, type HistoryLine } from './types.js';

export interface HistorySecret {
  /** The ARG or ENV name, or undefined for a token found in a command line. */
  name: string | undefined;
  value: string;
  redacted: string;
  severity: Severity;
  reason: string;
  source: 'build-arg' | 'env' | 'arg-default' | 'command';
  /** The history line that shows it (undefined for an ENV only the config holds). */
  line: HistoryLine | undefined;
  inConfig: boolean;
}

/** `A=1 B="two words"` → pairs; a legacy `ENV NAME value` form is one pair. */
function assignments(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  const regex = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s]|\\ )*(?:\s+(?![A-Za-z_][A-Za-z0-9_]*=)[^\s]+)*)/g;
  for (const match of text.matchAll(regex)) pairs.push([match[1]!, match[2]!]);
  if (pairs.length === 0) {
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/.exec(text);
    if (legacy) pairs.push([legacy[1]!, legacy[2]!]);
  }
  return pairs;
}

/**
 * Every secret `docker history --no-trunc` and `docker inspect` reveal: build args the builder recorded before a
 * RUN (`|1 API_KEY=… /bin/sh -c …`), ARG defaults, ENV values (in history and in the config), and known token
 * formats typed into a RUN command. Judged by value as well as name.
 */
export function findHistorySecrets(history: readonly HistoryLine[], env: readonly string[]): HistorySecret[] {
  const found = new Map<string, HistorySecret>();
  const add = (secret: Omit<HistorySecret, 'inConfig'>): void => {
    const key = `${secret.name ?? ''}\0${secret.value}`;
    if (!found.has(key)) found.set(key, { ...secret, inConfig: false });
  };
  const judged = (name: string, value: string) => {
    const verdict = judgeAssignment(name, value);
    return verdict && { name, value, redacted: redact(value), severity: verdict.severity, reason: verdict.reason };
  };
  for (const line of history) {
    const { keyword, text, buildArgs } = line.instruction;
    for (const [name, value] of Object.entries(buildArgs)) {
      const secret = judged(name, value);
      if (secret) add({ ...secret, source: 'build-arg', line });
    }
    if (keyword === 'ENV' || keyword === 'ARG') {
      for (const [name, value] of assignments(text.slice(keyword.length).trim())) {
        const secret = judged(name, value);
        if (secret) add({ ...secret, source: keyword === 'ENV' ? 'env' : 'arg-default', line });
      }
    }
    if (keyword === 'RUN') {
      for (const { secret, format } of findTokens(text)) {
        add({ name: undefined, value: secret, redacted: redact(secret), severity: format.severity, reason: format.title, source: 'command', line });
      }
    }
  }
  for (const variable of env) {
    const equals = variable.indexOf('=');
    if (equals <= 0) continue;
    const secret = judged(variable.slice(0, equals), variable.slice(equals + 1));
    if (!secret) continue;
    const known = found.get(`${secret.name}\0${secret.value}`);
    if (known) known.inConfig = true;
    else found.set(`${secret.name}\0${secret.value}`, { ...secret, source: 'env', line: undefined, inConfig: true });
  }
  return [...found.values()].filter((s) => s.value.length >= 4 || s.name !== undefined);
}

const WHERE: Record<HistorySecret['source'], string> = {
  'build-arg': 'a build arg the history records before its RUN',
  'arg-default': 'an ARG default the history records',
  env: 'an ENV instruction',
  command: 'a RUN command the history records',
};

function describe(secret: HistorySecret): { secret: string; reason: string; places: string; tools: string } {
  const what = secret.name ? `${secret.name}=${secret.redacted}` : `\`${secret.redacted}\``;
  const places = secret.line ? [WHERE[secret.source]] : [];
  if (secret.inConfig) places.push('the image config');
  const tools = [secret.line ? '`docker history --no-trunc`' : '', secret.inConfig ? '`docker inspect`' : ''].filter(Boolean);
  return { secret: what, reason: secret.reason, places: places.join(' and '), tools: tools.join(' or ') };
}

export const noSecretsInHistory = defineImageRule({
  meta: {
    id: 'image/no-secrets-in-history',
    description: 'No secrets in build args, ENV values or commands recorded in the image history and config',
    severity: 'error',
    messages: {
      secret: '{secret} ({reason}) is in {places}: anyone who can pull the image reads it with {tools}',
    },
    links: [{ measures: 'dockerfile/no-secrets-in-arg-env', scope: 'variable' }],
    severityPerFinding: 'the secret detector judges each value: a known token format is an error, a name that only says secret is a warning',
    rationale:
      'Every `ARG` used by a `RUN` is written into that layer\'s history as `|1 API_KEY=… /bin/sh -c …`, every `ENV` ' +
      'into the config, and both travel with the image: `docker history --no-trunc` and `docker inspect` print them ' +
      'to anyone who can pull it. Pass build-time secrets with `RUN --mount=type=secret` and run-time ones from the ' +
      'orchestrator.',
    differences:
      'dockle (CIS-DI-0010) and Trivy flag ENV keys by name only (`PASSWORD_MIN_LENGTH=12` is a false positive, ' +
      '`FOO=AKIA…` a miss); this rule judges the value too, reads build args from `created_by`, and masks the ' +
      'secret in its own output.',
    examples: {
      valid: [
        { image: { layers: [{ createdBy: 'ENV NODE_ENV=production' }, { createdBy: 'COPY app /app', files: { '/app/run': 'x' } }], config: { Env: ['NODE_ENV=production'] } } },
      ],
      invalid: [
        { image: { layers: [{ createdBy: 'ENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' }, { createdBy: 'COPY app /app', files: { '/app/run': 'x' } }], config: { Env: ['GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'] } }, findings: [{ messageId: 'secret', variable: 'GITHUB_TOKEN' }] },
      ],
    },
  },
  create({ facts: image, report }) {
    return {
      end() {
        for (const secret of findHistorySecrets(image.history, image.config.config?.Env ?? [])) {
          report({
            severity: secret.severity,
            messageId: 'secret',
            data: describe(secret),
            ...(secret.name ? { variable: secret.name } : {}),
            ...(secret.line?.layerIndex !== undefined ? { layer: secret.line.layerIndex } : {}),
            ...(secret.line && secret.line.layerIndex === undefined ? { instruction: secret.line.instruction.text } : {}),
          });
        }
      },
    };
  },
});
