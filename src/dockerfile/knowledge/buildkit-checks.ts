// BuildKit's build checks (`docker build --check`), by the names its `# check=` directive and its output use.
// The rules that do the same job carry these names as aliases, so that the directive's `skip=` and a config
// or pragma naming a check reach them.

export interface BuildkitCheck {
  name: string;
  /** Off unless a build asks for it with `# check=experimental=…`. */
  experimental?: boolean;
}

export const BUILDKIT_CHECKS: readonly BuildkitCheck[] = [
  { name: 'StageNameCasing' },
  { name: 'FromAsCasing' },
  { name: 'NoEmptyContinuation' },
  { name: 'ConsistentInstructionCasing' },
  { name: 'DuplicateStageName' },
  { name: 'ReservedStageName' },
  { name: 'JSONArgsRecommended' },
  { name: 'MaintainerDeprecated' },
  { name: 'UndefinedArgInFrom' },
  { name: 'WorkdirRelativePath' },
  { name: 'UndefinedVar' },
  { name: 'MultipleInstructionsDisallowed' },
  { name: 'LegacyKeyValueFormat' },
  { name: 'InvalidBaseImagePlatform' },
  { name: 'RedundantTargetPlatform' },
  { name: 'SecretsUsedInArgOrEnv' },
  { name: 'InvalidDefaultArgInFrom' },
  { name: 'FromPlatformFlagConstDisallowed' },
  { name: 'CopyIgnoredFile' },
  { name: 'InvalidDefinitionDescription', experimental: true },
  { name: 'ExposeProtoCasing' },
  { name: 'ExposeInvalidFormat' },
];

const NAMES = new Set(BUILDKIT_CHECKS.map((check) => check.name));

export function isBuildkitCheckName(name: string): boolean {
  return NAMES.has(name);
}
