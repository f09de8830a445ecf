#!/usr/bin/env bash
# First-load size budget: what a new visitor downloads before the app can render, compressed the
# way a good CDN serves it (brotli -q 11): index.html and the JS, WASM, CSS and font files that
# dist/index.html references, fonts the CSS references, and the modules the JS imports statically
# (the split loader `__wasm_split-….js`). The lazily loaded page modules (split_*.wasm, chunk_*.wasm)
# are not part of the first load: they are fetched when their page is opened.
#
#   scripts/size-budget.sh [DIST]          (default: dist)
#   scripts/size-budget.sh --list [DIST]   only print the first-load files
#   PISHKHAN_SIZE_BUDGET=228000            budget in bytes (the default)
#
# The default is the product budget, 250 KB (README, "Performance and size"). Since code splitting
# it is met: 241,506 bytes measured on 29 Nov 2026, WASM 200,028 (469,269 before splitting).
#
# Prints a table; exits non-zero when the total is over budget or a referenced file is missing.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUDGET="${PISHKHAN_SIZE_BUDGET:-228000}"
LIST_ONLY=0
if [[ "${1:-}" == --list ]]; then
  LIST_ONLY=1
  shift
fi
DIST="${1:-$REPO_ROOT/dist}"

# asset_refs FILE: every quoted or url()-wrapped reference to a .js/.wasm/.css/.woff2 in FILE.
asset_refs() {
  grep -oE "[\"'(][^\"'() ]+\.(js|wasm|css|woff2)[\"')]" "$1" | sed -E "s/^.//; s/.$//" || true
}

# resolve REF BASEDIR: the file in dist/ for a reference, whatever the public URL ("/", "./" or a
# sub-path such as "/pishkhan/"); prints nothing for external URLs.
resolve() {
  local ref="$1" base="$2"
  case "$ref" in
    http://* | https://* | //*) return 0 ;;
  esac
  ref="${ref#./}"
  if [[ "$ref" == /* ]]; then
    ref="${ref#/}"
    # A sub-path public URL: drop leading path segments until the file is found.
    while [[ ! -f "$DIST/$ref" && "$ref" == */* ]]; do
      ref="${ref#*/}"
    done
    echo "$DIST/$ref"
  else
    echo "$base/$ref"
  fi
}

# js_imports FILE: the modules a JS file imports statically (`import … from "./x.js"`).
js_imports() {
  grep -oE "from *[\"'][^\"']+\.js[\"']" "$1" | sed -E "s/^from *.//; s/.$//" || true
}

# with_imports FILE: FILE, then (for JS) every module it imports statically, recursively (each
# once: the glue and the split loader import each other).
declare -A VISITED=()
with_imports() {
  local file ref
  file="$(realpath -m "$1")"
  [[ -z "${VISITED[$file]:-}" ]] || return 0
  VISITED[$file]=1
  echo "$file"
  if [[ "$file" == *.js && -f "$file" ]]; then
    while read -r ref; do
      [[ -n "$ref" ]] || continue
      [[ "$ref" == ./* || "$ref" == ../* ]] || continue
      with_imports "$(dirname "$file")/$ref"
    done < <(js_imports "$file")
  fi
}

collect_files() {
  local index="$DIST/index.html" ref file css
  echo "$index"
  while read -r ref; do
    [[ -n "$ref" ]] || continue
    file="$(resolve "$ref" "$DIST")"
    [[ -n "$file" ]] && with_imports "$file"
    # Fonts are referenced from CSS, relative to the CSS file.
    if [[ "$file" == *.css && -f "$file" ]]; then
      css="$file"
      while read -r ref; do
        [[ -n "$ref" ]] || continue
        file="$(resolve "$ref" "$(dirname "$css")")"
        [[ -n "$file" ]] && echo "$file"
      done < <(asset_refs "$css")
    fi
  done < <(asset_refs "$index")
}

main() {
  # --list: only the first-load files, one path per line (tests/bench/bench.mjs measures these).
  if [[ "${LIST_ONLY:-}" == 1 ]]; then
    collect_files | while read -r file; do realpath -m "$file"; done | awk '!seen[$0]++'
    return
  fi
  command -v brotli >/dev/null || die "brotli not found (scripts/setup.sh installs it)"
  [[ -f "$DIST/index.html" ]] || die "$DIST/index.html not found: build first (scripts/build.sh)"

  local total_raw=0 total_br=0 missing=0 file raw br rel
  local -A seen=()
  printf '\n%-56s %10s %10s\n' "first-load file" "bytes" "brotli-11"
  while read -r file; do
    file="$(realpath -m "$file")"
    [[ -z "${seen[$file]:-}" ]] || continue
    seen[$file]=1
    rel="${file#"$(realpath "$DIST")"/}"
    if [[ ! -f "$file" ]]; then
      printf '%-56s %10s %10s\n' "$rel" "MISSING" "-"
      missing=$((missing + 1))
      continue
    fi
    raw=$(wc -c <"$file")
    br=$(brotli -q 11 -c "$file" | wc -c)
    total_raw=$((total_raw + raw))
    total_br=$((total_br + br))
    printf '%-56s %10d %10d\n' "$rel" "$raw" "$br"
  done < <(collect_files)
  printf '%-56s %10d %10d\n' "TOTAL (budget $BUDGET)" "$total_raw" "$total_br"

  ((missing == 0)) || die "$missing file(s) referenced by index.html are missing from $DIST"
  if ((total_br > BUDGET)); then
    die "first load is $total_br bytes brotli, over the budget of $BUDGET (PISHKHAN_SIZE_BUDGET)"
  fi
  info "size budget OK: $total_br of $BUDGET bytes ($((total_br * 100 / BUDGET)) %)"
}

main "$@"
