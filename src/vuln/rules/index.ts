import { eolBase } from './eol-base.js';
import { eolRuntime } from './eol-runtime.js';
import { ignoreExpired } from './ignore-expired.js';
import type { ScanRule } from './types.js';

/** Every scan rule run by the engine; `vuln/<id>` findings come from the matching itself (see vulnerability.ts). */
export const scanRules: readonly ScanRule[] = [eolBase, eolRuntime, ignoreExpired];

export { vulnerabilityMeta, vulnerabilityMetas } from './vulnerability.js';
export type { ScanRule } from './types.js';
