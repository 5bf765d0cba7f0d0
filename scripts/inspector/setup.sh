#!/usr/bin/env bash
# Installs the pinned MCP Inspector (npm @modelcontextprotocol/inspector; its CLI is clients/cli/build/index.js) into
# the e2e cache, outside the project tree, for test/mcp/inspector.test.ts. Idempotent: skipped when the marker holds
# the pinned version; the marker is written only after the CLI ran, so an interrupted install is redone.
set -euo pipefail

INSPECTOR_VERSION=2.12.0
CACHE="${PAGERDUTY_E2E_CACHE:-$HOME/.cache/pagerduty-vscode}"
DIR="$CACHE/mcp-inspector"
MARKER="$DIR/.installed"
CLI="$DIR/node_modules/@modelcontextprotocol/inspector/clients/cli/build/index.js"

# shellcheck source=../pristine.sh
source "$(dirname "${BASH_SOURCE[0]}")/../pristine.sh"

log() { printf '[inspector-setup] %s\n' "$*"; }
fail() { printf '[inspector-setup] ERROR: %s\n' "$*" >&2; exit 1; }

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$INSPECTOR_VERSION" ] && [ -f "$CLI" ]; then
  log "inspector $INSPECTOR_VERSION already installed"
  exit 0
fi
log "installing @modelcontextprotocol/inspector@$INSPECTOR_VERSION into $DIR"
rm -rf "$DIR"
mkdir -p "$DIR"
echo '{"private":true}' > "$DIR/package.json"
# --ignore-scripts: only the CLI's JavaScript is used (no keyring or browser builds).
(cd "$DIR" && pristine npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
  "@modelcontextprotocol/inspector@$INSPECTOR_VERSION") || fail "npm install @modelcontextprotocol/inspector@$INSPECTOR_VERSION failed (is the npm registry reachable?)"
[ -f "$CLI" ] || fail "the inspector CLI is not at $CLI after install"
home=$(mktemp -d)
env -i PATH="$CLEAN_PATH" HOME="$home" node "$CLI" --help >/dev/null || fail "the installed inspector CLI does not run"
rm -rf "$home"
log "installed: $INSPECTOR_VERSION"
echo "$INSPECTOR_VERSION" > "$MARKER"
