// Every Dockerfile rule, registered explicitly (index.test.ts checks that no rule file is left out).
import type { DockerfileRule } from '../rule.js';
import { noMaintainer } from './no-maintainer.js';

export const dockerfileRules: readonly DockerfileRule[] = [noMaintainer];
