/**
 * The repository's examples built as a user would build them (scripts/fixtures/build-example.sh: buildah, with
 * `FROM node:20` and `FROM debian:bookworm` served by the fixtures' local stand-ins), exported to docker-archives.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const EXAMPLE_SCRIPT = fileURLToPath(new URL('../../scripts/fixtures/build-example.sh', import.meta.url));

/** Builds the Dockerfile in `context` and writes the image to `out`; returns its `docker-archive:` reference. */
export function buildExample(context: string, out: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [EXAMPLE_SCRIPT, context, out], { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`build-example.sh ${context} failed:\n${stderr.split('\n').slice(-15).join('\n')}`));
      else resolve(`docker-archive:${out}`);
    });
  });
}
