#!/usr/bin/env bash
# The benchmark (not part of scripts/test.sh): builds the release dist/, generates the ×10
# dataset and its index if missing or stale, serves the app twice with the repo's nginx — once on
# the embedded sample API (×1), once with a config.json that points it at the ×10 API — and prints
# the markdown tables of tests/bench/bench.mjs: first-load bytes; per scenario (near me, office
# page, nationwide search, code search, dashboard, plus a plain HTML+JS reference) data bytes,
# data requests and time to the first result under Lighthouse's mobile conditions (CDP: 150 ms,
# 1.6 Mbps down, 750 kbps up, CPU ×4), at ×1 and ×10; search latency per keystroke; memory;
# Lighthouse scores.
#
#   scripts/bench.sh
#   PISHKHAN_SKIP_BUILD=1 BENCH_APP_DIST=/tmp/pishkhan-before/dist BENCH_TAG=before scripts/bench.sh
#
# Environment: PISHKHAN_SKIP_BUILD=1 (reuse dist/), PISHKHAN_BENCH_PORT (default 8090; the ×10
# site takes the next free port), BENCH_LIGHTHOUSE=0 (skip Lighthouse, the slowest part),
# BENCH_BROWSER=0, BENCH_ROUNDS (keystroke rounds, 5), BENCH_RUNS (cold loads per scenario, 3),
# BENCH_APP_DIST (serve another build, e.g. an older one; implies no build) and BENCH_TAG (names
# its site directories, default "after"). A measurement that fails prints "n/a (<reason>)" in its
# row; the script still prints the tables.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NGINX_PIDS=()
stop_nginx() {
  local pid
  for pid in "${NGINX_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  NGINX_PIDS=()
}

# serve_site PORT SITE: nginx with the repo's config (nginx_prepare) serving SITE on PORT.
serve_site() {
  local port="$1" site="$2" prefix
  prefix="$(nginx_prepare "$port" "$site")"
  step "nginx on 127.0.0.1:$port (root ${site#"$REPO_ROOT"/})"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  NGINX_PIDS+=($!)
  wait_for_port "$port" 10 || die "nginx did not start on port $port"
}

# bench_site DIST NAME: a directory that nginx serves as its root: every entry of DIST (symlinked)
# plus the ×10 dataset under /bench-x10/, so the page can fetch it same-origin (the CSP allows only
# 'self'). bench.mjs writes its plain reference page (bench-ref.html, bench-ref.js) into it.
bench_site() {
  local dist="$1" site="$REPO_ROOT/.cache/bench-site-$2" entry
  rm -rf "$site"
  mkdir -p "$site"
  for entry in "$dist"/*; do
    ln -s "$entry" "$site/$(basename "$entry")"
  done
  ln -s "$REPO_ROOT/bench-data/x10" "$site/bench-x10"
  echo "$site"
}

# bench_site_x10 DIST NAME: the same app pointed at the ×10 API: every entry of DIST symlinked
# except config.json (a copy with "api_base_url": "api/v1") and api/ (api/v1 → the ×10 dataset).
bench_site_x10() {
  local dist="$1" site="$REPO_ROOT/.cache/bench-site-$2-x10" entry name
  rm -rf "$site"
  mkdir -p "$site/api"
  for entry in "$dist"/*; do
    name="$(basename "$entry")"
    [[ "$name" == config.json || "$name" == api ]] && continue
    ln -s "$entry" "$site/$name"
  done
  node -e '
    const fs = require("fs");
    const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    c.api_base_url = "api/v1";
    fs.writeFileSync(process.argv[2], JSON.stringify(c, null, 2) + "\n");
  ' "$dist/config.json" "$site/config.json" || die "cannot write $site/config.json"
  ln -s "$REPO_ROOT/bench-data/x10/api/v1" "$site/api/v1"
  echo "$site"
}

main() {
  trap stop_nginx EXIT
  trap 'exit 130' INT TERM
  local dist="${BENCH_APP_DIST:-$REPO_ROOT/dist}" tag="${BENCH_TAG:-after}"
  "$REPO_ROOT/scripts/setup.sh"
  if [[ -n "${BENCH_APP_DIST:-}" ]]; then
    [[ -f "$dist/index.html" ]] || die "BENCH_APP_DIST=$dist has no index.html"
    info "BENCH_APP_DIST: serving $dist (no build)"
  elif [[ "${PISHKHAN_SKIP_BUILD:-}" == 1 && -f "$REPO_ROOT/dist/index.html" ]]; then
    info "PISHKHAN_SKIP_BUILD=1: using the existing dist/"
  else
    release_build
  fi
  step "×10 benchmark dataset (bench-data/x10) and its index"
  (cd "$REPO_ROOT" && cargo run -q --release --offline -p pishkhan-datagen -- \
    --scale 10 --out bench-data/x10/api/v1 --if-stale) || die "datagen --scale 10 failed"
  (cd "$REPO_ROOT" && cargo run -q --release --offline -p pishkhan-index -- bench-data/x10/api/v1 \
    --if-stale --places-population tools/datagen/data/cities.json) || die "pishkhan-index on bench-data/x10 failed"

  local port port10 site site10
  port="$(free_port "${PISHKHAN_BENCH_PORT:-8090}")"
  site="$(bench_site "$dist" "$tag")"
  serve_site "$port" "$site"
  port10="$(free_port $((port + 1)))"
  site10="$(bench_site_x10 "$dist" "$tag")"
  serve_site "$port10" "$site10"

  step "measuring (several minutes; throttled scenarios and Lighthouse are the slowest parts)"
  (cd "$REPO_ROOT" && BENCH_BASE_URL="http://127.0.0.1:$port/" BENCH_BASE_URL_X10="http://127.0.0.1:$port10/" \
    BENCH_SITE="$site" BENCH_SITE_X10="$site10" BENCH_DIST="$dist" BENCH_TAG="$tag" \
    BENCH_X10="bench-x10/api/v1" node tests/bench/bench.mjs) | tee "$REPO_ROOT/.cache/bench-$tag.md"
  info "tables also in .cache/bench-$tag.md (compare two runs: node tests/bench/compare.mjs A.md B.md)"
  stop_nginx
}

main "$@"
