#!/usr/bin/env bash
# Everything CI checks, in order; exits non-zero at the first failure. Safe to run repeatedly.
#
#   scripts/test.sh
#
# 1. set-up (installs what is missing)      6. release builds (scripts/build.sh): dist/ for /, and
# 2. sample data (datagen, if stale)            dist-subpath/ for /pishkhan/
# 3. cargo test --workspace (incl. the      7. first-load size budget of both
#    golden cases, tests/golden.rs)         8. browser tests (Playwright + Chromium) against nginx
# 4. clippy, native and wasm32              9. the foundation and route-shell browser tests again,
# 5. component tests (wasm-bindgen-test         against the sub-path build served under /pishkhan/
#    in headless Chromium, tests/components.rs)
#
# The browser tests run beside nginx: the fault-injecting test API (tests/fault-api/server.mjs) and
# a real OpenID provider (tests/oidc/provider.mjs, npm oidc-provider), whose tokens the test API
# verifies for the licence documents of the sign-in tests (tests/e2e/auth.spec.ts).
#
# Environment: PISHKHAN_TEST_PORT (default 8089; the next free port is used if it is taken; the
# sub-path server takes the next free one), PISHKHAN_SIZE_BUDGET (bytes, default 228000, the
# product budget, see size-budget.sh), PISHKHAN_SKIP_BUILD=1 (reuse dist/ and dist-subpath/ for a
# quick re-run of the browser tests), PISHKHAN_SKIP_RUST=1 (no cargo test, clippy or component
# tests: browser tests only; CI never sets it), PISHKHAN_SKIP_SUBPATH=1 (no sub-path build and run; CI never
# sets it); extra arguments are passed to the main `playwright test` run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The sub-path deployment CI checks (docs/deploy.md, "Under a sub-path").
readonly SUBPATH=/pishkhan/
readonly SUBPATH_DIST=dist-subpath

NGINX_PID=""
SUB_NGINX_PID=""
FAULT_PID=""
FAULT_PORT=""
OIDC_PID=""
OIDC_ISSUER=""
APP_PORT=""

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

stop_sub_nginx() {
  if [[ -n "$SUB_NGINX_PID" ]] && kill -0 "$SUB_NGINX_PID" 2>/dev/null; then
    kill "$SUB_NGINX_PID" 2>/dev/null || true
    wait "$SUB_NGINX_PID" 2>/dev/null || true
  fi
  SUB_NGINX_PID=""
}

# The OpenID provider for the sign-in tests (tests/oidc/provider.mjs: npm oidc-provider).
stop_oidc() {
  if [[ -n "$OIDC_PID" ]] && kill -0 "$OIDC_PID" 2>/dev/null; then
    kill "$OIDC_PID" 2>/dev/null || true
    wait "$OIDC_PID" 2>/dev/null || true
  fi
  OIDC_PID=""
}

stop_servers() {
  stop_nginx
  stop_sub_nginx
  stop_fault_api
  stop_oidc
}

# start_oidc APP_ORIGIN: a real OpenID provider (oidc-provider, OpenID Certified) on a free port in
# the background, its test client registered for the app at APP_ORIGIN; sets OIDC_PID and
# OIDC_ISSUER (the fault API verifies access tokens against it; nginx's CSP gains it).
start_oidc() {
  local port
  port="$(free_port "${PISHKHAN_OIDC_PORT:-8299}")"
  step "OpenID provider (oidc-provider) on 127.0.0.1:$port"
  PISHKHAN_OIDC_PORT="$port" PISHKHAN_OIDC_APP_ORIGIN="$1" \
    node "$REPO_ROOT/tests/oidc/provider.mjs" >"$REPO_ROOT/.cache/oidc-provider.log" 2>&1 &
  OIDC_PID=$!
  if ! wait_for_port "$port" 15; then
    cat "$REPO_ROOT/.cache/oidc-provider.log" >&2 || true
    die "the OpenID provider did not start on port $port"
  fi
  OIDC_ISSUER="http://127.0.0.1:$port"
}

# start_fault_api: on a free port in the background; sets FAULT_PID and FAULT_PORT.
start_fault_api() {
  FAULT_PORT="$(free_port "${PISHKHAN_FAULT_PORT:-8199}")"
  step "fault-injecting test API on 127.0.0.1:$FAULT_PORT"
  PISHKHAN_FAULT_PORT="$FAULT_PORT" PISHKHAN_FAULT_DATA="$REPO_ROOT/dist/api/v1" \
    PISHKHAN_OIDC_ISSUER="$OIDC_ISSUER" \
    node "$REPO_ROOT/tests/fault-api/server.mjs" >"$REPO_ROOT/.cache/fault-api.log" 2>&1 &
  FAULT_PID=$!
  if ! wait_for_port "$FAULT_PORT" 10; then
    cat "$REPO_ROOT/.cache/fault-api.log" >&2 || true
    die "the fault API did not start on port $FAULT_PORT"
  fi
}

# The sample API (public/api/v1, what dist/ ships): tests/golden.rs checks the sample facts of
# tests/golden/cases.json against it, so it must exist before cargo test (the build's pre_build
# hook makes it too; --if-stale makes this a no-op when it is up to date).
sample_data() {
  step "sample data (public/api/v1)"
  (cd "$REPO_ROOT" && cargo run -q --release --offline -p pishkhan-datagen -- \
    --if-stale --out "$REPO_ROOT/public/api/v1") || die "datagen failed"
}

rust_tests() {
  step "cargo test --workspace"
  PISHKHAN_GOLDEN_SAMPLE="$REPO_ROOT/public/api/v1" \
    cargo test --workspace --manifest-path "$REPO_ROOT/Cargo.toml"
}

lint() {
  step "cargo clippy --workspace --all-targets -- -D warnings"
  cargo clippy --quiet --workspace --all-targets --manifest-path "$REPO_ROOT/Cargo.toml" -- -D warnings
  step "cargo clippy --target wasm32-unknown-unknown -p pishkhan -- -D warnings"
  cargo clippy --quiet --target wasm32-unknown-unknown -p pishkhan \
    --manifest-path "$REPO_ROOT/Cargo.toml" -- -D warnings
}

# Component tests (tests/components.rs): real components mounted in headless Chromium through
# tools/wasm-test-runner.sh (the runner in .cargo/config.toml: wasm-split, then
# wasm-bindgen-test-runner), driven by Debian's ChromeDriver.
component_tests() {
  step "component tests (wasm-bindgen-test, headless Chromium)"
  # From the repository root: cargo reads .cargo/config.toml (the runner, the wasm32 rustflags)
  # from the working directory, not from --manifest-path.
  (cd "$REPO_ROOT" && CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test --target wasm32-unknown-unknown -p pishkhan --test components \
    --manifest-path "$REPO_ROOT/Cargo.toml")
}

# start_nginx: serves dist/ on APP_PORT in the background; sets NGINX_PID and BASE_URL.
start_nginx() {
  local port="$APP_PORT" prefix
  prefix="$(nginx_prepare "$port" "$REPO_ROOT/dist" "$FAULT_PORT" "$OIDC_ISSUER")"
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
  (cd "$REPO_ROOT" && PISHKHAN_BASE_URL="$BASE_URL" PISHKHAN_OIDC_ISSUER="$OIDC_ISSUER" \
    playwright test "$@")
}

# subpath_tests: serves dist-subpath/ under /pishkhan/ (nginx_prepare_subpath: nginx/pishkhan.conf
# with its locations moved under the sub-path) and runs the foundation and route-shell tests against it.
subpath_tests() {
  local port prefix
  port="$(free_port "$((${PISHKHAN_TEST_PORT:-8089} + 1))")"
  prefix="$(nginx_prepare_subpath "$port" "$REPO_ROOT/$SUBPATH_DIST" "$SUBPATH")"
  step "nginx on 127.0.0.1:$port serving $SUBPATH_DIST/ under $SUBPATH (logs: ${prefix#"$REPO_ROOT"/}/)"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  SUB_NGINX_PID=$!
  if ! wait_for_port "$port" 10; then
    tail -n 20 "$prefix/error.log" >&2 || true
    die "nginx did not start on port $port"
  fi
  step "playwright test tests/e2e/foundation.spec.ts tests/e2e/shell.spec.ts under $SUBPATH"
  (cd "$REPO_ROOT" && PISHKHAN_BASE_URL="http://127.0.0.1:$port$SUBPATH" \
    PISHKHAN_DIST="$REPO_ROOT/$SUBPATH_DIST" playwright test tests/e2e/foundation.spec.ts tests/e2e/shell.spec.ts)
  stop_sub_nginx
}

builds() {
  local subpath=1
  [[ "${PISHKHAN_SKIP_SUBPATH:-}" != 1 ]] || subpath=0
  if [[ "${PISHKHAN_SKIP_BUILD:-}" == 1 && -f "$REPO_ROOT/dist/index.html" ]]; then
    info "PISHKHAN_SKIP_BUILD=1: using the existing dist/"
  else
    release_build
  fi
  if ((subpath)); then
    if [[ "${PISHKHAN_SKIP_BUILD:-}" == 1 && -f "$REPO_ROOT/$SUBPATH_DIST/index.html" ]]; then
      info "PISHKHAN_SKIP_BUILD=1: using the existing $SUBPATH_DIST/"
    else
      # Same cargo build as dist/ (the public URL is not a compiler input): only the split,
      # wasm-bindgen, wasm-opt and the hooks run again.
      release_build --public-url "$SUBPATH" --dist "$SUBPATH_DIST"
    fi
  fi
  step "first-load size budget"
  "$REPO_ROOT/scripts/size-budget.sh" "$REPO_ROOT/dist"
  if ((subpath)); then
    step "first-load size budget ($SUBPATH_DIST/, served under $SUBPATH)"
    "$REPO_ROOT/scripts/size-budget.sh" "$REPO_ROOT/$SUBPATH_DIST"
  fi
}

main() {
  trap stop_servers EXIT
  trap 'exit 130' INT TERM
  "$REPO_ROOT/scripts/setup.sh"
  sample_data
  if [[ "${PISHKHAN_SKIP_RUST:-}" != 1 ]]; then
    rust_tests
    lint
    component_tests
  fi
  builds
  mkdir -p "$REPO_ROOT/.cache"
  APP_PORT="$(free_port "${PISHKHAN_TEST_PORT:-8089}")"
  start_oidc "http://127.0.0.1:$APP_PORT"
  start_fault_api
  start_nginx
  browser_tests "$@"
  stop_servers
  if [[ "${PISHKHAN_SKIP_SUBPATH:-}" != 1 ]]; then
    subpath_tests
  fi
  step "all checks passed (${SECONDS}s)"
}

main "$@"
