// The reference-transaction hook: the only hook git runs for `git tag` (there is no pre-tag hook).
// git runs it for every ref update, twice per transaction ("prepared", then "committed"): twice per
// commit, ~200 times in a 20-commit rebase, once per fetched tag on git 2.39 without --atomic. So it
// is a POSIX-sh pre-filter that starts node only for a real local tag creation. It lives in husky's
// generated folder (.husky/_/), which husky itself does not fill for this hook, and is re-created by
// `stampguard install-hooks` from the prepare script.
//
// Order (githooks(5) "reference-transaction"; git.c handle_options for the command line):
// 1. Act only in the "prepared" state: "committed", "aborted" and states newer git adds exit 0.
//    HUSKY=0 exits silently, as husky's own hooks do.
// 2. Which git command is updating refs? Decided from the parent process (git itself) before the
//    input is read beyond a bounded look, so a fetch, clone, gc or pack-refs of 20,000 tags costs
//    one decision, and git ignores the unread input (it tolerates EPIPE from hooks).
//    - Fast path, no process started: the parent's command line (read without its NUL separators)
//      starts with git + "fetch" and the parent holds this repository's FETCH_HEAD open. A plain
//      fetch on git 2.39 runs this hook once per tag, so this is what keeps it cheap.
//    - Then at most five lines of input are read by the shell: a short transaction that creates no
//      tag (a commit, a rebase step, each loose-ref deletion of pack-refs) ends without a process.
//    - Otherwise the command line is split at its NULs (/proc/PID/cmdline; `ps -o args=` where there
//      is no /proc, split at spaces), git's global options are skipped exactly as git.c does, and the
//      first other word is the subcommand; an alias is resolved with `git config alias.NAME` (which
//      sees `git -c alias.x=…` through GIT_CONFIG_PARAMETERS). Words after the subcommand (a tag
//      message, a branch named "fetch") are never looked at.
//    - fetch, pull, clone, remote, gc, pack-refs, maintenance, receive-pack, fast-import and refs
//      bring or repack refs someone else made: they pass. Any other command, an unknown global
//      option, a shell alias or an alias that cannot be read: the tags are checked (fails closed).
//    - Where the parent cannot be read at all (no /proc and no usable ps, or the parent is PID 1,
//      as for git.exe under Git for Windows' sh), tags pass with a one-line notice: failing closed
//      there would run the check for every fetched tag. pre-push still checks tags that are pushed.
// 3. Then the rest of the input, in one linear pass, until the first tag creation or move (new value
//    not all zeros, different from the old one): the shell reads the first 100 lines, grep the rest.
//    None: exit 0. STAMPGUARD=0: a notice, exit 0.
// 4. node gets that line and the rest of the input; it decides per tag (release tags only, the
//    same commit re-pointed, the tag checks).

import { launcher, NODE_MODULES_RUNTIME, type Runtime, shQuote } from './shell.js';

export const PREFILTER_MARKER = '# stampguard reference-transaction pre-filter';
export const PREFILTER_VERSION = 2;

/** git commands whose ref updates are tags someone else made, or repacking: never checked. */
export const PASSING_COMMANDS = [
  'fetch',
  'pull',
  'clone',
  'remote',
  'gc',
  'pack-refs',
  'maintenance',
  'receive-pack',
  'fast-import',
  'refs',
] as const;

/**
 * Builtins that update refs and are checked. git never lets an alias shadow a builtin, so these skip
 * the alias lookup; a name not listed is looked up as an alias (one `git config` call).
 */
const CHECKED_BUILTINS = [
  'tag',
  'update-ref',
  'commit',
  'merge',
  'rebase',
  'cherry-pick',
  'revert',
  'reset',
  'checkout',
  'switch',
  'branch',
  'stash',
  'am',
  'push',
  'send-pack',
  'notes',
  'replace',
  'worktree',
  'bisect',
  'symbolic-ref',
  'restore',
];

// git.c handle_options (2.39, plus options of newer versions): options that take the next argument,
// options written with "=", and options without a value. Anything else starting with "-" stops the parse.
const OPTIONS_WITH_VALUE = [
  '-c',
  '-C',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--super-prefix',
  '--config-env',
  '--shallow-file',
  '--attr-source',
];
const OPTIONS_WITH_EQUALS = [
  '--git-dir=*',
  '--work-tree=*',
  '--namespace=*',
  '--super-prefix=*',
  '--config-env=*',
  '--exec-path=*',
  '--attr-source=*',
];
const FLAGS = [
  '-p',
  '--paginate',
  '-P',
  '--no-pager',
  '--no-replace-objects',
  '--bare',
  '--literal-pathspecs',
  '--no-literal-pathspecs',
  '--glob-pathspecs',
  '--noglob-pathspecs',
  '--icase-pathspecs',
  '--no-optional-locks',
  '--no-lazy-fetch',
  '--no-advice',
];

export interface PrefilterOptions {
  /** How to start stampguard (default: node_modules at the work tree root). */
  runtime?: Runtime;
  /** Where /proc is; tests point it at a stand-in. */
  proc?: string;
}

const SOH = '\u0001';

export function prefilterScript(options: PrefilterOptions = {}): string {
  const proc = options.proc ?? '/proc';
  const runtime = options.runtime ?? NODE_MODULES_RUNTIME;
  return `#!/bin/sh
${PREFILTER_MARKER} v${PREFILTER_VERSION}. Generated by stampguard; "npx stampguard install-hooks"
# re-creates it (the prepare script runs that). Edits here are overwritten. How it decides: the
# comments at the top of src/hooks/prefilter.ts in the stampguard package.
[ "$1" = prepared ] || exit 0
[ "\${HUSKY-}" = 0 ] && exit 0
sg_proc=${shQuote(proc)}
sg_soh='${SOH}' # one U+0001 character: the argument separator below

# 2a. A fetch, recognised without starting a process ([ -ef ] is in every sh git runs hooks with;
# where it is not, the test fails and the exact parse below decides).
for sg_fd in "$sg_proc/$PPID"/fd/*; do
  if [ -z "\${sg_fetch_head-}" ]; then
    if [ -n "\${GIT_DIR-}" ]; then
      sg_fetch_head=$GIT_DIR/FETCH_HEAD
    elif [ -f .git ]; then
      IFS= read -r sg_fetch_head < .git || :
      sg_fetch_head=\${sg_fetch_head#gitdir: }/FETCH_HEAD
    elif [ -d .git ]; then
      sg_fetch_head=.git/FETCH_HEAD
    else
      sg_fetch_head=FETCH_HEAD
    fi
  fi
  # shellcheck disable=SC3013
  if [ "$sg_fd" -ef "$sg_fetch_head" ]; then
    sg_line=
    IFS= read -r sg_line < "$sg_proc/$PPID/cmdline" || :
    case $sg_line in gitfetch*|*/gitfetch*) exit 0 ;; esac
    break
  fi
done

# 2b. A short look at the input first: a transaction of at most five lines with no tag created in
# it (a commit, a rebase step, each loose-ref deletion of pack-refs) ends here without a process.
sg_tag=
sg_count=0
sg_more=
# shellcheck disable=SC2034
while read -r sg_old sg_new sg_ref sg_rest; do
  sg_count=$((sg_count + 1))
  case $sg_ref in
    refs/tags/?*)
      case $sg_new in
        *[!0]*) [ "$sg_old" = "$sg_new" ] || { sg_tag="$sg_old $sg_new $sg_ref"; sg_more=yes; break; } ;;
      esac ;;
  esac
  [ "$sg_count" -lt 5 ] || { sg_more=yes; break; }
done
[ -n "$sg_more" ] || exit 0

# 2c. The parent's command line, one argument per field.
sg_args=
sg_sep=$sg_soh
if [ "$PPID" = 1 ]; then
  :
elif [ -f "$sg_proc/$PPID/cmdline" ] && [ -r "$sg_proc/$PPID/cmdline" ]; then
  sg_args=$(tr '\\000\\001' '\\001\\002' < "$sg_proc/$PPID/cmdline" 2>/dev/null) || sg_args=
fi
if [ -z "$sg_args" ] && [ "$PPID" != 1 ]; then
  # No /proc (macOS, BSD): ps joins the arguments with spaces, so split at spaces.
  sg_args=$(ps -ww -o args= -p "$PPID" 2>/dev/null) || sg_args=
  [ -n "$sg_args" ] || sg_args=$(ps -o args= -p "$PPID" 2>/dev/null) || sg_args=
  sg_sep=' '
fi
sg_cmd=
sg_known=yes
if [ -z "$sg_args" ]; then
  sg_known=no
else
  sg_ifs=$IFS
  IFS=$sg_sep
  set -f
  # shellcheck disable=SC2086
  set -- $sg_args
  set +f
  IFS=$sg_ifs
  sg_a0=\${1##*/}
  sg_a0=\${sg_a0%.exe}
  shift
  case $sg_a0 in
    git-*) sg_cmd=\${sg_a0#git-} ;;
    *)
      while [ $# -gt 0 ]; do
        case $1 in
          ${OPTIONS_WITH_VALUE.join('|')})
            [ $# -ge 2 ] || break
            shift 2 ;;
          ${OPTIONS_WITH_EQUALS.join('|')}) shift ;;
          ${FLAGS.join('|')}) shift ;;
          -*) break ;;
          *) sg_cmd=$1; break ;;
        esac
      done ;;
  esac
fi

# 2d. Passing commands exit here; aliases are resolved as git resolves them.
sg_depth=0
while [ -n "$sg_cmd" ]; do
  case $sg_cmd in
    ${PASSING_COMMANDS.join('|')}) exit 0 ;;
    ${CHECKED_BUILTINS.join('|')}) break ;;
  esac
  sg_depth=$((sg_depth + 1))
  [ "$sg_depth" -le 10 ] || break
  sg_alias=$(git config --get "alias.$sg_cmd" 2>/dev/null) || break
  case $sg_alias in '!'*) break ;; esac
  set -f
  # shellcheck disable=SC2086
  set -- $sg_alias
  set +f
  while [ $# -gt 0 ]; do
    case $1 in -p|--paginate|--exec-path=*) shift ;; *) break ;; esac
  done
  sg_cmd=\${1-}
  case $sg_cmd in *[\\"\\'\\\\]*) break ;; esac
done

# 3. The first tag created or moved, in one pass over the rest of the input: read by the shell
# while it is short, by grep after 100 lines (the shell reads a byte at a time). Deletions (new
# value all zeros) and no-op updates never reach node.
sg_tags=
if [ -z "$sg_tag" ]; then
  # shellcheck disable=SC2034
  while [ "$sg_count" -lt 100 ] && read -r sg_old sg_new sg_ref sg_rest; do
    sg_count=$((sg_count + 1))
    case $sg_ref in refs/tags/?*) ;; *) continue ;; esac
    case $sg_new in *[!0]*) ;; *) continue ;; esac
    [ "$sg_old" = "$sg_new" ] && continue
    sg_tag="$sg_old $sg_new $sg_ref"
    break
  done
fi
if [ -z "$sg_tag" ]; then
  [ "$sg_count" -lt 100 ] && exit 0
  sg_tags=$(grep -E '^[0-9a-f]+ [0-9a-f]*[1-9a-f][0-9a-f]* refs/tags/.') || exit 0
  sg_ref=\${sg_tags%%
*}
  sg_ref=\${sg_ref##* }
fi
if [ "$sg_known" = no ]; then
  echo "stampguard: cannot tell which git command is updating tags (no /proc or ps here), so \${sg_ref#refs/tags/} is not checked now; pre-push checks tags you push" >&2
  exit 0
fi
if [ "\${STAMPGUARD-}" = 0 ]; then
  echo "stampguard: tag check skipped (STAMPGUARD=0)" >&2
  exit 0
fi

# 4. node checks the tags.
${launcher(runtime, 'the tag is')}
if [ -n "$sg_tag" ]; then
  { printf '%s\\n' "$sg_tag"; cat; } | sg_start 1 hook reference-transaction prepared
else
  printf '%s\\n' "$sg_tags" | sg_start 1 hook reference-transaction prepared
fi
`;
}
