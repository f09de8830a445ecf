#!/bin/sh
# Trunk pre_build hook: make the generated inputs that dist/ ships.
# Every step is cheap when its output is up to date:
# - the stylesheet bundle (public/styles/app.css) is rewritten only when style/ changed;
# - datagen --if-stale skips when meta.json has its dataset_version (an index in meta.json
#   does not change that); when it regenerates, it rewrites meta.json without `index`;
# - pishkhan-index --if-stale skips when meta.json's index was built from its current
#   dataset_version, else rebuilds the whole index/ folder (no stale tiles left behind).
set -eu
cd "$(dirname "$0")/.."
cargo run -q --release --offline -p pishkhan-datagen -- --if-stale --out "$PWD/public/api/v1"
cargo run -q --release --offline -p pishkhan-index -- "$PWD/public/api/v1" --if-stale \
  --places-population "$PWD/tools/datagen/data/cities.json"
node tools/subset-font.mjs
# The stylesheets, in cascade order, as one file (index.html links it; print.css is all inside
# `@media print`). Written only when it changes, so `trunk serve` does not rebuild in a loop.
mkdir -p public/styles
bundle="public/styles/app.css.tmp"
for f in tokens base layout components services licences finder print; do
  printf '/* style/%s.css */\n' "$f"
  cat "style/$f.css"
done >"$bundle"
if cmp -s "$bundle" public/styles/app.css; then rm "$bundle"; else mv "$bundle" public/styles/app.css; fi
