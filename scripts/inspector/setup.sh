#!/usr/bin/env bash
# Installs the pinned MCP Inspector (npm @modelcontextprotocol/inspector; its CLI is clients/cli/build/index.js) into
# the e2e cache, outside the project tree, for test/mcp/inspector.test.ts.
set -euo pipefail

INSPECTOR_VERSION=2.12.0
CACHE="${PAGERDUTY_E2E_CACHE:-$HOME/.cache/pagerduty-vscode}"
DIR="$CACHE/mcp-inspector"
CLI="$DIR/node_modules/@modelcontextprotocol/inspector/clients/cli/build/index.js"

# shellcheck source=../pinned-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/../pinned-install.sh"
# --ignore-scripts: only the CLI's JavaScript is used (no keyring or browser builds).
pinned_install inspector-setup @modelcontextprotocol/inspector "$INSPECTOR_VERSION" "$DIR" "$CLI" --ignore-scripts -- node "$CLI" --version
