#!/usr/bin/env bash
# Writes docs/walkthrough-image.md from real runs: builds examples/node-fat and examples/node-slim with buildah
# (scripts/fixtures/build-example.sh: `FROM node:20` and `FROM node:20-slim` come from the fixtures' local
# stand-ins), exports both to docker-archives, and records what `shipshape image` and `shipshape check --image`
# print for them. Needs what the fixtures need (Debian 12, root, the Debian mirror and the npm registry).
#
#   scripts/walkthrough-image.sh [OUT.md]     (default docs/walkthrough-image.md)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=${1:-$ROOT/docs/walkthrough-image.md}
work=$(mktemp -d -t shipshape-walkthrough.XXXXXX)
trap 'rm -rf "$work"' EXIT

(cd "$ROOT" && npm run -s build)
for name in node-fat node-slim; do
  bash "$HERE/fixtures/build-example.sh" "$ROOT/examples/$name" "$work/$name.tar" >/dev/null
done
# the commands run where a user would: next to the archives, with the examples at examples/
ln -s "$ROOT/examples" "$work/examples"
export SHIPSHAPE_CACHE_DIR="$work/cache" NO_COLOR=1

shipshape() { (cd "$work" && node "$ROOT/bin/shipshape.js" "$@"); }

# A command and what it printed, as a console block; the exit code follows when it is not 0.
console() {
  local output code=0
  output=$(shipshape "$@" 2>&1) || code=$?
  printf '```console\n$ shipshape %s\n%s\n```\n' "$*" "$output"
  [ "$code" = 0 ] || printf '(exit code %s)\n' "$code"
  printf '\n'
}

sizes() {
  shipshape image docker-archive:node-fat.tar --format json >"$work/fat.json" || true
  shipshape image docker-archive:node-slim.tar --format json >"$work/slim.json" || true
  node --input-type=module - "$work/fat.json" "$work/slim.json" <<'EOF'
import { readFileSync } from 'node:fs';
const [fat, slim] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')));
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const rows = [
  ['size (Σ layer files, as `docker images`)', (r) => mb(r.image.size.layers)],
  ['to pull (Σ stored layers)', (r) => mb(r.image.size.compressed)],
  ['final filesystem', (r) => mb(r.image.size.final)],
  ['layers', (r) => String(r.image.layers.filter((l) => !l.empty).length)],
  ['npm packages', (r) => String(r.image.packages.filter((p) => p.ecosystem === 'npm').length)],
  ['user', (r) => r.image.config.user || 'root'],
  ['findings (error / warning / info)', (r) => `${r.summary.error} / ${r.summary.warning} / ${r.summary.info}`],
];
console.log('| | node-fat | node-slim |\n|---|---:|---:|');
for (const [name, value] of rows) console.log(`| ${name} | ${value(fat)} | ${value(slim)} |`);
EOF
}

{
  cat <<EOF
# Walkthrough: a fat and a slim image of the same app

The same small TypeScript HTTP server built two ways: [\`examples/node-fat\`](../examples/node-fat) (one stage on
\`node:20\`, \`COPY . .\` before \`npm install\`, dev dependencies and the compiler shipped, root) and
[\`examples/node-slim\`](../examples/node-slim) (compiled in a builder stage, \`node:20-slim\`, manifests copied
first, production dependencies only, \`USER node\`). Both were built with buildah, exported to \`docker save\`
archives and read by shipshape without a Docker daemon.

How these outputs were made (\`scripts/walkthrough-image.sh\` regenerates this page):

- $(buildah --version), \`buildah bud --layers\` with chroot isolation, exported with $(skopeo --version)
  (\`skopeo copy containers-storage:… docker-archive:…\`);
- \`FROM node:20\` and \`FROM node:20-slim\` came from local stand-ins served by a registry on 127.0.0.1
  (\`scripts/fixtures/build-images.sh\`), not from Docker Hub: a debootstrapped Debian 12 minbase plus node
  $(node --version) and npm $(npm --version); the \`node:20\` stand-in adds \`make\` and \`python3-minimal\` with apt,
  as the real full image ships build tools. Sizes of the real images differ; the differences between fat and
  slim are the point.

## Side by side

$(sizes)

## The fat image

EOF
  console image docker-archive:node-fat.tar
  printf '## The slim image\n\n'
  console image docker-archive:node-slim.tar
  cat <<'EOF'
## The Dockerfile and its image together

`check DIR --image REF` maps each layer to the Dockerfile line that made it and prices every finding with what
the image measured in that layer: the apt lists, npm cache and dev dependencies are counted once, on the line to
change.

EOF
  console check examples/node-fat --image docker-archive:node-fat.tar
} >"$OUT.partial"
mv "$OUT.partial" "$OUT"
echo "$OUT"
