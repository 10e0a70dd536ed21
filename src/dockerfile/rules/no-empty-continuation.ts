import type { Instruction } from '../parse/index.js';
import { defineDockerfileRule, type RuleFix } from '../rule-domain.js';

/** The instruction whose lines hold `line`, by binary search over the instructions in file order (one search per empty line, not a scan). */
function instructionAtLine(instructions: readonly Instruction[], line: number): Instruction | undefined {
  let low = 0;
  let high = instructions.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const candidate = instructions[middle]!;
    if (line < candidate.line) high = middle - 1;
    else if (line > candidate.endLine) low = middle + 1;
    else return candidate;
  }
  return undefined;
}

export const noEmptyContinuation = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-empty-continuation',
    description: 'Do not leave empty lines inside a continued instruction',
    severity: 'warning',
    aliases: ['NoEmptyContinuation'],
    fixable: 'safe',
    rationale:
      'An empty line after a trailing `\\` is skipped today, but BuildKit deprecates it and a future version will ' +
      'end the instruction there, turning the rest into a syntax error — or, worse, into other instructions.',
    differences:
      "BuildKit's NoEmptyContinuation check, with a safe fix that deletes the empty lines (comment lines inside a " +
      'continuation are kept: BuildKit allows them). hadolint has no equivalent.',
    messages: {
      emptyLine: 'empty line inside a continued {keyword}: a future BuildKit will end the instruction here',
    },
    examples: {
      valid: [{ code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    # the client\n    curl\n' }],
      invalid: [
        {
          code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl \\\n    \n    git\n',
          output: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n    git\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      end() {
        // The parser found the lines while joining continuations; group them by the instruction they sit in.
        const byInstruction = new Map<Instruction, RuleFix['edits']>();
        for (const problem of dockerfile.problems) {
          if (!problem.message.startsWith('empty continuation line')) continue;
          const instruction = instructionAtLine(dockerfile.instructions, problem.line);
          if (!instruction) continue;
          const edits = byInstruction.get(instruction) ?? [];
          edits.push({ range: [problem.span.start, problem.span.end], text: '' });
          byInstruction.set(instruction, edits);
        }
        for (const [instruction, edits] of byInstruction) {
          const first = edits[0]!.range;
          context.report({
            messageId: 'emptyLine',
            data: { keyword: instruction.keyword },
            span: { start: first[0], end: Math.max(first[0], first[1] - 1) },
            fix: { description: 'delete the empty continuation lines', edits },
          });
        }
      },
    };
  },
});
