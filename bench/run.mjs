#!/usr/bin/env node
// `npm run bench` (= npm run build && node bench/run.mjs): stampguard against the plain-git floor on
// deterministic synthetic repositories. Method: /work/shared/research/performance-baseline.md —
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
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, BIN, DIST, GENERATOR_VERSION, NODE, REPOS_DIR, cacheDir, makeEnv, timedEnv } from './env.mjs';
import { REFERENCE_HEADS, ensureRepos } from './repos.mjs';
import { fmtMs, fmtRatio, fmtSigned, fmtSummary, median, paired, pairedDiff, pairedRatio, rounds, runOnce, summary } from './measure.mjs';
import { hookKit, measureHooks, prepareCopies } from './hooks.mjs';
import { DEPENDENCIES, measureImports, profileCheck, staticGraph, traceCheck } from './breakdown.mjs';
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
  ? { smallRounds: 7, largeRounds: 5, hookRounds: 7, commitPairs: 15, refUpdates: 20, rssRuns: 3, importRounds: 5 }
  : { smallRounds: 21, largeRounds: 11, hookRounds: 15, commitPairs: 41, refUpdates: 60, rssRuns: 5, importRounds: 11 };

const T_START = Date.now();
const elapsed = () => `${((Date.now() - T_START) / 1000).toFixed(1)} s`;
const log = (...a) => console.log(...a);
const section = (title) => log(`\n## ${title}  [${elapsed()}]`);

if (!existsSync(path.join(DIST, 'cli.js'))) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first (or `npm run bench`).');
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
log('# stampguard benchmark');
log(`machine: ${machine.cpu}, nproc ${machine.nproc}, ${machine.memGiB} GiB, ${machine.os}`);
log(`software: node ${machine.node}, ${machine.git}`);
log(`load average at start: ${machine.loadAtStart}${QUICK ? '   (--quick)' : ''}`);
log(`rounds: small ${OPTS.smallRounds}, large ${OPTS.largeRounds}, hooks ${OPTS.hookRounds} (commit pairs ${OPTS.commitPairs}), ref updates ${OPTS.refUpdates}, imports ${OPTS.importRounds}, RSS runs ${OPTS.rssRuns}`);

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

const cases = (dir) => ({
  check: { id: 'check', cmd: NODE, args: [BIN, 'check'], cwd: dir, env: tenv },
  floor: { id: 'floor', cmd: 'sh', args: ['-c', FLOOR_SCRIPT], cwd: dir, env: tenv },
  baselineVi: { id: 'baselineVi', cmd: 'sh', args: ['-c', BASELINE_VI_SCRIPT], cwd: dir, env: tenv },
  statusScript: { id: 'statusScript', cmd: NODE, args: ['-e', STATUS_SCRIPT], cwd: dir, env: tenv },
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

const results = { machine, options: { quick: QUICK, ...OPTS }, repos: {}, verdicts, timings: {} };
for (const [name, r] of Object.entries(repos)) results.repos[name] = { head: r.info.head, refsFingerprint: r.info.refsFingerprint, info: r.info, built: r.built, buildSeconds: r.seconds };

section(`small: node -e 0, is-git-clean-like, check, floor (vi) — ${OPTS.smallRounds} interleaved rounds`);
{
  const c = cases(repos.small.dir);
  results.timings.small = rounds([c.node0, c.statusScript, c.check, c.floor], OPTS.smallRounds, { warmup: 3 });
  printSeries(results.timings.small);
}
for (const name of ['large', 'dirty-large']) {
  section(`${name}: check, floor (vi), is-git-clean-like, (vi) with describe --dirty, node -e 0 — ${OPTS.largeRounds} interleaved rounds`);
  const c = cases(repos[name].dir);
  results.timings[name] = rounds([c.check, c.floor, c.statusScript, c.baselineVi, c.node0], OPTS.largeRounds, { warmup: 2 });
  const tm = results.timings[name];
  printSeries(tm);
  log(`  check ÷ floor, paired: ${fmtRatio(pairedRatio(tm.check.ms, tm.floor.ms))}; check ÷ (vi with --dirty): ${fmtRatio(pairedRatio(tm.check.ms, tm.baselineVi.ms))}`);
  log(`  check − floor − node -e 0, paired: ${fmtSigned(paired((a, b, n0) => a - b - n0, tm.check.ms, tm.floor.ms, tm.node0.ms))}`);
}

function printSeries(set) {
  for (const [id, s] of Object.entries(set)) {
    const codes = [...new Set(s.status)].join(',');
    log(`  ${id.padEnd(14)} ${fmtSummary(summary(s.ms), ' ms')}   exit ${codes}`);
  }
}

// ------------------------------------------------------------------------------------------------
// hooks

section('hooks (scratch copies of small)');
const kit = await hookKit(env, repos.small.dir);
if (kit.prefilterNote) log(`  ${kit.prefilterNote}`);
if (kit.preCommitNote) log(`  ${kit.preCommitNote}`);
const copies = prepareCopies(env, repos.small.dir, kit);
results.hooks = measureHooks(env, tenv, kit, copies, OPTS);
printSeries(results.hooks.commit);
if (results.hooks.commitFull) printSeries(results.hooks.commitFull);
if (results.hooks.updateRef) printSeries(results.hooks.updateRef);
if (results.hooks.tag) printSeries(results.hooks.tag);
if (results.hooks.nodeStarts) {
  for (const [k, v] of Object.entries(results.hooks.nodeStarts)) log(`  node starts during ${k}: ${v.starts} (git exit ${v.status})${v.commands.length ? `: ${v.commands.join(' | ')}` : ''}`);
  log(`  git tag v1.0.1 with the guard: exit ${results.hooks.tagOutcome.status}${results.hooks.tagOutcome.stderr ? ` — ${results.hooks.tagOutcome.stderr}` : ''}`);
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

section(`where the time goes — start-up and imports (${OPTS.importRounds} interleaved rounds)`);
results.imports = measureImports(tenv, repos.small.dir, OPTS.importRounds);
results.graph = staticGraph();
{
  const base = results.imports.node0.ms;
  for (const [id, s] of Object.entries(results.imports)) {
    log(`  ${id.padEnd(36)} ${fmtSummary(summary(s.ms), ' ms')}${id === 'node0' ? '' : `   Δ vs node -e 0 ${fmtSigned(pairedDiff(s.ms, base))}`}`);
  }
  log(`  static graph of dist/cli.js: ${results.graph.files} dist files; packages loaded at start: ${results.graph.packages.join(', ') || 'none'}; dynamic imports: ${results.graph.dynamic.join(', ') || 'none'}`);
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

// ------------------------------------------------------------------------------------------------
// targets and tables

const t = results.timings;
const h = results.hooks;
const med = (xs) => (xs ? median(xs) : null);
const targets = [];
function target(id, label, stat, limitText, pass, shown) {
  targets.push({ id, label, value: stat, limit: limitText, result: stat === null ? 'SKIP' : pass ? 'PASS' : 'FAIL', shown });
}
{
  const d = pairedDiff(t.small.check.ms, t.small.node0.ms);
  target('T1', '`check` on small − `node -e 0` (paired)', d, '≤ +30 ms', d.median <= 30, fmtSigned(d));
  const r = pairedRatio(t.small.check.ms, t.small.statusScript.ms);
  target('T1b', '`check` on small ÷ is-git-clean-like script (paired)', r, '< 1.00× (faster)', r.median < 1, fmtRatio(r));
  for (const name of ['large', 'dirty-large']) {
    const q = pairedRatio(t[name].check.ms, t[name].floor.ms);
    target(`T2-${name}`, `\`check\` on ${name} ÷ floor (vi) (paired)`, q, '≤ 1.10×', q.median <= 1.1, fmtRatio(q));
  }
  if (h.commit.commitPrefilter) {
    const p = pairedDiff(h.commit.commitPrefilter.ms, h.commit.commitNone.ms);
    target('T3', 'pre-filter: added per `git commit` (paired)', p, '≤ +3 ms', p.median <= 3, fmtSigned(p));
  } else target('T3', 'pre-filter: added per `git commit`', null, '≤ +3 ms', false, kit.prefilterNote);
  if (h.commitFull) {
    const f = h.commitFull;
    const p = paired((full, pre, n0) => full - pre - n0, f.commitFull.ms, f.commitPrefilter.ms, f.node0.ms);
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
row('`node -e 0`', S(t.small.node0.ms));
row('is-git-clean-like: node + one `git status --porcelain`, small', S(t.small.statusScript.ms));
row('plain-git floor (vi), small', S(t.small.floor.ms));
row('`stampguard check`, small', S(t.small.check.ms));
row('↳ − `node -e 0`, paired', T('T1').shown, T('T1').limit, verdictCell(T('T1')));
row('↳ ÷ is-git-clean-like, paired', T('T1b').shown, T('T1b').limit, verdictCell(T('T1b')));
for (const name of ['large', 'dirty-large']) {
  row(`plain-git floor (vi), ${name}`, S(t[name].floor.ms));
  row(`\`stampguard check\`, ${name}`, S(t[name].check.ms));
  row('↳ ÷ floor (vi), paired', T(`T2-${name}`).shown, T(`T2-${name}`).limit, verdictCell(T(`T2-${name}`)));
  row('↳ ÷ (vi) with `describe --dirty` (baseline §2.1 definition), paired', fmtRatio(pairedRatio(t[name].check.ms, t[name].baselineVi.ms)), 'info');
  row('↳ − floor (vi) − `node -e 0`, paired', fmtSigned(paired((a, b, n0) => a - b - n0, t[name].check.ms, t[name].floor.ms, t[name].node0.ms)), 'info');
}
row('(vi) with `describe --dirty --match \'v*\'` (baseline §2.1 definition), large', S(t.large.baselineVi.ms));
row('is-git-clean-like, large', S(t.large.statusScript.ms));
row('`git commit --allow-empty -q`, copy of small, no hooks', S(h.commit.commitNone.ms));
if (h.commit.commitPrefilter) {
  row('↳ with the reference-transaction pre-filter', S(h.commit.commitPrefilter.ms));
  row('↳↳ added per commit, paired', T('T3').shown, T('T3').limit, verdictCell(T('T3')));
} else row('↳ with the reference-transaction pre-filter', T('T3').shown, T('T3').limit, 'SKIP');
if (h.commitFull) {
  row(`↳ with stampguard's hooks (pre-commit, pre-push, pre-filter; node starts: ${h.nodeStarts.commitFull.starts})`, S(h.commitFull.commitFull.ms));
  row('↳↳ pre-commit hook − `node -e 0`, paired', T('T4').shown, T('T4').limit, verdictCell(T('T4')));
} else row('↳ with stampguard\'s hooks (pre-commit hook − `node -e 0`)', T('T4').shown, T('T4').limit, 'SKIP');
if (h.updateRef) {
  const a = summary(h.updateRef.updateNone.ms);
  const b = summary(h.updateRef.updatePrefilter.ms);
  row('`git update-ref` of a branch, per update: without → with pre-filter', `${fmtMs(a.median)} → ${fmtMs(b.median)} ms (${fmtSigned(pairedDiff(h.updateRef.updatePrefilter.ms, h.updateRef.updateNone.ms))})`);
  const starts = h.nodeStarts.tag.starts;
  row(`\`git tag v1.0.1\`, small, with the guard (exit ${h.tagOutcome.status}; node starts: ${starts})`, `${S(h.tag.tagGuard.ms)}; plain ${fmtMs(med(h.tag.tagPlain.ms))} ms`);
} else {
  row('`git update-ref` per ref update, with/without pre-filter', kit.prefilterNote, '', 'SKIP');
  row('`git tag vX` on small with the guard', kit.prefilterNote, '', 'SKIP');
}
row(`peak RSS of \`check\`, large (${hasTime() ? '/usr/bin/time %M' : 'getrusage'})`, T('T5').shown, T('T5').limit, verdictCell(T('T5')));

function hasTime() {
  return results.rss.gitStatus !== null;
}

const header = [
  `Machine: ${machine.cpu}, nproc ${machine.nproc}, node ${machine.node}, ${machine.git}; load average at start ${machine.loadAtStart}.`,
  `Interleaved rounds (small ${OPTS.smallRounds}, large ${OPTS.largeRounds}, hooks ${OPTS.hookRounds}); wall time of whole processes in ms, median (min–max); paired = per-round difference or ratio.`,
  `floor (vi) = \`sh -c '${FLOOR_SCRIPT}'\`.`,
].join('\n');
const mainTable = ['| measurement | median (min–max) | target | result |', '| --- | --- | --- | --- |', ...rows].join('\n');

// where the time goes
const wrows = [];
const wrow = (m, v, note = '') => wrows.push(`| ${m} | ${v} | ${note} |`);
{
  const base = results.imports.node0.ms;
  const im = results.imports;
  wrow('`node -e 0`', S(base), 'V8 + node bootstrap');
  wrow('`node -e "import(\'dist/cli.js\')"`', S(im.importCli.ms), `Δ ${fmtSigned(pairedDiff(im.importCli.ms, base))}: static graph = ${results.graph.files} dist files + ${results.graph.packages.join(', ')}`);
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

section('results');
log(`\n${header}\n\n${mainTable}\n\n${whereTable}\n`);
const fails = targets.filter((x) => x.result === 'FAIL').map((x) => x.id);
const skips = targets.filter((x) => x.result === 'SKIP').map((x) => x.id);
log(`targets: ${targets.filter((x) => x.result === 'PASS').length} pass, ${fails.length} fail${fails.length ? ` (${fails.join(', ')})` : ''}, ${skips.length} skipped${skips.length ? ` (${skips.join(', ')})` : ''}`);

machine.loadAtEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
results.totalSeconds = (Date.now() - T_START) / 1000;
writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  path.join(BENCH_DIR, 'RESULTS.md'),
  `# stampguard benchmark results\n\nGenerated by \`npm run bench\` on ${new Date().toISOString()}${QUICK ? ' (--quick)' : ''}; ${results.totalSeconds.toFixed(0)} s in total. Load average at end: ${machine.loadAtEnd}.\n\n${header}\n\nRepositories (generator v${GENERATOR_VERSION}): ${Object.entries(results.repos).map(([n, r]) => `${n} HEAD \`${r.head.slice(0, 12)}\``).join(', ')}.\n\n${mainTable}\n\n${whereTable}\n`,
);
log(`wrote bench/results.json and bench/RESULTS.md`);

// ------------------------------------------------------------------------------------------------
// cleanup: scratch copies, moved-aside caches, caches of other generator versions

rmSync(path.join(REPOS_DIR, 'scratch'), { recursive: true, force: true });
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


