// Hook-path measurements in scratch copies of `small`:
//   commit  `git commit --allow-empty -q` with (a) no hooks vs (b) only the reference-transaction
//           pre-filter (many cheap rounds), then (b) vs (c) stampguard's hooks (pre-commit +
//           pre-push + pre-filter) vs `node -e 0`, so the pre-commit hook's cost (c − b) can be
//           compared with node start-up per round;
//   ref     `git update-ref refs/heads/bench-ref <oid>` per update, without and with the pre-filter;
//   tag     `git tag v1.0.1` with stampguard's hooks vs no hooks (the copy has a commit that bumps
//           package.json to 1.0.1, so the guard has a tag it can accept).
// The pre-filter text comes only from dist/hooks/prefilter.js (prefilterScript(bin); the current
// version takes no argument and execs node_modules/.bin/stampguard, which every copy gets as a
// symlink to bin/stampguard.js, as npm would link it). The bench never writes its own pre-filter;
// without it, every row that needs it is skipped. pre-commit/pre-push are the 2-line sh scripts
// `node <abs bin> hook …` in .git/hooks (no husky wrapper).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, DIST, NODE, REPOS_DIR, git, sleepMs } from './env.mjs';
import { copyRepo } from './repos.mjs';
import { rounds } from './measure.mjs';

/** What can be installed: { prefilter: string|null, prefilterNote, preCommit: boolean, preCommitNote }. */
export async function hookKit(env, probeDir) {
  const kit = { prefilter: null, prefilterNote: null, preCommit: false, preCommitNote: null };
  const PREFILTER_MODULE = path.join(DIST, 'hooks', 'prefilter.js');
  if (!existsSync(PREFILTER_MODULE)) {
    kit.prefilterNote = 'skipped: hooks not built yet (no dist/hooks/prefilter.js)';
  } else {
    try {
      const mod = await import(pathToFileURL(PREFILTER_MODULE).href);
      if (typeof mod.prefilterScript !== 'function') {
        kit.prefilterNote = 'skipped: hooks not built yet (dist/hooks/prefilter.js has no prefilterScript export)';
      } else {
        const text = mod.prefilterScript(BIN);
        if (typeof text !== 'string' || !text.startsWith('#!')) kit.prefilterNote = 'skipped: prefilterScript(bin) did not return a script starting with #!';
        else kit.prefilter = text;
      }
    } catch (error) {
      kit.prefilterNote = `skipped: dist/hooks/prefilter.js failed to load: ${error.message}`;
    }
  }
  const probe = spawnSync(NODE, [BIN, 'hook', 'pre-commit'], { cwd: probeDir, env, encoding: 'utf8', timeout: 30_000 });
  if (probe.status === 2 && /unknown command/i.test(`${probe.stderr}${probe.stdout}`)) {
    kit.preCommitNote = 'skipped: `stampguard hook pre-commit` is not implemented yet (unknown command)';
  } else {
    kit.preCommit = true;
    kit.preCommitProbe = { status: probe.status, stderr: (probe.stderr ?? '').trim().split('\n').slice(0, 3).join(' / ') };
  }
  return kit;
}

function writeHook(repo, name, text) {
  const file = path.join(repo, '.git', 'hooks', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

function installHooks(repo, kit, { full }) {
  if (kit.prefilter) writeHook(repo, 'reference-transaction', kit.prefilter);
  if (full && kit.preCommit) {
    writeHook(repo, 'pre-commit', `#!/bin/sh\nnode ${q(BIN)} hook pre-commit\n`);
    writeHook(repo, 'pre-push', `#!/bin/sh\nnode ${q(BIN)} hook pre-push "$@"\n`);
  }
}

/** Copies small into fresh scratch repositories (hooks are installed by installAll). */
export function prepareCopies(env, smallDir) {
  const scratch = path.join(REPOS_DIR, 'scratch');
  rmSync(scratch, { recursive: true, force: true });
  const dirs = { a: path.join(scratch, 'a-none'), b: path.join(scratch, 'b-prefilter'), c: path.join(scratch, 'c-full'), tag: path.join(scratch, 'tag-full') };
  for (const d of Object.values(dirs)) {
    copyRepo(smallDir, d);
    // As after `npm install`: the pre-filter execs node_modules/.bin/stampguard (relative to the
    // work tree). node_modules/ is ignored in small, so the copy stays clean.
    mkdirSync(path.join(d, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(BIN, path.join(d, 'node_modules', '.bin', 'stampguard'));
  }
  // The tag copy gets a commit that bumps package.json to 1.0.1, so `git tag v1.0.1` is acceptable.
  const pkgFile = path.join(dirs.tag, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  writeFileSync(pkgFile, `${JSON.stringify({ ...pkg, version: '1.0.1' }, null, 2)}\n`);
  const when = '1700100000 +0000';
  git(env, dirs.tag, ['commit', '-q', '-a', '-m', 'Bump to 1.0.1'], { extraEnv: { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } });
  const lastWrite = Date.now();
  sleepMs(Math.max(0, lastWrite + 1100 - Date.now()));
  for (const d of Object.values(dirs)) git(env, d, ['status']); // not racy, stat data current
  return { scratch, dirs };
}

export function installAll(copies, kit) {
  if (!kit.prefilter) return;
  installHooks(copies.dirs.b, kit, { full: false });
  installHooks(copies.dirs.c, kit, { full: true });
  installHooks(copies.dirs.tag, kit, { full: true });
}

/** Counts node starts of one command by putting a logging `node` shim first on PATH. */
function countNodeStarts(env, cwd, args, scratch, cleanup) {
  const shimDir = path.join(scratch, 'node-shim');
  const log = path.join(scratch, 'node-starts.log');
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(path.join(shimDir, 'node'), `#!/bin/sh\necho "$*" >> ${q(log)}\nexec ${q(NODE)} "$@"\n`);
  chmodSync(path.join(shimDir, 'node'), 0o755);
  rmSync(log, { force: true });
  const r = spawnSync('git', args, { cwd, env: { ...env, PATH: `${shimDir}${path.delimiter}${env.PATH}` }, encoding: 'utf8' });
  if (cleanup) cleanup();
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { status: r.status, starts: lines.length, commands: lines };
}

/**
 * One pass of the hook measurements with n = { commitPairs, hookRounds, refUpdates } rounds;
 * with probes, also the untimed node-start counts and outcomes (done once).
 */
export function measureHooks(env, tenv, kit, copies, n, { probes = false } = {}) {
  const { dirs, scratch } = copies;
  const node0 = { id: 'node0', cmd: NODE, args: ['-e', '0'], cwd: dirs.a, env: tenv };
  const commit = (id, cwd) => ({ id, cmd: 'git', args: ['commit', '--allow-empty', '-q', '-m', 'bench'], cwd, env: tenv });
  const result = { kit: { prefilter: Boolean(kit.prefilter), prefilterNote: kit.prefilterNote, preCommit: kit.preCommit, preCommitNote: kit.preCommitNote, preCommitProbe: kit.preCommitProbe ?? null } };

  // commits: the cheap pair (no hooks / pre-filter) gets many rounds, the node-starting hooks fewer
  result.commit = rounds(kit.prefilter ? [commit('commitNone', dirs.a), commit('commitPrefilter', dirs.b)] : [commit('commitNone', dirs.a)], n.commitPairs, { warmup: 2 });
  if (kit.prefilter && kit.preCommit) {
    result.commitFull = rounds([commit('commitPrefilter', dirs.b), commit('commitFull', dirs.c), node0], n.hookRounds, { warmup: 1 });
  }

  if (!kit.prefilter) return result;

  // per ref update: flip a branch between HEAD and HEAD^ so the ref store does not grow
  const oids = (cwd) => git(env, cwd, ['rev-parse', 'HEAD', 'HEAD^']).stdout.trim().split('\n');
  const updateCase = (id, cwd) => {
    const [x, y] = oids(cwd);
    let flip = false;
    const c = { id, cmd: 'git', args: [], cwd, env: tenv };
    c.before = () => {
      flip = !flip;
      c.args = ['update-ref', 'refs/heads/bench-ref', flip ? x : y];
    };
    return c;
  };
  result.updateRef = rounds([updateCase('updateNone', dirs.a), updateCase('updatePrefilter', dirs.b)], n.refUpdates, { warmup: 2 });

  // tag with the guard (node should start once) vs plain tag
  const emptyHooks = path.join(scratch, 'no-hooks');
  mkdirSync(emptyHooks, { recursive: true });
  const deleteTag = (cwd) => () => {
    if (git(env, cwd, ['rev-parse', '-q', '--verify', 'refs/tags/v1.0.1'], { allowFail: true }).status === 0) {
      git(env, cwd, ['-c', `core.hooksPath=${emptyHooks}`, 'tag', '-d', 'v1.0.1']);
    }
  };
  const tagCase = (id, cwd) => ({ id, cmd: 'git', args: ['tag', 'v1.0.1'], cwd, env: tenv, before: deleteTag(cwd), after: deleteTag(cwd) });
  result.tag = rounds([tagCase('tagGuard', dirs.tag), tagCase('tagPlain', dirs.a), { ...node0 }], n.hookRounds, { warmup: 1 });
  if (!probes) return result;

  // one untimed probe each: how many times node starts, and what git said
  const tagProbe = spawnSync('git', ['tag', 'v1.0.1'], { cwd: dirs.tag, env: tenv, encoding: 'utf8' });
  deleteTag(dirs.tag)();
  result.tagOutcome = { status: tagProbe.status, stderr: tagProbe.stderr.trim().split('\n').slice(0, 4).join(' / ') };
  result.nodeStarts = {
    tag: countNodeStarts(tenv, dirs.tag, ['tag', 'v1.0.1'], scratch, deleteTag(dirs.tag)),
    commitPrefilter: countNodeStarts(tenv, dirs.b, ['commit', '--allow-empty', '-q', '-m', 'probe'], scratch),
  };
  if (kit.preCommit) {
    result.nodeStarts.commitFull = countNodeStarts(tenv, dirs.c, ['commit', '--allow-empty', '-q', '-m', 'probe'], scratch);
    const probe = spawnSync('git', ['commit', '--allow-empty', '-q', '-m', 'probe'], { cwd: dirs.c, env: tenv, encoding: 'utf8' });
    result.commitFullOutcome = { status: probe.status, stderr: probe.stderr.trim().split('\n').slice(0, 4).join(' / ') };
  }
  return result;
}
