#!/usr/bin/env node
// `npm run bench` (= npm run build && node bench/run.mjs): every target is a ratio of two things
// measured in the same run on the same machine, interleaved (the cases of a set alternate within
// every round, the order rotating) and paired (a round's two samples form one ratio). Machines
// differ 2.5× in raw speed, so no target is an absolute time.
//
//   node bench/run.mjs [--quick] [--fresh] [--no-profile] [--only=SET,…]
//     --quick       the targets only: one pass, fewer rounds, 1,000 tags instead of 5,000 in the
//                   fetch sets, no reference cases, RSS or "where the time goes"; under a minute
//                   with cached repositories. Writes bench/.repos/RESULTS-quick.md, never
//                   bench/RESULTS.md
//     --fresh       rebuild the cached repositories in bench/.repos/
//     --no-profile  skip the start-up breakdown and the CPU profiles
//     --only=…      measure only these sets (small, large, dirty-large, gates, commit, commitPkg,
//                   push, fetch, fetchAtomic); partial results go to bench/.repos/ as well
//
// What runs is the package as users get it: `npm pack` installed with husky (pack.mjs), hooks set
// up by that build's own `stampguard init` (hooks.mjs). Full-run results: bench/RESULTS.md (the
// tables, quoted by the README) and bench/results.json (everything, raw samples included).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DEPENDENCIES, measureImports, profileCheck, staticGraph, traceCheck } from './breakdown.mjs';
import {
  BENCH_DIR,
  BIN,
  cacheDir,
  GENERATOR_VERSION,
  makeEnv,
  NODE,
  REPOS_DIR,
  ROOT,
  timedEnv,
  useBuild,
} from './env.mjs';
import { makeGateRepos } from './gates.mjs';
import {
  addFetchRemote,
  addPushRemote,
  commitCase,
  countNodeStarts,
  fetchCase,
  makeHookedTemplate,
  makeVariant,
  pushCase,
  settle,
} from './hooks.mjs';
import { countExecs, fmtExecs, fmtHooks, hasStrace, traceHooks } from './hooktrace.mjs';
import { fmtMs, fmtSummary, median, pairedDiff, quantile, rounds, runOnce, summary } from './measure.mjs';
import { packedBuild } from './pack.mjs';
import { ensureRepos, FETCH_TAGS, fetchRefspec, fetchTagName, REFERENCE_HEADS } from './repos.mjs';
import { measureRss } from './rss.mjs';

const SETS = ['small', 'large', 'dirty-large', 'gates', 'commit', 'commitPkg', 'push', 'fetch', 'fetchAtomic'];
const argv = process.argv.slice(2);
const args = new Set(argv.filter((a) => !a.startsWith('--only=')));
if (args.has('--help') || args.has('-h')) {
  console.log('usage: node bench/run.mjs [--quick] [--fresh] [--no-profile] [--only=SET,…]');
  process.exit(0);
}
for (const a of args) {
  if (!['--quick', '--fresh', '--no-profile'].includes(a)) {
    console.error(`bench: unknown option ${a} (try --help)`);
    process.exit(2);
  }
}
const onlyArg = argv.find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',').filter(Boolean)) : null;
if (ONLY) {
  for (const s of ONLY) {
    if (!SETS.includes(s)) {
      console.error(`bench: unknown set "${s}" in --only; sets: ${SETS.join(', ')}`);
      process.exit(2);
    }
  }
}
const QUICK = args.has('--quick');
const PROFILE = !QUICK && !args.has('--no-profile');
// Rounds per set over the whole run (split over the passes). The fetch sets are slow (a plain
// fetch of 5,000 tags with a reference-transaction hook takes tens of seconds): one round per pass.
// --quick: one pass instead of three, only the cases the targets need, no strace/profiles.
const OPTS = QUICK
  ? {
      small: 6,
      large: 4,
      'dirty-large': 0,
      gates: 5,
      commit: 10,
      commitPkg: 4,
      push: 6,
      fetch: 1,
      fetchAtomic: 2,
      fetchTags: 1000,
      rss: 0,
      imports: 0,
    }
  : {
      small: 24,
      large: 12,
      'dirty-large': 12,
      gates: 24,
      commit: 30,
      commitPkg: 12,
      push: 21,
      fetch: 3,
      fetchAtomic: 9,
      fetchTags: FETCH_TAGS,
      rss: 5,
      imports: 11,
    };
const wanted = (set) => (!ONLY || ONLY.has(set)) && OPTS[set] > 0;
const PARTIAL = Boolean(ONLY);

const T_START = Date.now();
const elapsed = () => `${((Date.now() - T_START) / 1000).toFixed(1)} s`;
const log = (...a) => console.log(...a);
const section = (title) => log(`\n## ${title}  [${elapsed()}]`);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

// ------------------------------------------------------------------------------------------------
// machine and build

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : (os.cpus()[0]?.model ?? 'unknown');
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
  cpu: cpuModel(),
  nproc: nproc(),
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  git: execFileSync('git', ['--version'], { env, encoding: 'utf8' }).trim(),
  loadAtStart: loadavg(),
};
log(`# stampguard benchmark${QUICK ? ' (--quick)' : ''}${PARTIAL ? ` (only ${[...ONLY].join(', ')})` : ''}`);
log(`machine: ${machine.cpu}, nproc ${machine.nproc}, ${machine.memGiB} GiB, ${machine.os}`);
log(`software: node ${machine.node}, ${machine.git}`);
log(`load average at start: ${machine.loadAtStart}`);

section('build under test (npm pack, installed with husky)');
if (!existsSync(path.join(ROOT, 'dist'))) {
  console.error('bench: dist/ is missing; run `npm run build` first (or `npm run bench`).');
  process.exit(2);
}
const pack = packedBuild(env, { log });
useBuild(pack);
machine.husky = pack.huskyVersion;
const projectHead = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: ROOT,
  env: tenv,
  encoding: 'utf8',
}).stdout.trim();
// Modified tracked files outside bench/ (the bench's own results change with every run; the
// tarball hash says exactly what was measured).
const projectChanges = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench'], {
  cwd: ROOT,
  env: tenv,
  encoding: 'utf8',
})
  .stdout.split('\n')
  .filter(Boolean).length;
const build = {
  tarball: path.basename(pack.tarball),
  hash: pack.hash,
  projectHead,
  projectModifiedFiles: projectChanges,
};
log(
  `  project HEAD ${projectHead}${projectChanges ? ` + ${projectChanges} modified tracked files` : ''}; bin ${path.relative(ROOT, BIN)}`,
);

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
  const shape =
    name === 'fetch-remote'
      ? `${i.tags} tags`
      : `${i.files} files, ${i.commits} commits, ${i.tags} tags; HEAD tags ${i.headTags.join(', ')}; status ${i.status.changed} changed, ${i.status.untracked} untracked`;
  log(
    `  ${name.padEnd(12)} HEAD ${i.head.slice(0, 12)} (${match}); refs ${i.refsFingerprint}; ${shape}; ${r.built ? `built now in ${r.seconds.toFixed(1)} s` : `cached (built in ${r.builtSeconds?.toFixed(1) ?? '?'} s)`}`,
  );
}

// ------------------------------------------------------------------------------------------------
// scratch repositories: hooks (from the packed build's own init), gates

section('scratch repositories');
const scratchDir = path.join(REPOS_DIR, 'scratch');
rmSync(scratchDir, { recursive: true, force: true });
mkdirSync(scratchDir, { recursive: true });
const template = makeHookedTemplate(env, pack, repos.small.dir);
log(
  `  stampguard init in a copy of small: exit ${template.init.status}; hooks in ${template.hooksPath}; reference-transaction hook: ${template.referenceTransaction === null ? 'none installed' : `${template.referenceTransaction.split('\n').length} lines`}`,
);
const V = (activity, variant) => path.join(scratchDir, `${activity}-${variant}`);
const dirs = { commit: {}, push: {}, fetch: {} };
// Reference variants (hooks.mjs) only in full runs; --quick measures what the targets need.
const COMMIT_VARIANTS = QUICK
  ? ['plain', 'husky', 'hooked']
  : ['plain', 'husky', 'prefilter', 'shFloor', 'huskyFloor', 'hooked'];
const PUSH_VARIANTS = QUICK ? ['plain', 'husky', 'hooked'] : ['plain', 'husky', 'shFloor', 'huskyFloor', 'hooked'];
for (const v of COMMIT_VARIANTS) dirs.commit[v] = makeVariant(env, template, v, V('commit', v));
for (const v of PUSH_VARIANTS) {
  dirs.push[v] = makeVariant(env, template, v, V('push', v));
  addPushRemote(env, dirs.push[v], `${dirs.push[v]}-remote.git`);
}
for (const v of ['plain', 'exit0', 'hooked']) {
  dirs.fetch[v] = makeVariant(env, template, v, V('fetch', v));
  addFetchRemote(env, dirs.fetch[v], repos['fetch-remote'].dir);
}
const gateDirs = makeGateRepos(env, repos.small.dir);
settle(env, [
  ...Object.values(dirs.commit),
  ...Object.values(dirs.push),
  ...Object.values(dirs.fetch),
  ...Object.values(gateDirs),
]);
log(
  `  copies: commit (${Object.keys(dirs.commit).join(', ')}), push (${Object.keys(dirs.push).join(', ')}; each with its own bare remote), fetch (${Object.keys(dirs.fetch).join(', ')}; remote fetch-remote.git), gates (${Object.keys(gateDirs).join(', ')})`,
);

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

const repoCases = (dir, checkExpect = 0) => ({
  check: { id: 'check', cmd: NODE, args: [BIN, 'check'], cwd: dir, env: tenv, expect: checkExpect },
  floor: { id: 'floor', cmd: 'sh', args: ['-c', FLOOR_SCRIPT], cwd: dir, env: tenv, expect: 0 },
  baselineVi: { id: 'baselineVi', cmd: 'sh', args: ['-c', BASELINE_VI_SCRIPT], cwd: dir, env: tenv, expect: 0 },
  statusScript: {
    id: 'statusScript',
    cmd: NODE,
    args: ['-e', STATUS_SCRIPT],
    cwd: dir,
    env: tenv,
    expect: checkExpect,
  },
  isGitClean: { id: 'isGitClean', cmd: NODE, args: ['-e', IS_GIT_CLEAN_SCRIPT], cwd: dir, env: tenv, expect: null },
  node0: { id: 'node0', cmd: NODE, args: ['-e', '0'], cwd: dir, env: tenv, expect: 0 },
});
const pick = (all, ids) => ids.map((id) => all[id]);

const fetchNames = Array.from({ length: OPTS.fetchTags }, (_, k) => fetchTagName(k));
const fetchSpec = { refspec: fetchRefspec(OPTS.fetchTags), names: fetchNames };
// The diagnostics fetch 100 named tags (explicit refspecs) to count processes per ref update.
const diagNames = fetchNames.slice(0, 100);
const diagSpec = { refspec: diagNames.map((t) => `refs/tags/${t}:refs/tags/${t}`), names: diagNames };

/** Every set: its cases in round order, warm-up runs per pass, and a description for the tables. */
const setDefs = {
  small: {
    cases: pick(
      repoCases(repos.small.dir),
      QUICK ? ['node0', 'isGitClean', 'check'] : ['node0', 'statusScript', 'isGitClean', 'check'],
    ),
    warmup: 2,
  },
  large: {
    cases: pick(repoCases(repos.large.dir), ['check', 'floor', 'baselineVi', 'node0']),
    warmup: 1,
  },
  'dirty-large': { cases: pick(repoCases(repos['dirty-large'].dir, 1), ['check', 'floor']), warmup: 1 },
  gates: {
    cases: Object.entries(gateDirs)
      .filter(([name]) => !QUICK || name !== 'kueue')
      .map(([name, dir]) => ({ id: `gates-${name}`, cmd: NODE, args: [BIN, 'check'], cwd: dir, env: tenv, expect: 0 })),
    warmup: QUICK ? 1 : 2,
  },
  commit: { cases: Object.entries(dirs.commit).map(([v, dir]) => commitCase(env, tenv, v, dir, 'src')), warmup: 2 },
  commitPkg: { cases: ['plain', 'hooked'].map((v) => commitCase(env, tenv, v, dirs.commit[v], 'pkg')), warmup: 1 },
  push: { cases: Object.entries(dirs.push).map(([v, dir]) => pushCase(env, tenv, v, dir)), warmup: 1 },
  fetch: {
    cases: Object.entries(dirs.fetch).map(([v, dir]) => fetchCase(env, tenv, v, dir, { ...fetchSpec, atomic: false })),
    warmup: 0,
  },
  fetchAtomic: {
    cases: Object.entries(dirs.fetch).map(([v, dir]) => fetchCase(env, tenv, v, dir, { ...fetchSpec, atomic: true })),
    warmup: 0,
  },
};

// ------------------------------------------------------------------------------------------------
// untimed: verdicts, node starts, the first fetch of the tag objects

section('verdicts and probes (untimed)');
const verdicts = {};
const verdictRepos = {
  small: repos.small.dir,
  large: repos.large.dir,
  'dirty-large': repos['dirty-large'].dir,
  ...Object.fromEntries(Object.entries(gateDirs).map(([n, d]) => [`gates-${n}`, d])),
};
for (const [name, dir] of Object.entries(verdictRepos)) {
  if (QUICK && (name === 'dirty-large' || name === 'gates-kueue')) continue;
  const res = spawnSync(NODE, [BIN, 'check', '--json'], { cwd: dir, env: tenv, encoding: 'utf8' });
  let v = { status: res.status, ok: null, stamp: null, findings: [] };
  try {
    const j = JSON.parse(res.stdout);
    v = {
      status: res.status,
      ok: j.ok,
      stamp: j.version?.stamp ?? null,
      findings: (j.findings ?? []).map((f) => `${f.code}:${f.severity}`),
    };
  } catch {
    v.error = (res.stderr || res.stdout).trim().split('\n').slice(0, 3).join(' / ');
  }
  verdicts[name] = v;
  const expect = name === 'dirty-large' ? 'refuse' : 'pass';
  const got = v.ok === true ? 'pass' : v.ok === false ? 'refuse' : 'could not run';
  log(
    `  check in ${name.padEnd(11)} exit ${v.status}, ${got}${v.stamp ? ` (stamp ${v.stamp})` : ''}${v.findings.length ? `; findings ${v.findings.join(', ')}` : ''}${v.error ? `; ${v.error}` : ''}${got === expect ? '' : `   <-- expected ${expect}`}`,
  );
}
for (const name of ['small', 'large']) {
  const f = runOnce({ ...repoCases(repos[name].dir).floor }, { capture: true });
  if (f.status !== 0) log(`  warning: the floor script exited ${f.status} in ${name}: ${f.stderr.trim()}`);
}

// The first fetch brings the tag objects; afterwards every timed fetch creates the same refs from
// objects already present, so every round does the same work.
for (const [v, dir] of Object.entries(dirs.fetch)) {
  const c = fetchCase(env, env, `warm-${v}`, dir, { ...fetchSpec, atomic: true });
  const r = runOnce(c);
  log(
    `  first fetch of ${OPTS.fetchTags} tags in fetch-${v} (untimed, brings the objects): exit ${r.status}, ${(r.ms / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) throw new Error(`the first fetch in ${dir} failed (exit ${r.status})`);
}

const probes = {};
const PROBE_LABELS = {
  commitSrc: 'a commit staging a source file',
  commitPkg: 'a commit staging package.json',
  push: 'a branch-only push',
  fetch: `a fetch of ${diagNames.length} tags`,
  fetchAtomic: `a fetch --atomic of ${diagNames.length} tags`,
};
{
  const c = setDefs.commit.cases.find((x) => x.id === 'hooked');
  probes.commitSrc = countNodeStarts(tenv, c.cwd, c.args, c.before);
  const p = setDefs.commitPkg.cases.find((x) => x.id === 'hooked');
  probes.commitPkg = countNodeStarts(tenv, p.cwd, p.args, p.before);
  const u = setDefs.push.cases.find((x) => x.id === 'hooked');
  probes.push = countNodeStarts(tenv, u.cwd, u.args, u.before);
  const f = fetchCase(env, tenv, 'probe', dirs.fetch.hooked, { ...diagSpec, atomic: false });
  probes.fetch = countNodeStarts(tenv, f.cwd, f.args, f.before);
  const a = fetchCase(env, tenv, 'probe', dirs.fetch.hooked, { ...diagSpec, atomic: true });
  probes.fetchAtomic = countNodeStarts(tenv, a.cwd, a.args, a.before);
  for (const [k, x] of Object.entries(probes))
    log(
      `  node starts during ${PROBE_LABELS[k]} with stampguard's hooks: ${x.starts} (git exit ${x.status})${x.commands.length ? `: ${[...new Set(x.commands)].join(' | ')}` : ''}${x.status !== 0 && x.stderr ? ` — ${x.stderr}` : ''}`,
    );
}

// ------------------------------------------------------------------------------------------------
// timed passes

const PASSES = QUICK ? 1 : 3;
const passRounds = (n, pass) => Math.floor(n / PASSES) + (pass < n % PASSES ? 1 : 0);
const results = {
  mode: QUICK ? 'quick' : 'full',
  only: ONLY ? [...ONLY] : null,
  machine,
  build,
  options: { ...OPTS, passes: PASSES },
  repos: Object.fromEntries(
    Object.entries(repos).map(([n, r]) => [
      n,
      {
        head: r.info.head,
        refsFingerprint: r.info.refsFingerprint,
        built: r.built,
        buildSeconds: r.builtSeconds,
        builtAt: r.builtAt,
      },
    ]),
  ),
  verdicts,
  probes,
  passes: [],
};

function printSeries(set, indent = '  ') {
  for (const [id, s] of Object.entries(set)) {
    const codes = [...new Set(s.status)].join(',');
    log(`${indent}${id.padEnd(16)} ${fmtSummary(summary(s.ms), ' ms')}   exit ${codes}`);
  }
}

function timedPass(pass) {
  if (pass >= PASSES) return;
  const data = { pass: pass + 1, loadAtStart: os.loadavg()[0], sets: {} };
  for (const set of SETS) {
    if (!wanted(set)) continue;
    const n = passRounds(OPTS[set], pass);
    if (n === 0) continue;
    const def = setDefs[set];
    section(
      `pass ${pass + 1}/${PASSES}, ${set}: ${def.cases.map((c) => c.id).join(', ')} — ${n} interleaved round${n === 1 ? '' : 's'}`,
    );
    // Full warm-up in the first pass; one run per case later (the page cache may have moved on).
    const r = rounds(def.cases, n, { warmup: pass === 0 ? def.warmup : Math.min(def.warmup, 1), offset: pass });
    printSeries(r);
    data.sets[set] = r;
  }
  data.loadAtEnd = os.loadavg()[0];
  results.passes.push(data);
}

/** Per-round values fn(a_i, b_i, …) of set/ids in every pass that measured the set (key: ms or cpu). */
function pairedPerPass(set, fn, ids, key = 'ms') {
  return results.passes
    .filter((p) => p.sets[set])
    .map((p) => p.sets[set][ids[0]][key].map((_, i) => fn(...ids.map((id) => p.sets[set][id][key][i]))));
}
/** Median of the pass medians; quartiles and range over all values. */
function passStat(perPass) {
  const all = perPass.flat();
  if (all.length === 0) return null;
  return {
    median: median(perPass.map(median)),
    p25: quantile(all, 0.25),
    p75: quantile(all, 0.75),
    min: Math.min(...all),
    max: Math.max(...all),
    n: all.length,
    passMedians: perPass.map(median),
  };
}
const RATIO = (a, b) => a / b;
const DIFF = (a, b) => a - b;
const stat = (set, id, key = 'ms') =>
  passStat(results.passes.filter((p) => p.sets[set]).map((p) => p.sets[set][id][key]));
const ratio = (set, a, b) => passStat(pairedPerPass(set, RATIO, [a, b]));
const diff = (set, a, b) => passStat(pairedPerPass(set, DIFF, [a, b]));
// CPU time comes in 10 ms clock ticks: a CPU ratio is shown only where the denominator's median
// CPU time is at least CPU_MIN_MS (±10% per sample at worst, less in the median). It is the cost of the work itself, far less
// sensitive than wall time to what else the shared machine runs.
const CPU_MIN_MS = 100;
function cpuRatio(set, a, b) {
  const bc = stat(set, b, 'cpu');
  if (!bc || bc.median === null || !(bc.median >= CPU_MIN_MS)) return null;
  return passStat(pairedPerPass(set, RATIO, [a, b], 'cpu'));
}
const statuses = (set, id) => results.passes.filter((p) => p.sets[set]).flatMap((p) => p.sets[set][id].status);

timedPass(0);

// ------------------------------------------------------------------------------------------------
// RSS (between passes)

if (wanted('large') && OPTS.rss > 0) {
  section(`peak RSS of check on large (${OPTS.rss} runs)`);
  results.rss = measureRss(tenv, repos.large.dir, OPTS.rss);
  log(`  ${results.rss.method}: ${fmtSummary(results.rss.peak, ' MiB')}`);
  log(`  node process alone (getrusage): ${fmtSummary(results.rss.nodeOnly, ' MiB')}`);
  if (results.rss.gitStatus) log(`  git status alone: ${fmtSummary(results.rss.gitStatus, ' MiB')}`);
}

timedPass(1);

// ------------------------------------------------------------------------------------------------
// where the time goes (between passes)

if (OPTS.imports > 0 && !ONLY) {
  section(`where the time goes — start-up and imports (${OPTS.imports} interleaved rounds)`);
  results.imports = measureImports(tenv, repos.small.dir, pack.template, OPTS.imports);
  results.graph = staticGraph();
  const base = results.imports.node0.ms;
  for (const [id, s] of Object.entries(results.imports)) {
    log(
      `  ${id.padEnd(36)} ${fmtSummary(summary(s.ms), ' ms')}${id === 'node0' ? '' : `   Δ vs node -e 0 ${fmtSigned(pairedDiff(s.ms, base))}`}`,
    );
  }
  log(
    `  static graph of ${results.graph.entry}: ${results.graph.files} files; packages loaded at start: ${results.graph.packages.join(', ') || 'none'}; dynamic imports: ${results.graph.dynamic.join(', ') || 'none'}`,
  );
}

results.trace = {};
results.profile = {};
results.hookDiag = [];
const DIAGNOSE = !QUICK;
if (DIAGNOSE)
  section(
    'where the time goes — git children of check (GIT_TRACE2_EVENT)' +
      (PROFILE ? ' and CPU profiles (--cpu-prof)' : ''),
  );
const checkDiag = {
  small: repos.small.dir,
  large: repos.large.dir,
  'gates-off': gateDirs.off,
  'gates-k8s': gateDirs.k8s,
};
for (const [name, dir] of Object.entries(DIAGNOSE ? checkDiag : {})) {
  if (ONLY && !ONLY.has(name.startsWith('gates') ? 'gates' : name)) continue;
  const t = traceCheck(tenv, dir, name);
  results.trace[name] = t;
  log(
    `  ${name}: wall ${fmtMs(t.wall)} ms; node before the first git ${fmtMs(t.beforeFirstGit)} ms; git span ${fmtMs(t.gitSpan)} ms (busy ${fmtMs(t.gitBusy)} ms); after the last git ${fmtMs(t.afterLastGit)} ms`,
  );
  for (const g of t.git)
    log(
      `      +${fmtMs(g.start).padStart(5)} ms  ${fmtMs(g.ms).padStart(6)} ms  git ${g.cmd}${g.code ? ` (exit ${g.code})` : ''}`,
    );
  if (!PROFILE) continue;
  const p = profileCheck(tenv, dir, name);
  results.profile[name] = p;
  log(
    `  ${name} CPU profile (${fmtMs(p.total)} ms profiled), by owner: ${p.owners
      .slice(0, 7)
      .map((c) => `${c.name} ${fmtMs(c.ms)}`)
      .join('; ')}`,
  );
}

if (DIAGNOSE) {
  section(
    `where the time goes — hooks (one traced run each: GIT_TRACE2_EVENT${hasStrace() && PROFILE ? '; strace -f execve for the programs started' : ''})`,
  );
  const scenarios = [];
  const add = (set, label, c, { strace = true } = {}) => {
    if (!ONLY || ONLY.has(set)) scenarios.push({ set, label, c, strace });
  };
  for (const v of COMMIT_VARIANTS)
    add('commit', `commit staging a source file, ${v}`, commitCase(env, tenv, v, dirs.commit[v], 'src'));
  add('commitPkg', 'commit staging package.json, hooked', commitCase(env, tenv, 'hooked', dirs.commit.hooked, 'pkg'));
  for (const v of PUSH_VARIANTS) add('push', `branch-only push, ${v}`, pushCase(env, tenv, v, dirs.push[v]));
  for (const v of ['plain', 'exit0', 'hooked'])
    add(
      'fetch',
      `fetch of ${diagNames.length} tags, ${v}`,
      fetchCase(env, tenv, v, dirs.fetch[v], { ...diagSpec, atomic: false }),
    );
  for (const v of ['plain', 'hooked'])
    add(
      'fetchAtomic',
      `fetch --atomic of ${OPTS.fetchTags} tags, ${v}`,
      fetchCase(env, tenv, v, dirs.fetch[v], { ...fetchSpec, atomic: true }),
      { strace: false },
    );
  add(
    'fetchAtomic',
    `fetch --atomic of ${diagNames.length} tags, hooked`,
    fetchCase(env, tenv, 'hooked', dirs.fetch.hooked, { ...diagSpec, atomic: true }),
  );
  for (const s of scenarios) {
    const t = traceHooks(s.c, s.label.replace(/\W+/g, '-'));
    const x = s.strace && PROFILE ? countExecs(s.c, s.label.replace(/\W+/g, '-')) : null;
    results.hookDiag.push({ set: s.set, label: s.label, trace: t, execs: x });
    log(
      `  ${s.label}: exit ${t.status}; git ${fmtMs(t.gitMs)} ms, in hooks ${fmtMs(t.hookMs)} ms (${plural(t.hookRuns, 'run')}): ${fmtHooks(t, fmtMs)}`,
    );
    if (x) log(`      ${fmtExecs(x)}`);
  }
}

timedPass(2);
machine.loadAtEnd = loadavg();

// ------------------------------------------------------------------------------------------------
// targets

const N = OPTS.fetchTags;
const quickFetch = QUICK ? ` (--quick: ${N.toLocaleString('en')} tags, not ${FETCH_TAGS.toLocaleString('en')})` : '';
const TARGETS = [
  {
    id: '1',
    set: 'commit',
    a: 'hooked',
    b: 'plain',
    limit: 1.5,
    what: "`git commit` staging a source file (no version, config or gate file): stampguard's hooks (husky, from `init`) ÷ no hooks",
  },
  {
    id: '2',
    set: 'push',
    a: 'hooked',
    b: 'plain',
    limit: 1.2,
    what: "branch-only `git push` to a local bare remote: stampguard's hooks ÷ no hooks",
  },
  {
    id: '3',
    set: 'small',
    a: 'check',
    b: 'isGitClean',
    limit: 1.0,
    what: '`stampguard check`, small repository ÷ is-git-clean (one `git status` through execa)',
  },
  {
    id: '4',
    set: 'large',
    a: 'check',
    b: 'floor',
    limit: 1.25,
    what: '`stampguard check`, 100k-file repository ÷ strict floor (status + describe without --dirty + rev-parse)',
  },
  {
    id: '5',
    set: 'gates',
    a: 'gates-k8s',
    b: 'gates-off',
    limit: 1.15,
    what: "`stampguard check` with Kubernetes' gate list (193 gates) ÷ the same check without gates",
  },
  {
    id: '6',
    set: 'fetchAtomic',
    a: 'hooked',
    b: 'plain',
    limit: 1.5,
    what: `\`git fetch --atomic\` of ${N.toLocaleString('en')} new tags (one transaction): stampguard's hooks ÷ no hooks${quickFetch}`,
  },
  {
    id: '7',
    set: 'fetch',
    a: 'hooked',
    b: 'exit0',
    limit: 1.1,
    what: `plain \`git fetch\` of ${N.toLocaleString('en')} new tags (one hook run per ref): stampguard's hooks ÷ a reference-transaction hook that only exits 0${quickFetch}`,
  },
  // The same limits applied to what stampguard itself adds, where the targets above cannot be met
  // by any hook or any node program (husky's wrappers alone, git's cost of running any
  // reference-transaction hook, node's own start: see the reference rows).
  {
    id: '1s',
    set: 'commit',
    a: 'hooked',
    b: 'husky',
    limit: 1.5,
    what: "target 1 for what stampguard adds: the same commit, stampguard's hooks ÷ husky's wrappers alone",
  },
  {
    id: '2s',
    set: 'push',
    a: 'hooked',
    b: 'husky',
    limit: 1.2,
    what: "target 2 for what stampguard adds: the same push, stampguard's hooks ÷ husky's wrappers alone",
  },
  {
    id: '4s',
    set: 'large',
    ids: ['check', 'node0', 'floor'],
    combine: (check, n0, floor) => check / (n0 + floor),
    limit: 1.25,
    what: "target 4 beyond node's own start: `check`, 100k files ÷ (`node -e 0` + strict floor), from the same rounds",
  },
  {
    id: '6s',
    set: 'fetchAtomic',
    a: 'hooked',
    b: 'exit0',
    limit: 1.1,
    what: `target 6 for what stampguard adds: the same \`git fetch --atomic\`, stampguard's hooks ÷ a reference-transaction hook that only exits 0${quickFetch}`,
  },
];
const INFO = [
  {
    id: '1a',
    set: 'commit',
    a: 'husky',
    b: 'plain',
    what: "the same commit, husky's wrappers only (no stampguard hook) ÷ no hooks",
  },
  {
    id: '1b',
    set: 'commitPkg',
    a: 'hooked',
    b: 'plain',
    what: "`git commit` staging package.json (the full check must run): stampguard's hooks ÷ no hooks",
    withDiff: true,
  },
  {
    id: '1c',
    set: 'commit',
    a: 'huskyFloor',
    b: 'plain',
    what: 'the same commit, the least a shell pre-filter through husky can cost (pre-commit only lists the staged paths, reference-transaction exits 0) ÷ no hooks',
  },
  {
    id: '1d',
    set: 'commit',
    a: 'shFloor',
    b: 'plain',
    what: 'the same least pre-filter without husky (core.hooksPath) ÷ no hooks',
  },
  {
    id: '1e',
    set: 'commit',
    a: 'hooked',
    b: 'husky',
    what: "the same commit, stampguard's hooks ÷ husky's wrappers alone (what stampguard adds where husky is already installed)",
  },
  { id: '2a', set: 'push', a: 'husky', b: 'plain', what: "the same push, husky's wrappers only ÷ no hooks" },
  {
    id: '2b',
    set: 'push',
    a: 'huskyFloor',
    b: 'plain',
    what: 'the same push, the least a shell pre-filter through husky can cost (pre-push only reads its input) ÷ no hooks',
  },
  {
    id: '2c',
    set: 'push',
    a: 'shFloor',
    b: 'plain',
    what: 'the same least pre-filter without husky (core.hooksPath) ÷ no hooks',
  },
  {
    id: '2d',
    set: 'push',
    a: 'hooked',
    b: 'husky',
    what: "the same push, stampguard's hooks ÷ husky's wrappers alone",
  },
  {
    id: '3a',
    set: 'small',
    a: 'check',
    b: 'statusScript',
    what: '`check`, small ÷ node + one `git status --porcelain` (no packages)',
  },
  { id: '3b', set: 'small', a: 'check', b: 'node0', what: '`check`, small − `node -e 0`', diffOnly: true },
  {
    id: '4a',
    set: 'large',
    a: 'check',
    b: 'baselineVi',
    what: '`check`, 100k files ÷ looser floor (describe --dirty: a second work-tree scan)',
  },
  {
    id: '4c',
    set: 'large',
    a: 'node0',
    b: 'floor',
    what: 'lower bound for a node CLI that starts git only once node is up: (`node -e 0` + strict floor) ÷ strict floor, from the same rounds',
    combine: (n0, f) => (n0 + f) / f,
  },
  {
    id: '4b',
    set: 'dirty-large',
    a: 'check',
    b: 'floor',
    what: '`check`, 100k files with staged/modified/deleted files (refuses) ÷ strict floor',
  },
  {
    id: '5a',
    set: 'gates',
    a: 'gates-kueue',
    b: 'gates-off',
    what: "`check` with Kueue's gate list (114 gates) ÷ without gates",
  },
  {
    id: '6a',
    set: 'fetchAtomic',
    a: 'exit0',
    b: 'plain',
    what: `\`git fetch --atomic\` of ${N.toLocaleString('en')} tags, exit-0 hook ÷ no hooks`,
  },
  {
    id: '7a',
    set: 'fetch',
    a: 'exit0',
    b: 'plain',
    what: `plain \`git fetch\` of ${N.toLocaleString('en')} tags, exit-0 reference-transaction hook ÷ no hooks (what any such hook costs)`,
    perRef: true,
  },
  {
    id: '7b',
    set: 'fetch',
    a: 'hooked',
    b: 'plain',
    what: `plain \`git fetch\` of ${N.toLocaleString('en')} tags, stampguard's hooks ÷ no hooks`,
    perRef: true,
  },
  {
    id: '8',
    set: 'commit',
    a: 'prefilter',
    b: 'plain',
    what: 'pre-filter cost: `git commit` that updates no tag with only the reference-transaction hook `init` installs ÷ no hooks',
    withDiff: true,
  },
];

function badStatus(set, ids) {
  const out = [];
  for (const id of ids) {
    const c = setDefs[set].cases.find((x) => x.id === id);
    if (!c || c.expect === null || c.expect === undefined) continue;
    const wrong = statuses(set, id).filter((s) => s !== c.expect);
    if (wrong.length)
      out.push(
        `${id} exited ${[...new Set(wrong)].join(',')} (expected ${c.expect}) in ${wrong.length} run${wrong.length === 1 ? '' : 's'}`,
      );
  }
  return out;
}

/** Where the target falls in the spread: quartiles for 5+ pairs, the range below that. */
function judge(r, limit) {
  const pass = r.median <= limit;
  const [lo, hi] = r.n >= 5 ? [r.p25, r.p75] : [r.min, r.max];
  const noisy = limit >= lo && limit <= hi;
  return { pass, noisy, result: pass ? 'PASS' : 'FAIL' };
}

const fmtRatioMed = (r) => `${r.median.toFixed(2)}×`;
const fmtSpread = (r) =>
  `${r.n >= 5 ? `IQR ${r.p25.toFixed(2)}–${r.p75.toFixed(2)}, ` : ''}range ${r.min.toFixed(2)}–${r.max.toFixed(2)}, n ${r.n}`;
function fmtSigned(s, unit = ' ms') {
  if (!s) return '–';
  const sign = (x) => (x >= 0 ? '+' : '') + fmtMs(x);
  return `${sign(s.median)}${unit} (${sign(s.min)}…${sign(s.max)})`;
}
const fmtMed = (s) => (s ? `${fmtMs(s.median)} ms` : '–');
const fmtCpu = (c) =>
  c
    ? `${c.median.toFixed(2)}× (${c.n >= 5 ? `IQR ${c.p25.toFixed(2)}–${c.p75.toFixed(2)}` : `range ${c.min.toFixed(2)}–${c.max.toFixed(2)}`})`
    : '–';

const targetRows = [];
results.targets = [];
for (const t of TARGETS) {
  const entry = { id: t.id, what: t.what, limit: t.limit, set: t.set, a: t.a, b: t.b };
  if (!results.passes.some((p) => p.sets[t.set])) {
    entry.result = 'SKIP';
    targetRows.push(`| ${t.id} | ${t.what} | – | not measured in this run | – | – | ≤ ${t.limit.toFixed(2)}× | SKIP |`);
    results.targets.push(entry);
    continue;
  }
  const ids = t.ids ?? [t.a, t.b];
  const r = t.combine ? passStat(pairedPerPass(t.set, t.combine, ids)) : ratio(t.set, t.a, t.b);
  const bad = badStatus(t.set, ids);
  const j = judge(r, t.limit);
  const cpu = t.combine ? null : cpuRatio(t.set, t.a, t.b);
  Object.assign(entry, {
    ratio: r,
    cpuRatio: cpu,
    a: stat(t.set, ids[0]),
    b: t.combine ? null : stat(t.set, t.b),
    invalid: bad,
    ...j,
  });
  let result = bad.length ? 'INVALID' : j.result;
  if (!bad.length && j.noisy) result += ' (within noise)';
  entry.result = result;
  const shown = result.startsWith('FAIL') ? `**${result}**` : result;
  targetRows.push(
    `| ${t.id} | ${t.what} | ${fmtRatioMed(r)} | ${fmtSpread(r)} | ${fmtMed(entry.a)} / ${fmtMed(entry.b)} | ${fmtCpu(cpu)} | ≤ ${t.limit.toFixed(2)}× | ${shown}${bad.length ? `: ${bad.join('; ')}` : ''} |`,
  );
  results.targets.push(entry);
}
const infoRows = [];
results.info = [];
const measured = (set, ...ids) => results.passes.some((p) => p.sets[set] && ids.every((id) => p.sets[set][id]));
for (const t of INFO) {
  if (!measured(t.set, t.a, t.b)) continue;
  const bad = badStatus(t.set, [t.a, t.b]);
  const a = stat(t.set, t.a);
  const b = stat(t.set, t.b);
  const d = diff(t.set, t.a, t.b);
  if (t.diffOnly) {
    infoRows.push(`| ${t.id} | ${t.what} | ${fmtSigned(d)} | ${fmtMed(a)} / ${fmtMed(b)} | ${bad.join('; ')} |`);
    results.info.push({ ...t, diff: d, a, b, invalid: bad });
    continue;
  }
  const r = t.combine ? passStat(pairedPerPass(t.set, t.combine, [t.a, t.b])) : ratio(t.set, t.a, t.b);
  let extra = '';
  if (t.withDiff) extra = `; ${fmtSigned(d)} a run`;
  if (t.perRef) extra = `; ${fmtMs(d.median / N)} ms more per ref (${fmtMs(d.median / N / 2)} ms per hook run)`;
  const cpu = t.combine ? null : cpuRatio(t.set, t.a, t.b);
  const note = [cpu ? `CPU time ${fmtCpu(cpu)}` : '', ...bad].filter(Boolean).join('; ');
  infoRows.push(
    `| ${t.id} | ${t.what} | ${fmtRatioMed(r)} (${fmtSpread(r)})${extra} | ${fmtMed(a)} / ${fmtMed(b)} | ${note} |`,
  );
  results.info.push({ ...t, ratio: r, cpuRatio: cpu, diff: d, a, b, invalid: bad });
}
if (results.rss) {
  infoRows.push(
    `| RSS | peak RSS of \`check\` on the 100k-file repository (${results.rss.method}) | ${fmtSummary(results.rss.peak, ' MiB')} | node alone ${fmtMs(results.rss.nodeOnly.median)} MiB${results.rss.gitStatus ? `, git status alone ${fmtMs(results.rss.gitStatus.median)} MiB` : ''} | |`,
  );
}

// where the time goes
const whereRows = [];
const wrow = (m, v, note = '') => whereRows.push(`| ${m} | ${v} | ${note} |`);
if (results.imports) {
  const base = results.imports.node0.ms;
  const im = results.imports;
  const S = (xs) => fmtSummary(summary(xs), ' ms');
  wrow('`node -e 0`', S(base), 'V8 + node bootstrap');
  wrow(
    `\`node -e "${results.graph.entry.endsWith('.cjs') ? 'require' : 'import'}('${results.graph.entry}')"\` (what bin/ loads)`,
    S(im.importCli.ms),
    `Δ ${fmtSigned(pairedDiff(im.importCli.ms, base))}: static graph = ${results.graph.files} file${results.graph.files === 1 ? '' : 's'}${results.graph.packages.length ? ` + ${results.graph.packages.join(', ')}` : ', no packages'}`,
  );
  wrow('`stampguard --version`', S(im.version.ms), `Δ ${fmtSigned(pairedDiff(im.version.ms, base))}`);
  for (const dep of DEPENDENCIES)
    wrow(
      `\`import('${dep}')\` alone`,
      S(im[`dep:${dep}`].ms),
      `Δ ${fmtSigned(pairedDiff(im[`dep:${dep}`].ms, base))}${results.graph.packages.includes(dep) ? ' (loaded at start)' : results.graph.dynamic.includes(dep) ? ' (loaded lazily by check)' : ''}`,
    );
  wrow(
    '`stampguard check`, small (same rounds)',
    S(im.checkSmall.ms),
    `Δ ${fmtSigned(pairedDiff(im.checkSmall.ms, base))}`,
  );
  if (im.checkSmallNoCache) {
    wrow(
      '`stampguard --version`, `NODE_DISABLE_COMPILE_CACHE=1`',
      S(im.versionNoCache.ms),
      `Δ ${fmtSigned(pairedDiff(im.versionNoCache.ms, base))}; the cache saves ${fmtSigned(pairedDiff(im.versionNoCache.ms, im.version.ms))}`,
    );
    wrow(
      '`stampguard check`, small, `NODE_DISABLE_COMPILE_CACHE=1`',
      S(im.checkSmallNoCache.ms),
      `Δ ${fmtSigned(pairedDiff(im.checkSmallNoCache.ms, base))}; the cache saves ${fmtSigned(pairedDiff(im.checkSmallNoCache.ms, im.checkSmall.ms))}`,
    );
  }
}
for (const [name, tr] of Object.entries(results.trace)) {
  wrow(
    `trace2, check on ${name}: spawn → first git / git span (busy) / last git → exit`,
    `${fmtMs(tr.beforeFirstGit)} / ${fmtMs(tr.gitSpan)} (${fmtMs(tr.gitBusy)}) / ${fmtMs(tr.afterLastGit)}`,
    tr.git.map((g) => `${g.cmd.split(' ')[0]} at +${fmtMs(g.start)} for ${fmtMs(g.ms)}`).join(', '),
  );
}
for (const [name, p] of Object.entries(results.profile)) {
  wrow(
    `CPU profile, check on ${name}, by owner`,
    `${fmtMs(p.total)} profiled`,
    p.owners
      .slice(0, 7)
      .map((c) => `${c.name} ${fmtMs(c.ms)}`)
      .join('; '),
  );
}
const hookRows = results.hookDiag.map(
  (d) =>
    `| ${d.label} | ${fmtMs(d.trace.gitMs)} | ${fmtMs(d.trace.hookMs)} (${plural(d.trace.hookRuns, 'run')}) | ${fmtHooks(d.trace, fmtMs)} | ${d.execs ? fmtExecs(d.execs) : '–'} |`,
);

// warnings: exit codes that differ from what a case expects
const warnings = [];
for (const set of SETS) {
  if (!results.passes.some((p) => p.sets[set])) continue;
  for (const c of setDefs[set].cases) {
    if (c.expect === null || c.expect === undefined) continue;
    const wrong = statuses(set, c.id).filter((s) => s !== c.expect);
    if (wrong.length)
      warnings.push(
        `${set}/${c.id}: exit ${[...new Set(wrong)].join(',')} in ${wrong.length} runs, expected ${c.expect}`,
      );
  }
}
if (probes.commitPkg.starts === 0)
  warnings.push('node did not start during the commit that stages package.json: the full check did not run');
for (const [k, x] of Object.entries(probes))
  if (x.status !== 0)
    warnings.push(`probe ${PROBE_LABELS[k]}: git exited ${x.status}${x.stderr ? ` (${x.stderr})` : ''}`);
results.warnings = warnings;

// ------------------------------------------------------------------------------------------------
// report

const runSeconds = (Date.now() - T_START) / 1000;
const repoLine = Object.entries(results.repos)
  .map(
    ([n, r]) =>
      `${n} \`${r.head.slice(0, 12)}\` (${r.built ? 'built in this run' : 'cached'}, ${r.buildSeconds?.toFixed(0) ?? '?'} s to build)`,
  )
  .join(', ');
const passLoads = results.passes.map((p) => `${p.loadAtStart.toFixed(2)}→${p.loadAtEnd.toFixed(2)}`).join(', ');
const fails = results.targets.filter((t) => t.result?.startsWith('FAIL'));
const summaryLine = `${results.targets.filter((t) => t.result?.startsWith('PASS')).length} of ${TARGETS.length} targets pass${fails.length ? `; fail: ${fails.map((t) => `${t.id}${t.noisy ? ' (within noise)' : ''}`).join(', ')}` : ''}${
  results.targets.some((t) => t.result === 'INVALID')
    ? `; invalid: ${results.targets
        .filter((t) => t.result === 'INVALID')
        .map((t) => t.id)
        .join(', ')}`
    : ''
}${
  results.targets.some((t) => t.result === 'SKIP')
    ? `; not measured: ${results.targets
        .filter((t) => t.result === 'SKIP')
        .map((t) => t.id)
        .join(', ')}`
    : ''
}.`;
const md = `# stampguard benchmark results

Generated by \`npm run bench${QUICK ? ' -- --quick' : ''}\`${PARTIAL ? ` (only ${[...ONLY].join(', ')})` : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${runSeconds.toFixed(0)} s.

**Machine:** ${machine.cpu}, ${machine.nproc} cores, ${machine.memGiB} GiB, ${machine.os}; node ${machine.node.slice(1)}, ${machine.git.replace('git version ', 'git ')}, husky ${machine.husky}.
**Load average** (1, 5, 15 min): ${machine.loadAtStart} at the start, ${machine.loadAtEnd} at the end; 1-min load at the start→end of each pass: ${passLoads}. The machine is shared: read close results with the spread.
**Build:** ${build.tarball} (sha256 ${build.hash}) from project ${build.projectHead}${build.projectModifiedFiles ? ` + ${build.projectModifiedFiles} modified files` : ''}, installed with husky; hooks set up by its own \`stampguard init\`.

**Result:** ${summaryLine}

Every figure is a ratio of two cases measured in the same rounds: a round runs every case of its set once, in an order that rotates from round to round, and the ratio is formed within the round. ${PASSES > 1 ? `Rounds are split over ${PASSES} passes at the start, middle and end of the run; the ratio shown is the median of the pass medians` : 'One pass (--quick); the ratio shown is the median'}, the spread is over all pairs (IQR = 25th–75th percentile). "within noise" means the target lies inside that spread (the quartiles, or the range for fewer than 5 pairs): a FAIL within noise is still a FAIL. Whole-process wall time; \`GIT_OPTIONAL_LOCKS=0\` for every timed command. The result is judged on wall time; the CPU-time ratio (user + system time of the whole process tree, paired the same way; shown where the denominator uses at least ${CPU_MIN_MS} ms, as the clock counts in 10 ms ticks) is the same comparison with most of the shared machine's noise removed.

| # | target | ratio | spread | medians (A / B) | CPU-time ratio | target | result |
| --- | --- | --- | --- | --- | --- | --- | --- |
${targetRows.join('\n')}

| # | for reference | ratio (spread) | medians (A / B) | note |
| --- | --- | --- | --- | --- |
${infoRows.join('\n')}

Repositories (generator v${GENERATOR_VERSION}, cached in bench/.repos/): ${repoLine}. small: 200 files, 20 commits, 10 tags, HEAD on v1.0.0. large: 100,000 files, 2,000 commits, 3,000 tags, HEAD on v4.9.24. The hook repositories are copies of small after \`stampguard init\`; the fetch sets fetch from a bare copy of small with 5,000 annotated tags (the first fetch of each repository brings the objects, untimed, so every timed fetch only creates refs; without hooks that is mostly the kernel creating ${N.toLocaleString('en')} ref files, whose time varies several-fold with the shared disk's load). Floors: strict = \`${FLOOR_SCRIPT}\`; looser (vi) = the same with \`describe --dirty\`.

Node starts with stampguard's hooks (one probe run each, a logging \`node\` first on PATH): ${Object.entries(probes)
  .map(([k, x]) => `${PROBE_LABELS[k]} ${x.starts}`)
  .join(', ')}.

${
  hookRows.length || whereRows.length
    ? `## Where the time goes

Hooks, one traced run each (git's own wall time from trace2; time inside each hook from trace2 child_exit; programs started counted with strace):

| scenario | git (ms) | in hooks (ms) | hooks run | programs started |
| --- | --- | --- | --- | --- |
${hookRows.join('\n')}

| check | ms | note |
| --- | --- | --- |
${whereRows.join('\n')}
`
    : ''
}${warnings.length ? `\nWarnings:\n${warnings.map((w) => `- ${w}`).join('\n')}\n` : ''}`;

section('results');
log(`\n${md}`);
results.totalSeconds = runSeconds;
const toRepo = !QUICK && !PARTIAL;
const mdFile = toRepo
  ? path.join(BENCH_DIR, 'RESULTS.md')
  : path.join(REPOS_DIR, QUICK ? 'RESULTS-quick.md' : 'RESULTS-partial.md');
const jsonFile = toRepo ? path.join(BENCH_DIR, 'results.json') : mdFile.replace(/\.md$/, '.json');
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(mdFile, md);
log(`wrote ${path.relative(ROOT, mdFile)} and ${path.relative(ROOT, jsonFile)}`);

// ------------------------------------------------------------------------------------------------
// cleanup: scratch copies, moved-aside caches, caches of other generator versions

rmSync(scratchDir, { recursive: true, force: true });
for (const entry of readdirSync(REPOS_DIR)) {
  if (/^gen-v\d+$/.test(entry) && entry !== path.basename(cacheDir())) trash.push(path.join(REPOS_DIR, entry));
  if (entry.startsWith('trash-') && !trash.includes(path.join(REPOS_DIR, entry)))
    trash.push(path.join(REPOS_DIR, entry));
  if (entry === 'build-snapshot') trash.push(path.join(REPOS_DIR, entry));
}
if (trash.length) {
  const t0 = Date.now();
  for (const d of trash) rmSync(d, { recursive: true, force: true });
  log(
    `removed ${trash.length} old cache director${trash.length === 1 ? 'y' : 'ies'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}
log(`total ${elapsed()}`);
