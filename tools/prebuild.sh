#!/bin/sh
# Trunk pre_build hook: make the generated inputs that dist/ ships.
# Every step is cheap when its output is up to date:
# - tools/bundle-css.mjs joins style/*.css into public/styles/app.css, rewritten only when it changes;
# - datagen --if-stale skips when meta.json has its dataset_version (an index in meta.json
#   does not change that); when it regenerates, it rewrites meta.json without `index`;
# - pishkhan-index --if-stale skips when meta.json's index was built from its current
#   dataset_version, else rebuilds the whole index/ folder (no stale tiles left behind).
set -eu
cd "$(dirname "$0")/.."
# The tools are native programs: the release build's standard-library build (scripts/build.sh)
# is for the WebAssembly only.
unset CARGO_UNSTABLE_BUILD_STD CARGO_UNSTABLE_BUILD_STD_FEATURES
cargo run -q --release --offline -p pishkhan-datagen -- --if-stale --out "$PWD/public/api/v1"
cargo run -q --release --offline -p pishkhan-index -- "$PWD/public/api/v1" --if-stale \
  --places-population "$PWD/tools/datagen/data/cities.json"
node tools/subset-font.mjs
node tools/bundle-css.mjs
