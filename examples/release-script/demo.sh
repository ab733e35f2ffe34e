#!/bin/sh
# Runs build.sh in a throwaway repository: refused when not on a release tag, a development build
# with --dev, and a release build once tagged.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export STAMPGUARD=${STAMPGUARD:-"node $here/../../bin/stampguard.js"}
. "$here/../scratch-repo.sh"
cp "$here/build.sh" .
printf 'build/\n' > .gitignore
echo '{ "name": "app", "version": "2.0.0" }' > package.json
git add -A
git commit -qm "app 2.0.0"

echo "== no tag yet: the release build is refused and nothing is stamped"
if sh build.sh 2>refused.log; then echo "expected a refusal" >&2; exit 1; fi
grep -q no-tag refused.log && rm refused.log
[ ! -e build/version.json ]

echo "== a development build"
sh build.sh --dev
grep -q '"release": false' build/version.json

echo "== tagged v2.0.0: the release build"
git tag -a v2.0.0 -m v2.0.0
SOURCE_DATE_EPOCH=1700000000 sh build.sh
grep -q '"version": "2.0.0"' build/version.json
grep -q '"buildDate": "2023-11-14T22:13:20Z"' build/version.json
echo "== done"
