#!/usr/bin/env bash
# The step behind action.yml: runs the guard with GitHub annotations, and on success writes the
# version (bare semver: 2.0.0, never @acme/web@2.0.0 or v2.0.0) to $GITHUB_OUTPUT.
# The project's own stampguard runs, so its lockfile pins the version: node_modules/.bin in the
# working directory or any folder above it up to the repository root (a workspace installs it at
# its root), or Yarn Plug'n'Play's install found through .pnp.cjs. Only when there is none does it
# run the requested version from the npm registry.
set -uo pipefail

find_guard() {
  local dir top entry
  top=$(git rev-parse --show-toplevel 2>/dev/null) || top=$PWD
  dir=$PWD
  while :; do
    if [ -x "$dir/node_modules/.bin/stampguard" ]; then
      guard=("$dir/node_modules/.bin/stampguard")
      return
    fi
    if [ -f "$dir/.pnp.cjs" ]; then
      entry=$(cd "$dir" && node -e 'const api = require(process.argv[1]); const f = api.resolveRequest("stampguard/bin/stampguard.js", process.cwd() + "/"); if (f) process.stdout.write(f)' "$dir/.pnp.cjs" 2>/dev/null) || entry=
      if [ -n "$entry" ]; then
        guard=(node --require "$dir/.pnp.cjs")
        [ -f "$dir/.pnp.loader.mjs" ] && guard+=(--experimental-loader "file://$dir/.pnp.loader.mjs")
        guard+=("$entry")
        return
      fi
    fi
    if [ "$dir" = "$top" ] || [ "$dir" = / ]; then break; fi
    dir=$(dirname "$dir")
  done
  echo "stampguard: not installed in this project; running stampguard@${INPUT_STAMPGUARD_VERSION:-latest} from the npm registry" >&2
  guard=(npx --yes "stampguard@${INPUT_STAMPGUARD_VERSION:-latest}")
}

find_guard
mode=${INPUT_MODE:-release}
args=(--mode "$mode")
[ -n "${INPUT_TAG:-}" ] && args+=(--tag "$INPUT_TAG")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
fetch=()
[ "${INPUT_FETCH:-false}" = true ] && fetch=(--fetch)
"${guard[@]}" check --format github "${args[@]}" ${fetch[@]+"${fetch[@]}"}
code=$?
out=${GITHUB_OUTPUT:-/dev/null}
if [ "$code" -eq 0 ]; then
  echo "ok=true" >> "$out"
  # The version the check decided on (the report's version.stamp): the tag's version without its
  # prefix in tag mode, the release version in release mode.
  version=$("${guard[@]}" check --json "${args[@]}" | node -e '
    let text = "";
    process.stdin.on("data", (d) => (text += d)).on("end", () => {
      try { process.stdout.write(JSON.parse(text).version.stamp ?? ""); } catch {}
    });') || version=
  echo "version=$version" >> "$out"
else
  echo "ok=false" >> "$out"
  echo "version=" >> "$out"
fi
exit "$code"
