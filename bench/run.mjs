#!/usr/bin/env node
// `npm run bench` (= npm run build && node bench/run.mjs): stampguard against the plain-git floor on
// deterministic synthetic repositories. Method —
// whole-process wall time, interleaved rounds (A/B alternating, paired ratios), medians (min–max).
//
//   node bench/run.mjs [--quick] [--fresh] [--no-profile]
//     --quick       fewer rounds (a smoke run, ~1/3 of the time)
//     --fresh       rebuild the cached repositories in bench/.repos/
//     --no-profile  skip the --cpu-prof / trace2 breakdown
//
// Writes bench/results.json (everything, raw samples included) and bench/RESULTS.md (the tables).
// Not part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, BIN, GENERATOR_VERSION, NODE, REPOS_DIR, ROOT, cacheDir, makeEnv, snapshotBuild, timedEnv } from './env.mjs';
import { REFERENCE_HEADS, ensureRepos } from './repos.mjs';
import { fmtMs, fmtRatio, fmtSigned, fmtSummary, median, pairedDiff, pairedRatio, rounds, runOnce, summary } from './measure.mjs';
import { hookKit, installAll, measureHooks, prepareCopies } from './hooks.mjs';
import { DEPENDENCIES, cliEntry, measureImports, profileCheck, staticGraph, traceCheck } from './breakdown.mjs';
import { measureRss } from './rss.mjs';

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
  console.log('usage: node bench/run.mjs [--quick] [--fresh] [--no-profile]');
  process.exit(0);
}
for (const a of args) {
  if (!['--quick', '--fresh', '--no-profile'].includes(a)) {
    console.error(`bench: unknown option ${a}`);
    process.exit(2);
  }
}
const QUICK = args.has('--quick');
const OPTS = QUICK
  ? { smallRounds: 9, largeRounds: 6, hookRounds: 7, commitPairs: 15, refUpdates: 20, rssRuns: 3, importRounds: 5 }
  : { smallRounds: 24, largeRounds: 12, hookRounds: 15, commitPairs: 41, refUpdates: 60, rssRuns: 5, importRounds: 11 };

const T_START = Date.now();
const elapsed = () => `${((Date.now() - T_START) / 1000).toFixed(1)} s`;
const log = (...a) => console.log(...a);
const section = (title) => log(`\n## ${title}  [${elapsed()}]`);

if (!existsSync(cliEntry())) {
  console.error(`bench: ${path.relative(ROOT, cliEntry())} (imported by bin/stampguard.js) is missing; run \`npm run build\` first (or \`npm run bench\`).`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------
// machine

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}
function nproc() {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}
const { env } = makeEnv();
const tenv = timedEnv(env);
const machine = {
  node: process.version,
  git: execFileSync('git', ['--version'], { env, encoding: 'utf8' }).trim(),
  nproc: nproc(),
  cpu: cpuModel(),
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`,
  loadAtStart: os.loadavg().map((x) => x.toFixed(2)).join(' '),
};
const snapshot = snapshotBuild();
const projectHead = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, env: tenv, encoding: 'utf8' }).stdout.trim();
const projectChanges = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, env: tenv, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).length;
const build = { hash: snapshot.hash, projectHead, projectModifiedFiles: projectChanges };
log('# stampguard benchmark');
log(`build under test: dist/ snapshot ${build.hash} (copied at start to bench/.repos/build-snapshot/); project HEAD ${projectHead}${projectChanges ? ` + ${projectChanges} modified tracked files` : ''}`);
log(`machine: ${machine.cpu}, nproc ${machine.nproc}, ${machine.memGiB} GiB, ${machine.os}`);
log(`software: node ${machine.node}, ${machine.git}`);
log(`load average at start: ${machine.loadAtStart}${QUICK ? '   (--quick)' : ''}`);
log(`rounds: small ${OPTS.smallRounds}, large ${OPTS.largeRounds} (each over 3 passes), hooks ${OPTS.hookRounds} (commit pairs ${OPTS.commitPairs}), ref updates ${OPTS.refUpdates}, imports ${OPTS.importRounds}, RSS runs ${OPTS.rssRuns}`);

// ------------------------------------------------------------------------------------------------
// repositories

section('repositories');
const trash = [];
if (args.has('--fresh') && existsSync(cacheDir())) {
  // Deleting 200k files here would slow the next file creations on this VM; move aside, delete at the end.
  const aside = path.join(REPOS_DIR, `trash-${process.pid}-${Date.now()}`);
  renameSync(cacheDir(), aside);
  trash.push(aside);
}
const repos = ensureRepos(env, { log });
const reference = REFERENCE_HEADS[GENERATOR_VERSION] ?? {};
for (const [name, r] of Object.entries(repos)) {
  const i = r.info;
  const ref = reference[name === 'dirty-large' ? 'large' : name];
  const match = ref ? (ref === i.head ? 'matches reference' : `DIFFERS from reference ${ref}`) : 'no reference id';
  log(`  ${name.padEnd(11)} HEAD ${i.head} (${match}); refs ${i.refsFingerprint}; ${i.files} files, ${i.commits} commits, ${i.tags} tags; HEAD tags ${i.headTags.join(', ')}; status ${i.status.changed} changed, ${i.status.untracked} untracked; ${r.built ? `built in ${r.seconds.toFixed(1)} s` : 'cached'}`);
}

// ------------------------------------------------------------------------------------------------
// cases

const FLOOR_SCRIPT = [
  'git status --porcelain=v2 -z --untracked-files=normal',
  "git describe --tags --long --match 'v[0-9]*'",
  'git rev-parse --is-shallow-repository --abbrev-ref HEAD',
].join('; ');
const BASELINE_VI_SCRIPT = [
  'git status --porcelain=v2 -z --untracked-files=normal',
  "git describe --tags --long --dirty --match 'v*'",
  'git rev-parse --is-shallow-repository --abbrev-ref HEAD',
].join('; ');
// is-git-clean-like: node, one `git status --porcelain`, exit 0 when the output is empty.
const STATUS_SCRIPT = `const { execFile } = require('node:child_process');
execFile('git', ['status', '--porcelain'], { maxBuffer: 64 << 20 }, (error, stdout) => {
  if (error) {
    process.stderr.write(error.message + '\\n');
    process.exit(2);
  }
  process.exit(stdout.trim() === '' ? 0 : 1);
});`;

// The real is-git-clean package (a devDependency, used only here): `git status --porcelain` via execa.
const IS_GIT_CLEAN = createRequire(import.meta.url).resolve('is-git-clean');
const IS_GIT_CLEAN_SCRIPT = `process.exit(require(${JSON.stringify(IS_GIT_CLEAN)}).sync(process.cwd()) ? 0 : 1)`;

const cases = (dir) => ({
  check: { id: 'check', cmd: NODE, args: [BIN, 'check'], cwd: dir, env: tenv },
  floor: { id: 'floor', cmd: 'sh', args: ['-c', FLOOR_SCRIPT], cwd: dir, env: tenv },
  baselineVi: { id: 'baselineVi', cmd: 'sh', args: ['-c', BASELINE_VI_SCRIPT], cwd: dir, env: tenv },
  statusScript: { id: 'statusScript', cmd: NODE, args: ['-e', STATUS_SCRIPT], cwd: dir, env: tenv },
  isGitClean: { id: 'isGitClean', cmd: NODE, args: ['-e', IS_GIT_CLEAN_SCRIPT], cwd: dir, env: tenv },
  node0: { id: 'node0', cmd: NODE, args: ['-e', '0'], cwd: dir, env: tenv },
});

// ------------------------------------------------------------------------------------------------
// what check says (untimed)

section('verdicts (untimed, `check --json`)');
const verdicts = {};
for (const [name, r] of Object.entries(repos)) {
  const res = spawnSync(NODE, [BIN, 'check', '--json'], { cwd: r.dir, env: tenv, encoding: 'utf8' });
  let v = { status: res.status, ok: null, stamp: null, findings: [] };
  try {
    const j = JSON.parse(res.stdout);
    v = { status: res.status, ok: j.ok, stamp: j.version?.stamp ?? null, findings: (j.findings ?? []).map((f) => `${f.code}:${f.severity}`) };
  } catch {
    v.error = (res.stderr || res.stdout).trim().split('\n').slice(0, 3).join(' / ');
  }
  verdicts[name] = v;
  const expect = name === 'dirty-large' ? 'refuse' : 'pass';
  const got = v.ok === true ? 'pass' : v.ok === false ? 'refuse' : 'could not run';
  log(`  ${name.padEnd(11)} exit ${v.status}, ${got}${v.stamp ? ` (stamp ${v.stamp})` : ''}${v.findings.length ? `; findings ${v.findings.join(', ')}` : ''}${v.error ? `; ${v.error}` : ''}${got === expect ? '' : `   <-- expected ${expect}`}`);
}
for (const [name, r] of Object.entries(repos)) {
  const f = runOnce({ ...cases(r.dir).floor }, { capture: true });
  if (f.status !== 0) log(`  warning: the floor script exited ${f.status} in ${name}: ${f.stderr.trim()}`);
}

// ------------------------------------------------------------------------------------------------
// timed: small, large, dirty-large

const results = { machine, build, options: { quick: QUICK, ...OPTS }, repos: {}, verdicts, timings: {} };
for (const [name, r] of Object.entries(repos)) results.repos[name] = { head: r.info.head, refsFingerprint: r.info.refsFingerprint, info: r.info, built: r.built, buildSeconds: r.seconds };

// ------------------------------------------------------------------------------------------------
// hooks: scratch copies of small, measured in every pass (see timedPass)

section('hook setup (scratch copies of small)');
const copies = prepareCopies(env, repos.small.dir);
const kit = await hookKit(env, copies.dirs.a);
if (kit.prefilterNote) log(`  ${kit.prefilterNote}`);
if (kit.preCommitNote) log(`  ${kit.preCommitNote}`);
if (!kit.prefilterNote && !kit.preCommitNote) log('  pre-filter from dist/hooks/prefilter.js, pre-commit and pre-push as 2-line sh scripts in .git/hooks');
installAll(copies, kit);

// The repository comparisons run in three passes at different times (start, middle, end of the
// run), as in the baseline: a cell is the median of the pass medians, with the min–max over all
// runs, so one burst of load from other processes cannot decide a result alone. Paired values
// are formed within a round, summarised per pass, then the same way.
const PASSES = 3;
const passRounds = (n, pass) => Math.floor(n / PASSES) + (pass < n % PASSES ? 1 : 0);
results.passes = [];
function timedPass(pass) {
  const data = { pass: pass + 1, loadAtStart: os.loadavg()[0], sets: {} };
  const sets = [
    ['small', ['node0', 'statusScript', 'isGitClean', 'check', 'floor', 'baselineVi'], passRounds(OPTS.smallRounds, pass), 2],
    ['large', ['check', 'floor', 'isGitClean', 'baselineVi', 'node0'], passRounds(OPTS.largeRounds, pass), 1],
    ['dirty-large', ['check', 'floor', 'baselineVi', 'node0'], passRounds(OPTS.largeRounds, pass), 1],
  ];
  for (const [name, ids, n, warmup] of sets) {
    const c = cases(repos[name].dir);
    section(`pass ${pass + 1}/${PASSES}, ${name}: ${ids.join(', ')} — ${n} interleaved rounds`);
    const r = rounds(ids.map((id) => c[id]), n, { warmup });
    printSeries(r);
    data.sets[name] = r;
    const into = (results.timings[name] ??= {});
    for (const [id, x] of Object.entries(r)) {
      into[id] ??= { ms: [], status: [] };
      into[id].ms.push(...x.ms);
      into[id].status.push(...x.status);
    }
    if (name !== 'small') log(`  check ÷ floor (vi), paired: ${fmtRatio(pairedRatio(r.check.ms, r.baselineVi.ms))}`);
  }
  const hn = { commitPairs: passRounds(OPTS.commitPairs, pass), hookRounds: passRounds(OPTS.hookRounds, pass), refUpdates: passRounds(OPTS.refUpdates, pass) };
  section(`pass ${pass + 1}/${PASSES}, hooks: ${hn.commitPairs} commit pairs, ${hn.hookRounds} rounds with node, ${hn.refUpdates} ref-update pairs`);
  const hk = measureHooks(env, tenv, kit, copies, hn, { probes: pass === 0 });
  data.hooks = hk;
  for (const key of ['commit', 'commitFull', 'updateRef', 'tag']) if (hk[key]) printSeries(hk[key]);
  if (pass === 0) {
    results.hookProbes = { kit: hk.kit, nodeStarts: hk.nodeStarts ?? null, tagOutcome: hk.tagOutcome ?? null, commitFullOutcome: hk.commitFullOutcome ?? null };
    if (hk.nodeStarts) {
      for (const [k, v] of Object.entries(hk.nodeStarts)) log(`  node starts during ${k}: ${v.starts} (git exit ${v.status})${v.commands.length ? `: ${v.commands.join(' | ')}` : ''}`);
      log(`  git tag v1.0.1 with the guard: exit ${hk.tagOutcome.status}${hk.tagOutcome.stderr ? ` — ${hk.tagOutcome.stderr}` : ''}`);
      if (hk.commitFullOutcome) log(`  git commit with stampguard's hooks: exit ${hk.commitFullOutcome.status}${hk.commitFullOutcome.stderr ? ` — ${hk.commitFullOutcome.stderr}` : ''}`);
    }
  }
  results.passes.push(data);
}

/** Median of the pass medians of one series, min–max over all runs. */
function mm(name, id) {
  const perPass = results.passes.map((p) => p.sets[name][id].ms);
  return passStat(perPass);
}
/** The same for a per-round combination, e.g. (a, b) => a / b of two aligned series. */
function mmPaired(name, fn, ...ids) {
  const perPass = results.passes.map((p) => p.sets[name][ids[0]].ms.map((_, i) => fn(...ids.map((id) => p.sets[name][id].ms[i]))));
  return passStat(perPass);
}
/** mm / mmPaired for the hook series: set is 'commit', 'commitFull', 'updateRef' or 'tag'. */
function hm(set, id) {
  return passStat(results.passes.map((p) => p.hooks[set][id].ms));
}
function hmPaired(set, fn, ...ids) {
  return passStat(results.passes.map((p) => p.hooks[set][ids[0]].ms.map((_, i) => fn(...ids.map((id) => p.hooks[set][id].ms[i])))));
}
function passStat(perPass) {
  const all = perPass.flat();
  return { median: median(perPass.map(median)), min: Math.min(...all), max: Math.max(...all), n: all.length, passMedians: perPass.map(median) };
}
const RATIO = (a, b) => a / b;
const DIFF = (a, b) => a - b;
const OVERHEAD = (a, b, n0) => a - b - n0;

timedPass(0);

function printSeries(set, indent = '  ') {
  for (const [id, s] of Object.entries(set)) {
    const codes = [...new Set(s.status)].join(',');
    log(`${indent}${id.padEnd(16)} ${fmtSummary(summary(s.ms), ' ms')}   exit ${codes}`);
  }
}

// ------------------------------------------------------------------------------------------------
// RSS

section(`peak RSS of check on large (${OPTS.rssRuns} runs)`);
results.rss = measureRss(tenv, repos.large.dir, OPTS.rssRuns);
log(`  ${results.rss.method}: ${fmtSummary(results.rss.peak, ' MiB')}`);
log(`  node process alone (getrusage): ${fmtSummary(results.rss.nodeOnly, ' MiB')}`);
if (results.rss.gitStatus) log(`  git status alone: ${fmtSummary(results.rss.gitStatus, ' MiB')}`);

// ------------------------------------------------------------------------------------------------
// breakdown

timedPass(1);

section(`where the time goes — start-up and imports (${OPTS.importRounds} interleaved rounds)`);
results.imports = measureImports(tenv, repos.small.dir, OPTS.importRounds);
results.graph = staticGraph();
{
  const base = results.imports.node0.ms;
  for (const [id, s] of Object.entries(results.imports)) {
    log(`  ${id.padEnd(36)} ${fmtSummary(summary(s.ms), ' ms')}${id === 'node0' ? '' : `   Δ vs node -e 0 ${fmtSigned(pairedDiff(s.ms, base))}`}`);
  }
  log(`  static graph of ${results.graph.entry}: ${results.graph.files} files; packages loaded at start: ${results.graph.packages.join(', ') || 'none'}; dynamic imports: ${results.graph.dynamic.join(', ') || 'none'}`);
}
if (!args.has('--no-profile')) {
  section('where the time goes — git children (GIT_TRACE2_EVENT) and CPU profile (--cpu-prof), one run each');
  results.trace = {};
  results.profile = {};
  for (const name of ['small', 'large']) {
    const t = traceCheck(tenv, repos[name].dir, name);
    results.trace[name] = t;
    log(`  ${name}: wall ${fmtMs(t.wall)} ms; node before the first git ${fmtMs(t.beforeFirstGit)} ms; git span ${fmtMs(t.gitSpan)} ms (busy ${fmtMs(t.gitBusy)} ms); after the last git ${fmtMs(t.afterLastGit)} ms`);
    for (const g of t.git) log(`      +${fmtMs(g.start).padStart(5)} ms  ${fmtMs(g.ms).padStart(6)} ms  git ${g.cmd}${g.code ? ` (exit ${g.code})` : ''}`);
    const p = profileCheck(tenv, repos[name].dir, name);
    results.profile[name] = p;
    log(`  ${name} CPU profile (${fmtMs(p.total)} ms profiled, ${p.scriptsSeen} scripts seen), by activity:`);
    for (const c of p.categories.slice(0, 9)) log(`      ${fmtMs(c.ms).padStart(6)} ms  ${c.name}`);
    log('    by owner (nearest user-code caller):');
    for (const c of p.owners.slice(0, 9)) log(`      ${fmtMs(c.ms).padStart(6)} ms  ${c.name}`);
  }
}

timedPass(2);

section(`all passes (median of the ${PASSES} pass medians, min–max over all runs)`);
for (const name of ['small', 'large', 'dirty-large']) {
  log(`  ${name}:`);
  for (const id of Object.keys(results.timings[name])) {
    const x = mm(name, id);
    log(`    ${id.padEnd(16)} ${fmtSummary(x, ' ms')}   pass medians ${x.passMedians.map(fmtMs).join(' / ')}`);
  }
  if (name === 'small') {
    log(`    check − node -e 0, paired: ${fmtSigned(mmPaired(name, DIFF, 'check', 'node0'))}; check ÷ is-git-clean: ${fmtRatio(mmPaired(name, RATIO, 'check', 'isGitClean'))}`);
  } else {
    log(`    check ÷ floor, paired: ${fmtRatio(mmPaired(name, RATIO, 'check', 'floor'))}; check ÷ (vi with --dirty): ${fmtRatio(mmPaired(name, RATIO, 'check', 'baselineVi'))}; check − floor − node -e 0: ${fmtSigned(mmPaired(name, OVERHEAD, 'check', 'floor', 'node0'))}`);
  }
}
log(`  load average (1 min) at the start of each pass: ${results.passes.map((p) => p.loadAtStart.toFixed(2)).join(' / ')}`);

// ------------------------------------------------------------------------------------------------
// targets and tables

const t = results.timings;
const h = results.passes[0].hooks; // which series exist (same in every pass)
const probes = results.hookProbes;
const targets = [];
function target(id, label, stat, limitText, pass, shown) {
  targets.push({ id, label, value: stat, limit: limitText, result: stat === null ? 'SKIP' : pass ? 'PASS' : 'FAIL', shown });
}
{
  const d = mmPaired('small', DIFF, 'check', 'node0');
  target('T1', '`check` on small − `node -e 0` (paired)', d, '≤ +30 ms', d.median <= 30, fmtSigned(d));
  const r = mmPaired('small', RATIO, 'check', 'isGitClean');
  target('T1b', '`check` on small ÷ is-git-clean (paired)', r, '< 1.00× (faster)', r.median < 1, fmtRatio(r));
  // The issue's floor: status + describe + rev-parse as the baseline measured them (§2.1 (vi),
  // describe with --dirty: 189 ms on large there). A stricter floor without --dirty is shown as info.
  for (const name of ['large', 'dirty-large']) {
    const q = mmPaired(name, RATIO, 'check', 'baselineVi');
    target(`T2-${name}`, `\`check\` on ${name} ÷ floor (vi) (paired)`, q, '≤ 1.10×', q.median <= 1.1, fmtRatio(q));
  }
  if (h.commit.commitPrefilter) {
    const p = hmPaired('commit', DIFF, 'commitPrefilter', 'commitNone');
    target('T3', 'pre-filter: added per `git commit` (paired)', p, '≤ +3 ms', p.median <= 3, fmtSigned(p));
  } else target('T3', 'pre-filter: added per `git commit`', null, '≤ +3 ms', false, kit.prefilterNote);
  if (h.commitFull) {
    const p = hmPaired('commitFull', OVERHEAD, 'commitFull', 'commitPrefilter', 'node0');
    target('T4', 'pre-commit hook on small − `node -e 0` (paired: full hooks − pre-filter only − node -e 0)', p, '≤ +40 ms', p.median <= 40, fmtSigned(p));
  } else target('T4', 'pre-commit hook on small − `node -e 0`', null, '≤ +40 ms', false, kit.prefilterNote ?? kit.preCommitNote);
  target('T5', 'peak RSS of `check` on large', results.rss.peak, '≤ 80 MiB', results.rss.peak.median <= 80, fmtSummary(results.rss.peak, ' MiB'));
}
results.targets = targets;

const S = (xs, unit = ' ms') => fmtSummary(summary(xs), unit);
const rows = [];
const row = (m, v, lim = '', res = '') => rows.push(`| ${m} | ${v} | ${lim} | ${res} |`);
const T = (id) => targets.find((x) => x.id === id);
const verdictCell = (x) => (x.result === 'FAIL' ? '**FAIL**' : x.result);
const M = (name, id) => fmtSummary(mm(name, id), ' ms');
row('`node -e 0`', M('small', 'node0'));
row('is-git-clean (the package: `git status --porcelain` via execa), small', M('small', 'isGitClean'));
row('is-git-clean-like: node + one `git status --porcelain` (minimal), small', M('small', 'statusScript'));
row('plain-git floor (vi), small', M('small', 'baselineVi'));
row('`stampguard check`, small', M('small', 'check'));
row('↳ − `node -e 0`, paired', T('T1').shown, T('T1').limit, verdictCell(T('T1')));
row('↳ ÷ is-git-clean, paired', T('T1b').shown, T('T1b').limit, verdictCell(T('T1b')));
row('↳ ÷ the minimal status script, paired', fmtRatio(mmPaired('small', RATIO, 'check', 'statusScript')), 'info');
for (const name of ['large', 'dirty-large']) {
  row(`plain-git floor (vi): status + \`describe --dirty\` + rev-parse, ${name}`, M(name, 'baselineVi'));
  row(`\`stampguard check\`, ${name}`, M(name, 'check'));
  row('↳ ÷ floor (vi), paired', T(`T2-${name}`).shown, T(`T2-${name}`).limit, verdictCell(T(`T2-${name}`)));
  row(`↳ ÷ strict floor (status + describe without --dirty + rev-parse: ${M(name, 'floor')}), paired`, fmtRatio(mmPaired(name, RATIO, 'check', 'floor')), 'info');
  row('↳ − strict floor − `node -e 0`, paired', fmtSigned(mmPaired(name, OVERHEAD, 'check', 'floor', 'node0')), 'info');
}
row('is-git-clean, large', M('large', 'isGitClean'));
const HM = (set, id) => fmtSummary(hm(set, id), ' ms');
row('`git commit --allow-empty -q`, copy of small, no hooks', HM('commit', 'commitNone'));
if (h.commit.commitPrefilter) {
  row('↳ with the reference-transaction pre-filter', HM('commit', 'commitPrefilter'));
  row('↳↳ added per commit, paired', T('T3').shown, T('T3').limit, verdictCell(T('T3')));
} else row('↳ with the reference-transaction pre-filter', T('T3').shown, T('T3').limit, 'SKIP');
if (h.commitFull) {
  row(`↳ with stampguard's hooks (pre-commit, pre-push, pre-filter; node starts: ${probes.nodeStarts.commitFull.starts})`, HM('commitFull', 'commitFull'));
  row('↳↳ pre-commit hook − `node -e 0`, paired', T('T4').shown, T('T4').limit, verdictCell(T('T4')));
} else row('↳ with stampguard\'s hooks (pre-commit hook − `node -e 0`)', T('T4').shown, T('T4').limit, 'SKIP');
if (h.updateRef) {
  const a = hm('updateRef', 'updateNone');
  const b = hm('updateRef', 'updatePrefilter');
  row('`git update-ref` of a branch, per update: without → with pre-filter', `${fmtMs(a.median)} → ${fmtMs(b.median)} ms (${fmtSigned(hmPaired('updateRef', DIFF, 'updatePrefilter', 'updateNone'))})`);
  const starts = probes.nodeStarts.tag.starts;
  row(`\`git tag v1.0.1\`, small, with the guard (exit ${probes.tagOutcome.status}; node starts: ${starts})`, `${HM('tag', 'tagGuard')}; plain ${fmtMs(hm('tag', 'tagPlain').median)} ms`);
} else {
  row('`git update-ref` per ref update, with/without pre-filter', kit.prefilterNote, '', 'SKIP');
  row('`git tag vX` on small with the guard', kit.prefilterNote, '', 'SKIP');
}
row(`peak RSS of \`check\`, large (${hasTime() ? '/usr/bin/time %M' : 'getrusage'})`, T('T5').shown, T('T5').limit, verdictCell(T('T5')));

function hasTime() {
  return results.rss.gitStatus !== null;
}

const header = [
  `Machine: ${machine.cpu}, nproc ${machine.nproc}, node ${machine.node}, ${machine.git}; load average at start ${machine.loadAtStart}. Build: project ${build.projectHead}${build.projectModifiedFiles ? ` + ${build.projectModifiedFiles} modified files` : ''}, dist ${build.hash}.`,
  `Wall time of whole processes in ms. Interleaved rounds (small ${OPTS.smallRounds}, large ${OPTS.largeRounds}, commits ${OPTS.commitPairs}, hooks with node ${OPTS.hookRounds}, ref updates ${OPTS.refUpdates}) split over ${PASSES} passes at the start, middle and end of the run; each cell is the median of the pass medians (min–max over all runs). Paired = per-round difference or ratio.`,
  `floor (vi) = \`sh -c "${BASELINE_VI_SCRIPT}"\` (three sequential git processes, as the baseline that set the targets measured it); strict floor = the same with describe without --dirty. GIT_OPTIONAL_LOCKS=0 for every timed command.`,
].join('\n');
const mainTable = ['| measurement | median (min–max) | target | result |', '| --- | --- | --- | --- |', ...rows].join('\n');

// where the time goes
const wrows = [];
const wrow = (m, v, note = '') => wrows.push(`| ${m} | ${v} | ${note} |`);
{
  const base = results.imports.node0.ms;
  const im = results.imports;
  wrow('`node -e 0`', S(base), 'V8 + node bootstrap');
  wrow(`\`node -e "import('${results.graph.entry}')"\` (what bin/ loads)`, S(im.importCli.ms), `Δ ${fmtSigned(pairedDiff(im.importCli.ms, base))}: static graph = ${results.graph.files} file${results.graph.files === 1 ? '' : 's'}${results.graph.packages.length ? ` + ${results.graph.packages.join(', ')}` : ', no packages'}`);
  wrow('`stampguard --version`', S(im.version.ms), `Δ ${fmtSigned(pairedDiff(im.version.ms, base))}`);
  for (const dep of DEPENDENCIES) wrow(`\`import('${dep}')\` alone`, S(im[`dep:${dep}`].ms), `Δ ${fmtSigned(pairedDiff(im[`dep:${dep}`].ms, base))}${results.graph.packages.includes(dep) ? ' (loaded at start)' : results.graph.dynamic.includes(dep) ? ' (loaded lazily by check)' : ''}`);
  wrow('`stampguard check`, small (same rounds)', S(im.checkSmall.ms), `Δ ${fmtSigned(pairedDiff(im.checkSmall.ms, base))}`);
  if (results.trace) {
    for (const name of ['small', 'large']) {
      const tr = results.trace[name];
      wrow(`trace2, check on ${name}: spawn → first git / git span (busy) / last git → exit`, `${fmtMs(tr.beforeFirstGit)} / ${fmtMs(tr.gitSpan)} (${fmtMs(tr.gitBusy)}) / ${fmtMs(tr.afterLastGit)}`, tr.git.map((g) => `${g.cmd.split(' ')[0]} at +${fmtMs(g.start)} for ${fmtMs(g.ms)}`).join(', '));
    }
    for (const name of ['small', 'large']) {
      const p = results.profile[name];
      wrow(`CPU profile, check on ${name}, by activity`, `${fmtMs(p.total)} profiled`, p.categories.slice(0, 7).map((c) => `${c.name} ${fmtMs(c.ms)}`).join('; '));
      wrow(`CPU profile, check on ${name}, by owner`, '', p.owners.slice(0, 7).map((c) => `${c.name} ${fmtMs(c.ms)}`).join('; '));
    }
  }
}
const whereTable = ['| where the time goes | ms | note |', '| --- | --- | --- |', ...wrows].join('\n');

// exit codes that changed within one series mean the code or the repository changed mid-run
const warnings = [];
const scan = (label, set) => {
  for (const [id, series] of Object.entries(set ?? {})) {
    const codes = [...new Set(series.status)];
    if (codes.length > 1) warnings.push(`exit codes varied within ${label}/${id}: ${series.status.join(',')}`);
  }
};
for (const [name, set] of Object.entries(t)) scan(name, set);
results.passes.forEach((p, i) => {
  for (const key of ['commit', 'commitFull', 'updateRef', 'tag']) scan(`pass ${i + 1} hooks.${key}`, p.hooks[key]);
});
scan('imports', results.imports);
results.warnings = warnings;

section('results');
const warningText = warnings.length ? `\nWarnings:\n${warnings.map((w) => `- ${w}`).join('\n')}\n` : '';
log(`\n${header}\n\n${mainTable}\n\n${whereTable}\n${warningText}`);
const fails = targets.filter((x) => x.result === 'FAIL').map((x) => x.id);
const skips = targets.filter((x) => x.result === 'SKIP').map((x) => x.id);
log(`targets: ${targets.filter((x) => x.result === 'PASS').length} pass, ${fails.length} fail${fails.length ? ` (${fails.join(', ')})` : ''}, ${skips.length} skipped${skips.length ? ` (${skips.join(', ')})` : ''}`);

machine.loadAtEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
results.totalSeconds = (Date.now() - T_START) / 1000;
writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  path.join(BENCH_DIR, 'RESULTS.md'),
  `# stampguard benchmark results\n\nGenerated by \`npm run bench\` on ${new Date().toISOString()}${QUICK ? ' (--quick)' : ''}; ${results.totalSeconds.toFixed(0)} s in total. Load average at end: ${machine.loadAtEnd}.\n\n${header}\n\nRepositories (generator v${GENERATOR_VERSION}): ${Object.entries(results.repos).map(([n, r]) => `${n} HEAD \`${r.head.slice(0, 12)}\``).join(', ')}.\n\n${mainTable}\n\n${whereTable}\n${warningText}`,
);
log(`wrote bench/results.json and bench/RESULTS.md`);

// ------------------------------------------------------------------------------------------------
// cleanup: scratch copies, moved-aside caches, caches of other generator versions

rmSync(path.join(REPOS_DIR, 'scratch'), { recursive: true, force: true });
rmSync(snapshot.dir, { recursive: true, force: true });
for (const entry of readdirSync(REPOS_DIR)) {
  if (/^gen-v\d+$/.test(entry) && entry !== path.basename(cacheDir())) trash.push(path.join(REPOS_DIR, entry));
  if (entry.startsWith('trash-') && !trash.includes(path.join(REPOS_DIR, entry))) trash.push(path.join(REPOS_DIR, entry));
}
if (trash.length) {
  const t0 = Date.now();
  for (const d of trash) rmSync(d, { recursive: true, force: true });
  log(`removed ${trash.length} old cache director${trash.length === 1 ? 'y' : 'ies'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
log(`total ${elapsed()}`);


