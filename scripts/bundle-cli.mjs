// Bundles the command line into a few chunks under dist/bin. Node loads each ES module file on its own, and the
// CLI is some two hundred small ones (a file per rule): bundled, a one-file lint starts in about 200 ms rather
// than 250 (bench/lint.ts). Each command stays a chunk of its own, loaded when that command runs. Dependencies
// are not bundled.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// chunk names carry content hashes: clear out the last build's
rmSync('dist/bin', { recursive: true, force: true });
await build({
  // The context walk's helper threads load walk-worker.js from beside the walk's own chunk.
  entryPoints: { 'main': 'src/cli/main.ts', 'walk-worker': 'src/context/walk-worker.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
