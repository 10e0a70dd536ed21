// `shipshape context [DIR]`: what the builder receives from DIR and what each COPY takes, the context
// rules' findings, and the tailored .dockerignore (`--fix` writes it, `--dry-run` prints the diff).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeContext, listContext } from '../../context/analyze.js';
import { unifiedDiff } from '../../core/diff.js';
import { InputError } from '../../core/errors.js';
import { applyFixes } from '../../core/fix.js';
import { contextChange, plural } from '../../core/format.js';
import { contextPreamble, contextReport } from '../../report/context.js';
import { ConfigCache, reportOptions, type CommonFlags } from '../common.js';
import { escapeForTerminal } from '../../core/terminal-text.js';
import { noteInput, printDiff, readOrEmpty, tell, writeFileAtomic } from '../io.js';
import { emit, exitCodeFor } from '../output.js';

export interface ContextFlags extends CommonFlags {
  list?: boolean;
  fix?: boolean;
  dryRun?: boolean;
  unsafe?: boolean;
  dockerfile?: string;
}

function requireDirectory(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`${dir}: no such directory`);
  }
  if (!isDir) throw new InputError(`${dir}: not a directory (context takes the build context directory)`);
}

export async function contextCommand(dir: string | undefined, flags: ContextFlags): Promise<number> {
  const root = dir ?? '.';
  requireDirectory(root);
  const dockerfile = flags.dockerfile;

  if (flags.list) {
    let chunk = '';
    listContext(
      root,
      (entry) => {
        // one path a line: a name holding a newline or an escape sequence is shown escaped
        chunk += `${escapeForTerminal(entry.path)}\n`;
        if (chunk.length > 65536) {
          process.stdout.write(chunk);
          chunk = '';
        }
      },
      dockerfile,
    );
    process.stdout.write(chunk);
    return 0;
  }

  const config = new ConfigCache(flags.config).forFile(dockerfile ?? join(root, 'Dockerfile'));
  const analyze = () => analyzeContext(root, { ...(dockerfile ? { dockerfile } : {}), rules: config.rules });
  let context = analyze();

  if (flags.fix || flags.dryRun) {
    const advice = context.advice;
    if (!advice) {
      tell(`${root}: nothing to add to .dockerignore`);
    } else if (advice.fix.kind === 'unsafe' && !flags.unsafe) {
      tell(`${advice.file}: the change may drop what a COPY . . build relies on (${advice.entries.join(', ')}); rerun with --unsafe`);
    } else {
      const before = readOrEmpty(advice.file);
      const after = applyFixes(before, [advice.fix]).text;
      if (flags.dryRun) {
        printDiff(unifiedDiff(before, after, `a/${advice.file}`, `b/${advice.file}`));
      } else {
        writeFileAtomic(advice.file, after);
        tell(`${advice.file}: added ${plural(advice.entries.length, 'line')}; ${contextChange(advice.before.bytes, advice.after.bytes)}`);
        context = analyze();
      }
      if (flags.dryRun) return 0;
    }
  }

  if (context.ignoreFile.path) noteInput(context.ignoreFile.path);
  if (dockerfile) noteInput(dockerfile);
  const report = contextReport(context);
  const options = reportOptions(flags, [config]);
  emit(report, options, contextPreamble(context));
  return exitCodeFor(report, options.failOn);
}
