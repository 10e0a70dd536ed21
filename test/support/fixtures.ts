/**
 * Real container images for tests: `await imageFixtures()` builds them once per machine and script version
 * (scripts/fixtures/build-images.sh: buildah, skopeo, a debootstrapped Debian base), starts the registries and
 * the Docker API socket when they are down, and returns where everything is.
 *
 * Parallel test files share one build: the script holds a lock while it builds and reuses a finished build
 * whose inputs are unchanged. Servers are left running for the rest of the run; `build-images.sh stop` ends them.
 * Under CI=true a fixture that cannot be built is a failure; elsewhere `imageFixturesOrSkip()` gives a skip reason.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const FIXTURE_SCRIPT = fileURLToPath(new URL('../../scripts/fixtures/build-images.sh', import.meta.url));

/** The images exported to every format and pushed to the registry (`fixture/<name>:1`). */
export type FixtureImageName = 'busybox' | 'secrets' | 'apt-leftovers' | 'nonroot-clean' | 'root-setuid' | 'inventory';

export interface FixtureImage {
  /** The name in the fixture container storage and the docker-daemon socket, e.g. `localhost/fixture/secrets:1`. */
  name: string;
  /** A classic `docker save` archive (uncompressed layers, `<id>/layer.tar` symlinks). */
  dockerArchive: string;
  ociArchive: string;
  /** `DIR:TAG` of the OCI layout holding every fixture image (gzip layers). */
  ociLayout: string;
  /** Repository path and tag in the registries, e.g. `fixture/secrets:1`. */
  repository: string;
}

export interface RegistryEndpoint {
  /** `127.0.0.1:PORT`, plain HTTP. */
  host: string;
}

export interface ImageFixtures {
  dir: string;
  images: Record<FixtureImageName, FixtureImage>;
  /** The Docker 25+ `docker save` layout (OCI blobs + manifest.json) of the `image` fixture. */
  dockerOciArchive: { path: string; image: FixtureImageName; repoTag: string };
  /** One docker save archive holding several images, tagged as `names` (in order). */
  multiImageArchive: { path: string; names: string[] };
  /** The `image` fixture with zstd layers: an OCI layout `DIR:TAG` and a registry repository. */
  zstd: { image: FixtureImageName; ociLayout: string; repository: string };
  /** The `image` fixture pushed as a Docker v2 schema 2 manifest. */
  dockerV2: { image: FixtureImageName; repository: string };
  /** Pullable with an anonymous bearer token from the token registry. */
  publicRepository: { image: FixtureImageName; repository: string };
  /** An index of linux/amd64 and linux/arm64/v8 (same layer, two configs); `platforms` maps to base image names. */
  multiArch: { ociLayout: string; repository: string; platforms: Record<string, string> };
  /** `library/node:20` and `library/node:20-slim` stand-ins in the anonymous registry. */
  nodeBases: { full: string; slim: string };
  /** `library/debian:bookworm`: the Debian base as a stand-in in the anonymous registry. */
  debianBase: string;
  credentials: { username: string; password: string };
  /** What the `secrets` image carries. */
  secrets: { apiKey: string; githubToken: string; dotenvSecret: string; privateKeyPath: string; dotenvPath: string };
  registries: { anonymous: RegistryEndpoint; basic: RegistryEndpoint; token: RegistryEndpoint & { tokenServer: string } };
  /** `unix://…` of the podman Docker API socket. */
  dockerHost: string;
  /** registries.conf mapping docker.io/library/node and docker.io/library/debian to the anonymous registry. */
  registriesConf: string;
  /** A Docker config.json with the credentials of the basic and token registries. */
  dockerConfig: string;
}

/** Every reference form of one fixture image, for contract tests across sources. */
export function fixtureRefs(fixtures: ImageFixtures, name: FixtureImageName) {
  const image = fixtures.images[name];
  const { anonymous, basic, token } = fixtures.registries;
  return {
    dockerArchive: `docker-archive:${image.dockerArchive}`,
    ociArchive: `oci-archive:${image.ociArchive}`,
    oci: `oci:${image.ociLayout}`,
    registryAnonymous: `docker://${anonymous.host}/${image.repository}`,
    registryBasic: `docker://${basic.host}/${image.repository}`,
    registryToken: `docker://${token.host}/${image.repository}`,
    daemon: `docker-daemon:${image.name}`,
  };
}

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('bash', [FIXTURE_SCRIPT, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`build-images.sh ${args.join(' ')} failed:\n${stderr.split('\n').slice(-15).join('\n')}`));
      else resolve({ stdout, stderr });
    });
  });
}

let pending: Promise<ImageFixtures> | undefined;

/** Builds (or reuses) the fixture images and makes sure their servers run. */
export function imageFixtures(): Promise<ImageFixtures> {
  pending ??= (async () => {
    const { stdout } = await run(['build']);
    const dir = stdout.trim().split('\n').at(-1)!;
    const built = JSON.parse(await readFile(`${dir}/fixtures.json`, 'utf8')) as Omit<ImageFixtures, 'registries' | 'dockerHost' | 'registriesConf' | 'dockerConfig'>;
    const servers = JSON.parse(await readFile(`${dir}/servers.json`, 'utf8')) as Pick<ImageFixtures, 'registries' | 'dockerHost' | 'registriesConf' | 'dockerConfig'>;
    return { ...built, ...servers };
  })();
  return pending;
}

/** Outside CI, a reason to skip when the images cannot be built here (not root, no apt); in CI it throws. */
export async function imageFixturesOrSkip(): Promise<ImageFixtures | { skip: string }> {
  try {
    return await imageFixtures();
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    return { skip: `image fixtures unavailable: ${(error as Error).message.split('\n').slice(0, 4).join(' ')}` };
  }
}
