// The POSIX-sh pieces every generated hook script shares: quoting, and the launcher that starts
// stampguard's CLI the way the project's package manager installed it. Hook scripts are sh so
// that git's most frequent hook calls (a commit, a rebase step, a fetched tag) never start node.

/** How the hooks start stampguard in this checkout, decided by `install-hooks` at install time. */
export interface Runtime {
  /**
   * node arguments before the entry: Yarn Plug'n'Play's require hook and ESM loader, else none.
   * An argument starting with "{root}/" is a path from the work tree root.
   */
  nodeArgs: readonly string[];
  /** The CLI entry script, relative to the work tree root or absolute (inside a zip under PnP). */
  entry: string;
  /** The file whose absence means stampguard is no longer installed: the entry, or the zip holding it. */
  probe: string;
  /** The node the package manager ran at install time: used when a hook finds no node on PATH. */
  node: string | null;
  /** The command that installs the project's dependencies, for messages ("npm install", "yarn"). */
  install: string;
}

/** The runtime of a plain node_modules install at the work tree root. */
export const NODE_MODULES_RUNTIME: Runtime = {
  nodeArgs: [],
  entry: 'node_modules/stampguard/bin/stampguard.js',
  probe: 'node_modules/stampguard/bin/stampguard.js',
  node: null,
  install: 'npm install',
};

/** One word for sh: single-quoted, with embedded quotes closed and reopened. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * sh functions:
 * - `sg_start CLOSED ARGS…` execs stampguard with ARGS (stdin passed on). When stampguard is no
 *   longer installed it prints one line and returns 0; when no node can be found it prints one
 *   line and returns CLOSED (0: the hook lets the operation through, 1: it refuses).
 * node is looked up on PATH, then after sourcing husky's ~/.config/husky/init.sh (where users put
 * nvm and PATH set-up for git GUIs), then as the node that ran the install.
 */
export function launcher(runtime: Runtime, what: string): string {
  // "{root}/x" arguments are paths from the work tree root (Yarn's .pnp.cjs), found at run time.
  const nodeArgs = runtime.nodeArgs
    .map((arg) => (arg.startsWith('{root}/') ? `"$sg_root"/${shQuote(arg.slice('{root}/'.length))}` : shQuote(arg)))
    .join(' ');
  return `sg_entry=${shQuote(runtime.entry)}
sg_probe=${shQuote(runtime.probe)}
sg_install_node=${shQuote(runtime.node ?? '')}
sg_start() {
  sg_closed=$1
  shift
  # Relative paths are from the work tree root, where git runs hooks; with an absolute
  # core.hooksPath the current directory may be elsewhere, so ask git.
  sg_root=.
  [ -e .git ] || sg_root=$(git rev-parse --show-toplevel 2>/dev/null) || sg_root=.
  case $sg_probe in /*) sg_file=$sg_probe ;; *) sg_file=$sg_root/$sg_probe ;; esac
  case $sg_entry in /*) sg_main=$sg_entry ;; *) sg_main=$sg_root/$sg_entry ;; esac
  if [ ! -e "$sg_file" ]; then
    echo "stampguard: not installed here ($sg_file is missing), so ${what} not checked. Run ${runtime.install}, or remove stampguard's hooks: npx stampguard uninstall" >&2
    return 0
  fi
  if ! command -v node >/dev/null 2>&1; then
    sg_init=\${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh
    # shellcheck disable=SC1090
    [ -f "$sg_init" ] && . "$sg_init"
  fi
  if command -v node >/dev/null 2>&1; then
    sg_node=node
  elif [ -n "$sg_install_node" ] && [ -x "$sg_install_node" ]; then
    sg_node=$sg_install_node
  else
    if [ "$sg_closed" = 0 ]; then sg_verdict='let through unchecked'; else sg_verdict='refused'; fi
    echo "stampguard: node is not on PATH in this git hook (git GUIs and nvm start hooks without your shell's PATH), so ${what} \${sg_verdict}. Put node on PATH in ~/.config/husky/init.sh (see Troubleshooting in stampguard's README), or skip once with STAMPGUARD=0." >&2
    return "$sg_closed"
  fi
  exec "$sg_node" ${nodeArgs}${nodeArgs ? ' ' : ''}"$sg_main" "$@"
}`;
}
