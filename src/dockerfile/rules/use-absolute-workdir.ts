import type { Instruction, Stage } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { expandAt, isTrigger } from './util/stages.js';

/** `/x`, and on Windows `C:\x`, `C:/x`, `\x` and `\\server\share` (a drive letter is taken as absolute). */
const ABSOLUTE = /^(?:\/|\\|[A-Za-z]:)/;

export const useAbsoluteWorkdir = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-absolute-workdir',
    description: 'Give WORKDIR an absolute path',
    severity: 'warning',
    aliases: ['DL3000', 'WorkdirRelativePath'],
    rationale:
      'A relative WORKDIR is resolved against the previous working directory, which may come from the base ' +
      "image and change when the base is updated. An absolute path says where files land, whatever the base's " +
      'WORKDIR is.',
    differences:
      'hadolint (DL3000) reports every relative WORKDIR; shipshape follows BuildKit (WorkdirRelativePath) and ' +
      'reports one only when no absolute WORKDIR was set before it in the stage or the stages it builds on — after ' +
      '`WORKDIR /app`, `WORKDIR src` is well defined. Build arguments and ENV are expanded first (a path only known ' +
      'at build time is not judged), and Windows paths (`C:\\app`, `C:/app`) are absolute. ONBUILD triggers are ' +
      "judged without the stage's history: they run in another build.",
    messages: {
      relative: 'WORKDIR `{path}` is relative to whatever the working directory is (the base image decides): use an absolute path',
    },
    examples: {
      valid: [
        { code: 'FROM alpine:3.20\nWORKDIR /app\n' },
        { code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n', description: 'relative to a known absolute directory' },
        { code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\n' },
        { code: 'FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\n', description: 'only known at build time' },
      ],
      invalid: [{ code: 'FROM alpine:3.20\nWORKDIR app\n' }, { code: 'FROM alpine:3.20\nENV APP=app\nWORKDIR "$APP"\n' }],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    // Each stage is read once: where its first absolute WORKDIR is, and whether one is in effect at its end
    // (its own or one of the stages it builds on); scanning the stages again per WORKDIR cost n².
    const position = new Map<Instruction, number>();
    const firstAbsolute = new Map<Stage, number>();
    const anchoredAtEnd = new Map<Stage, boolean>();
    const firstAbsoluteIn = (stage: Stage): number => {
      let first = firstAbsolute.get(stage);
      if (first === undefined) {
        first = Number.POSITIVE_INFINITY;
        for (const [index, instruction] of stage.instructions.entries()) {
          position.set(instruction, index);
          if (first !== Number.POSITIVE_INFINITY || instruction.keyword !== 'WORKDIR') continue;
          const path = expandAt(dockerfile, instruction.rest, instruction);
          if (path.unresolved.length === 0 && ABSOLUTE.test(path.value)) first = index;
        }
        firstAbsolute.set(stage, first);
      }
      return first;
    };
    const isAnchoredAtEnd = (stage: Stage): boolean => {
      const walked: Stage[] = [];
      let anchored = false;
      for (let member: Stage | undefined = stage; member; member = member.baseStage) {
        const cached = anchoredAtEnd.get(member);
        if (cached !== undefined || firstAbsoluteIn(member) !== Number.POSITIVE_INFINITY) {
          anchored = cached ?? true;
          break;
        }
        walked.push(member);
      }
      for (const member of walked) anchoredAtEnd.set(member, anchored);
      return anchored;
    };
    /** Whether an absolute WORKDIR precedes `at` in its stage or the stages that stage builds on. */
    const anchored = (at: Instruction): boolean => {
      const stage = dockerfile.stages[at.stageIndex];
      if (!stage) return false;
      if (firstAbsoluteIn(stage) < (position.get(at) ?? Number.POSITIVE_INFINITY)) return true;
      return stage.baseStage !== undefined && isAnchoredAtEnd(stage.baseStage);
    };
    return {
      WORKDIR(instruction) {
        const path = expandAt(dockerfile, instruction.rest, instruction);
        if (path.unresolved.length > 0 || path.value === '' || ABSOLUTE.test(path.value)) return;
        if (!isTrigger(dockerfile, instruction) && anchored(instruction)) return;
        context.report({ messageId: 'relative', data: { path: path.value }, span: instruction.restSpan });
      },
    };
  },
});
