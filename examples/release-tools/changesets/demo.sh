#!/bin/sh
# changesets in an npm workspace of three packages, in a throwaway repository with a local bare
# remote: `changeset version`, then a release guarded by stampguard (the tree, then each package's
# next tag with its own tagPrefix) before `changeset publish` makes the per-package tags.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../setup.sh"
cp -R "$here/workspace/." .
install_stampguard
link_tool @changesets/cli changeset bin.js
git add -A
git commit -qm "initial"
for p in a b c; do git tag -a "@acme/$p@1.0.0" -m "@acme/$p@1.0.0"; done
git push -q -u origin main --follow-tags
cat > .changeset/brave-cats.md <<'MD'
---
"@acme/a": minor
"@acme/b": patch
---

A feature in a, a fix in b.
MD
git add -A
git commit -qm "a changeset"

echo "== changeset version: a → 1.1.0, b → 1.0.1"
node_modules/.bin/changeset version >/dev/null

echo "== the bump is not committed yet: the guard refuses, nothing is tagged"
refused dirty.log npm run release
grep -E 'dirty-tree|untracked-files' "$aside/dirty.log"
[ "$(git tag -l | wc -l)" -eq 3 ]

echo "== committed: each released package's tag is checked, then changeset publish tags them"
git add -A
git commit -qm "Version packages"
npm run release >"$aside/release.log" 2>&1
grep -E '^> @acme/|check passed|New tag' "$aside/release.log"
for tag in @acme/a@1.1.0 @acme/b@1.0.1; do
  [ "$(git rev-parse "$tag^{commit}")" = "$(git rev-parse HEAD)" ]
  file=packages/$(echo "$tag" | sed 's/^@acme\/\([a-z]*\)@.*/\1/')/package.json
  echo "$tag is at HEAD, where $file says $(git show "$tag:$file" | sed -n 's/^ *"version": "\(.*\)",$/\1/p')"
done
git push -q --follow-tags
git ls-remote --tags origin | sed -n 's/.*refs\/tags\/\(@acme\/[a-c]@[0-9.]*\)$/remote has \1/p'
echo "== done"
