#!/bin/sh
# The cargo runner of the wasm32 tests (.cargo/config.toml): wasm-bindgen-test-runner, with the
# code splitting the app build does (tools/bin/wasm-bindgen) in front of it.
#
# The library has `#[wasm_split]` points (src/app/lazy.rs, src/api/lazy.rs, …) whose stubs
# import from the module `__wasm_split_placeholder__`; a test binary that links the library keeps
# them, and the browser cannot load that module, so the tests never start. So, as for the app:
#   1. `wasm-split-cli` rewrites cargo's test WASM into a main module that imports
#      `__wasm_split.js` (plus split modules no test loads), in a temporary directory;
#   2. the real wasm-bindgen-test-runner runs the main module from that directory (it serves
#      files it does not generate from its working directory: `__wasm_split.js`, and `test.js`,
#      which re-exports the runner's own glue under the name the loader imports);
#   3. WASM_BINDGEN_USE_BROWSER=1, because the split drops the custom section that carries
#      `wasm_bindgen_test_configure!(run_in_browser)` (the runner would fall back to Node).
# CHROMEDRIVER (scripts/test.sh: /usr/bin/chromedriver) picks the browser driver.
#
#   tools/wasm-test-runner.sh TEST.wasm [TEST-HARNESS-ARGS...]   (cargo calls it)
set -eu

input="$1"
shift
PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v wasm-split-cli >/dev/null 2>&1 || {
  echo "wasm-test-runner: wasm-split-cli not found (scripts/setup.sh installs it)" >&2
  exit 127
}
command -v wasm-bindgen-test-runner >/dev/null 2>&1 || {
  echo "wasm-test-runner: wasm-bindgen-test-runner not found (wasm-bindgen-cli, scripts/setup.sh)" >&2
  exit 127
}

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
wasm-split-cli --target web --out-name test "$input" "$dir" 2>"$dir/split.log" || {
  cat "$dir/split.log" >&2
  exit 1
}
echo 'export { initSync } from "./wasm-bindgen-test.js";' >"$dir/test.js"
cd "$dir"
WASM_BINDGEN_USE_BROWSER=1 wasm-bindgen-test-runner "$dir/test.wasm" "$@"
