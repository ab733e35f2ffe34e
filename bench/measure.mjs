// Timing primitives: whole-process wall time of a child started with spawnSync, measured with
// process.hrtime.bigint(), and the CPU time of the child's whole process tree; interleaved rounds;
// medians, ranges, paired ratios and differences.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A case is { id, cmd, args, cwd, env, input?, before?(), after?() }. before/after run untimed
 * around every timed run (e.g. deleting a tag created by the run).
 */
export function runOnce(c, { capture = false } = {}) {
  if (c.before) c.before();
  const c0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, {
    cwd: c.cwd,
    env: c.env,
    input: c.input,
    stdio: capture ? 'pipe' : [c.input === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'],
    encoding: capture ? 'utf8' : undefined,
    maxBuffer: 64 * 1024 * 1024,
  });
  const t1 = process.hrtime.bigint();
  const c1 = childCpuMs();
  if (r.error) throw new Error(`${c.id}: cannot run ${c.cmd}: ${r.error.message}`);
  if (c.after) c.after(r);
  return {
    ms: Number(t1 - t0) / 1e6,
    cpu: c0 === null ? null : c1 - c0,
    status: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/**
 * CPU time (user + system, ms) of this process's reaped children and their reaped descendants,
 * from /proc/self/stat (cutime + cstime, in clock ticks of 10 ms): the CPU a timed command and
 * everything it waited for used, whatever else the machine was doing. null where /proc is absent.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux
export function childCpuMs() {
  let text;
  try {
    text = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
  return (Number(f[13]) + Number(f[14])) * TICK_MS;
}

/**
 * Runs the cases in rounds: every round runs each case once, and the order rotates from round
 * to round (A B C, B C A, C A B, …; with two cases A B, B A), so drift and position effects hit
 * every case alike; `offset` starts the rotation elsewhere (a run split into passes of one round
 * each still rotates). Returns { [id]: { ms: number[], cpu: number[], status: number[] } } with samples aligned by
 * round, so sample i of two cases forms a pair.
 */
export function rounds(cases, n, { warmup = 2, offset = 0 } = {}) {
  const out = Object.fromEntries(cases.map((c) => [c.id, { ms: [], cpu: [], status: [] }]));
  for (let w = 0; w < warmup; w++) for (const c of cases) runOnce(c);
  for (let i = 0; i < n; i++) {
    const k = (i + offset) % cases.length;
    const order = [...cases.slice(k), ...cases.slice(0, k)];
    for (const c of order) {
      const r = runOnce(c);
      out[c.id].ms.push(r.ms);
      out[c.id].cpu.push(r.cpu);
      out[c.id].status.push(r.status);
    }
  }
  return out;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Linear-interpolated quantile (q in 0…1). */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function summary(xs) {
  return {
    median: median(xs),
    min: Math.min(...xs),
    max: Math.max(...xs),
    p25: quantile(xs, 0.25),
    p75: quantile(xs, 0.75),
    n: xs.length,
  };
}

/** Per-round a/b, summarised. */
export function pairedRatio(a, b) {
  return summary(a.map((x, i) => x / b[i]));
}

/** Per-round a-b, summarised. */
export function pairedDiff(a, b) {
  return summary(a.map((x, i) => x - b[i]));
}

/** Per-round combination of several aligned series, summarised. */
export function paired(fn, ...series) {
  return summary(series[0].map((_, i) => fn(...series.map((s) => s[i]))));
}

// ---- formatting

export function fmtMs(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** "52 (50–57)" */
export function fmtSummary(s, unit = '') {
  if (!s) return '–';
  return `${fmtMs(s.median)}${unit} (${fmtMs(s.min)}–${fmtMs(s.max)})`;
}

export function fmtSigned(s, unit = ' ms') {
  if (!s) return '–';
  const sign = (x) => (x >= 0 ? '+' : '') + fmtMs(x);
  return `${sign(s.median)}${unit} (${sign(s.min)}…${sign(s.max)})`;
}

export function fmtRatio(s) {
  if (!s) return '–';
  return `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}
