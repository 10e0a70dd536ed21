// Every Dockerfile rule, registered explicitly (index.test.ts checks that no rule file is left out).
import type { DockerfileRule } from '../rule-domain.js';
import { cleanAptLists } from './clean-apt-lists.js';
import { cleanPackageCache } from './clean-package-cache.js';
import { combineRun } from './combine-run.js';
import { copyFromKnownStage } from './copy-from-known-stage.js';
import { noBuildToolsInFinalStage } from './no-build-tools-in-final-stage.js';
import { noCdInRun } from './no-cd-in-run.js';
import { noCopyAllBeforeInstall } from './no-copy-all-before-install.js';
import { noCurlPipeShell } from './no-curl-pipe-shell.js';
import { noDevDependencies } from './no-dev-dependencies.js';
import { noDuplicateStageName } from './no-duplicate-stage-name.js';
import { noEmptyContinuation } from './no-empty-continuation.js';
import { noInlineCredentials } from './no-inline-credentials.js';
import { noLatestTag } from './no-latest-tag.js';
import { noLoneAptUpdate } from './no-lone-apt-update.js';
import { noMaintainer } from './no-maintainer.js';
import { noMultipleCmd } from './no-multiple-cmd.js';
import { noMultipleEntrypoint } from './no-multiple-entrypoint.js';
import { noRootUser } from './no-root-user.js';
import { noSecretFilesCopied } from './no-secret-files-copied.js';
import { noSecretsInArgEnv } from './no-secrets-in-arg-env.js';
import { noSudo } from './no-sudo.js';
import { pinPackageVersions } from './pin-package-versions.js';
import { useAbsoluteWorkdir } from './use-absolute-workdir.js';
import { useApkNoCache } from './use-apk-no-cache.js';
import { useAptGetYes } from './use-apt-get-yes.js';
import { useCopyChown } from './use-copy-chown.js';
import { useCopyNotAdd } from './use-copy-not-add.js';
import { useDigestPin } from './use-digest-pin.js';
import { useExplicitTag } from './use-explicit-tag.js';
import { useJsonCmd } from './use-json-cmd.js';
import { useMultiStage } from './use-multi-stage.js';
import { useNoInstallRecommends } from './use-no-install-recommends.js';
import { usePipNoCacheDir } from './use-pip-no-cache-dir.js';
import { usePipefail } from './use-pipefail.js';
import { useSlimBase } from './use-slim-base.js';
import { useTrustedRegistry } from './use-trusted-registry.js';
import { validExposePort } from './valid-expose-port.js';
import { validSyntax } from './valid-syntax.js';

export const dockerfileRules: readonly DockerfileRule[] = [
  cleanAptLists,
  cleanPackageCache,
  combineRun,
  copyFromKnownStage,
  noBuildToolsInFinalStage,
  noCdInRun,
  noCopyAllBeforeInstall,
  noCurlPipeShell,
  noDevDependencies,
  noDuplicateStageName,
  noEmptyContinuation,
  noInlineCredentials,
  noLatestTag,
  noLoneAptUpdate,
  noMaintainer,
  noMultipleCmd,
  noMultipleEntrypoint,
  noRootUser,
  noSecretFilesCopied,
  noSecretsInArgEnv,
  noSudo,
  pinPackageVersions,
  useAbsoluteWorkdir,
  useApkNoCache,
  useAptGetYes,
  useCopyChown,
  useCopyNotAdd,
  useDigestPin,
  useExplicitTag,
  useJsonCmd,
  useMultiStage,
  useNoInstallRecommends,
  usePipNoCacheDir,
  usePipefail,
  useSlimBase,
  useTrustedRegistry,
  validExposePort,
  validSyntax,
];
