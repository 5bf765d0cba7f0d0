# Sourced by the setup scripts that install one pinned npm package into the e2e cache, outside the project tree
# (scripts/cli/setup.sh, scripts/inspector/setup.sh). Idempotent: skipped when the marker holds the pinned version and
# the installed file is there; the marker is written only after the check ran, so an interrupted install is redone.
# shellcheck source=pristine.sh
source "$(dirname "${BASH_SOURCE[0]}")/pristine.sh"

# pinned_install <log tag> <package> <version> <dir> <file that must exist> <npm install flags…> -- <check command…>
# The check runs in a pristine environment with a throw-away HOME and prints the line logged as installed.
pinned_install() {
  local tag=$1 package=$2 version=$3 dir=$4 file=$5
  shift 5
  local flags=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  local marker="$dir/.installed"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$version" ] && [ -e "$file" ]; then
    printf '[%s] %s %s already installed\n' "$tag" "$package" "$version"
    return 0
  fi
  printf '[%s] installing %s@%s into %s\n' "$tag" "$package" "$version" "$dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"private":true}' > "$dir/package.json"
  (cd "$dir" && pristine npm install --no-audit --no-fund --loglevel=error "${flags[@]}" "$package@$version") ||
    { printf '[%s] ERROR: npm install %s@%s failed (is the npm registry reachable?)\n' "$tag" "$package" "$version" >&2; return 1; }
  [ -e "$file" ] || { printf '[%s] ERROR: %s is missing after install\n' "$tag" "$file" >&2; return 1; }
  local home out
  home=$(mktemp -d)
  out=$(env -i PATH="$CLEAN_PATH" HOME="$home" "$@") || { rm -rf "$home"; printf '[%s] ERROR: the installed %s does not run\n' "$tag" "$package" >&2; return 1; }
  rm -rf "$home"
  printf '[%s] installed: %s\n' "$tag" "${out:-$version}"
  echo "$version" > "$marker"
}
