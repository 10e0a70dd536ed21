// The output formats, apart from their renderers: the command line names them before any command's code loads.
export const FORMATS = ['terminal', 'json', 'sarif', 'checkstyle', 'codeclimate', 'gitlab', 'gnu', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
/** The documents `sbom` writes. */
export const SBOM_FORMATS = ['cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];
