#!/usr/bin/env bash
# Installs the pinned GitHub Copilot CLI (npm @github/copilot; its native binary ships in a platform package) into
# the e2e cache, outside the project tree, for test/cli. Idempotent: skipped when the marker holds the pinned version;
# the marker is written only after the binary ran, so an interrupted install is redone.
set -euo pipefail

COPILOT_VERSION=1.0.102
CACHE="${PAGERDUTY_E2E_CACHE:-$HOME/.cache/pagerduty-vscode}"
DIR="$CACHE/copilot-cli"
MARKER="$DIR/.installed"
BIN="$DIR/node_modules/.bin/copilot"

# shellcheck source=../pristine.sh
source "$(dirname "${BASH_SOURCE[0]}")/../pristine.sh"

log() { printf '[cli-setup] %s\n' "$*"; }
fail() { printf '[cli-setup] ERROR: %s\n' "$*" >&2; exit 1; }

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$COPILOT_VERSION" ] && [ -x "$BIN" ]; then
  log "copilot $COPILOT_VERSION already installed"
  exit 0
fi
log "installing @github/copilot@$COPILOT_VERSION into $DIR"
rm -rf "$DIR"
mkdir -p "$DIR"
echo '{"private":true}' > "$DIR/package.json"
(cd "$DIR" && pristine npm install --no-audit --no-fund --loglevel=error \
  "@github/copilot@$COPILOT_VERSION") || fail "npm install @github/copilot@$COPILOT_VERSION failed (is the npm registry reachable?)"
[ -x "$BIN" ] || fail "copilot not found at $BIN after install"
home=$(mktemp -d)
v=$(env -i PATH="$CLEAN_PATH" HOME="$home" COPILOT_OFFLINE=true COPILOT_AUTO_UPDATE=false "$BIN" --version) \
  || fail "the installed copilot does not run"
rm -rf "$home"
log "installed: $v"
echo "$COPILOT_VERSION" > "$MARKER"
