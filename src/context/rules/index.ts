// Every context rule, registered explicitly (a test checks that each rule file is listed here).
import type { ContextRule } from '../rule-domain.js';
import { copyIgnoredFile } from './copy-ignored-file.js';
import { largeContext } from './large-context.js';
import { missingDockerignore } from './missing-dockerignore.js';
import { noHeavyDirs } from './no-heavy-dirs.js';
import { noSecretFiles } from './no-secret-files.js';
import { noUnreadableFiles } from './no-unreadable-files.js';
import { noVcsDir } from './no-vcs-dir.js';

export const contextRules: readonly ContextRule[] = [
  copyIgnoredFile,
  largeContext,
  missingDockerignore,
  noHeavyDirs,
  noSecretFiles,
  noUnreadableFiles,
  noVcsDir,
];
