import type { CommandInfo, Word } from '../../shell/ast.js';
import type { Dockerfile, Instruction } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan } from './util/edits.js';
import { pathOf, removalOf } from './util/files.js';
import { resolvePath, workdirAt } from './util/run.js';
import { summaryOf } from './util/tools.js';

/** Commands that may come before a `cd` that stands for a WORKDIR: shell setup and creating the directory. */
const SETUP = new Set(['set', 'export', 'umask', 'mkdir', 'cd', 'pushd']);

/** Scratch places where a RUN builds something and throws it away. */
const SCRATCH = /^\/(?:tmp|var\/tmp|dev\/shm)(?:\/|$)/;

/** The directory a `cd` word names, resolving ARG/ENV variables; undefined for shell variables and substitutions. */
function directoryOf(dockerfile: Dockerfile, at: Instruction, word: Word): string | undefined {
  const path = pathOf(word);
  if (path !== undefined) return path;
  const text = word.text.replace(/^"(.*)"$/, '$1');
  if (/[`'"\\]|\$\(/.test(text)) return undefined;
  const expanded = dockerfile.expand(text, at);
  return expanded.unresolved.length === 0 ? expanded.value : undefined;
}

/** A later `rm` names the directory exactly as the `cd` does (`rm -rf "node-v$VERSION"`). */
function removed(commands: readonly CommandInfo[], word: Word, after: number): boolean {
  const text = word.text.replace(/"/g, '');
  return commands.some(
    (info) =>
      info.command.start > after &&
      info.effective?.name.value === 'rm' &&
      info.effective.args.some((arg) => arg.text.replace(/"/g, '').replace(/\/+$/, '') === text),
  );
}

export const noCdInRun = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-cd-in-run',
    description: 'Use WORKDIR instead of cd in RUN',
    severity: 'info',
    aliases: ['DL3003'],
    rationale:
      'A `cd` lasts until the end of its RUN, so every later RUN, COPY and CMD has to repeat it, and a reader has ' +
      'to track where each command runs. `WORKDIR /app` sets the directory once for all the instructions after it ' +
      '(creating it if needed) and documents it in the image config.',
    differences:
      'hadolint (DL3003) reports every `cd`, as a warning; shipshape reports at `info` and only the `cd` that ' +
      'stands for a WORKDIR: the one a RUN starts with (after `set`, `export`, `mkdir`), so the whole RUN works ' +
      'in that directory. A `cd` further into a script is one step of a build sequence that WORKDIR cannot ' +
      'express, and is left alone, as is a `cd` inside `( … )`, `$( … )`, a function or an `sh -c` script (it ' +
      'cannot leak), into /tmp, /var/tmp or /dev/shm, into a directory the same RUN removes afterwards (the ' +
      'build-from-source pattern of official images), into the current WORKDIR or, once the stage has a WORKDIR, ' +
      'outside it (an excursion: moving WORKDIR there would change the image\'s working directory), or into a ' +
      'directory held in a shell variable. One finding per RUN. Trivy\'s DS-0013 is hadolint\'s check. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      cd: '`cd {path}` in RUN: set the directory with `WORKDIR {directory}` instead',
    },
    examples: {
      valid: [
        { code: 'FROM node:20-slim\nWORKDIR /app\nRUN npm ci --omit=dev\n' },
        {
          description: 'a build directory the RUN removes',
          code: 'FROM debian:12\nRUN mkdir -p /usr/src/app && cd /usr/src/app && make && make install && cd / && rm -rf /usr/src/app\n',
        },
        { description: 'a subshell', code: 'FROM debian:12\nRUN (cd /opt/tool && ./configure && make install)\n' },
      ],
      invalid: [{ code: 'FROM node:20-slim\nRUN cd /app && npm ci --omit=dev\n' }],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { programs } = summaryOf(shell.script);
        if (!programs.has('cd') && !programs.has('pushd')) return;
        const { commands } = shell.script;
        for (const info of commands) {
          if (info.inSubshell || info.inSubstitution || info.inFunction || info.nestedIn) continue;
          const name = info.effective?.name.value;
          if (name !== 'cd' && name !== 'pushd') {
            // a cd further into the script is a step of it, not the directory the RUN works in
            if (info.command.name && !SETUP.has(name ?? '')) return;
            continue;
          }
          const word = info.effective!.args.find((arg) => !arg.value?.startsWith('-') || arg.value === '-');
          if (!word) continue;
          const path = directoryOf(dockerfile, instruction, word);
          if (path === undefined || path === '-' || path === '..' || path.startsWith('../')) return;
          const workdir = workdirAt(dockerfile, instruction);
          const directory = resolvePath(workdir, path);
          if (directory === workdir || SCRATCH.test(directory) || removed(commands, word, info.command.start)) return;
          // the stage works in its WORKDIR: a cd elsewhere is an excursion (a config tweak), not a WORKDIR to set
          if (workdir !== '/' && !directory.startsWith(`${workdir}/`)) return;
          if (removalOf(shell.script, [directory, path], info.command.start)) return;
          context.report({ messageId: 'cd', data: { path: word.text, directory }, span: fileSpan(shell, info.command) });
          return;
        }
      },
    };
  },
});
