# Sourced by scripts that run a nested `npm install` (scripts/e2e/setup.sh, scripts/pinned-install.sh, scripts/node-from-npm.sh).
# Nested installs run in a pristine environment: an outer `npm test` / `npm start` (Node 20) exports npm_config_*,
# npm_* and node_modules/.bin entries on PATH, and code-server's postinstall reads the Node version from
# npm_config_user_agent, so it refused to install under Node 24 on every fresh machine.
CLEAN_PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/node_modules/\.bin' -e '/node-gyp-bin' | paste -sd: -)
# The machine's own npm config (its CA bundle, registry, proxy) is named on purpose: npm looks for it under its prefix,
# which follows --prefix and the running node (Node 24 here), so a nested install would not find it by itself.
# Asked only when an install runs, so a warm cache costs no npm start.
pristine() {
  local globalconfig
  globalconfig=$(npm config get globalconfig)
  env -i PATH="$CLEAN_PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" npm_config_globalconfig="$globalconfig" \
    ${TMPDIR:+TMPDIR="$TMPDIR"} ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"} \
    ${HTTPS_PROXY:+HTTPS_PROXY="$HTTPS_PROXY"} ${HTTP_PROXY:+HTTP_PROXY="$HTTP_PROXY"} ${NO_PROXY:+NO_PROXY="$NO_PROXY"} \
    "$@"
}
