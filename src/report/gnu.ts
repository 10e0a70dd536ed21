// The GNU error format (https://www.gnu.org/prep/standards/html_node/Errors.html) in the form compilers use,
// which editors (Emacs compilation mode, Vim's errorformat) and CI problem matchers read:
// `file:line:column: severity: message [rule]`, one finding per line.
import type { Report } from '../core/report.js';
import { placeOf } from './place.js';

/** One line, whatever the text holds: control characters (line breaks, terminal escapes) become visible. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function renderGnu(report: Report): string {
  return report.findings
    .map((finding) => {
      const place = placeOf(finding);
      const position = [place.line, place.column].filter((n) => n !== undefined).map((n) => `:${n}`).join('');
      return `${oneLine(place.path)}${position}: ${finding.severity}: ${oneLine(finding.message)} [${finding.ruleId}]\n`;
    })
    .join('');
}
