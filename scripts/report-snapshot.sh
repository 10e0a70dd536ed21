#!/usr/bin/env bash
# Writes every report the CLI makes of the examples and the fixture images into OUT, one file per command and
# format (its stderr and exit code beside it), so that two checkouts can be compared byte for byte:
#   bash scripts/report-snapshot.sh OUT            # this checkout
#   bash scripts/report-snapshot.sh OUT CHECKOUT   # another one (a `git archive` of a commit, with node_modules)
#   diff -r BEFORE AFTER
# The JSON report format is a contract: a refactoring leaves every file here unchanged. Needs the fixture images
# (`bash scripts/fixtures/build-images.sh build`; SHIPSHAPE_FIXTURE_DIR when they are elsewhere).
set -uo pipefail
OUT=$(realpath -m "$1")
HERE=$(dirname "$(realpath "$0")")
ROOT=$(realpath "${2:-$HERE/..}")
FIXTURES=$(bash "$HERE/fixtures/build-images.sh" path)/out
[ -d "$FIXTURES" ] || { echo "no fixture images in $FIXTURES: run scripts/fixtures/build-images.sh build" >&2; exit 2; }
mkdir -p "$OUT"
EMPTY_CACHE=$(mktemp -d)
trap 'rm -rf "$EMPTY_CACHE"' EXIT
cd "$ROOT"

run() {
  local name=$1
  shift
  NO_COLOR=1 SHIPSHAPE_CACHE_DIR="$EMPTY_CACHE" node --import tsx test/support/cli-entry.ts "$@" >"$OUT/$name" 2>"$OUT/$name.err"
  echo "exit $?" >>"$OUT/$name.err"
}

for example in examples/*/; do
  name=$(basename "$example")
  if [ -f "$example/Dockerfile" ]; then
    run "lint-$name.json" lint "$example/Dockerfile" --format json
    run "lint-$name.txt" lint "$example/Dockerfile"
  fi
  run "check-$name.json" check "$example" --format json
  run "check-$name.sarif" check "$example" --format sarif
  run "check-$name.txt" check "$example"
done
run context-leaky.json context examples/context-leaky --format json
for image in busybox secrets apt-leftovers nonroot-clean root-setuid inventory; do
  run "image-$image.json" image "docker-archive:$FIXTURES/$image.docker.tar" --format json --no-cache
  run "image-$image.files.json" image "oci-archive:$FIXTURES/$image.oci.tar" --format json --no-cache --files
  run "image-$image.txt" image "docker-archive:$FIXTURES/$image.docker.tar" --no-cache
  run "sbom-$image.cdx.json" sbom "docker-archive:$FIXTURES/$image.docker.tar" --no-cache --timestamp 2026-01-01T00:00:00Z
done
# Images that were not built from these Dockerfiles still take the whole join: mapping, pricing, the rest unmatched.
run check-image-apt.json check examples/apt-dirty --image "docker-archive:$FIXTURES/apt-leftovers.docker.tar" --format json --no-cache
run check-image-apt.txt check examples/apt-dirty --image "docker-archive:$FIXTURES/apt-leftovers.docker.tar" --no-cache
run check-image-node.json check examples/node-fat --image "docker-archive:$FIXTURES/inventory.docker.tar" --format json --no-cache
run check-image-secrets.json check examples/secrets-leaky --image "docker-archive:$FIXTURES/secrets.docker.tar" --format json --no-cache
run check-image-busybox.json check examples/apt-clean --image "docker-archive:$FIXTURES/busybox.docker.tar" --format json --no-cache
echo "$(ls "$OUT" | grep -vc '\.err$') reports in $OUT"
