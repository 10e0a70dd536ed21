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
    { code: 'RUN /foo.sh\nRUN /bar.sh\n', lines: [2] },
    { code: 'FROM a:1\nRUN /foo.sh\nRUN /bar.sh\n', output: 'FROM a:1\nRUN /foo.sh && \\\n    /bar.sh\n' },
    { code: 'RUN /foo.sh\n# a comment\nRUN /bar.sh\n', output: 'RUN /foo.sh\n# a comment\nRUN /bar.sh\n', description: 'no fix across a comment' },
    { code: 'RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n', messages: 1 },
    {
      code: 'FROM a:1\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n',
      output: 'FROM a:1\nRUN --mount=type=secret,id=foo /foo.sh && \\\n    /bar.sh\n',
    },
    { code: 'FROM a:1\nRUN foo && bar\nRUN foo\nRUN bar\n', lines: [4], output: 'FROM a:1\nRUN foo && bar\nRUN foo && \\\n    bar\n' },
    { code: 'FROM a:1\nRUN make 2>&1\n\nRUN make install >/dev/null\n', output: 'FROM a:1\nRUN make 2>&1 && \\\n    make install >/dev/null\n', description: 'redirections are no operators; blank lines go' },
    { code: 'FROM a:1\nRUN make # build\nRUN make install\n', output: 'FROM a:1\nRUN make # build\nRUN make install\n', description: 'a trailing shell comment would swallow the join' },
    { code: 'FROM a:1\nRUN export X=1\nRUN env\n', output: 'FROM a:1\nRUN export X=1\nRUN env\n' },
    { code: 'FROM a:1\nRUN ["a"]\nRUN ["b"]\n', output: 'FROM a:1\nRUN ["a"]\nRUN ["b"]\n', description: 'exec form is reported, not joined' },
    {
      code: '# escape=`\nFROM a:1\nSHELL ["/bin/sh", "-c"]\nRUN a\nRUN b\n',
      output: '# escape=`\nFROM a:1\nSHELL ["/bin/sh", "-c"]\nRUN a && `\n    b\n',
      description: 'the continuation uses the escape character',
    },
    { code: 'FROM a:1\nRUN A=1 make\nRUN b\n', output: 'FROM a:1\nRUN A=1 make\nRUN b\n', description: 'an assignment prefix: no fix' },
  ],
});
