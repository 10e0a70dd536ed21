import type { HistorySecret } from '../history-secrets.js';
import { defineImageRule } from '../rule-domain.js';

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
  },
  create({ facts: image, report }) {
    return {
      end() {
        for (const secret of image.historySecrets) {
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
