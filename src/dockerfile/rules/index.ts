// Every Dockerfile rule, registered explicitly (index.test.ts checks that no rule file is left out).
import type { DockerfileRule } from '../rule.js';
import { combineRun } from './combine-run.js';
import { copyFromKnownStage } from './copy-from-known-stage.js';
import { noDuplicateStageName } from './no-duplicate-stage-name.js';
import { noEmptyContinuation } from './no-empty-continuation.js';
import { noLatestTag } from './no-latest-tag.js';
import { noMaintainer } from './no-maintainer.js';
import { noMultipleCmd } from './no-multiple-cmd.js';
import { noMultipleEntrypoint } from './no-multiple-entrypoint.js';
import { noRootUser } from './no-root-user.js';
import { noSecretFilesCopied } from './no-secret-files-copied.js';
import { noSecretsInArgEnv } from './no-secrets-in-arg-env.js';
import { useAbsoluteWorkdir } from './use-absolute-workdir.js';
import { useCopyNotAdd } from './use-copy-not-add.js';
import { useDigestPin } from './use-digest-pin.js';
import { useExplicitTag } from './use-explicit-tag.js';
import { useJsonCmd } from './use-json-cmd.js';
import { useSlimBase } from './use-slim-base.js';
import { useTrustedRegistry } from './use-trusted-registry.js';
import { validExposePort } from './valid-expose-port.js';
import { validSyntax } from './valid-syntax.js';

export const dockerfileRules: readonly DockerfileRule[] = [
  combineRun,
  copyFromKnownStage,
  noDuplicateStageName,
  noEmptyContinuation,
  noLatestTag,
  noMaintainer,
  noMultipleCmd,
  noMultipleEntrypoint,
  noRootUser,
  noSecretFilesCopied,
  noSecretsInArgEnv,
  useAbsoluteWorkdir,
  useCopyNotAdd,
  useDigestPin,
  useExplicitTag,
  useJsonCmd,
  useSlimBase,
  useTrustedRegistry,
  validExposePort,
  validSyntax,
];
