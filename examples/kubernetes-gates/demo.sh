#!/bin/sh
# Reproduces the incident in a throwaway repository, then fixes it:
#   1. an unrelated v0.1.0 tag 284 commits back and a dirty tree → refused, with
#      gate-prealpha-set (NodeSwap does not exist at 0.1) and emulation-out-of-range (0.1 < 1.31);
#   2. the tree committed and the release tagged v1.33.0 → passes, and `stampguard gates` shows
#      NodeSwap as beta, default true, settable to false at 1.33;
#   3. what changes on the way to 1.34 (NodeSwap goes GA and locked: NodeSwap=false would be
#      refused there), and the timeline of every gate with v1.33.0 marked, as an SVG.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
guard=${STAMPGUARD:-"node $here/../../bin/stampguard.js"}
. "$here/../scratch-repo.sh"
cp "$here/versioned_feature_list.yaml" "$here/stampguard.config.json" .
echo 'package main' > main.go
git add -A
git commit -qm "import"
git tag v0.1.0            # the unrelated tag from a fork
i=0
while [ $i -lt 284 ]; do git commit -q --allow-empty -m "work $i"; i=$((i + 1)); done
echo '// local patch' >> main.go

echo "== 1. the incident's checkout"
if $guard check; then echo "expected a refusal" >&2; exit 1; fi
$guard check --json > report.json || true
grep -q '"gate-prealpha-set"' report.json
grep -q '"emulation-out-of-range"' report.json
rm report.json

echo "== 2. clean tree, correct release tag"
git commit -qam "commit the patch"
git tag -a v1.33.0 -m v1.33.0
$guard check
$guard gates

echo "== 3. the next release, seen ahead"
if $guard gates --changes 1.33..1.34; then echo "expected NodeSwap=false to be refused at 1.34" >&2; exit 1; fi
$guard gates --timeline --out gates.svg 2>&1
grep -q 'data-gate="NodeSwap"' gates.svg
echo "== done"
