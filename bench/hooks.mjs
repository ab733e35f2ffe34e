// Scratch repositories for the hook benchmarks, all copies of one `hooked` template:
//
//   hooked      a copy of small with the packed stampguard in node_modules/ and husky in
//               devDependencies, after `stampguard init` (husky sets core.hooksPath=.husky/_ and
//               writes its wrappers; init adds .husky/pre-commit, .husky/pre-push, the
//               reference-transaction hook and a starter configuration), everything committed.
//   plain       the same commit with core.hooksPath unset: git runs no hook at all.
//   husky       husky's wrappers only: .husky/pre-commit and .husky/pre-push removed (committed),
//               .husky/_ rebuilt by husky alone (so nothing stampguard puts there runs) — the cost
//               of husky itself, without stampguard.
//   prefilter   plain + only the reference-transaction hook init installed (byte for byte, from a
//               hooksPath folder inside .git/), the pre-filter's own cost.
//   exit0       hooked, but the file git runs for reference-transaction only does `exit 0`.
//
// Two reference variants bound what any shell pre-filter design can reach; their hook bodies are
// the bench's own and do nothing a guard would need beyond reading its input:
//   shFloor     plain + core.hooksPath (no husky) with pre-commit = `git diff --cached --name-only
//               -z >/dev/null`, pre-push = `cat >/dev/null`, reference-transaction = `exit 0`.
//   huskyFloor  the same three bodies installed through husky (.husky/pre-commit, .husky/pre-push
//               committed; .husky/_ rebuilt by husky alone, plus .husky/_/reference-transaction),
//               so husky's own wrappers run around them.
//
// Commits, pushes and fetches each get their own copies, so one activity cannot change the state
// another measures. The bench never writes a stampguard hook of its own: what runs is what `init`
// from the packed build installed.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, git, NODE, REPOS_DIR, sleepMs } from './env.mjs';
import { linkNodeModules } from './pack.mjs';
import { copyRepo } from './repos.mjs';

const WHEN = '1700200000 +0000';
const EXIT0 = '#!/bin/sh\nexit 0\n';
/** The least a pre-filter must do: read the staged paths, read the pushed refs. */
const FLOOR_HOOKS = { 'pre-commit': 'git diff --cached --name-only -z >/dev/null', 'pre-push': 'cat >/dev/null' };
const DATES = { GIT_AUTHOR_DATE: WHEN, GIT_COMMITTER_DATE: WHEN };
const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** git with every hook switched off (setup steps must not run or time the hooks). */
export function quietGit(env, cwd, args, extra = {}) {
  return git(env, cwd, ['-c', `core.hooksPath=${noHooksDir()}`, ...args], { extraEnv: { ...DATES, ...extra } });
}

export function noHooksDir() {
  const dir = path.join(REPOS_DIR, 'scratch', 'no-hooks');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The folder git takes hooks from in `dir` (core.hooksPath, relative to the work tree), or .git/hooks. */
export function hooksDir(env, dir) {
  const r = git(env, dir, ['config', '--get', 'core.hooksPath'], { allowFail: true });
  const p = r.status === 0 ? r.stdout.trim() : '';
  return p ? path.resolve(dir, p) : path.join(dir, '.git', 'hooks');
}

/**
 * Builds the hooked template from small (running the packed build's `stampguard init`); returns
 * { dir, init: { status, output }, referenceTransaction: text or null, hooksPath }.
 */
export function makeHookedTemplate(env, pack, smallDir) {
  const dir = path.join(REPOS_DIR, 'scratch', 'hooked-template');
  copyRepo(smallDir, dir);
  linkNodeModules(pack, dir);
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  writeFileSync(
    pkgFile,
    `${JSON.stringify({ ...pkg, devDependencies: { husky: `^${pack.huskyVersion}` } }, null, 2)}\n`,
  );
  const init = spawnSync(NODE, [BIN, 'init'], { cwd: dir, env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`stampguard init failed (exit ${init.status}): ${init.stderr}${init.stdout}`);
  quietGit(env, dir, ['add', '-A']);
  quietGit(env, dir, ['commit', '-q', '-m', 'Install stampguard through husky']);
  const hp = hooksDir(env, dir);
  const rt = path.join(hp, 'reference-transaction');
  return {
    dir,
    init: { status: init.status, output: `${init.stdout}${init.stderr}`.trim() },
    hooksPath: path.relative(dir, hp),
    referenceTransaction: existsSync(rt) ? readFileSync(rt, 'utf8') : null,
  };
}

function writeHook(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

/** One copy of the template turned into `variant` (see the header). */
export function makeVariant(env, template, variant, to) {
  copyRepo(template.dir, to);
  switch (variant) {
    case 'hooked':
      break;
    case 'plain':
      git(env, to, ['config', '--unset', 'core.hooksPath'], { allowFail: true });
      break;
    case 'husky': {
      for (const f of ['.husky/pre-commit', '.husky/pre-push'])
        if (existsSync(path.join(to, f))) quietGit(env, to, ['rm', '-q', '--', f]);
      quietGit(env, to, ['commit', '-q', '-m', 'husky without hooks']);
      huskyAlone(env, to);
      break;
    }
    case 'prefilter': {
      git(env, to, ['config', '--unset', 'core.hooksPath'], { allowFail: true });
      if (template.referenceTransaction === null) break; // nothing to install: the row says so
      const own = path.join(to, '.git', 'bench-hooks');
      writeHook(path.join(own, 'reference-transaction'), template.referenceTransaction);
      git(env, to, ['config', 'core.hooksPath', own]);
      break;
    }
    case 'exit0':
      writeHook(path.join(hooksDir(env, to), 'reference-transaction'), EXIT0);
      break;
    case 'shFloor': {
      git(env, to, ['config', '--unset', 'core.hooksPath'], { allowFail: true });
      const own = path.join(to, '.git', 'bench-hooks');
      for (const [name, body] of Object.entries(FLOOR_HOOKS)) writeHook(path.join(own, name), `#!/bin/sh\n${body}\n`);
      writeHook(path.join(own, 'reference-transaction'), EXIT0);
      git(env, to, ['config', 'core.hooksPath', own]);
      break;
    }
    case 'huskyFloor': {
      for (const [name, body] of Object.entries(FLOOR_HOOKS)) writeFileSync(path.join(to, '.husky', name), `${body}\n`);
      quietGit(env, to, ['add', '.husky']);
      quietGit(env, to, ['commit', '-q', '-m', 'floor hooks']);
      huskyAlone(env, to);
      writeHook(path.join(to, '.husky', '_', 'reference-transaction'), EXIT0);
      break;
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
  return to;
}

/** .husky/_ as husky alone writes it (its wrappers and nothing else), core.hooksPath=.husky/_. */
function huskyAlone(env, dir) {
  rmSync(path.join(dir, '.husky', '_'), { recursive: true, force: true });
  const r = spawnSync(NODE, [path.join(dir, 'node_modules', 'husky', 'bin.js')], { cwd: dir, env, encoding: 'utf8' });
  const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 || said !== '')
    throw new Error(`husky did not install its hooks in ${dir}: ${said || `exit ${r.status}`}`);
}

/** After the copies: wait out the racy-index second and refresh every index once. */
export function settle(env, dirs) {
  sleepMs(1100);
  for (const d of dirs) quietGit(env, d, ['status', '--porcelain']);
}

// ------------------------------------------------------------------------------------------------
// cases

/**
 * `git commit` of one staged change. what = 'src' stages a source file (nothing a guard needs to
 * look at), 'pkg' stages package.json (a version file: the full check must run).
 */
let edits = 0; // shared by every case, so no two staged changes are ever the same

export function commitCase(env, tenv, id, dir, what) {
  const c = { id, cmd: 'git', args: ['commit', '-q', '-m', 'bench commit'], cwd: dir, env: tenv, expect: 0 };
  c.before = () => {
    const n = ++edits;
    if (what === 'src') {
      const f = path.join(dir, 'src', 'm0', 'f000.txt');
      writeFileSync(f, `${readFileSync(f, 'utf8')}round ${n}\n`);
      git(env, dir, ['add', '--', 'src/m0/f000.txt']);
    } else {
      const f = path.join(dir, 'package.json');
      const pkg = JSON.parse(readFileSync(f, 'utf8'));
      writeFileSync(f, `${JSON.stringify({ ...pkg, description: `bench round ${n}` }, null, 2)}\n`);
      git(env, dir, ['add', '--', 'package.json']);
    }
  };
  return c;
}

/** A bare remote for `dir` (named origin, remote-tracking refs fetched). */
export function addPushRemote(env, dir, bare) {
  rmSync(bare, { recursive: true, force: true });
  git(env, path.dirname(bare), ['clone', '-q', '--bare', dir, bare]);
  quietGit(env, dir, ['remote', 'add', 'origin', bare]);
  quietGit(env, dir, ['fetch', '-q', 'origin']);
}

/** `git push origin main` of one new commit (made untimed, with hooks off). */
export function pushCase(env, tenv, id, dir) {
  const c = { id, cmd: 'git', args: ['push', '-q', 'origin', 'main'], cwd: dir, env: tenv, expect: 0 };
  c.before = () => {
    const n = ++edits;
    quietGit(env, dir, ['commit', '-q', '--allow-empty', '-m', `bench push ${n}`]);
  };
  return c;
}

/**
 * Fetch of new tags (`names`, by one refspec or a list) from the fetch remote.
 * --no-tags: only the refspec's tags, not every tag that points into the fetched history. Before each run every
 * tag of the fetch namespace (refs/tags/v2.*) is deleted (hooks off); after it, exactly `names`
 * must exist, or the sample is marked invalid (exit 99).
 */
export function fetchCase(env, tenv, id, dir, { refspec, names, atomic }) {
  const c = {
    id,
    cmd: 'git',
    args: ['fetch', '-q', '--no-tags', ...(atomic ? ['--atomic'] : []), 'origin', ...[].concat(refspec)],
    cwd: dir,
    env: tenv,
    expect: 0,
  };
  c.before = () => deleteFetchedTags(env, dir);
  c.after = (r) => {
    const got = fetchedTags(env, dir);
    const want = new Set(names.map((t) => `refs/tags/${t}`));
    if (r.status === 0 && (got.length !== want.size || got.some((ref) => !want.has(ref)))) r.status = 99; // not every tag arrived: not a valid sample
  };
  return c;
}

const FETCH_NAMESPACE = 'refs/tags/v2.*';

function fetchedTags(env, dir) {
  return git(env, dir, ['for-each-ref', '--format=%(refname)', FETCH_NAMESPACE]).stdout.split('\n').filter(Boolean);
}

function deleteFetchedTags(env, dir) {
  const refs = fetchedTags(env, dir);
  if (refs.length === 0) return;
  spawnSync('git', ['-c', `core.hooksPath=${noHooksDir()}`, 'update-ref', '--stdin'], {
    cwd: dir,
    env,
    input: refs.map((r) => `delete ${r}\n`).join(''),
  });
  if (fetchedTags(env, dir).length !== 0) throw new Error(`could not delete the fetched tags in ${dir}`);
}

export function addFetchRemote(env, dir, remote) {
  quietGit(env, dir, ['remote', 'add', 'origin', remote]);
}

// ------------------------------------------------------------------------------------------------
// untimed probes

/** Runs `args` (git) once in `dir` with a logging `node` first on PATH; returns { status, starts, commands, stderr }. */
export function countNodeStarts(env, dir, args, before) {
  const shimDir = path.join(REPOS_DIR, 'scratch', 'node-shim');
  const log = path.join(shimDir, 'node-starts.log');
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(path.join(shimDir, 'node'), `#!/bin/sh\necho "$*" >> ${q(log)}\nexec ${q(NODE)} "$@"\n`);
  chmodSync(path.join(shimDir, 'node'), 0o755);
  rmSync(log, { force: true });
  if (before) before();
  const r = spawnSync('git', args, {
    cwd: dir,
    env: { ...env, PATH: `${shimDir}${path.delimiter}${env.PATH}` },
    encoding: 'utf8',
  });
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return {
    status: r.status,
    starts: lines.length,
    commands: lines.map((l) => l.replace(/^\S*\/(?=[^/\s]+\s)/, '')),
    stderr: (r.stderr ?? '').trim().split('\n').slice(0, 3).join(' / '),
  };
}
