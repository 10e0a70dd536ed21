import { apkAnalyzer } from './apk/index.js';
import { buildToolsAnalyzer } from './build-tools/index.js';
import { composerAnalyzer } from './composer/index.js';
import { dotnetAnalyzer } from './dotnet/index.js';
import { dpkgAnalyzer } from './dpkg/index.js';
import { gemAnalyzer } from './gem/index.js';
import { goBinaryAnalyzer } from './go-binary/index.js';
import { javaAnalyzer } from './java/index.js';
import { npmAnalyzer } from './npm/index.js';
import { osReleaseAnalyzer } from './os-release/index.js';
import { pythonAnalyzer } from './python/index.js';
import { rpmAnalyzer } from './rpm/index.js';
import { runtimesAnalyzer } from './runtimes/index.js';
import { rustBinaryAnalyzer } from './rust-binary/index.js';
import { secretsAnalyzer } from './secrets/index.js';
import { setuidAnalyzer } from './setuid/index.js';
import type { Analyzer } from './types.js';

/** Every analyzer, by folder name. A test checks that each folder under `src/analyzers/` is listed here. */
export const ANALYZERS: readonly Analyzer[] = [
  apkAnalyzer,
  buildToolsAnalyzer,
  composerAnalyzer,
  dotnetAnalyzer,
  dpkgAnalyzer,
  gemAnalyzer,
  goBinaryAnalyzer,
  javaAnalyzer,
  npmAnalyzer,
  osReleaseAnalyzer,
  pythonAnalyzer,
  rpmAnalyzer,
  runtimesAnalyzer,
  rustBinaryAnalyzer,
  secretsAnalyzer,
  setuidAnalyzer,
] as Analyzer[];

export type { Analyzer, AnalyzerFile, AnalyzerRecord, LayerFacts } from './types.js';
