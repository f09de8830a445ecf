#!/usr/bin/env bash
# Idempotent set-up of a Debian machine that has Rust (rustup) and Node/npm: installs only what is
# missing, so on a prepared machine it takes a few seconds and prints one line per step.
#
#   scripts/setup.sh
#
# Installs: Debian packages (chromium, chromium-driver, nginx with its brotli modules, brotli), the wasm32 target and
# rust-src (the release build compiles the standard library),
# trunk 0.21.14, wasm-bindgen-cli 0.2.130, wasm-split-cli (crate wasm_split_cli_support 0.2.4,
# the code splitter tools/bin/wasm-bindgen runs), the npm dev dependencies (npm ci), and the
# crates (cargo fetch, so builds can run --offline).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly APT_PACKAGES=(chromium chromium-driver nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static brotli)
readonly TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (pinned "=0.2.130" in Cargo.toml).
readonly WASM_BINDGEN_VERSION=0.2.130
# The WebAssembly splitter Leptos' lazy routes are made for (the one cargo-leptos uses).
readonly WASM_SPLIT_VERSION=0.2.4

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root for: $* (run as root or install sudo)"
  fi
}

apt_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

setup_apt() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    apt_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    info "apt: ${APT_PACKAGES[*]} already installed"
    return
  fi
  step "apt-get install ${missing[*]}"
  # The package lists are refreshed only when something has to be installed.
  run_quiet "apt-get update" as_root apt-get update -qq
  run_quiet "apt-get install ${missing[*]}" \
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup_wasm_target() {
  command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first"
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    info "rust: wasm32-unknown-unknown target present"
    return
  fi
  step "rustup target add wasm32-unknown-unknown"
  run_quiet "rustup target add" rustup target add wasm32-unknown-unknown
}

setup_rust_src() {
  # The release build compiles the standard library itself (scripts/build.sh, release_std).
  if rustup component list --installed | grep -q '^rust-src'; then
    info "rust: rust-src present"
    return
  fi
  step "rustup component add rust-src"
  run_quiet "rustup component add rust-src" rustup component add rust-src
}

# tool_version CMD: the version word of `CMD --version` ("trunk 0.21.14" → 0.21.14), or nothing.
tool_version() {
  "$1" --version 2>/dev/null | awk '{print $2; exit}' || true
}

setup_cargo_tool() {
  local bin="$1" crate="$2" version="$3"
  shift 3
  if [[ "$(tool_version "$bin")" == "$version" ]]; then
    info "$bin $version present"
    return
  fi
  step "cargo install $crate@$version (several minutes on 2 cores)"
  run_quiet "cargo install $crate@$version" cargo install --quiet "$@" "$crate@$version"
  [[ "$(tool_version "$bin")" == "$version" ]] ||
    die "$bin --version is '$(tool_version "$bin")' after install, expected $version (is another $bin earlier on PATH?)"
}

# wasm-split-cli has no --version: ask cargo which version it installed.
setup_wasm_split() {
  if command -v wasm-split-cli >/dev/null &&
    cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    info "wasm-split-cli $WASM_SPLIT_VERSION present"
    return
  fi
  step "cargo install wasm_split_cli_support@$WASM_SPLIT_VERSION (a few minutes on 2 cores)"
  run_quiet "cargo install wasm_split_cli_support@$WASM_SPLIT_VERSION" \
    cargo install --quiet --locked --features build-binary "wasm_split_cli_support@$WASM_SPLIT_VERSION"
  command -v wasm-split-cli >/dev/null || die "wasm-split-cli is not on PATH after install"
}

setup_npm() {
  command -v npm >/dev/null || die "npm not found: install Node.js 20 and npm"
  local stamp="$REPO_ROOT/node_modules/.package-lock.json"
  # npm writes node_modules/.package-lock.json on every install: older than the lock = stale.
  if [[ -f "$stamp" && ! "$REPO_ROOT/package-lock.json" -nt "$stamp" ]]; then
    info "npm: node_modules up to date"
    return
  fi
  step "npm ci"
  run_quiet "npm ci" npm ci --prefix "$REPO_ROOT" --no-audit --no-fund --loglevel=error
}

setup_crates() {
  # Fetches the crates of every target (native and wasm32), so later builds work --offline.
  run_quiet "cargo fetch" cargo fetch --quiet --manifest-path "$REPO_ROOT/Cargo.toml"
  # …and the standard library's own crates, for the release build's build-std.
  run_quiet "cargo fetch (build-std)" env RUSTC_BOOTSTRAP=1 cargo fetch --quiet \
    --manifest-path "$REPO_ROOT/Cargo.toml" -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown
  info "cargo: crates fetched"
}

main() {
  step "set-up (installs only what is missing)"
  setup_apt
  setup_wasm_target
  setup_rust_src
  # --locked: trunk's own lock file builds on rustc 1.95 (0.22 needs a newer rustc).
  setup_cargo_tool trunk trunk "$TRUNK_VERSION" --locked
  # No --locked: wasm-bindgen-cli's lock names a crate version that is no longer on crates.io.
  setup_cargo_tool wasm-bindgen wasm-bindgen-cli "$WASM_BINDGEN_VERSION"
  setup_wasm_split
  setup_npm
  setup_crates
  info "set-up done"
}

main "$@"
