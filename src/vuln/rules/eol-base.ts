import { defineScanRule, EOL_MESSAGES, EOL_WARNING_DAYS, eolState } from './types.js';

export const eolBase = defineScanRule({
  meta: {
    id: 'image/eol-base',
    description: "The image's OS release still gets security updates",
    severity: 'warning',
    severityPerFinding: `a release that reaches its end of life within ${EOL_WARNING_DAYS} days is info; one past it is the rule's warning`,
    messages: EOL_MESSAGES,
    rationale:
      'A base image past its end of life gets no more security fixes: every vulnerability found in its packages ' +
      'from then on stays. Move to a supported release of the base image (the scan names its end-of-life date ' +
      `${EOL_WARNING_DAYS} days ahead, so there is time to plan it). The dates are the endoflife.date data in ` +
      'the vulnerability database (`shipshape db update`), or the snapshot shipped with shipshape before any update.',
    differences:
      'Trivy reports an end-of-life OS as a note of its scan; Docker Scout shows it in the base-image summary. ' +
      'Here it is a finding, with its date, that `--fail-on` and the config can act on.',
  },
  create({ facts, report }) {
    return {
      end() {
        const base = facts.base;
        if (!base) return;
        const state = eolState(base.eol, facts);
        const date = String(base.eol);
        if (state === 'ended') report({ messageId: 'ended', data: { what: base.what, date }, location: base.location });
        else if (state === 'ended-undated') report({ messageId: 'endedUndated', data: { what: base.what }, location: base.location });
        else if (state === 'soon') report({ messageId: 'soon', data: { what: base.what, date }, severity: 'info', location: base.location });
      },
    };
  },
});
