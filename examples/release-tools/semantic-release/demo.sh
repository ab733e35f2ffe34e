#!/bin/sh
# semantic-release with stampguard/semantic-release, in a throwaway repository with a local bare
# remote: a dry run that passes, an untracked file refused in verifyConditions, a real release,
# then a feature release refused in verifyRelease because a gate is locked at its version.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../setup.sh"
cp "$here/.releaserc.json" "$here/stampguard.config.json" .
# semantic-release projects keep a placeholder version; the npm plugin writes the real one.
echo '{ "name": "sr-demo", "version": "0.0.0-development", "private": true }' > package.json
install_stampguard
link_tool semantic-release semantic-release bin/semantic-release.js
git add -A
git commit -qm "chore: initial"
git tag v1.0.0
git push -q -u origin main --tags
release() { node_modules/.bin/semantic-release --no-ci --repository-url "$remote" "$@"; }
said() { sed -n 's/.*\(stampguard: .*\)/\1/p; s/.*✘  \([a-z-]* .*\)/\1/p' "$aside/$1"; }

echo "== fix: a dry run passes both steps, at the next version 1.0.1"
git commit -q --allow-empty -m "fix: a fix"
git push -q
release --dry-run >"$aside/pass.log" 2>&1
said pass.log

echo "== an untracked file: refused in verifyConditions"
echo draft > notes.txt
refused untracked.log release --dry-run
grep -q 'Failed step "verifyConditions" of plugin "stampguard/semantic-release"' "$aside/untracked.log"
said untracked.log
rm notes.txt

echo "== the release: tag v1.0.1 pushed, then the npm plugin writes 1.0.1 into package.json"
release >"$aside/release.log" 2>&1
# In the order of the log: the tag checks pass before the npm plugin writes the version.
sed -n 's/.*\(stampguard: .*\)/\1/p; s/.*\(Write version [^ ]* to package.json\).*/\1/p' "$aside/release.log"
[ "$(git ls-remote origin refs/tags/v1.0.1 | cut -f1)" = "$(git rev-parse HEAD)" ]
git ls-remote --tags origin v1.0.1 | sed 's/.*refs\/tags\//remote has /'
echo "package.json says $(node -p 'require("./package.json").version')"
git checkout -q -- .  # package.json and package-lock.json

echo "== feat: 1.1.0 reaches the LegacyExport lock, refused in verifyRelease"
git commit -q --allow-empty -m "feat: a feature"
git push -q
refused gates.log release --dry-run
grep -q 'Failed step "verifyRelease" of plugin "stampguard/semantic-release"' "$aside/gates.log"
said gates.log
echo "== done"
