#!/bin/sh
# release-it with stampguard in its hooks and stampguard's git hooks, in a throwaway repository
# with a local bare remote: an untracked file refused in before:init, a minor release refused in
# after:bump (a gate is locked at 1.1), then a patch release whose tag the tag hook checks.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../setup.sh"
cp "$here/.release-it.json" "$here/stampguard.config.json" .
echo '{ "name": "ri-demo", "version": "1.0.0", "private": true, "scripts": { "release": "release-it" } }' > package.json
install_stampguard
link_tool release-it release-it bin/release-it.js
node_modules/.bin/stampguard init >/dev/null
git add -A
git commit -qm "chore: initial"
git tag -a v1.0.0 -m v1.0.0
git push -q -u origin main --follow-tags
git commit -qm "feat: a feature" --allow-empty
git push -q
release() { npm run --silent release -- --ci --no-npm.publish "$@"; }
# release-it's task lines for stampguard's hooks in LOG (✔ passed, ✖ failed), without colours.
hooks() { sed "s/$(printf '\033')\[[0-9;]*m//g" "$aside/$1" | grep -E '^(✔|✖) stampguard'; }

echo "== an untracked file: before:init refuses, nothing is bumped"
echo draft > notes.txt
refused untracked.log release --increment patch
grep 'untracked-files' "$aside/untracked.log"
[ "$(node -p 'require("./package.json").version')" = 1.0.0 ]
rm notes.txt

echo "== a minor release: after:bump finds LegacyExport locked at 1.1.0; nothing committed or tagged"
head=$(git rev-parse HEAD)
refused gates.log release --increment minor
hooks gates.log
grep 'LegacyExport=false' "$aside/gates.log"
[ "$(git rev-parse HEAD)" = "$head" ] && [ "$(git tag -l)" = v1.0.0 ]
# release-it leaves its bump of package.json and package-lock.json behind
[ "$(node -p 'require("./package.json").version')" = 1.1.0 ]
git checkout -q -- .
[ -z "$(git status --porcelain)" ]

echo "== a patch release: commit, tag v1.0.1 (the tag hook checks it too), push"
release --increment patch >"$aside/release.log" 2>&1
hooks release.log
git log -1 --format='committed: %s'
echo "HEAD is tagged $(git describe --exact-match)"
[ "$(git ls-remote origin 'refs/tags/v1.0.1^{}' | cut -f1)" = "$(git rev-parse HEAD)" ]
git ls-remote --tags origin v1.0.1 | sed 's/.*refs\/tags\//remote has /'
echo "== done"
