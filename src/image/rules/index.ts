import { noBuildTools } from './no-build-tools.js';
import { noDevDependencies } from './no-dev-dependencies.js';
import { noPackageCache } from './no-package-cache.js';
import { noPathTraversal } from './no-path-traversal.js';
import { noRootUser } from './no-root-user.js';
import { noSecretsInHistory } from './no-secrets-in-history.js';
import { noSecretsInLayers } from './no-secrets-in-layers.js';
import { noSetuid } from './no-setuid.js';
import { sizeBudget } from './size-budget.js';
import type { ImageRule } from '../rule-domain.js';
import { wastedSpace } from './wasted-space.js';

/** Every image rule. A test checks that each rule file in this folder is listed here under its own id. */
export const imageRules: readonly ImageRule[] = [
  noBuildTools,
  noDevDependencies,
  noPackageCache,
  noPathTraversal,
  noRootUser,
  noSecretsInHistory,
  noSecretsInLayers,
  noSetuid,
  sizeBudget,
  wastedSpace,
];

export type { ImageRule } from '../rule-domain.js';
