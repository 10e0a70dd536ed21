import type { SimpleCommand } from '../../shell/ast.js';
import type { Dockerfile, Instruction } from '../parse/index.js';
import { defineDockerfileRule, type RuleFix } from '../rule-domain.js';

/** Builtins whose effect (directory, variables, options, limits) would leak into the command joined after them. */
const CHANGES_SHELL_STATE = new Set([
  '.', 'alias', 'cd', 'declare', 'eval', 'exec', 'export', 'local', 'popd', 'pushd', 'readonly', 'set', 'shopt',
  'source', 'trap', 'typeset', 'ulimit', 'umask', 'unalias', 'unset',
]);

/**
 * The one command of a RUN: exec form, or a shell script that is a single simple command (no list, pipe,
 * compound command or heredoc). `true` for exec form; undefined when it is more than one command or a script
 * in a shell that is not POSIX (it cannot be read).
 */
function singleCommand(dockerfile: Dockerfile, run: Instruction): SimpleCommand | true | undefined {
  if (run.json) return true;
  if (run.heredocs.length > 0) return undefined;
  const script = dockerfile.shellOf(run)?.script;
  if (!script || script.errors.length > 0 || script.body.length !== 1) return undefined;
  const statement = script.body[0]!;
  const pipeline = statement.pipelines[0]!;
  if (statement.pipelines.length !== 1 || pipeline.commands.length !== 1 || statement.terminator === '&') return undefined;
  const command = pipeline.commands[0]!;
  return command.type === 'SimpleCommand' ? command : undefined;
}

function flagKey(instruction: Instruction): string {
  return instruction.flags
    .map((flag) => `${flag.name}=${flag.value ?? ''}`)
    .sort()
    .join('\n');
}

/** The indentation of an instruction's first continuation line, or '' (single line, heredoc, unindented). */
function continuationIndentOf(dockerfile: Dockerfile, instruction: Instruction): string {
  if (instruction.endLine <= instruction.line || instruction.heredocs.length > 0) return '';
  const start = dockerfile.lineStart(instruction.line + 1);
  return /^[ \t]*/.exec(dockerfile.text.slice(start, start + 80))![0];
}

/** The indentation continuation lines use in this file (of the first multi-line instruction), or four spaces. */
function fileContinuationIndent(dockerfile: Dockerfile): string {
  for (const instruction of dockerfile.instructions) {
    const indent = continuationIndentOf(dockerfile, instruction);
    if (indent !== '') return indent;
  }
  return '    ';
}

export const combineRun = defineDockerfileRule({
  meta: {
    id: 'dockerfile/combine-run',
    description: 'Combine consecutive single-command RUN instructions into one layer',
    severity: 'info',
    aliases: ['DL3059'],
    fixable: 'safe',
    rationale:
      'Each RUN commits a layer. Steps that belong together (fetch, build, clean up) in separate RUNs add layers ' +
      'to pull and, worse, keep in an earlier layer every file a later one deletes.',
    differences:
      'As hadolint (DL3059): two RUNs in a row in one stage, comments between them allowed, are reported when both ' +
      'are a single command and their flags (`--mount`, `--network`…) are the same; a RUN that already chains ' +
      'commands (`&&`, `;`, pipes) or is a heredoc script is taken as a deliberate layer boundary, which keeps the ' +
      'rule quiet on files that split layers on purpose for caching. The safe fix joins the two with ` && \\` and ' +
      'the indentation the file uses; it is offered only when both are shell form, no comment stands between ' +
      'them or ends the first (it would be lost, or comment out the join), and the first command changes no shell ' +
      'state the second would inherit (`cd`, `export`, `set`, `source`, `umask`…, or a variable assignment). RUNs ' +
      "in a shell that is not POSIX (a SHELL instruction, Windows bases, `# hadolint shell=` pragmas) are not " +
      'judged: their commands cannot be counted.',
    messages: {
      consecutive: 'this RUN and the one on line {line} are consecutive single commands: combine them into one layer',
    },
    examples: {
      valid: [
        { code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nRUN curl -fsSL https://example.com/install.sh -o /tmp/i.sh\n', description: 'a chained RUN is a deliberate boundary' },
        { code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\nRUN python -m compileall /app\n', description: 'different flags' },
        { code: 'FROM alpine:3.20\nRUN make\nWORKDIR /app\nRUN make install\n' },
      ],
      invalid: [
        { code: 'FROM alpine:3.20\nRUN apk add --no-cache git\nRUN git --version\n', output: 'FROM alpine:3.20\nRUN apk add --no-cache git && \\\n    git --version\n' },
        {
          code: 'FROM alpine:3.20\nRUN mkdir -p /opt/app \\\n\t/var/log/app\nRUN chown nobody /opt/app\nRUN touch /var/log/app/out.log\n',
          output: 'FROM alpine:3.20\nRUN mkdir -p /opt/app \\\n\t/var/log/app && \\\n\tchown nobody /opt/app && \\\n\ttouch /var/log/app/out.log\n',
          description: 'the continuation indentation of the file is kept',
        },
        { code: 'FROM alpine:3.20\nRUN cd /src\n# then build\nRUN make\n', description: 'no fix: cd would carry over, and the comment would be lost' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    let previous: { run: Instruction; command: SimpleCommand | true } | undefined;
    // Found once per file: looking for it again per RUN pair made a file of n RUNs cost n² steps.
    let fileIndent: string | undefined;
    const continuationIndent = (preferred: Instruction): string =>
      continuationIndentOf(dockerfile, preferred) || (fileIndent ??= fileContinuationIndent(dockerfile));
    const fixFor = (first: Instruction, command: SimpleCommand | true, second: Instruction): RuleFix | undefined => {
      if (command === true || second.json) return undefined;
      // A comment between the two (or ending the first) would be lost or would swallow the joined command.
      if (dockerfile.text.slice(first.span.end, second.span.start).includes('#')) return undefined;
      if ((dockerfile.shellOf(first)?.script.comments.length ?? 0) > 0) return undefined;
      const program = command.name?.value;
      if (program === undefined || command.assignments.length > 0 || CHANGES_SHELL_STATE.has(program)) return undefined;
      return {
        description: 'join the two RUN instructions with &&',
        edits: [
          {
            range: [first.span.end, second.restSpan.start],
            text: ` && ${dockerfile.escapeChar}\n${continuationIndent(first)}`,
          },
        ],
      };
    };
    return {
      instruction(instruction) {
        if (instruction.keyword !== 'RUN') {
          previous = undefined;
          return;
        }
        const command = singleCommand(dockerfile, instruction);
        if (previous && command && previous.run.stageIndex === instruction.stageIndex && flagKey(previous.run) === flagKey(instruction)) {
          context.report({
            messageId: 'consecutive',
            data: { line: previous.run.line },
            span: instruction.span,
            fix: fixFor(previous.run, previous.command, instruction),
          });
        }
        previous = command ? { run: instruction, command } : undefined;
      },
    };
  },
});
