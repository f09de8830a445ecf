#!/usr/bin/env bash
# Everything CI checks, in order; exits non-zero at the first failure. Safe to run repeatedly.
#
#   scripts/test.sh
#
# 1. set-up (installs what is missing)   4. release build (trunk)
# 2. cargo test --workspace              5. first-load size budget
# 3. clippy, native and wasm32           6. browser tests (Playwright + Chromium) against nginx
#
# Environment: PISHKHAN_TEST_PORT (default 8089; the next free port is used if it is taken),
# PISHKHAN_SIZE_BUDGET (bytes, default 480000: a ratchet, see size-budget.sh), PISHKHAN_SKIP_BUILD=1 (reuse dist/ for a quick
# re-run of the browser tests), extra arguments are passed to `playwright test`.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NGINX_PID=""
FAULT_PID=""
FAULT_PORT=""

stop_nginx() {
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  NGINX_PID=""
}

# The fault-injecting test API (tests/fault-api/server.mjs), proxied by the test nginx at /fault-api/.
stop_fault_api() {
  if [[ -n "$FAULT_PID" ]] && kill -0 "$FAULT_PID" 2>/dev/null; then
    kill "$FAULT_PID" 2>/dev/null || true
    wait "$FAULT_PID" 2>/dev/null || true
  fi
  FAULT_PID=""
}

stop_servers() {
  stop_nginx
  stop_fault_api
}

# start_fault_api: on a free port in the background; sets FAULT_PID and FAULT_PORT.
start_fault_api() {
  FAULT_PORT="$(free_port "${PISHKHAN_FAULT_PORT:-8199}")"
  step "fault-injecting test API on 127.0.0.1:$FAULT_PORT"
  PISHKHAN_FAULT_PORT="$FAULT_PORT" PISHKHAN_FAULT_DATA="$REPO_ROOT/dist/api/v1" \
    node "$REPO_ROOT/tests/fault-api/server.mjs" >"$REPO_ROOT/.cache/fault-api.log" 2>&1 &
  FAULT_PID=$!
  if ! wait_for_port "$FAULT_PORT" 10; then
    cat "$REPO_ROOT/.cache/fault-api.log" >&2 || true
    die "the fault API did not start on port $FAULT_PORT"
  fi
}

rust_tests() {
  step "cargo test --workspace"
  cargo test --workspace --manifest-path "$REPO_ROOT/Cargo.toml"
}

lint() {
  step "cargo clippy --workspace --all-targets -- -D warnings"
  cargo clippy --quiet --workspace --all-targets --manifest-path "$REPO_ROOT/Cargo.toml" -- -D warnings
  step "cargo clippy --target wasm32-unknown-unknown -p pishkhan -- -D warnings"
  cargo clippy --quiet --target wasm32-unknown-unknown -p pishkhan \
    --manifest-path "$REPO_ROOT/Cargo.toml" -- -D warnings
}

# start_nginx: serves dist/ on a free port in the background; sets NGINX_PID and BASE_URL.
start_nginx() {
  local port prefix
  port="$(free_port "${PISHKHAN_TEST_PORT:-8089}")"
  prefix="$(nginx_prepare "$port" "$REPO_ROOT/dist" "$FAULT_PORT")"
  step "nginx on 127.0.0.1:$port (logs: ${prefix#"$REPO_ROOT"/}/)"
  # nginx itself (not a shell function) in the background, so $! is the nginx master's pid.
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  NGINX_PID=$!
  if ! wait_for_port "$port" 10; then
    tail -n 20 "$prefix/error.log" >&2 || true
    die "nginx did not start on port $port"
  fi
  BASE_URL="http://127.0.0.1:$port"
}

browser_tests() {
  step "playwright test (Chromium: $CHROME_PATH)"
  (cd "$REPO_ROOT" && PISHKHAN_BASE_URL="$BASE_URL" playwright test "$@")
}

main() {
  trap stop_servers EXIT
  trap 'exit 130' INT TERM
  "$REPO_ROOT/scripts/setup.sh"
  rust_tests
  lint
  if [[ "${PISHKHAN_SKIP_BUILD:-}" == 1 && -f "$REPO_ROOT/dist/index.html" ]]; then
    info "PISHKHAN_SKIP_BUILD=1: using the existing dist/"
  else
    release_build
  fi
  step "first-load size budget"
  "$REPO_ROOT/scripts/size-budget.sh" "$REPO_ROOT/dist"
  mkdir -p "$REPO_ROOT/.cache"
  start_fault_api
  start_nginx
  browser_tests "$@"
  stop_servers
  step "all checks passed"
}

main "$@"
