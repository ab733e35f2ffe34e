// Where the time of a hooked git command goes, from one run each (untimed diagnostics):
//   - GIT_TRACE2_EVENT: git's own wall time, and for every hook git ran its name, how often and
//     how long (child_start/child_exit of child_class "hook");
//   - strace -ff -e execve (when strace is installed): every program that was started, counted by
//     name (sh, dirname, node, git, tr, …), so a hook's fixed cost can be read as processes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPOS_DIR } from './env.mjs';

function scratch(name) {
  const dir = path.join(REPOS_DIR, 'scratch', 'diagnostics', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** One traced run of `git args` in `dir`; c.before/after as for a timed case. */
export function traceHooks(c, label) {
  const file = path.join(scratch(`trace2-${label}`), 'events.json');
  if (c.before) c.before();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, { cwd: c.cwd, env: { ...c.env, GIT_TRACE2_EVENT: file }, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (c.after) c.after(r);
  const starts = new Map();
  const hooks = new Map();
  let gitMs = null;
  let topSid = null;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    let ev;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (topSid === null && ev.event === 'version') topSid = ev.sid;
    if (ev.sid !== topSid) continue; // git processes started by hooks or by git itself
    if (ev.event === 'child_start' && ev.child_class === 'hook') starts.set(ev.child_id, ev.hook_name);
    else if (ev.event === 'child_exit' && starts.has(ev.child_id)) {
      const name = starts.get(ev.child_id);
      const h = hooks.get(name) ?? { name, runs: 0, ms: 0 };
      h.runs++;
      h.ms += ev.t_rel * 1000;
      hooks.set(name, h);
    } else if (ev.event === 'exit') gitMs = ev.t_abs * 1000;
  }
  const list = [...hooks.values()].sort((a, b) => b.ms - a.ms);
  return {
    status: r.status,
    wall,
    gitMs,
    hookMs: list.reduce((s, h) => s + h.ms, 0),
    hookRuns: list.reduce((s, h) => s + h.runs, 0),
    hooks: list,
  };
}

let straceOk = null;
export function hasStrace() {
  if (straceOk === null) straceOk = spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;
  return straceOk;
}

/** Programs started by one run of the case, counted by name; null without strace. */
export function countExecs(c, label) {
  if (!hasStrace()) return null;
  const dir = scratch(`strace-${label}`);
  if (c.before) c.before();
  const r = spawnSync(
    'strace',
    ['-f', '-ff', '-qq', '-e', 'trace=execve', '-e', 'signal=none', '-o', path.join(dir, 'x'), c.cmd, ...c.args],
    { cwd: c.cwd, env: c.env, stdio: 'ignore' },
  );
  if (c.after) c.after(r);
  const counts = new Map();
  let processes = 0;
  for (const f of readdirSync(dir)) {
    processes++;
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const m = /^execve\("([^"]*)".*\) = 0$/.exec(line);
      if (!m) continue;
      const name = path.basename(m[1]);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const byProgram = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name, n]) => ({ name, n }));
  return { status: r.status, processes, execs: byProgram.reduce((s, x) => s + x.n, 0), byProgram };
}

export function fmtExecs(x) {
  if (!x) return 'strace not installed';
  return `${x.processes} process${x.processes === 1 ? '' : 'es'}: ${x.byProgram.map((p) => `${p.name} ×${p.n}`).join(', ')}`;
}

export function fmtHooks(t, fmtMs) {
  if (!t.hooks.length) return 'no hook ran';
  return t.hooks.map((h) => `${h.name}${h.runs > 1 ? ` ×${h.runs}` : ''} ${fmtMs(h.ms)}`).join(', ');
}
