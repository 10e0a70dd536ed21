import { defineScanRule, EOL_MESSAGES, EOL_WARNING_DAYS, eolState } from './types.js';

export const eolRuntime = defineScanRule({
  meta: {
    id: 'image/eol-runtime',
    description: 'The language runtimes the image carries still get security updates',
    severity: 'warning',
    severityPerFinding: `a runtime that reaches its end of life within ${EOL_WARNING_DAYS} days is info; one past it is the rule's warning`,
    messages: EOL_MESSAGES,
    rationale:
      'A Node.js, Python, Go, Java, Ruby or PHP release past its end of life gets no more fixes, and its ' +
      'vulnerabilities are often not even published against it any more. The runtime is read from its own files ' +
      "(the binary's version, `node_version.h`) or the official images' `*_VERSION` variables; the finding points " +
      'at the file and layer it came from. Move to a supported release line.',
    differences: 'Trivy and Docker Scout report the end of life of the OS only, not of the language runtimes.',
  },
  create({ facts, report }) {
    return {
      end() {
        for (const runtime of facts.runtimes) {
          const state = eolState(runtime.eol, facts);
          const date = String(runtime.eol);
          if (state === 'ended') report({ messageId: 'ended', data: { what: runtime.what, date }, location: runtime.location });
          else if (state === 'ended-undated') report({ messageId: 'endedUndated', data: { what: runtime.what }, location: runtime.location });
          else if (state === 'soon') report({ messageId: 'soon', data: { what: runtime.what, date }, severity: 'info', location: runtime.location });
        }
      },
    };
  },
});
