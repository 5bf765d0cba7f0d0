#!/usr/bin/env bash
# Proves the repository tests on its own: clones the committed HEAD into a fresh folder with no ../shared beside it,
# runs `npm ci`, and runs the unit and MCP suites (after `npm run build`, as `npm test` does) with PagerDuty's OpenAPI spec downloaded (into an empty cache of
# the run's own) from a local mirror (scripts/spec-mirror.mjs) that serves a local copy at the pinned path.
# Usage, from the project root:  bash scripts/test-standalone.sh [spec file]
#   spec file: the copy to serve; default $PAGERDUTY_OPENAPI_SPEC, else ../shared/pagerduty-api/REST.openapiv3.json.
set -euo pipefail
proj=$(git rev-parse --show-toplevel)
spec=${1:-${PAGERDUTY_OPENAPI_SPEC:-$proj/../shared/pagerduty-api/REST.openapiv3.json}}
[ -f "$spec" ] || { echo "test-standalone: no spec to serve at $spec; pass a copy of reference/REST/openapiv3.json" >&2; exit 2; }
commit=$(sed -n "s/^  commit: '\([0-9a-f]\{40\}\)',$/\1/p" "$proj/test/simulator/openapi/source.ts")
[ -n "$commit" ] || { echo "test-standalone: no pinned commit found in test/simulator/openapi/source.ts" >&2; exit 2; }

work=$(mktemp -d /tmp/pd-standalone.XXXXXX)
git clone -q "$proj" "$work/repo"
[ ! -e "$work/shared" ] || { echo "test-standalone: $work/shared exists" >&2; exit 2; }
echo "test-standalone: clone of $(git -C "$proj" rev-parse --short HEAD) in $work/repo, no ../shared beside it"

node "$proj/scripts/spec-mirror.mjs" "$spec" "/api-schema/$commit/reference/REST/openapiv3.json" >"$work/mirror.log" &
mirror=$!
trap 'kill "$mirror" 2>/dev/null || true' EXIT
until grep -q '^listening ' "$work/mirror.log"; do kill -0 "$mirror" || exit 2; sleep 0.2; done
base="$(sed -n 's/^listening //p' "$work/mirror.log")/api-schema"

cd "$work/repo"
npm ci --no-audit --no-fund >"$work/npm-ci.log" 2>&1 || { tail -20 "$work/npm-ci.log"; exit 1; }
export PAGERDUTY_OPENAPI_MIRROR="$base" PAGERDUTY_OPENAPI_CACHE="$work/openapi-cache"
unset PAGERDUTY_OPENAPI_SPEC
rc=0
npm run test:unit >"$work/unit.log" 2>&1 || rc=1
# The MCP suite runs the bundled server (dist/), as `npm test` builds it before.
{ npm run build && npm run test:mcp; } >"$work/mcp.log" 2>&1 || rc=1
for suite in unit mcp; do echo "test-standalone: test:$suite $(grep -E '^. (tests|pass|fail|skipped) ' "$work/$suite.log" | tr '\n' ' ')"; done
echo "test-standalone: spec requests to the mirror: $(grep -c ' 200$' "$work/mirror.log") (then read from $PAGERDUTY_OPENAPI_CACHE)"
[ -f "$PAGERDUTY_OPENAPI_CACHE"/REST-*.json ] || { echo "test-standalone: the spec was never downloaded" >&2; rc=1; }
echo "test-standalone: logs in $work; exit $rc"
exit $rc
