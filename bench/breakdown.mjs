// Where the time of `stampguard check` goes:
//   - start-up and module loading: `node -e 0` vs `node -e "import(<module bin/ imports>)"` vs
//     `stampguard --version` vs importing each runtime dependency alone, and `--version` and `check`
//     with and without bin/'s compile cache (interleaved rounds);
//   - the static import graph of that module (files and packages loaded before any work);
//   - the git processes `check` starts, from GIT_TRACE2_EVENT: what runs when, relative to the
//     spawn of node;
//   - a V8 CPU profile (--cpu-prof) of one `check`, self time grouped by where the code lives.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, DIST, NODE, REPOS_DIR } from './env.mjs';
import { rounds } from './measure.mjs';

export const DEPENDENCIES = ['picocolors', 'semver/functions/compare.js', 'yaml'];

/** The module bin/stampguard.js loads (the bundle, or dist/cli.js), as an absolute path. */
export function cliEntry() {
  const text = readFileSync(BIN, 'utf8');
  const m =
    /^\s*import\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/m.exec(text) ??
    /\brequire\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/.exec(text) ??
    /\bpath\.join\(__dirname,\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/.exec(text);
  return m ? path.resolve(path.dirname(BIN), m[1]) : path.join(DIST, 'cli.js');
}

/** How `node -e` loads the entry the way bin/ does: require for CommonJS, import() otherwise. */
export function loadExpression(entry = cliEntry()) {
  return entry.endsWith('.cjs')
    ? `require(${JSON.stringify(entry)})`
    : `import(${JSON.stringify(pathToFileURL(entry).href)})`;
}

/** moduleDir: where bare imports resolve (the packed install's template project). */
export function importCases(tenv, smallDir, moduleDir) {
  const base = { cmd: NODE, cwd: moduleDir, env: tenv };
  return [
    { ...base, id: 'node0', args: ['-e', '0'] },
    { ...base, id: 'importCli', args: ['-e', loadExpression()] },
    { ...base, id: 'version', args: [BIN, '--version'] },
    ...DEPENDENCIES.map((dep) => ({ ...base, id: `dep:${dep}`, args: ['-e', `import(${JSON.stringify(dep)})`] })),
    { ...base, id: 'checkSmall', args: [BIN, 'check'], cwd: smallDir },
    // bin/stampguard.js without its compile cache: every run compiles the bundle.
    { ...base, id: 'versionNoCache', args: [BIN, '--version'], env: { ...tenv, NODE_DISABLE_COMPILE_CACHE: '1' } },
    {
      ...base,
      id: 'checkSmallNoCache',
      args: [BIN, 'check'],
      cwd: smallDir,
      env: { ...tenv, NODE_DISABLE_COMPILE_CACHE: '1' },
    },
  ];
}

export function measureImports(tenv, smallDir, moduleDir, n) {
  return rounds(importCases(tenv, smallDir, moduleDir), n, { warmup: 1 });
}

/** Files reached by static imports from the CLI entry, and the bare specifiers they name. */
export function staticGraph(entry = cliEntry()) {
  const seen = new Set();
  const packages = new Set();
  const dynamic = new Set();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(
      /^\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm,
    )) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) todo.push(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
    for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) dynamic.add(m[1]);
  }
  return {
    entry: path.relative(path.dirname(path.dirname(BIN)), entry),
    files: seen.size,
    packages: [...packages].sort(),
    dynamic: [...dynamic].sort(),
  };
}

function parseTraceTime(s) {
  // "2025-11-27T00:58:12.123456Z" → ms since epoch with µs precision
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(s);
  const frac = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return Date.parse(`${m[1]}Z`) + frac;
}

/** Runs `check` once with GIT_TRACE2_EVENT and returns the timeline of its git children. */
export function traceCheck(tenv, dir, label, args = ['check']) {
  const tmp = path.join(REPOS_DIR, 'scratch', `trace-${label}.json`);
  mkdirSync(path.dirname(tmp), { recursive: true });
  rmSync(tmp, { force: true });
  const start = performance.timeOrigin + performance.now();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(NODE, [BIN, ...args], { cwd: dir, env: { ...tenv, GIT_TRACE2_EVENT: tmp }, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const procs = new Map();
  let text = '';
  try {
    text = readFileSync(tmp, 'utf8');
  } catch {
    /* no git ran */
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    let ev;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    if (ev.sid.includes('/')) continue; // git-in-git (none expected)
    const p = procs.get(ev.sid) ?? { sid: ev.sid };
    if (ev.event === 'start') {
      p.start = parseTraceTime(ev.time) - start;
      p.argv = ev.argv
        .slice(1)
        .filter((a, i, all) => !(a === '--no-optional-locks' || a === '-c' || all[i - 1] === '-c'));
    } else if (ev.event === 'exit') {
      p.end = parseTraceTime(ev.time) - start;
      p.code = ev.code;
    }
    procs.set(ev.sid, p);
  }
  const list = [...procs.values()]
    .filter((p) => p.start !== undefined && p.end !== undefined)
    .sort((a, b) => a.start - b.start);
  let busy = 0;
  let cursor = -Infinity;
  for (const p of list) {
    const s = Math.max(p.start, cursor);
    if (p.end > s) busy += p.end - s;
    cursor = Math.max(cursor, p.end);
  }
  const firstStart = list.length ? list[0].start : null;
  const lastEnd = list.length ? Math.max(...list.map((p) => p.end)) : null;
  return {
    status: r.status,
    wall,
    git: list.map((p) => ({ cmd: p.argv.slice(0, 3).join(' '), start: p.start, ms: p.end - p.start, code: p.code })),
    beforeFirstGit: firstStart,
    gitSpan: list.length ? lastEnd - firstStart : 0,
    gitBusy: busy,
    afterLastGit: list.length ? wall - lastEnd : null,
  };
}

const SPECIAL = {
  '(idle)': 'idle (waiting for git children, I/O)',
  '(garbage collector)': 'garbage collection',
  '(program)': 'V8/native, unattributed (program)',
};

function packageOf(url) {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm === -1) return null;
  const rest = url.slice(nm + '/node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return name === 'stampguard' ? null : name; // the packed build under test is stampguard's own code
}

/** What the leaf frame is doing. Native frames (no url) take their caller's activity. */
function activity(node, parents) {
  for (let n = node; n; n = parents.get(n.id)) {
    const { url, functionName } = n.callFrame;
    if (!url) {
      if (SPECIAL[functionName]) return SPECIAL[functionName];
      continue;
    }
    if (/^node:internal\/(modules|deps\/cjs-module-lexer|vm)/.test(url))
      return 'module loading (resolve, read, compile, link)';
    if (/^node:(internal\/)?child_process/.test(url)) return 'spawning git (child_process)';
    if (/^node:internal\/(bootstrap|process\/pre_execution|main)/.test(url)) return 'node bootstrap';
    if (url.startsWith('node:')) return 'other node internals (path, fs, streams, url, …)';
    const pkg = packageOf(url);
    if (pkg) return `JS of package ${pkg}`;
    return 'JS of stampguard (dist/, bin/)';
  }
  return 'other';
}

/** Who caused it: walking up the stack, the package called most directly by stampguard (so
 * @babel/code-frame loaded through cosmiconfig → parse-json counts for cosmiconfig); stampguard
 * itself when no package is on the stack below it; node when no user code is on the stack. */
function owner(node, parents) {
  const { functionName } = node.callFrame;
  if (!node.callFrame.url && SPECIAL[functionName]) return SPECIAL[functionName];
  let pkg = null;
  for (let n = node; n; n = parents.get(n.id)) {
    const url = n.callFrame.url;
    if (!url || url.startsWith('node:')) continue;
    const p = packageOf(url);
    if (p) pkg = p;
    else return pkg ?? 'stampguard (dist/, bin/)';
  }
  return pkg ?? 'node itself (bootstrap, module loading)';
}

/** One `node --cpu-prof … check`; sampled time (ms) by activity and by owner, biggest first. */
export function profileCheck(tenv, dir, label) {
  const profDir = path.join(REPOS_DIR, 'scratch', `prof-${label}`);
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const r = spawnSync(NODE, ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '200', BIN, 'check'], {
    cwd: dir,
    env: tenv,
    stdio: 'ignore',
  });
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { status: r.status, total: 0, categories: [], note: 'no profile written' };
  const prof = JSON.parse(readFileSync(path.join(profDir, file), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parents = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parents.set(c, n);
  const act = new Map();
  const own = new Map();
  prof.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (prof.timeDeltas[i] ?? 0) / 1000;
    const a = activity(node, parents);
    const o = owner(node, parents);
    act.set(a, (act.get(a) ?? 0) + ms);
    own.set(o, (own.get(o) ?? 0) + ms);
  });
  const scripts = new Set(prof.nodes.map((n) => n.callFrame.url).filter((u) => u && !u.startsWith('node:')));
  const total = (prof.endTime - prof.startTime) / 1000;
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => ({ name, ms }));
  const categories = sorted(act);
  const owners = sorted(own);
  return { status: r.status, total, categories, owners, scriptsSeen: scripts.size };
}
