#!/bin/sh
# Walks through a release with stampguard in a throwaway repository. Exits non-zero if any step
# does not behave as described in README.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
guard=${STAMPGUARD:-"node $here/../../bin/stampguard.js"}
. "$here/../scratch-repo.sh"

echo '{ "name": "demo", "version": "1.0.0" }' > package.json
git add package.json
git commit -qm "release 1.0.0"
git tag -a v1.0.0 -m v1.0.0

echo "== 1. clean checkout on v1.0.0"
version=$($guard version)
echo "stampguard version → $version"
[ "$version" = "1.0.0" ]

echo "== 2. one commit later, with a local edit"
echo 'console.log("hi")' > index.js
git add index.js
git commit -qm "work in progress"
echo '// edit' >> index.js
if $guard check; then echo "expected a refusal" >&2; exit 1; fi
echo "development build would be: $($guard version --dev)"

echo "== 3. committed, bumped and tagged v1.1.0"
git commit -qam "finish"
echo '{ "name": "demo", "version": "1.1.0" }' > package.json
git commit -qam "release 1.1.0"
$guard check --tag v1.1.0 >/dev/null
git tag -a v1.1.0 -m v1.1.0
$guard check
[ "$($guard version)" = "1.1.0" ]
echo "== done"
