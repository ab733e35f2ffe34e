# Sourced by the examples' demo.sh scripts: an empty git repository in a temporary folder, with an
# identity and no signing, removed when the demo exits. The demo's shell ends up inside it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q -b main .
git config user.name Demo
git config user.email demo@example.com
git config commit.gpgsign false
git config tag.gpgsign false
