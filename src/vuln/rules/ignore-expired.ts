import { defineScanRule, IGNORE_FILE } from './types.js';

export const ignoreExpired = defineScanRule({
  meta: {
    id: 'scan/ignore-expired',
    description: `${IGNORE_FILE} entries are renewed or removed when they expire`,
    severity: 'info',
    messages: {
      expired: `${IGNORE_FILE} entry {entry} expired on {expires}: it no longer applies`,
    },
    rationale:
      `An entry of ${IGNORE_FILE} with \`expires\` stops suppressing on that day, so an accepted risk is looked ` +
      'at again rather than forgotten. Once it has expired the vulnerability is reported again, and this finding ' +
      'says which entry ran out, so it can be renewed with a new reason or deleted.',
    differences: "Trivy's `.trivyignore.yaml` has `expired_at` too, but an expired entry is dropped silently.",
  },
  create({ facts, report }) {
    return {
      end() {
        for (const entry of facts.expired) {
          report({ messageId: 'expired', data: { entry: entry.package ? `${entry.id} (${entry.package})` : entry.id, expires: entry.expires }, location: entry.location });
        }
      },
    };
  },
});
