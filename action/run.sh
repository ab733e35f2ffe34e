#!/usr/bin/env bash
# The step behind action.yml: runs the guard with GitHub annotations, and on success writes the
# version to $GITHUB_OUTPUT. Prefers the project's own stampguard so the version is pinned by its
# lockfile; otherwise runs the requested version from the npm registry.
set -uo pipefail
if [ -x node_modules/.bin/stampguard ]; then
  guard=(node_modules/.bin/stampguard)
else
  guard=(npx --yes "stampguard@${INPUT_STAMPGUARD_VERSION:-latest}")
fi
args=(check --format github --mode "${INPUT_MODE:-release}")
[ -n "${INPUT_TAG:-}" ] && args+=(--tag "$INPUT_TAG")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ "${INPUT_FETCH:-false}" = true ] && args+=(--fetch)
"${guard[@]}" "${args[@]}"
code=$?
out=${GITHUB_OUTPUT:-/dev/null}
if [ "$code" -eq 0 ]; then
  echo "ok=true" >> "$out"
  if [ "${INPUT_MODE:-release}" = release ]; then
    version=$("${guard[@]}" version ${INPUT_CONFIG:+--config "$INPUT_CONFIG"}) || version=
    echo "version=$version" >> "$out"
  else
    echo "version=${INPUT_TAG#v}" >> "$out"
  fi
else
  echo "ok=false" >> "$out"
  echo "version=" >> "$out"
fi
exit "$code"
