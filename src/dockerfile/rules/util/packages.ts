// The distribution packages a RUN installs and still leaves installed when it ends: build dependencies removed
// again in the same RUN (`apt-get purge`, `apk del .build-deps`, the apt-mark auto/autoremove idiom of official
// images) never reach a layer.
import type { Word } from '../../../shell/ast.js';
import type { PackageFamily } from '../../knowledge/packages.js';
import type { Dockerfile, Instruction, RunShell } from '../../parse/index.js';
import { optionValue } from './args.js';
import { memo, memoSlot } from './memo.js';
import { summaryOf, toolCalls, type Tool, type ToolCall } from './tools.js';

export interface InstalledPackage {
  family: PackageFamily;
  name: string;
  call: ToolCall;
}

const FAMILY: Partial<Record<Tool, PackageFamily>> = {
  'apt-get': 'deb',
  apt: 'deb',
  aptitude: 'deb',
  apk: 'apk',
  yum: 'rpm',
  dnf: 'rpm',
  microdnf: 'rpm',
  zypper: 'rpm',
};
/** A package name without its version or release constraint (`gcc=12.2-1` → `gcc`). */
export const bareName = (name: string): string => name.replace(/[=<>~].*$/, '');

const PACKAGE_TOOLS = Object.keys(FAMILY) as Tool[];
const INSTALL = new Set(['install', 'in', 'add']);
const REMOVE = new Set(['remove', 'purge', 'del', 'erase', 'rm', 'autoremove']);

const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
const DECLARED = memoSlot<Set<string>>('ARG and ENV names');

/** Every name an ARG or ENV of the file declares. */
function declaredVariables(dockerfile: Dockerfile): Set<string> {
  return memo(dockerfile, DECLARED, (file) => {
    const names = new Set<string>();
    for (const instruction of file.instructions) {
      if (instruction.keyword === 'ENV') for (const pair of instruction.pairs) names.add(pair.key);
      else if (instruction.keyword === 'ARG') for (const { name } of instruction.declarations) names.add(name);
    }
    return names;
  });
}

/** Package names of operand words; a variable is read through the ARG/ENV values in scope. */
function names(dockerfile: Dockerfile, at: Instruction, words: readonly Word[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (word.value !== undefined) {
      if (!word.value.startsWith('-')) out.push(word.value);
      continue;
    }
    const text = word.text.replace(/^"(.*)"$/s, '$1');
    if (/[`'"\\]|\$\(/.test(text)) continue;
    // a shell variable of the script (`$buildDeps`) has no ARG/ENV value: expanding would only compute scopes
    const declared = declaredVariables(dockerfile);
    if (![...text.matchAll(VARIABLE)].every((match) => declared.has(match[1]!))) continue;
    const expanded = dockerfile.expand(text, at);
    if (expanded.unresolved.length === 0) out.push(...expanded.value.split(/\s+/).filter((name) => name && !name.startsWith('-')));
  }
  return out;
}

/** `apt-mark auto '.*'; apt-mark manual $saved; … apt-get purge -y --auto-remove`: everything new goes again. */
function autoRemovesAll(shell: RunShell, calls: readonly ToolCall[]): boolean {
  const marksAuto = shell.script.commands.some((info) => {
    const effective = info.effective;
    if (!effective) return false;
    // `apt-mark auto '.*'`, or `apt-mark showmanual | xargs apt-mark auto`
    const words = effective.name.value === 'xargs' ? effective.args.filter((word) => !word.value?.startsWith('-')) : [effective.name, ...effective.args];
    return words[0]?.value === 'apt-mark' && words[1]?.value === 'auto';
  });
  return (
    marksAuto &&
    calls.some(
      (call) =>
        FAMILY[call.tool] === 'deb' &&
        (call.sub === 'autoremove' || (REMOVE.has(call.sub) && call.parsed.options.some((option) => option.name === 'auto-remove'))),
    )
  );
}

/** Packages a RUN installs with apt, apk, yum, dnf, microdnf or zypper and does not remove before it ends. */
export function packagesKept(dockerfile: Dockerfile, at: Instruction, shell: RunShell): InstalledPackage[] {
  const { tools } = summaryOf(shell.script);
  if (!PACKAGE_TOOLS.some((tool) => tools.has(tool))) return [];
  const calls = toolCalls(shell.script);
  const installed: InstalledPackage[] = [];
  const removed = new Set<string>();
  /** apk `--virtual NAME` groups, by name. */
  const groups = new Map<string, string[]>();
  for (const call of calls) {
    const family = FAMILY[call.tool];
    if (!family) continue;
    if (INSTALL.has(call.sub) && (call.tool !== 'apk' || call.sub === 'add')) {
      const packages = names(dockerfile, at, call.operands);
      for (const name of packages) installed.push({ family, name, call });
      const group = call.tool === 'apk' ? optionValue(call.parsed, ['virtual', 't']) : undefined;
      if (group) groups.set(group, packages);
    } else if (REMOVE.has(call.sub)) {
      for (const name of names(dockerfile, at, call.operands)) {
        removed.add(bareName(name));
        for (const member of groups.get(name) ?? []) removed.add(bareName(member));
      }
    }
  }
  if (installed.length === 0) return installed;
  const kept = autoRemovesAll(shell, calls) ? installed.filter((pkg) => pkg.family !== 'deb') : installed;
  return kept.filter((pkg) => !removed.has(bareName(pkg.name)));
}
