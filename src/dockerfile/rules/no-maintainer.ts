import { defineDockerfileRule } from '../rule-domain.js';

/** A LABEL value in double quotes: the builder expands `$` and removes `\` escapes inside them. */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/[\\"$]/g, (ch) => `\\${ch}`)}"`;
}

export const noMaintainer = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-maintainer',
    description: 'MAINTAINER is deprecated: use a LABEL',
    severity: 'info',
    aliases: ['DL4000', 'MaintainerDeprecated'],
    fixable: 'safe',
    rationale:
      'MAINTAINER has been deprecated since Docker 1.13. Its value lands in the image config\'s `author` field, ' +
      'which few tools read; the `org.opencontainers.image.authors` label is the standard place, shown by ' +
      '`docker inspect`, registries and SBOM tools.',
    differences:
      'hadolint (DL4000) reports an error; shipshape reports `info`, because the instruction still works and costs ' +
      'nothing, and rewrites it to `LABEL org.opencontainers.image.authors=…` as BuildKit\'s MaintainerDeprecated check advises.',
    messages: {
      deprecated: 'MAINTAINER is deprecated: use `LABEL org.opencontainers.image.authors=…`',
    },
    examples: {
      valid: [{ code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Ada <ada@example.com>"\n' }],
      invalid: [
        {
          code: 'FROM alpine:3.20\nMAINTAINER Ada Lovelace <ada@example.com>\n',
          output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Ada Lovelace <ada@example.com>"\n',
        },
      ],
    },
  },
  create(context) {
    return {
      MAINTAINER(instruction) {
        const author = instruction.rest;
        context.report({
          messageId: 'deprecated',
          span: instruction.span,
          fix: author
            ? {
                description: 'replace MAINTAINER with an org.opencontainers.image.authors label',
                edits: [
                  {
                    range: [instruction.span.start, instruction.span.end],
                    text: `LABEL org.opencontainers.image.authors=${quoteLabelValue(author)}`,
                  },
                ],
              }
            : undefined,
        });
      },
    };
  },
});
