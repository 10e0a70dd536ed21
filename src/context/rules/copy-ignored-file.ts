import { defineContextRule } from '../rule-domain.js';

export const copyIgnoredFile = defineContextRule({
  meta: {
    id: 'context/copy-ignored-file',
    description: 'A COPY/ADD source is excluded by .dockerignore',
    severity: 'error',
    messages: {
      missing: '{instruction} {source}: {ignoreFile} excludes it, so the build fails with "not found"',
      fewer: '{instruction} {source}: {ignoreFile} excludes {names}, so the build silently copies less'
    },
    rationale:
      'Files matched by `.dockerignore` never reach the builder. A COPY that names one fails with "not found"; a ' +
      'wildcard whose matches are excluded silently copies less (BuildKit accepts a wildcard that matches nothing). ' +
      'BuildKit has the same check (`CopyIgnoredFile`) but only compares the literal source text; this one resolves ' +
      'wildcards against the files.',
    differences: 'BuildKit matches the source string itself; here every wildcard match is checked against the files present.',
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY app.js /app/\n', 'app.js': '1', '.dockerignore': '*.md\n' } }],
      invalid: [
        { files: { 'Dockerfile': 'FROM scratch\nCOPY config.json /app/\n', 'config.json': '{}', '.dockerignore': '*.json\n' } },
        { description: 'A wildcard loses files silently', files: { 'Dockerfile': 'FROM scratch\nCOPY conf/*.yaml /app/\n', 'conf/a.yaml': 'a', 'conf/b.yaml': 'b', '.dockerignore': 'conf/b.yaml\n' } },
      ],
    },
  },
  create({ facts, report }) {
    return {
      end() {
        const ignoreFile = facts.ignore.choice.path ?? '.dockerignore';
        for (const copy of facts.copies) {
          for (const source of copy.sources) {
            if (source.ignoredMatches.length === 0) continue;
            const literal = source.matches.length === 0 && !/[*?[]/.test(source.source);
            const names = source.ignoredMatches.slice(0, 3).join(', ') + (source.ignoredMatches.length > 3 ? ', …' : '');
            const data = { instruction: copy.instruction, source: source.source, ignoreFile };
            const location = { file: copy.file, line: copy.line };
            if (literal) report({ messageId: 'missing', data, location });
            else report({ messageId: 'fewer', data: { ...data, names }, location });
          }
        }
      },
    };
  },
});
