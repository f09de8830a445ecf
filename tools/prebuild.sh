#!/bin/sh
# Trunk pre_build hook: make the generated inputs that dist/ ships.
# Both steps are cheap when their output is up to date.
set -eu
cd "$(dirname "$0")/.."
cargo run -q --release --offline -p pishkhan-datagen -- --if-stale --out "$PWD/public/api/v1"
node tools/subset-font.mjs
