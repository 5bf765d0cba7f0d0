#!/usr/bin/env bash
# Installs the pinned GitHub Copilot CLI (npm @github/copilot; its native binary ships in a platform package) into
# the e2e cache, outside the project tree, for test/cli.
set -euo pipefail

COPILOT_VERSION=1.0.102
CACHE="${PAGERDUTY_E2E_CACHE:-$HOME/.cache/pagerduty-vscode}"
DIR="$CACHE/copilot-cli"
BIN="$DIR/node_modules/.bin/copilot"

# shellcheck source=../pinned-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../pinned-install.sh"
pinned_install cli-setup @github/copilot "$COPILOT_VERSION" "$DIR" "$BIN" -- env COPILOT_OFFLINE=true COPILOT_AUTO_UPDATE=false "$BIN" --version
