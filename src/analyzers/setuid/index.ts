import type { Analyzer } from '../types.js';

export interface SetuidFile {
  setuid: boolean;
  setgid: boolean;
  mode: number;
  uid: number;
  gid: number;
}

const SETUID = 0o4000;
const SETGID = 0o2000;

/** Regular files with the setuid or setgid bit: they run with their owner's (often root's) rights. Header only. */
export const setuidAnalyzer: Analyzer<SetuidFile> = {
  name: 'setuid',
  version: 1,
  description: 'setuid and setgid files',
  maxFileBytes: 0,
  wants(_path, entry) {
    return entry.kind === 'file' && (entry.mode & (SETUID | SETGID)) !== 0;
  },
  analyze({ entry }) {
    return {
      setuid: (entry.mode & SETUID) !== 0,
      setgid: (entry.mode & SETGID) !== 0,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
    };
  },
};
