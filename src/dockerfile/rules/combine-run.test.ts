import { testRule } from '../../../test/support/rule-tester.js';
import { combineRun } from './combine-run.js';

testRule(combineRun, {
  valid: [
    'FROM debian:10\n',
    'RUN /foo.sh\n',
    'RUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n',
    '# a comment\nRUN /foo.sh\n',
    'RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n',
    'RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n',
    'RUN foo && bar\nRUN foobar\n',
    'RUN foo; bar\nRUN foobar\n',
    'RUN foobar\nRUN foo && bar\n',
    'RUN foobar\nRUN foo | bar\n',
    'RUN foobar\nRUN <<EOF\nfoo\nEOF\n',
    'FROM a:1\nRUN foo\nFROM b:1\nRUN bar\n',
    'FROM a:1\nRUN foo\nONBUILD RUN bar\n',
    'FROM a:1\nSHELL ["pwsh", "-c"]\nRUN a\nRUN b\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a\nRUN b\n',
    'FROM a:1\nRUN a &\nRUN b\n',
    'FROM a:1\nRUN if true; then a; fi\nRUN b\n',
  ],
  invalid: [
    { code: 'RUN /foo.sh\nRUN /bar.sh\n', output: 'RUN /foo.sh && \\\n    /bar.sh\n', findings: [{ messageId: 'consecutive', line: 2, column: 1, endLine: 2, endColumn: 12 }] },
    { code: 'FROM a:1\nRUN /foo.sh\nRUN /bar.sh\n', output: 'FROM a:1\nRUN /foo.sh && \\\n    /bar.sh\n', findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 12 }] },
    { code: 'RUN /foo.sh\n# a comment\nRUN /bar.sh\n', description: 'no fix across a comment', noFix: 'joining would drop or move the comment between the two RUNs', findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 12 }] },
    { code: 'RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n', noFix: 'joining would drop or move the comments between the two RUNs', findings: [{ messageId: 'consecutive', line: 4, column: 1, endLine: 4, endColumn: 12 }] },
    {
      code: 'FROM a:1\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n',
      output: 'FROM a:1\nRUN --mount=type=secret,id=foo /foo.sh && \\\n    /bar.sh\n',
      findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 39 }],
    },
    { code: 'FROM a:1\nRUN foo && bar\nRUN foo\nRUN bar\n', output: 'FROM a:1\nRUN foo && bar\nRUN foo && \\\n    bar\n', findings: [{ messageId: 'consecutive', line: 4, column: 1, endLine: 4, endColumn: 8 }] },
    { code: 'FROM a:1\nRUN make 2>&1\n\nRUN make install >/dev/null\n', output: 'FROM a:1\nRUN make 2>&1 && \\\n    make install >/dev/null\n', description: 'redirections are no operators; blank lines go', findings: [{ messageId: 'consecutive', line: 4, column: 1, endLine: 4, endColumn: 28 }] },
    { code: 'FROM a:1\nRUN make # build\nRUN make install\n', description: 'a trailing shell comment would swallow the join', noFix: 'a trailing shell comment would swallow the joined command', findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 17 }] },
    { code: 'FROM a:1\nRUN export X=1\nRUN env\n', noFix: 'an export in the first RUN would reach the second once joined', findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 8 }] },
    { code: 'FROM a:1\nRUN ["a"]\nRUN ["b"]\n', description: 'exec form is reported, not joined', noFix: 'exec-form RUNs have no shell to join them with', findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 10 }] },
    {
      code: '# escape=`\nFROM a:1\nSHELL ["/bin/sh", "-c"]\nRUN a\nRUN b\n',
      output: '# escape=`\nFROM a:1\nSHELL ["/bin/sh", "-c"]\nRUN a && `\n    b\n',
      description: 'the continuation uses the escape character',
      findings: [{ messageId: 'consecutive', line: 5, column: 1, endLine: 5, endColumn: 6 }],
    },
    { code: 'FROM a:1\nRUN A=1 make\nRUN b\n', description: 'an assignment prefix: no fix', noFix: 'an assignment prefix would apply to the joined command too', findings: [{ messageId: 'consecutive', line: 3, column: 1, endLine: 3, endColumn: 6 }] },
  ],
});
