#!/usr/bin/env bash
# Build the app and serve it like production: nginx with nginx/pishkhan.conf (SPA fallback,
# caching and security headers), in the foreground, without root.
#
#   scripts/serve.sh                 → http://127.0.0.1:8080/   (Ctrl-C stops it)
#   PISHKHAN_PORT=9000 scripts/serve.sh
#   PISHKHAN_SKIP_BUILD=1 scripts/serve.sh   (serve the existing dist/)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  local port="${PISHKHAN_PORT:-8080}" prefix
  "$REPO_ROOT/scripts/setup.sh"
  if [[ "${PISHKHAN_SKIP_BUILD:-}" != 1 ]]; then
    release_build
  fi
  [[ -f "$REPO_ROOT/dist/index.html" ]] || die "no dist/index.html to serve"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (set PISHKHAN_PORT)"
  fi
  prefix="$(nginx_prepare "$port" "$REPO_ROOT/dist")"
  step "serving dist/ at http://127.0.0.1:$port/  (nginx logs: ${prefix#"$REPO_ROOT"/}/; Ctrl-C to stop)"
  exec nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
}

main "$@"
