# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Source it; it does nothing by itself.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Tools from cargo install and npm (wasm-opt comes from npm binaryen; Trunk finds it on PATH).
# tools/bin comes first: its `wasm-bindgen` splits the WASM before running the real one.
export PATH="$REPO_ROOT/tools/bin:$REPO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# No package may download a browser: tests use Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export DEBIAN_FRONTEND=noninteractive
# Trunk must not look for a newer version of itself (no internet).
export TRUNK_SKIP_VERSION_CHECK=true
# The timestamps of the steps.
SECONDS=0

step() { printf '\n==> %s  [%ss]\n' "$*" "$SECONDS"; }
info() { printf '    %s\n' "$*"; }
die() {
  printf '\nERROR: %s\n' "$*" >&2
  exit 1
}

# run_quiet DESCRIPTION CMD...: runs CMD with its output in a log; shows the log only on failure,
# so a healthy set-up prints a few lines but a broken one shows why.
run_quiet() {
  local what="$1" log
  shift
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    printf '\n--- output of: %s ---\n' "$*" >&2
    tail -n 60 "$log" >&2
    rm -f "$log"
    die "$what failed (command: $*)"
  fi
  rm -f "$log"
}

# free_port START: the first port from START up that nothing listens on (127.0.0.1).
free_port() {
  local port="$1" last=$(($1 + 100))
  while ((port <= last)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  die "no free port in $1..$last"
}

# wait_for_port PORT SECONDS: waits until something accepts connections on 127.0.0.1:PORT.
wait_for_port() {
  local port="$1" tries=$(($2 * 10))
  while ((tries > 0)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
    tries=$((tries - 1))
  done
  return 1
}

# release_build [ARGS...]: the release build, always through scripts/build.sh (the one build
# command: PATH with tools/bin first so the WASM is split, then a check of dist/).
release_build() {
  "$REPO_ROOT/scripts/build.sh" "$@"
}

# nginx_prepare PORT DIST [FAULT_PORT [ISSUER_ORIGIN]]: writes an unprivileged nginx set-up under
# .cache/nginx-PORT/ that serves DIST on 127.0.0.1:PORT with nginx/pishkhan.conf (only its `listen`
# and `root` lines rewritten), checks it with `nginx -t`, and prints the prefix dir. With FAULT_PORT
# (browser tests only), the server also proxies /fault-api/ to the fault-injecting test API on that
# port (nginx/fault-api.test.conf.template, included right after the `root` line). With
# ISSUER_ORIGIN (the test OpenID provider), the CSP's `connect-src 'self'` gains that origin and
# nothing else, as docs/deploy.md tells an operator with `auth` in config.json to do.
nginx_prepare() {
  local port="$1" dist="$2" fault_port="${3:-}" issuer="${4:-}" prefix user="" include=""
  prefix="$REPO_ROOT/.cache/nginx-$port"
  mkdir -p "$prefix/tmp"
  # As root the workers would run as `nobody`, which may not read a checkout under /root.
  if [[ "$(id -u)" -eq 0 ]]; then
    user="user root root;"
  fi
  rm -f "$prefix/fault-api.conf"
  if [[ -n "$fault_port" ]]; then
    sed -e "s|@FAULT_PORT@|$fault_port|g" \
      "$REPO_ROOT/nginx/fault-api.test.conf.template" >"$prefix/fault-api.conf"
    include="include $prefix/fault-api.conf;"
  fi
  awk -v listen="listen 127.0.0.1:$port;" -v root="root $dist;" -v include="$include" -v issuer="$issuer" '
    /^[[:space:]]*listen[[:space:]]/ { if (!seen_listen++) print "    " listen; next }
    /^[[:space:]]*root[[:space:]]/   { print "    " root; if (include != "") print "    " include; roots++; next }
    issuer != "" && /add_header Content-Security-Policy/ {
      if (sub(/connect-src '\''self'\'';/, "connect-src '\''self'\'' " issuer ";")) csp++
      print; next
    }
    { print }
    END { if (seen_listen < 1 || roots != 1 || (issuer != "" && csp != 1)) exit 1 }
  ' "$REPO_ROOT/nginx/pishkhan.conf" >"$prefix/pishkhan.conf" ||
    die "nginx/pishkhan.conf must have listen lines, exactly one root line and (for the sign-in tests) one CSP with connect-src 'self';"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@USER@|$user|" \
    "$REPO_ROOT/nginx/nginx-test.conf.template" >"$prefix/nginx.conf"
  run_quiet "nginx -t (config in $prefix)" nginx_cmd "$prefix" -t -q
  echo "$prefix"
}

# nginx_prepare_subpath PORT DIST SUBPATH: like nginx_prepare, for a build made with
# `--public-url SUBPATH` (e.g. /pishkhan/): serves DIST at http://127.0.0.1:PORT/SUBPATH the way
# docs/deploy.md ("Under a sub-path") tells operators to, derived from nginx/pishkhan.conf so the
# headers, cache map and MIME types stay the production ones. Only these lines change: `listen`,
# `root` (a directory holding DIST as SUBPATH), `location /` and its fallback (under SUBPATH, plus
# a redirect of SUBPATH without its slash), `location ^~ /api/` and the 400/414 `error_page` (under SUBPATH); the asset
# location and the map are unchanged. Fails if pishkhan.conf no longer has exactly those lines.
nginx_prepare_subpath() {
  local port="$1" dist="$2" sub="$3" prefix user="" site
  [[ "$sub" =~ ^/[A-Za-z0-9._-]+/$ ]] || die "sub-path must look like /name/ (got '$sub')"
  prefix="$REPO_ROOT/.cache/nginx-$port"
  site="$prefix/site"
  mkdir -p "$prefix/tmp" "$site"
  rm -f "$prefix/fault-api.conf" "$site/${sub//\//}"
  ln -s "$(realpath "$dist")" "$site/${sub//\//}"
  if [[ "$(id -u)" -eq 0 ]]; then
    user="user root root;"
  fi
  awk -v listen="listen 127.0.0.1:$port;" -v root="root $site;" -v base="$sub" '
    /^[[:space:]]*listen[[:space:]]/ { if (!seen_listen++) print "    " listen; next }
    /^[[:space:]]*root[[:space:]]/   { print "    " root; roots++; next }
    /^[[:space:]]*location \/ \{$/ {
      print "    location = " substr(base, 1, length(base) - 1) " { return 301 " base "; }"
      print "    location " base " {"; spa++; next
    }
    /^[[:space:]]*try_files \$uri \$uri\/index\.html \/app\.html;$/ {
      print "        try_files $uri $uri/index.html " base "app.html;"; fallback++; next
    }
    /^[[:space:]]*location \^~ \/api\/ \{$/ { print "    location ^~ " base "api/ {"; api++; next }
    /^[[:space:]]*error_page 400 414 \/app\.html;$/ { print "    error_page 400 414 " base "app.html;"; errors++; next }
    { print }
    END { if (seen_listen < 1 || roots != 1 || spa != 1 || fallback != 1 || api != 1 || errors != 1) exit 1 }
  ' "$REPO_ROOT/nginx/pishkhan.conf" >"$prefix/pishkhan.conf" ||
    die "nginx/pishkhan.conf must have listen lines and exactly one root, 'location / {', SPA try_files ('try_files \$uri \$uri/index.html /app.html;'), 'location ^~ /api/ {' and 'error_page 400 414 /app.html;' line (scripts/lib.sh, nginx_prepare_subpath)"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@USER@|$user|" \
    "$REPO_ROOT/nginx/nginx-test.conf.template" >"$prefix/nginx.conf"
  run_quiet "nginx -t (config in $prefix)" nginx_cmd "$prefix" -t -q
  echo "$prefix"
}

# nginx_cmd PREFIX ARGS...: nginx with the prepared config; -e keeps nginx from opening
# /var/log/nginx/error.log (not writable without root) before it reads the config.
nginx_cmd() {
  local prefix="$1"
  shift
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" "$@"
}
