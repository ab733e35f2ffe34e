// Peak RSS of `stampguard check`:
//   - /usr/bin/time -f %M (when present): the largest of node and its waited-for children (git);
//   - node alone, from getrusage in the process itself (rss-probe.mjs preloaded with --import);
//   - the work-tree scan alone (`git status`), with /usr/bin/time, to tell the two apart.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, BIN, NODE, REPOS_DIR } from './env.mjs';
import { summary } from './measure.mjs';

const TIME = '/usr/bin/time';

function gnuTime(args, cwd, env, out) {
  rmSync(out, { force: true });
  spawnSync(TIME, ['-f', '%M', '-o', out, ...args], { cwd, env, stdio: 'ignore' });
  const kib = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  return kib / 1024;
}

export function hasGnuTime() {
  if (!existsSync(TIME)) return false;
  const r = spawnSync(TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop());
}

export function measureRss(tenv, dir, n) {
  const scratch = path.join(REPOS_DIR, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const out = path.join(scratch, 'rss.txt');
  const gnu = hasGnuTime();
  const withChildren = [];
  const nodeOnly = [];
  const gitStatus = [];
  const probe = pathToFileURL(path.join(BENCH_DIR, 'rss-probe.mjs')).href;
  for (let i = 0; i < n; i++) {
    if (gnu) {
      withChildren.push(gnuTime([NODE, BIN, 'check'], dir, tenv, out));
      gitStatus.push(
        gnuTime(['git', 'status', '--porcelain=v2', '--branch', '-z', '--untracked-files=normal'], dir, tenv, out),
      );
    }
    rmSync(out, { force: true });
    spawnSync(NODE, ['--import', probe, BIN, 'check'], {
      cwd: dir,
      env: { ...tenv, BENCH_RSS_OUT: out },
      stdio: 'ignore',
    });
    nodeOnly.push(Number(readFileSync(out, 'utf8')) / 1024);
  }
  return {
    method: gnu
      ? '/usr/bin/time -f %M (node or its largest git child, whichever is larger)'
      : 'getrusage in the node process (git children not included)',
    peak: summary(gnu ? withChildren : nodeOnly),
    nodeOnly: summary(nodeOnly),
    gitStatus: gnu ? summary(gitStatus) : null,
  };
}
