#!/usr/bin/env bash
# The one release build: `trunk build --release --offline` with tools/bin first on PATH, so
# Trunk runs the wasm-bindgen wrapper that code-splits the WebAssembly (tools/bin/wasm-bindgen),
# then a check of the result. serve.sh, test.sh, bench.sh and docs/deploy.md all build with it.
#
#   scripts/build.sh                                   → dist/, served at /
#   scripts/build.sh --public-url /pishkhan/           → for a sub-path deployment
#   scripts/build.sh --dist dist-subpath --public-url /pishkhan/
#
# A plain `trunk build` without tools/bin first on PATH would skip the split; the post-build hook
# (tools/postbuild/split.mjs) then fails the build with a message naming this script.
# Run scripts/setup.sh first (serve.sh and test.sh do): it installs the toolchain and fetches the
# crates, so the build works offline.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

main() {
  local public_url="/" dist="dist"
  while (($#)); do
    case "$1" in
      --public-url) [[ $# -ge 2 ]] || usage 2; public_url="$2"; shift 2 ;;
      --public-url=*) public_url="${1#*=}"; shift ;;
      --dist) [[ $# -ge 2 ]] || usage 2; dist="$2"; shift 2 ;;
      --dist=*) dist="${1#*=}"; shift ;;
      -h | --help) usage 0 ;;
      *) printf 'build.sh: unknown argument %s\n\n' "$1" >&2; usage 2 ;;
    esac
  done
  # A public URL is a path that starts and ends with a slash (Trunk joins file names onto it).
  [[ "$public_url" == /* ]] || die "--public-url must start with / (got '$public_url')"
  [[ "$public_url" == */ ]] || public_url="$public_url/"
  # --dist relative to the repository, like Trunk.toml's `dist`.
  [[ "$dist" == /* ]] || dist="$REPO_ROOT/$dist"
  command -v trunk >/dev/null || die "trunk not found: run scripts/setup.sh"

  step "trunk build --release --offline --public-url $public_url --dist ${dist#"$REPO_ROOT"/}"
  (cd "$REPO_ROOT" && release_std && trunk build --release --offline --public-url "$public_url" --dist "$dist") ||
    die "trunk build failed"
  check_dist "$dist" "$public_url"
  info "built ${dist#"$REPO_ROOT"/}/ for $public_url"
  deploy_order "${dist#"$REPO_ROOT"/}"
}

# release_std: the release WebAssembly is built with its own build of the standard library
# (cargo's build-std, from the toolchain's rust-src, which scripts/setup.sh installs), sized for
# the web: `optimize_for_size` picks std's smaller code paths, and `panic=immediate-abort` makes
# a panic stop the module at once, so no panic message, location or formatting code ships
# (−17 KB brotli of the first load; docs/performance.md, "The standard library"), and
# `-Z fmt-debug=none` makes `{:?}` print nothing, so no Debug code ships (−4.3 KB brotli):
# nothing a user or an operator reads may use `{:?}` (JavaScript values: `platform::js_text`;
# serde's own messages then leave out a wrong string's value, never its key or position). All are
# unstable options of the pinned rustc, unlocked for this build only (RUSTC_BOOTSTRAP=1); the
# tests, clippy and the tools build as before. The target's rustflags are those of
# .cargo/config.toml (an environment variable replaces them) plus these three.
release_std() {
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -C link-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
}

# deploy_order DIST: how to upload DIST (docs/deploy.md, "Upload order"): the hashed files first,
# then the route shells (index.html and the other *.html), config.json and sw.js, so no visitor
# gets a page (or a worker) whose files are not there yet; the previous release's files are
# deleted only on the next upload.
deploy_order() {
  local dist="$1" dest='server:/var/www/pishkhan/'
  step "deploy in this order (docs/deploy.md, \"Upload order\"; $dest is your web root)"
  info "rsync -a --exclude '*.html' --exclude config.json --exclude sw.js $dist/ $dest"
  info "rsync -a --include '*/' --include '*.html' --exclude '*' $dist/ $dest"
  info "rsync -a $dist/config.json $dest    # only the first time: keep your own config.json"
  info "rsync -a $dist/sw.js $dest"
  info "# keep the previous release's files for its open tabs; delete older ones later (docs/deploy.md)"
}

# check_dist DIST PUBLIC_URL: the build wrote an app that was split and made CSP-clean, with its
# route shells.
check_dist() {
  local dist="$1" public_url="$2"
  [[ -f "$dist/index.html" ]] || die "trunk build produced no ${dist#"$REPO_ROOT"/}/index.html"
  compgen -G "$dist/__wasm_split-*.js" >/dev/null ||
    die "${dist#"$REPO_ROOT"/}/ has no __wasm_split-<hash>.js loader: the WebAssembly was not split"
  compgen -G "$dist/split_*-*.wasm" >/dev/null ||
    die "${dist#"$REPO_ROOT"/}/ has no split_*-<hash>.wasm modules: the WebAssembly was not split"
  [[ -f "$dist/sw.js" ]] || die "${dist#"$REPO_ROOT"/}/sw.js is missing (tools/postbuild/sw.mjs)"
  grep -q "src=\"${public_url}boot-" "$dist/index.html" ||
    die "${dist#"$REPO_ROOT"/}/index.html does not load ${public_url}boot-<hash>.js (tools/postbuild/csp.mjs)"
  # Every route's pre-rendered shell (tools/postbuild/shells.mjs lists them), with the app in it.
  local shell
  while read -r shell; do
    grep -q '<div id="boot" class="app-shell">' "$dist/$shell" 2>/dev/null ||
      die "${dist#"$REPO_ROOT"/}/$shell is not a pre-rendered route shell (tools/postbuild/shells.mjs)"
  done < <(cd "$REPO_ROOT" && node --input-type=module \
    -e "const { SHELLS } = await import('./tools/postbuild/shells.mjs'); console.log(SHELLS.map((s) => s.file).join('\n'))")
}

main "$@"
