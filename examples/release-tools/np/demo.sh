#!/bin/sh
# np with stampguard in the preversion script, in a throwaway repository with a local bare remote:
# `np --any-branch` from a branch outside "branches" refused before anything is bumped, then a
# release from main. Offline: --no-publish --yolo --no-release-draft (see README.md).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../setup.sh"
cp "$here/package.json" .
install_stampguard
link_tool np np source/cli.js
git add -A
git commit -qm "initial"
git tag -a v1.0.0 -m v1.0.0
git push -q -u origin main --follow-tags
git commit -qm "a feature" --allow-empty
git push -q
np() { NO_UPDATE_NOTIFIER=1 node_modules/.bin/np "$@" --no-publish --yolo --no-release-draft </dev/null; }

echo "== np minor --any-branch on a branch outside \"branches\": preversion refuses, nothing is bumped"
git switch -q -c experiment
refused branch.log np minor --any-branch
grep 'branch-not-allowed' "$aside/branch.log"
[ "$(git tag -l)" = v1.0.0 ] && git diff --quiet
git switch -q main

echo "== np minor on main: npm version commits and tags v1.1.0, np pushes"
np minor >"$aside/release.log" 2>&1
grep '^> stampguard' "$aside/release.log"
grep -o 'stampguard: pre-release check passed.*' "$aside/release.log"
echo "HEAD is tagged $(git describe --exact-match)"
[ "$(git ls-remote origin 'refs/tags/v1.1.0^{}' | cut -f1)" = "$(git rev-parse HEAD)" ]
git ls-remote --tags origin v1.1.0 | sed 's/.*refs\/tags\//remote has /'
echo "== done"
