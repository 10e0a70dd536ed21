import type { EffectiveCommand, Word, WordPart } from '../../shell/ast.js';
import { basename } from '../../shell/commands.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan } from './util/edits.js';
import { downloadOf, type Download } from './util/fetch.js';
import { summaryOf } from './util/tools.js';

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const INTERPRETER = /^(?:python[\d.]*|perl[\d.]*|ruby[\d.]*|node|nodejs|php[\d.]*)$/;
/** Interpreter options whose value is the next word. */
const INTERPRETER_VALUE_OPTIONS = new Set(['-W', '-X', '-I', '-r', '--require', '-d']);
/** Interpreter options that run code given on the command line instead of a script. */
const INLINE_CODE = new Set(['-c', '-m', '-e', '-E', '-p', '--eval', '--print', '-r']);

/**
 * The program a command runs code with, when that code comes from stdin: `sh`, `bash -s -- args`,
 * `python3 -`, `node`. Undefined for other commands, and for a runner given a script file or `-c` code.
 */
function stdinRunner(effective: EffectiveCommand): string | undefined {
  const name = effective.name.value;
  if (name === undefined) return undefined;
  let program = basename(name);
  let args = effective.args;
  if (program === 'busybox' && args[0]?.value !== undefined && SHELLS.has(args[0].value)) {
    program = args[0].value;
    args = args.slice(1);
  }
  const shell = SHELLS.has(program);
  if (!shell && !INTERPRETER.test(program)) return undefined;
  for (let i = 0; i < args.length; i++) {
    const value = args[i]!.value;
    if (value === undefined) return undefined;
    if (value === '-') return program;
    if (value === '--') return shell || args[i + 1] === undefined || args[i + 1]!.value === '-' ? program : undefined;
    if (!value.startsWith('-') && !value.startsWith('+')) return undefined;
    if (shell && !value.startsWith('--')) {
      if (value.includes('c')) return undefined;
      if (value.includes('s')) return program;
      if (value.includes('o') || value.includes('O')) i++;
      continue;
    }
    if (!shell) {
      if (INLINE_CODE.has(value)) return undefined;
      if (INTERPRETER_VALUE_OPTIONS.has(value)) i++;
    }
  }
  return program;
}

/** Commands that run code handed to them as an argument: `sh -c "$(curl …)"`, `eval`, `source <(curl …)`. */
const CODE_RUNNERS = new Set([...SHELLS, 'eval', 'source', '.']);

/** The command and process substitutions in a word. */
function substitutions(parts: readonly WordPart[], out: { start: number; end: number }[]): void {
  for (const part of parts) {
    if (part.type === 'CommandSubstitution' || part.type === 'ProcessSubstitution') out.push(part);
    else if (part.type === 'DoubleQuoted') substitutions(part.parts, out);
  }
}

function substitutionsOf(words: readonly Word[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const word of words) if (word.value === undefined) substitutions(word.parts, out);
  return out;
}

export const noCurlPipeShell = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-curl-pipe-shell',
    description: 'Do not pipe a downloaded script into a shell',
    severity: 'warning',
    rationale:
      '`curl … | sh` runs whatever the server returns at build time, unverified: a compromised host, a hijacked ' +
      'domain or a changed script silently changes the image, and a download cut short runs half a script. The ' +
      'build is also not repeatable. Download the script to a file, verify it against a known checksum (or use ' +
      '`ADD --checksum=sha256:… URL`), then run it — or install the tool from a package or a pinned release ' +
      'artifact.',
    differences:
      'hadolint, Trivy, dockle and BuildKit have no such check (hadolint\'s DL4006 only asks for pipefail on the ' +
      'pipe). Covered forms: `curl … | sh`, `wget -O- … | bash`, `… | sudo bash -s --`, `… | python3 -` and other ' +
      'interpreters reading stdin, `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"` and ' +
      '`source <(curl …)`. A download piped into anything else (`tar`, `gpg`, `sha256sum`) is not reported.',
    messages: {
      piped: '`{download} … | {runner}` runs a downloaded script unverified: save it, check its checksum, then run it',
      substituted: '`{runner}` runs code downloaded by `{download}` unverified: save it, check its checksum, then run it',
    },
    examples: {
      valid: [
        {
          code:
            'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n' +
            ' && echo "4f2c…  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n',
        },
        { code: 'FROM debian:12\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin\n' },
      ],
      invalid: [
        { code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n' },
        { code: 'FROM debian:12\nRUN bash -c "$(wget -qO- https://example.com/install.sh)"\n' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { programs } = summaryOf(shell.script);
        if (!programs.has('curl') && !programs.has('wget')) return;
        const { commands } = shell.script;
        const downloads = commands.map(downloadOf).filter((download): download is Download => download !== undefined && download.toStdout);
        if (downloads.length === 0) return;
        for (const info of commands) {
          const effective = info.effective;
          if (!effective) continue;
          const runner = stdinRunner(effective);
          if (runner && info.pipeline.index > 0) {
            const feeders = info.pipeline.node.commands.slice(0, info.pipeline.index);
            const download = downloads.find(
              (candidate) => feeders.some((feeder) => feeder.start <= candidate.info.command.start && candidate.info.command.end <= feeder.end),
            );
            if (download) {
              context.report({
                messageId: 'piped',
                data: { download: download.program, runner: runnerText(effective) },
                span: fileSpan(shell, { start: download.info.command.start, end: info.command.end }),
              });
              continue;
            }
          }
          const name = effective.name.value;
          if (name === undefined || !CODE_RUNNERS.has(basename(name))) continue;
          const inside = substitutionsOf(effective.args);
          const download = downloads.find((candidate) =>
            inside.some((range) => range.start <= candidate.info.command.start && candidate.info.command.end <= range.end),
          );
          if (download) {
            context.report({
              messageId: 'substituted',
              data: { download: download.program, runner: runnerText(effective) },
              span: fileSpan(shell, info.command),
            });
          }
        }
      },
    };
  },
});

/** The runner as written, with its wrappers: `sudo bash`. */
function runnerText(effective: EffectiveCommand): string {
  const first = effective.wrappers[0] ?? effective.name;
  return first === effective.name ? effective.name.text : `${first.text} ${effective.name.text}`;
}
