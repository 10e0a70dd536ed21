import type { Instruction } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { plainCommandWords } from './util/shell-text.js';
import { isTrigger } from './util/stages.js';

export const useJsonCmd = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-json-cmd',
    description: 'Write CMD and ENTRYPOINT in JSON (exec) form',
    severity: 'warning',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    fixable: 'safe',
    rationale:
      'In shell form the command runs as `/bin/sh -c "…"`: the shell is PID 1, and `docker stop` sends SIGTERM to ' +
      'the shell, which does not pass it on — the program is killed after the 10-second timeout instead of ' +
      'shutting down cleanly. Exec form runs the program itself as PID 1, without needing a shell in the image.',
    differences:
      'As hadolint (DL3025) for CMD and ENTRYPOINT. Like BuildKit (JSONArgsRecommended), stages whose shell is ' +
      'PowerShell or cmd.exe (a SHELL instruction, a Windows base image, a `# hadolint shell=` pragma) are not ' +
      'reported; unlike BuildKit, a SHELL that stays POSIX (`["/bin/bash", "-c"]`) does not silence the rule, ' +
      'since the shell is still PID 1. Unlike hadolint, `HEALTHCHECK CMD` in shell form is not ' +
      'reported: a health check is a short-lived child process, signals do not matter to it. The safe fix is only ' +
      'offered when the conversion is exact: plain words without quotes, variables, globs, redirections or ' +
      'operators, whose program is no shell builtin (a leading `exec` is dropped — exec form already makes the ' +
      'program PID 1); anything else needs the shell and is reported without a fix (wrapping it as ' +
      '`["sh", "-c", "…"]` would not help the signals, so it is not offered). An ENTRYPOINT is only converted ' +
      'when no CMD is in its stage and no stage builds on it, since a JSON ENTRYPOINT receives CMD as arguments ' +
      'while a shell-form one ignores it. A converted CMD next to an ENTRYPOINT passes its words to it instead of ' +
      '`/bin/sh -c …`, which is what an entrypoint ending in `exec "$@"` expects. ONBUILD triggers get no fix.',
    messages: {
      shellForm: '{keyword} in shell form runs under `/bin/sh -c`: the shell is PID 1 and SIGTERM never reaches the program; use the JSON form',
    },
    examples: {
      valid: [
        { code: 'FROM node:20-slim\nCMD ["node", "server.js"]\n' },
        { code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD Start-Service w3svc\n', description: 'a custom shell was chosen' },
      ],
      invalid: [
        { code: 'FROM node:20-slim\nCMD node server.js --port 8080\n', output: 'FROM node:20-slim\nCMD ["node", "server.js", "--port", "8080"]\n' },
        { code: 'FROM python:3.12-slim\nENTRYPOINT exec gunicorn app:app\n', output: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn", "app:app"]\n', description: 'a leading exec is dropped' },
        { code: 'FROM alpine:3.20\nCMD ./run.sh > /var/log/run.log 2>&1\n', description: 'needs the shell: reported without a fix' },
        { code: 'FROM alpine:3.20\nENTRYPOINT myapp\nCMD --help\n', description: 'a JSON ENTRYPOINT would receive CMD as arguments: no fix' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    // Once per file: asking each ENTRYPOINT made a stage of n of them cost n².
    const stagesWithCmd = new Set(dockerfile.stages.filter((stage) => stage.instructions.some((other) => other.keyword === 'CMD')));
    const stagesBuiltOn = new Set(dockerfile.stages.map((stage) => stage.baseStage).filter((base) => base !== undefined));
    const visit = (instruction: Instruction): void => {
      if (instruction.json || instruction.rest === '') return;
      const trigger = isTrigger(dockerfile, instruction);
      const stage = dockerfile.stages[instruction.stageIndex];
      // PowerShell and cmd.exe stages (a SHELL, a Windows base, a shell pragma) use shell form on purpose.
      if (stage && !trigger && dockerfile.shellKindAt(instruction) !== 'posix') return;
      let words = trigger ? undefined : plainCommandWords(instruction.rest);
      if (words && instruction.keyword === 'ENTRYPOINT' && stage) {
        if (stagesWithCmd.has(stage) || stagesBuiltOn.has(stage)) words = undefined;
      }
      context.report({
        messageId: 'shellForm',
        data: { keyword: instruction.keyword },
        span: instruction.span,
        fix: words
          ? {
              description: `write ${instruction.keyword} in JSON form`,
              edits: [{ range: [instruction.restSpan.start, instruction.restSpan.end], text: `[${words.map((w) => JSON.stringify(w)).join(', ')}]` }],
            }
          : undefined,
      });
    };
    return { CMD: visit, ENTRYPOINT: visit };
  },
});
