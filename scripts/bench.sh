#!/usr/bin/env bash
# The benchmark (not part of scripts/test.sh): builds the release dist/, generates the ×10
# dataset if it is missing, serves both with the repo's nginx and prints one markdown table —
# first-load bytes, time to first result, search latency per keystroke (WebAssembly vs a plain-JS
# reference) at ~13,000 and ~130,000 offices, memory, and Lighthouse scores.
#
#   scripts/bench.sh
#
# Environment: PISHKHAN_SKIP_BUILD=1 (reuse dist/), PISHKHAN_BENCH_PORT (default 8090),
# BENCH_LIGHTHOUSE=0 (skip Lighthouse, the slowest part), BENCH_ROUNDS (keystroke rounds, 5).
# A measurement that fails prints "n/a (<reason>)" in its row; the script still prints the table.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NGINX_PID=""
stop_nginx() {
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  NGINX_PID=""
}

# bench_site: a directory that nginx serves as its root: every entry of dist/ (symlinked) plus the
# ×10 dataset under /bench-x10/, so the page can fetch it same-origin (the CSP allows only 'self').
bench_site() {
  local site="$REPO_ROOT/.cache/bench-site" entry
  rm -rf "$site"
  mkdir -p "$site"
  for entry in "$REPO_ROOT"/dist/*; do
    ln -s "$entry" "$site/$(basename "$entry")"
  done
  ln -s "$REPO_ROOT/bench-data/x10" "$site/bench-x10"
  echo "$site"
}

main() {
  trap stop_nginx EXIT
  trap 'exit 130' INT TERM
  "$REPO_ROOT/scripts/setup.sh"
  if [[ "${PISHKHAN_SKIP_BUILD:-}" == 1 && -f "$REPO_ROOT/dist/index.html" ]]; then
    info "PISHKHAN_SKIP_BUILD=1: using the existing dist/"
  else
    release_build
  fi
  step "×10 benchmark dataset (bench-data/x10)"
  (cd "$REPO_ROOT" && cargo run -q --release --offline -p pishkhan-datagen -- \
    --scale 10 --out bench-data/x10/api/v1 --if-stale) || die "datagen --scale 10 failed"

  local port prefix site
  port="$(free_port "${PISHKHAN_BENCH_PORT:-8090}")"
  site="$(bench_site)"
  prefix="$(nginx_prepare "$port" "$site")"
  step "nginx on 127.0.0.1:$port (root ${site#"$REPO_ROOT"/})"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  NGINX_PID=$!
  wait_for_port "$port" 10 || die "nginx did not start on port $port"

  step "measuring (a few minutes; Lighthouse is the slowest part)"
  (cd "$REPO_ROOT" && BENCH_BASE_URL="http://127.0.0.1:$port/" BENCH_DIST="$REPO_ROOT/dist" \
    BENCH_X10="bench-x10/api/v1" node tests/bench/bench.mjs)
  stop_nginx
}

main "$@"
