#!/bin/sh
# A plain npm package with stampguard's hooks and release scripts, in a throwaway repository.
# STAMPGUARD_PACKAGE: what to install as stampguard (a tarball or a folder; default: this checkout).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
package=${STAMPGUARD_PACKAGE:-$(cd "$here/../.." && pwd)}
. "$here/../scratch-repo.sh"
cp "$here/package.json" "$here/index.js" .
printf 'node_modules\n' > .gitignore
npm install --no-audit --no-fund --prefer-offline --loglevel=error --save-dev "$package" husky@9 >/dev/null
node_modules/.bin/stampguard init
git add -A
git commit -qm "my-library 1.0.0"

echo "== a tag on a dirty tree is refused, and no tag is left behind"
echo "// wip" >> index.js
if git tag -a v1.0.0 -m v1.0.0 2>tag.log; then echo "expected the tag to be refused" >&2; exit 1; fi
grep -q dirty-tree tag.log && rm tag.log
[ -z "$(git tag -l)" ]
git checkout -- index.js

echo "== a lightweight tag is refused (requireAnnotatedTag)"
if git tag v1.0.0 2>/dev/null; then echo "expected a refusal" >&2; exit 1; fi

echo "== npm version minor: commit, annotated tag v1.1.0, release check"
git tag -a v1.0.0 -m v1.0.0
npm version minor --loglevel=error
[ "$(git describe --tags --exact-match)" = v1.1.0 ]

echo "== npm publish from a dirty tree is stopped by prepublishOnly"
echo "// wip" >> index.js
if npm publish --dry-run --loglevel=error >publish.log 2>&1; then echo "expected publish to be stopped" >&2; exit 1; fi
grep -q dirty-tree publish.log
echo "== done"
