// Every Dockerfile rule, registered explicitly (index.test.ts checks that no rule file is left out).
import type { DockerfileRule } from '../rule.js';
import { cleanAptLists } from './clean-apt-lists.js';
import { cleanPackageCache } from './clean-package-cache.js';
import { noBuildToolsInFinalStage } from './no-build-tools-in-final-stage.js';
import { noCdInRun } from './no-cd-in-run.js';
import { noCopyAllBeforeInstall } from './no-copy-all-before-install.js';
import { noCurlPipeShell } from './no-curl-pipe-shell.js';
import { noDevDependencies } from './no-dev-dependencies.js';
import { noLoneAptUpdate } from './no-lone-apt-update.js';
import { noMaintainer } from './no-maintainer.js';
import { noSudo } from './no-sudo.js';
import { pinPackageVersions } from './pin-package-versions.js';
import { useApkNoCache } from './use-apk-no-cache.js';
import { useAptGetYes } from './use-apt-get-yes.js';
import { useCopyChown } from './use-copy-chown.js';
import { useMultiStage } from './use-multi-stage.js';
import { useNoInstallRecommends } from './use-no-install-recommends.js';
import { usePipNoCacheDir } from './use-pip-no-cache-dir.js';
import { usePipefail } from './use-pipefail.js';

export const dockerfileRules: readonly DockerfileRule[] = [
  cleanAptLists,
  cleanPackageCache,
  noBuildToolsInFinalStage,
  noCdInRun,
  noCopyAllBeforeInstall,
  noCurlPipeShell,
  noDevDependencies,
  noLoneAptUpdate,
  noMaintainer,
  noSudo,
  pinPackageVersions,
  useApkNoCache,
  useAptGetYes,
  useCopyChown,
  useMultiStage,
  useNoInstallRecommends,
  usePipNoCacheDir,
  usePipefail,
];
