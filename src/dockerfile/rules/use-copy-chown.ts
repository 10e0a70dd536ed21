import { posix } from 'node:path';
import type { Edit } from '../../core/finding.js';
import type { CommandInfo } from '../../shell/ast.js';
import type { Dockerfile, Instruction, RunShell, Stage } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { parseArgs, type ParsedArgs } from './util/args.js';
import { fileSpan, removeCommandEdit } from './util/edits.js';
import { pathOf } from './util/files.js';
import { memo, memoSlot } from './util/memo.js';
import { resolvePath, workdirAt } from './util/run.js';
import { expandAt, isTrigger, positionInStage } from './util/stages.js';
import { summaryOf } from './util/tools.js';

/** Instructions that may stand between the COPY and the RUN without changing what the RUN sees. */
const ORDER_FREE = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'STOPSIGNAL']);
/** Options of chown/chmod that change nothing but output. */
const QUIET_OPTIONS = new Set(['R', 'recursive', 'f', 'silent', 'quiet', 'v', 'verbose', 'c', 'changes']);
/** Directories that exist in base images with files of their own: a recursive chown there touches more than the copy. */
const SYSTEM_DIRECTORY = /^\/(?:$|root|home|usr|etc|var|lib|lib64|bin|sbin|tmp|run|proc|sys|dev|boot|mnt|media)(?:\/|$)|^\/(?:opt|srv)$/;

interface Copied {
  copy: Instruction;
  /** Where the copy lands. */
  destination: string;
  /** For a single file copied: its path in the image. */
  file: string | undefined;
}

interface Ownership {
  info: CommandInfo;
  program: 'chown' | 'chmod';
  /** `user:group` or the mode. */
  value: string;
  recursive: boolean;
  parsed: ParsedArgs;
  paths: string[];
}

function ownershipOf(info: CommandInfo): Ownership | undefined {
  const effective = info.effective;
  const program = effective?.name.value;
  if (!effective || (program !== 'chown' && program !== 'chmod')) return undefined;
  const parsed = parseArgs(effective.args, { valueOptions: new Set(['from', 'reference']) });
  const [value, ...paths] = parsed.operands;
  // `chown --from=root:root …` only touches files some other instruction left to root
  if (!value?.value || paths.length === 0 || parsed.options.some((option) => option.name === 'from')) return undefined;
  const recursive = parsed.options.some((option) => option.name === 'R' || option.name === 'recursive');
  const resolved = paths.map((word) => pathOf(word) ?? '');
  return { info, program, value: value.value, recursive, parsed, paths: resolved };
}

function copiedBy(dockerfile: Dockerfile, copy: Instruction): Copied | undefined {
  if ((copy.keyword !== 'COPY' && copy.keyword !== 'ADD') || copy.heredocs.length > 0 || copy.args.length < 2) return undefined;
  const written = expandAt(dockerfile, copy.args.at(-1)!.value, copy).value;
  const destination = resolvePath(workdirAt(dockerfile, copy), written);
  const sources = copy.args.slice(0, -1).map((word) => word.value);
  const single = sources.length === 1 ? sources[0]! : undefined;
  const isFile = single !== undefined && !/[*?[]|\/$|^\.\/?$/.test(single) && posix.extname(single) !== '' && !/^https?:/.test(single);
  const file = isFile ? (written.endsWith('/') ? `${destination}/${posix.basename(single)}` : destination) : undefined;
  return { copy, destination, file };
}

/** How many copies a lookup found (only whether it is one matters), and the latest. */
interface Found {
  count: number;
  last: Copied | undefined;
  order: number;
}

const none = (): Found => ({ count: 0, last: undefined, order: -1 });

function addTo(found: Found, copied: Copied, order: number): void {
  found.count++;
  found.last = copied;
  found.order = order;
}

interface PathNode {
  children: Map<string, PathNode>;
  /** A single file copied to exactly this path; a directory copied to exactly this path. */
  fileHere: Found;
  directoryHere: Found;
  /** The same, for this path and every path inside it. */
  filesWithin: Found;
  directoriesWithin: Found;
}

const pathNode = (): PathNode => ({ children: new Map(), fileHere: none(), directoryHere: none(), filesWithin: none(), directoriesWithin: none() });

/**
 * The paths a stage's copies wrote, in a tree of path segments, so that the copies a chown or chmod overlaps are
 * found by walking its path, not by testing every copy of the stage: a stage of many COPYs each followed by a
 * chown stays linear. `a` is inside `b` (equal, or below it) exactly when b's segments begin a's.
 */
class CopiedPaths {
  private readonly root = pathNode();
  private added = 0;

  add(copied: Copied): void {
    const order = this.added++;
    const isFile = copied.file !== undefined;
    let node = this.root;
    for (const segment of segments(copied.file ?? copied.destination)) {
      addTo(isFile ? node.filesWithin : node.directoriesWithin, copied, order);
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = pathNode()));
      node = child;
    }
    addTo(isFile ? node.filesWithin : node.directoriesWithin, copied, order);
    addTo(isFile ? node.fileHere : node.directoryHere, copied, order);
  }

  /**
   * The copies that wrote inside one of `paths` (a single file: inside a recursive change, or the very path of
   * one that is not) or, for a recursive change, a directory holding one of them or inside one: the latest, and
   * how many (1, or more than 1).
   */
  overlapping(paths: readonly string[], recursive: boolean): { last: Copied | undefined; count: number } {
    const found: Found[] = [];
    for (const path of paths) {
      if (path === '') continue;
      let node: PathNode | undefined = this.root;
      for (const segment of segments(path)) {
        // directories holding the path (an exact match is counted once, below)
        if (recursive) found.push(node.directoryHere);
        node = node.children.get(segment);
        if (!node) break;
      }
      if (!node) continue;
      found.push(recursive ? node.filesWithin : node.fileHere);
      if (recursive) found.push(node.directoriesWithin);
    }
    let latest: Found | undefined;
    let single = true;
    for (const candidate of found) {
      if (candidate.count === 0) continue;
      if (candidate.count > 1 || (latest && latest.last !== candidate.last)) single = false;
      if (!latest || candidate.order > latest.order) latest = candidate;
    }
    return { last: latest?.last, count: latest ? (single ? 1 : 2) : 0 };
  }
}

/** `/` is one empty segment (every absolute path starts with it); others split at each `/`. */
function segments(path: string): string[] {
  return path === '/' ? [''] : path.split('/');
}

interface WorkdirFacts {
  /** Each directory a WORKDIR of the stage names, with the position of the first such WORKDIR. */
  firstWorkdir: Map<string, number>;
  /** For each position, the position of the last RUN, COPY or ADD before it (-1 if none). */
  lastWriteBefore: Int32Array;
}

const WORKDIR_FACTS = memoSlot<WorkdirFacts>('WORKDIRs and writes of a stage');

/** Found in one pass per stage, so that a fix for each of many COPYs does not rescan the stage from its start. */
function workdirFacts(dockerfile: Dockerfile, stage: Stage): WorkdirFacts {
  const firstWorkdir = new Map<string, number>();
  const lastWriteBefore = new Int32Array(stage.instructions.length);
  let lastWrite = -1;
  stage.instructions.forEach((instruction, i) => {
    lastWriteBefore[i] = lastWrite;
    if (instruction.keyword === 'WORKDIR') {
      const directory = resolvePath(workdirAt(dockerfile, instruction), expandAt(dockerfile, instruction.rest, instruction).value);
      if (!firstWorkdir.has(directory)) firstWorkdir.set(directory, i);
    } else if (instruction.keyword === 'RUN' || instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      lastWrite = i;
    }
  });
  return { firstWorkdir, lastWriteBefore };
}

export const useCopyChown = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-copy-chown',
    description: 'Set ownership and modes in COPY, not in a RUN after it',
    severity: 'info',
    fixable: 'safe',
    rationale:
      'Layers are file-level: `RUN chown -R app:app /app` after `COPY . /app` does not edit the copied files in ' +
      'place, it writes every one of them again into a new layer, so the image carries them twice (`dive` shows ' +
      'them as wasted space). `COPY --chown=app:app` (and `--chmod=755`) sets ownership and modes as the files are ' +
      'copied, in one layer.',
    differences:
      'hadolint, Trivy, dockle and BuildKit have no such check; dive shows the cost in a built image. Reported for ' +
      '`chown` (recursive, or of a copied file) and `chmod -R` of a path a COPY of the same stage wrote, inside it ' +
      'or above it (not `chown --from=…`, which changes only files of another owner). The fix is offered only when it is exact: one COPY wrote exactly that path, the RUN follows it ' +
      'with nothing but ENV/ARG/LABEL/EXPOSE between, the owner is `user:group` (a lone user means a different ' +
      'group to COPY) or the mode is octal, and the path is the copied file or a directory the Dockerfile\'s own ' +
      'WORKDIR created outside system directories (then `chown user:group DIR` stays, without `-R`, because COPY ' +
      'does not change an existing destination directory). `--chmod` needs BuildKit.',
    messages: {
      twice: '`{command}` writes the files of `{copy}` (line {line}) again in a new layer: use `COPY {flag}` instead',
    },
    examples: {
      valid: [{ code: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\n' }],
      invalid: [
        {
          code: 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /opt/app/app.jar\nRUN chown app:app /opt/app/app.jar\n',
          output: 'FROM eclipse-temurin:21-jre\nCOPY --chown=app:app target/app.jar /opt/app/app.jar\n',
        },
        {
          description: 'a WORKDIR-created directory keeps its own ownership change',
          code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nUSER node\n',
          output: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nRUN chown node:node /app\nUSER node\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    /** The COPY and ADD instructions of each stage so far. */
    const copies = new Map<number, Instruction[]>();

    /** A WORKDIR of this stage made the directory, and nothing wrote into it before the COPY. */
    function createdByWorkdir(stageIndex: number, directory: string, copy: Instruction): boolean {
      const stage = dockerfile.stages[stageIndex];
      if (!stage || SYSTEM_DIRECTORY.test(directory)) return false;
      const { firstWorkdir, lastWriteBefore } = memo(stage, WORKDIR_FACTS, (whole) => workdirFacts(dockerfile, whole));
      const at = positionInStage(stage, copy);
      const made = firstWorkdir.get(directory);
      return at >= 0 && made !== undefined && made < at && lastWriteBefore[at]! < made;
    }

    function exactFix(run: Instruction, shell: RunShell, ownership: Ownership, copied: Copied): Edit[] | undefined {
      const { copy } = copied;
      const stage = dockerfile.stages[run.stageIndex]!;
      const between = stage.instructions.slice(positionInStage(stage, copy) + 1, positionInStage(stage, run));
      if (between.some((instruction) => !ORDER_FREE.has(instruction.keyword))) return undefined;
      if (ownership.paths.length !== 1 || ownership.parsed.options.some((option) => !QUIET_OPTIONS.has(option.name))) return undefined;
      const valid = ownership.program === 'chown' ? /^[\w.-]+:[\w.-]+$/.test(ownership.value) : /^[0-7]{3,4}$/.test(ownership.value);
      if (!valid) return undefined;
      const path = ownership.paths[0]!;
      const flagName = ownership.program === 'chown' ? 'chown' : 'chmod';
      const existing = copy.flags.find((flag) => flag.name === flagName);
      const flagEdit: Edit = existing?.valueSpan
        ? { range: [existing.valueSpan.start, existing.valueSpan.end], text: ownership.value }
        : { range: [copy.keywordSpan.end, copy.keywordSpan.end], text: ` --${flagName}=${ownership.value}` };
      if (existing && !existing.valueSpan) return undefined;
      if (copied.file === path) {
        const removal = removeCommandEdit(shell, ownership.info) ?? wholeRun(run, shell, ownership.info);
        return removal && [flagEdit, removal];
      }
      if (!ownership.recursive || path !== copied.destination || !createdByWorkdir(run.stageIndex, path, copy)) return undefined;
      const command = ownership.info.command;
      const pathWord = ownership.parsed.operands[1]!;
      return [flagEdit, { range: [shell.toFileOffset(command.start), fileSpan(shell, command).end], text: `${ownership.program} ${ownership.value} ${pathWord.text}` }];
    }

    /** Deleting the RUN whose only command this is. */
    function wholeRun(run: Instruction, shell: RunShell, info: CommandInfo): Edit | undefined {
      if (shell.script.commands.length !== 1 || shell.script.commands[0] !== info) return undefined;
      const text = dockerfile.text;
      const newline = text.indexOf('\n', run.span.end);
      return { range: [dockerfile.lineStart(run.line), newline < 0 ? text.length : newline + 1], text: '' };
    }

    /** What a COPY wrote, read when a later RUN changes ownership (most never do). */
    const copiedCache = new Map<Instruction, Copied | undefined>();
    const copiedOf = (copy: Instruction): Copied | undefined => {
      if (!copiedCache.has(copy)) copiedCache.set(copy, copiedBy(dockerfile, copy));
      return copiedCache.get(copy);
    };

    /** The paths the stage's COPYs wrote, filed as copies are reached (a COPY's paths are only worked out once a RUN changes ownership). */
    const copiedPaths = new Map<number, { paths: CopiedPaths; filed: number }>();
    function copiedPathsOf(stageIndex: number, stageCopies: Instruction[]): CopiedPaths {
      let entry = copiedPaths.get(stageIndex);
      if (!entry) copiedPaths.set(stageIndex, (entry = { paths: new CopiedPaths(), filed: 0 }));
      for (; entry.filed < stageCopies.length; entry.filed++) {
        const copied = copiedOf(stageCopies[entry.filed]!);
        if (copied) entry.paths.add(copied);
      }
      return entry.paths;
    }

    function remember(copy: Instruction): void {
      if (isTrigger(dockerfile, copy)) return;
      const list = copies.get(copy.stageIndex);
      if (list) list.push(copy);
      else copies.set(copy.stageIndex, [copy]);
    }

    return {
      COPY: remember,
      ADD: remember,
      RUN(instruction) {
        const stageCopies = copies.get(instruction.stageIndex);
        if (!stageCopies) return;
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { programs } = summaryOf(shell.script);
        if (!programs.has('chown') && !programs.has('chmod')) return;
        let workdir: string | undefined;
        for (const info of shell.script.commands) {
          if (info.inSubstitution || info.inFunction || info.inCondition) continue;
          const ownership = ownershipOf(info);
          if (!ownership || (ownership.program === 'chmod' && !ownership.recursive)) continue;
          workdir ??= workdirAt(dockerfile, instruction);
          const base = workdir;
          ownership.paths = ownership.paths.map((path) => (path === '' ? '' : resolvePath(base, path)));
          const { last, count } = copiedPathsOf(instruction.stageIndex, stageCopies).overlapping(ownership.paths, ownership.recursive);
          if (!last) continue;
          const edits = count === 1 ? exactFix(instruction, shell, ownership, last) : undefined;
          context.report({
            messageId: 'twice',
            data: {
              command: shell.source.slice(info.command.start, info.command.end).replace(/\s+/g, ' '),
              copy: dockerfile.text.slice(last.copy.span.start, last.copy.span.end).replace(/\s+/g, ' '),
              line: last.copy.line,
              flag: ownership.program === 'chown' ? `--chown=${ownership.value}` : `--chmod=${ownership.value}`,
            },
            span: fileSpan(shell, info.command),
            fix: edits && { description: `set ${ownership.program === 'chown' ? 'ownership' : 'modes'} in the COPY`, edits },
          });
        }
      },
    };
  },
});
