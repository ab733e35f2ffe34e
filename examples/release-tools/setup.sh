# Sourced by the release-tool demos (after they set $here): a throwaway repository (the shell ends
# up inside it) with a bare remote `origin` next to it, stampguard and husky installed, and the
# release tool linked from this checkout's devDependencies, so the tool needs no registry.
# STAMPGUARD_PACKAGE: what to install as stampguard (a tarball or a folder; default: this checkout).
checkout=$(cd "$here/../../.." && pwd)
case ${STAMPGUARD_PACKAGE:-} in '' | /*) ;; *) STAMPGUARD_PACKAGE=$(pwd)/$STAMPGUARD_PACKAGE ;; esac
. "$checkout/examples/scratch-repo.sh"
# Outside the work tree: the bare remote and the tools' logs (a log inside would be an untracked file).
aside=$(mktemp -d)
trap 'rm -rf "$work" "$aside"' EXIT
remote="file://$aside/remote.git"
git init -q --bare -b main "$aside/remote.git"
git remote add origin "$remote"
printf 'node_modules\n' > .gitignore

# install_stampguard: stampguard and husky as a user installs them (package.json must exist).
install_stampguard() {
  npm install --no-audit --no-fund --prefer-offline --loglevel=error --save-dev "${STAMPGUARD_PACKAGE:-$checkout}" husky@9 >/dev/null
}

# link_tool PACKAGE NAME FILE: the release tool from this checkout's node_modules, and its bin NAME.
link_tool() {
  if [ ! -d "$checkout/node_modules/$1" ]; then
    echo "$1 is not installed in $checkout: run npm ci there first" >&2
    exit 1
  fi
  mkdir -p "node_modules/$(dirname "$1")" node_modules/.bin
  ln -s "$checkout/node_modules/$1" "node_modules/$1"
  ln -s "../$1/$3" "node_modules/.bin/$2"
}

# refused LOG COMMAND...: runs a command that must fail; its output goes to LOG (under $aside).
refused() {
  log="$aside/$1"
  shift
  if "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "expected a refusal: $*" >&2
    exit 1
  fi
}
