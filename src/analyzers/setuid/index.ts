import type { FileAnalyzer } from '../types.js';

export interface SetuidFile {
  setuid: boolean;
  setgid: boolean;
  mode: number;
  uid: number;
  gid: number;
}

/** Programs a package database says its packages installed (from one dpkg `.list` file or apk's database). */
export interface PackagedPrograms {
  packaged: string[];
}

export type SetuidFact = SetuidFile | PackagedPrograms;

const SETUID = 0o4000;
const SETGID = 0o2000;
const APK_DATABASE = 'lib/apk/db/installed';
const DPKG_LIST = /^var\/lib\/dpkg\/info\/[^/]+\.list$/;

// Where setuid programs live, and names there that are libraries, modules or data rather than programs: only
// what could be a setuid program is kept, so that a Debian base's lists cost a few hundred paths, not thousands.
const PROGRAM_DIRS = /^(?:usr\/(?:local\/)?)?(?:s?bin|games|lib(?:exec|32|64|x32)?)\/|^opt\//;
const NOT_A_PROGRAM =
  /\.(?:so(?:\.\d+)*|py[co]?|pm|pl|rb|js|h|a|la|o|mo|gz|txt|json|xml|conf|cfg|html?|png|svg|pc|cmake|typelib|gir|service|rules|desktop|md)$/;
/** Merged /usr: packages list `/bin/su` where the file is `usr/bin/su`. Both sides are compared in this form. */
const UNMERGED = /^(bin|sbin|lib|lib32|lib64|libx32)\//;

/** A path as a package database and a layer both name it: relative, and in the merged-/usr layout. */
export function canonicalProgramPath(path: string): string {
  const relative = path.replace(/^\/+/, '');
  return UNMERGED.test(relative) ? `usr/${relative}` : relative;
}

function keepProgram(path: string, packaged: string[]): void {
  const canonical = canonicalProgramPath(path);
  if (PROGRAM_DIRS.test(canonical) && !NOT_A_PROGRAM.test(canonical)) packaged.push(canonical);
}

/** The programs of a dpkg `.list` file (one absolute path a line, directories among them). */
export function dpkgListPrograms(text: string): string[] {
  const packaged: string[] = [];
  for (const line of text.split('\n')) if (line.startsWith('/')) keepProgram(line.trimEnd(), packaged);
  return packaged;
}

/** The programs of apk's database: `F:` names a directory, each `R:` after it a file in it. */
export function apkDatabasePrograms(text: string): string[] {
  const packaged: string[] = [];
  let folder = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('F:')) folder = line.slice(2).trim();
    else if (line.startsWith('R:') && folder !== '') keepProgram(`${folder}/${line.slice(2).trim()}`, packaged);
    else if (line.startsWith('P:')) folder = '';
  }
  return packaged;
}

/**
 * Regular files with the setuid or setgid bit (they run with their owner's, often root's, rights), from the header
 * alone; and the package databases that say which programs packages installed, so that a distribution's own
 * setuid programs can be told from bits set by a build step.
 */
export const setuidAnalyzer: FileAnalyzer<SetuidFact> = {
  name: 'setuid',
  version: 2,
  description: 'setuid and setgid files, and the programs package databases list',
  // What package lists and apk's database need. A setuid program's content is buffered up to this cap too but
  // never read; such programs are small, and the secret scan reads their first MiB anyway.
  maxFileBytes: 16 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && ((entry.mode & (SETUID | SETGID)) !== 0 || DPKG_LIST.test(path) || path === APK_DATABASE);
  },
  analyze({ path, entry, content }) {
    if ((entry.mode & (SETUID | SETGID)) !== 0) {
      return { setuid: (entry.mode & SETUID) !== 0, setgid: (entry.mode & SETGID) !== 0, mode: entry.mode, uid: entry.uid, gid: entry.gid };
    }
    const text = content.toString('utf8');
    const packaged = path === APK_DATABASE ? apkDatabasePrograms(text) : dpkgListPrograms(text);
    return packaged.length > 0 ? { packaged } : undefined;
  },
};
