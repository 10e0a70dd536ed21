import { defineDockerfileRule } from '../rule-domain.js';
import { expandAt, keywordInCaseOf } from './util/stages.js';

/** Endings of files ADD unpacks (BuildKit detects tar, gzip, bzip2, xz and zstd content; these are their names). */
const ARCHIVE = /\.(?:tar|tgz|taz|tz|tbz|tbz2|tb2|txz|tlz|tzst|tzs|gz|bz2|xz|lz|lzma|zst|z)$/i;
/** A URL or git remote: ADD downloads or clones it, COPY cannot. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** Flags only ADD knows. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const useCopyNotAdd = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-copy-not-add',
    description: 'Use COPY for local files; ADD only to unpack archives or fetch URLs',
    severity: 'warning',
    aliases: ['DL3020'],
    fixable: 'safe',
    rationale:
      'ADD does more than copy: it unpacks local tar archives and downloads URLs. Using it for plain files hides ' +
      'that magic from readers and turns a later rename to `app.tar.gz` into a silent extraction. COPY says ' +
      'exactly what happens.',
    differences:
      'As hadolint (DL3020): ADD of a URL or of a file named like a tar or compressed archive (`.tar`, `.tgz`, ' +
      '`.gz`, `.bz2`, `.xz`, `.zst`…) is left alone, and `.zip` is reported (ADD does not unpack zip). shipshape ' +
      'also leaves git remotes and ADD-only flags (`--checksum`, `--keep-git-dir`, `--unpack`) alone, expands ' +
      'build arguments in sources first and skips sources only known at build time. The fix renames the keyword; ' +
      'every flag ADD and COPY share (`--chown`, `--chmod`, `--link`, `--exclude`) means the same for both, and so ' +
      'do heredoc sources.',
    messages: {
      useCopy: 'ADD of local files: use COPY, which copies and nothing else',
    },
    examples: {
      valid: [
        { code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n', description: 'ADD unpacks the archive' },
        { code: 'FROM alpine:3.20\nADD https://example.com/tool /usr/local/bin/tool\n' },
        { code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a /a\n' },
      ],
      invalid: [
        { code: 'FROM alpine:3.20\nADD --chown=app:app . /app\n', output: 'FROM alpine:3.20\nCOPY --chown=app:app . /app\n' },
        { code: 'from alpine:3.20\nadd ["app.zip", "/opt/"]\n', output: 'from alpine:3.20\ncopy ["app.zip", "/opt/"]\n', description: 'ADD does not unpack zip files' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      ADD(instruction) {
        if (instruction.flags.some((flag) => ADD_ONLY_FLAGS.has(flag.name))) return;
        const sources = instruction.args.slice(0, -1);
        if (sources.length === 0 && instruction.heredocs.length === 0) return;
        for (const source of sources) {
          if (source.value.startsWith('<<')) continue;
          const expanded = expandAt(dockerfile, source.value, instruction);
          if (expanded.unresolved.length > 0 || REMOTE.test(expanded.value) || ARCHIVE.test(expanded.value)) return;
        }
        context.report({
          messageId: 'useCopy',
          span: instruction.keywordSpan,
          fix: {
            description: 'replace ADD with COPY',
            edits: [{ range: [instruction.keywordSpan.start, instruction.keywordSpan.end], text: keywordInCaseOf(instruction, 'COPY') }],
          },
        });
      },
    };
  },
});
