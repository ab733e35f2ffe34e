// Deterministic synthetic repositories, built with `git fast-import` and cached under
// bench/.repos/gen-v<GENERATOR_VERSION>/. Fixed identities and dates, so every build gives the same
// object ids (printed, and compared with REFERENCE_HEADS below).
//
//   small        200 files (+.gitignore), 20 commits, 10 annotated semver tags, HEAD on v1.0.0,
//                package.json version 1.0.0, clean.
//   large        100,000 files in 10×10×10 dirs (100 per leaf dir) + package.json + .gitignore
//                (empty, except the ~6,000 that later commits change: see largeStream),
//                2,000 commits (each later commit touches 3 files), 3,000 tags:
//                  1,000 annotated releases v1.0.0 … v4.9.24 (HEAD carries v4.9.24),
//                  1,000 pre-releases one commit earlier (-rc.1 annotated, -alpha.1/-beta.1 lightweight),
//                    500 promoted -rc.2 (annotated) on odd release commits, incl. v4.9.24-rc.2 on HEAD,
//                    250 v-tags that are not semver (v1.2.3.45, v1.2-hotfix5, vnext-9, v1.2.03-lz5),
//                    250 tags without the prefix (build-N, release-N, V1.2.3-kN, 1.2.3-novN).
//                Tracked files clean; 3 untracked entries (2 files, 1 dir) and an ignored
//                node_modules/ of 2,000 files, as in the baseline. package.json has version 4.9.24
//                and "stampguard": { "untracked": "warning" } so `check` passes while git still
//                scans untracked files. gc'd (packed refs with peeled values), commit-graph.
//   dirty-large  large + 2 modified, 1 staged and 1 deleted tracked file (pre-commit state).
//   fetch-remote a bare clone of small plus 5,000 annotated tags v2.A.B (A 0…4, B 0…999) spread
//                over small's 20 commits, refs packed: the remote the fetch benchmarks fetch new
//                tags from (v2.0.* is the 1,000-tag subset of --quick).
//
// After every build (and on reuse) a plain `git status` runs once more than a second after the last
// file write, so the index is not racy (baseline §6.1).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, exists, GENERATOR_VERSION, git, IDENTITY, REPOS_DIR, sleepMs } from './env.mjs';

/** HEAD ids of generator builds, by generator version; a mismatch means the build is not deterministic. */
export const REFERENCE_HEADS = {
  1: { small: 'e5b47835cb83a80f70814d7aa9f5b38489e6ff39', large: '8324a2b7ba204cd982f8f1d8c613645ec77cdfff' },
  2: { small: 'e5b47835cb83a80f70814d7aa9f5b38489e6ff39', large: '8324a2b7ba204cd982f8f1d8c613645ec77cdfff' },
};

/** The fetch benchmarks' tags: 5,000 names, and the refspec of the first `count` (1,000 or 5,000). */
export const FETCH_TAGS = 5000;
export function fetchTagName(k) {
  return `v2.${Math.floor(k / 1000)}.${k % 1000}`;
}
export function fetchRefspec(count) {
  if (count === FETCH_TAGS) return 'refs/tags/v2.*:refs/tags/v2.*';
  if (count === 1000) return 'refs/tags/v2.0.*:refs/tags/v2.0.*';
  throw new Error(`no refspec for ${count} tags (1000 or ${FETCH_TAGS})`);
}

const BASE_TIME = 1_700_000_000; // 2023-11-14T22:13:20Z
const WHO = `${IDENTITY.name} <${IDENTITY.email}>`;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Collects a fast-import stream. All content is ASCII, so string length = byte length. */
class Stream {
  constructor() {
    this.parts = [];
  }
  data(text) {
    this.parts.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
  }
  commit(mark, time, message, files, parent) {
    this.parts.push(
      `commit refs/heads/main\nmark :${mark}\nauthor ${WHO} ${time} +0000\ncommitter ${WHO} ${time} +0000\n`,
    );
    this.data(message);
    if (parent) this.parts.push(`from :${parent}\n`);
    for (const [file, content] of files) {
      if (content === null) {
        this.parts.push(`D ${file}\n`);
      } else {
        this.parts.push(`M 100644 inline ${file}\n`);
        this.data(content);
      }
    }
    this.parts.push('\n');
  }
  annotated(name, mark, time, message) {
    this.parts.push(`tag ${name}\nfrom :${mark}\ntagger ${WHO} ${time} +0000\n`);
    this.data(message);
  }
  lightweight(name, mark) {
    this.parts.push(`reset refs/tags/${name}\nfrom :${mark}\n\n`);
  }
  buffer() {
    return Buffer.from(this.parts.join(''), 'utf8');
  }
}

function initRepo(env, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(env, dir, ['init', '-q', '-b', 'main']);
}

function importStream(env, dir, stream) {
  const r = spawnSync('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    env,
    input: Buffer.concat([stream.buffer(), Buffer.from('done\n')]),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`git fast-import failed in ${dir}: ${r.stderr}`);
}

// ---------------------------------------------------------------------------------------------
// small

function smallStream() {
  const s = new Stream();
  const files = [];
  for (let k = 0; k < 199; k++) files.push(`src/m${k % 10}/f${String(k).padStart(3, '0')}.txt`);
  const pkg = `${JSON.stringify({ name: 'bench-small', version: '1.0.0', private: true }, null, 2)}\n`;
  const first = [['.gitignore', 'node_modules/\n'], ['package.json', pkg], ...files.map((f) => [f, `${f}\nrev 1\n`])];
  s.commit(1, BASE_TIME + 3600, 'Initial import\n', first, null);
  const rnd = mulberry32(7);
  for (let c = 2; c <= 20; c++) {
    const touched = pick(rnd, files, 3).map((f) => [f, `${f}\nrev ${c}\n`]);
    s.commit(c, BASE_TIME + c * 3600, `Change ${c}\n`, touched, c - 1);
  }
  // v0.1.0 … v0.9.0 on commits 2, 4, …, 18; v1.0.0 on commit 20 (HEAD). All annotated.
  for (let i = 1; i <= 10; i++) {
    const name = i === 10 ? 'v1.0.0' : `v0.${i}.0`;
    s.annotated(name, 2 * i, BASE_TIME + 2 * i * 3600 + 60, `Release ${name}\n`);
  }
  return s;
}

function pick(rnd, list, n) {
  const chosen = new Set();
  while (chosen.size < n) chosen.add(list[Math.floor(rnd() * list.length)]);
  return [...chosen].sort();
}

// ---------------------------------------------------------------------------------------------
// large

const LARGE_COMMITS = 2000;

function largePath(k) {
  const leaf = Math.floor(k / 100);
  return `d${Math.floor(leaf / 100)}/d${Math.floor(leaf / 10) % 10}/d${leaf % 10}/f${String(k % 100).padStart(2, '0')}.txt`;
}

function releaseVersion(i) {
  // i = 0 … 999 → 1.0.0 … 4.9.24
  return `${1 + Math.floor(i / 250)}.${Math.floor(i / 25) % 10}.${i % 25}`;
}

function largeStream() {
  const s = new Stream();
  const pkg = `${JSON.stringify({ name: 'bench-large', version: '4.9.24', private: true, stampguard: { untracked: 'warning' } }, null, 2)}\n`;
  const first = [
    ['.gitignore', 'node_modules/\n'],
    ['package.json', pkg],
  ];
  // The bulk is empty files: on this VM's ext4 (mounted with discard) allocating a data block for
  // each of 100k files spread over 1,000 new directories can take 30-60 s once the file system has
  // seen large deletions, while empty inodes take ~2 s. Status cost does not depend on file size
  // (lstat only on a refreshed index). The ~6,000 files changed by history have content.
  for (let k = 0; k < 100_000; k++) first.push([largePath(k), '']);
  s.commit(1, BASE_TIME + 3600, 'Initial import\n', first, null);
  const rnd = mulberry32(42);
  for (let c = 2; c <= LARGE_COMMITS; c++) {
    const ids = new Set();
    while (ids.size < 3) ids.add(Math.floor(rnd() * 100_000));
    const touched = [...ids].sort((a, b) => a - b).map((k) => [largePath(k), `${largePath(k)}\nrev ${c}\n`]);
    s.commit(c, BASE_TIME + c * 3600, `Change ${c}\n`, touched, c - 1);
  }
  const at = (c) => BASE_TIME + c * 3600 + 60;
  for (let i = 0; i < 1000; i++) {
    const v = releaseVersion(i);
    const releaseCommit = 2 * i + 2; // i = 999 → commit 2000 = HEAD
    const preCommit = 2 * i + 1;
    s.annotated(`v${v}`, releaseCommit, at(releaseCommit) + 10, `Release v${v}\n`);
    const kind = ['rc', 'alpha', 'beta'][i % 3];
    if (kind === 'rc') s.annotated(`v${v}-rc.1`, preCommit, at(preCommit), `Release candidate v${v}-rc.1\n`);
    else s.lightweight(`v${v}-${kind}.1`, preCommit);
    if (i % 2 === 1) s.annotated(`v${v}-rc.2`, releaseCommit, at(releaseCommit), `Release candidate v${v}-rc.2\n`);
  }
  for (let j = 0; j < 250; j++) {
    const c = 1 + ((j * 7) % 1990); // never HEAD
    const a = 1 + (j % 4);
    const b = j % 10;
    const shapes = [`v${a}.${b}.${j % 25}.${j}`, `v${a}.${b}-hotfix${j}`, `vnext-${j}`, `v${a}.${b}.0${j % 10}-lz${j}`];
    s.lightweight(shapes[j % 4], c);
  }
  for (let j = 0; j < 250; j++) {
    const c = 1 + ((j * 11 + 3) % 1990);
    const shapes = [`build-${j}`, `release-${j}`, `V1.2.${j}-k${j}`, `1.2.${j}-nov${j}`];
    s.lightweight(shapes[j % 4], c);
  }
  return s;
}

function addLargeUntracked(dir) {
  writeFileSync(path.join(dir, 'notes.local.txt'), 'local notes\n');
  writeFileSync(path.join(dir, 'd0/d0/d0/scratch.txt'), 'scratch\n');
  mkdirSync(path.join(dir, 'tmp-build'), { recursive: true });
  writeFileSync(path.join(dir, 'tmp-build/out.txt'), 'build output\n');
  for (let p = 0; p < 100; p++) {
    const pkgDir = path.join(dir, 'node_modules', `pkg${String(p).padStart(2, '0')}`);
    mkdirSync(pkgDir, { recursive: true });
    for (let f = 0; f < 20; f++) writeFileSync(path.join(pkgDir, `f${String(f).padStart(2, '0')}.js`), ''); // ignored: never read
  }
}

export const DIRTY_CHANGES = {
  modified: ['d3/d1/d4/f07.txt', 'd8/d2/d6/f55.txt'],
  staged: 'd5/d5/d5/f50.txt',
  deleted: 'd9/d0/d1/f11.txt',
};

function makeDirty(env, dir) {
  for (const f of DIRTY_CHANGES.modified) appendFileSync(path.join(dir, f), 'local edit\n');
  appendFileSync(path.join(dir, DIRTY_CHANGES.staged), 'staged edit\n');
  git(env, dir, ['add', '--', DIRTY_CHANGES.staged]);
  rmSync(path.join(dir, DIRTY_CHANGES.deleted));
}

// ---------------------------------------------------------------------------------------------
// building, refreshing, describing

/** A plain `git status` (optional locks on) more than a second after the last write: the index
 * is rewritten with a newer mtime, so no entry stays racily clean. */
function refreshIndex(env, dir, lastWriteMs) {
  const wait = lastWriteMs + 1100 - Date.now();
  if (wait > 0) sleepMs(wait);
  git(env, dir, ['status']);
}

function statusSummary(env, dir) {
  const out = git(env, dir, ['status', '--porcelain=v2', '-z', '--untracked-files=normal']).stdout;
  const counts = { changed: 0, untracked: 0, ignored: 0 };
  for (const entry of out.split('\0')) {
    if (entry.startsWith('1 ') || entry.startsWith('2 ') || entry.startsWith('u ')) counts.changed++;
    else if (entry.startsWith('? ')) counts.untracked++;
  }
  return counts;
}

export function describeRepo(env, dir) {
  const head = git(env, dir, ['rev-parse', 'HEAD']).stdout.trim();
  const refs = git(env, dir, ['show-ref', '--head', '-d']).stdout;
  const tags = refs.split('\n').filter((l) => / refs\/tags\/[^^]+$/.test(l)).length;
  const commits = Number(git(env, dir, ['rev-list', '--count', 'HEAD']).stdout.trim());
  const files = Number(git(env, dir, ['ls-files', '-z']).stdout.split('\0').filter(Boolean).length);
  const headTags = git(env, dir, ['tag', '--points-at', 'HEAD']).stdout.split('\n').filter(Boolean);
  return {
    head,
    refsFingerprint: createHash('sha256').update(refs).digest('hex').slice(0, 16),
    files,
    commits,
    tags,
    headTags,
    status: statusSummary(env, dir),
  };
}

function markerPath(name) {
  return path.join(cacheDir(), `${name}.json`);
}

function readMarker(name) {
  try {
    return JSON.parse(readFileSync(markerPath(name), 'utf8'));
  } catch {
    return null;
  }
}

function buildSmall(env, dir) {
  initRepo(env, dir);
  importStream(env, dir, smallStream());
  git(env, dir, ['reset', '-q', '--hard']);
  const lastWrite = Date.now();
  git(env, dir, ['gc', '-q']);
  refreshIndex(env, dir, lastWrite);
}

function buildLarge(env, dir, log) {
  initRepo(env, dir);
  let t = Date.now();
  importStream(env, dir, largeStream());
  log(`    fast-import ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  git(env, dir, ['reset', '-q', '--hard']);
  addLargeUntracked(dir);
  const lastWrite = Date.now();
  log(`    checkout of 100k files ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  git(env, dir, ['gc', '-q']);
  git(env, dir, ['commit-graph', 'write', '--reachable']);
  log(`    gc + commit-graph ${((Date.now() - t) / 1000).toFixed(1)} s`);
  refreshIndex(env, dir, lastWrite);
}

function buildDirtyLarge(env, largeDir, dir, log) {
  const t = Date.now();
  const r = spawnSync('cp', ['-a', largeDir, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cp -a ${largeDir} ${dir} failed: ${r.stderr}`);
  // The copy has new inodes and ctimes: one plain status re-validates every entry.
  git(env, dir, ['status']);
  makeDirty(env, dir);
  const lastWrite = Date.now();
  log(`    copy + refresh + edits ${((Date.now() - t) / 1000).toFixed(1)} s`);
  refreshIndex(env, dir, lastWrite);
}

/** A bare clone of small with FETCH_TAGS annotated tags added by fast-import, refs packed. */
function buildFetchRemote(env, smallDir, dir, log) {
  const t = Date.now();
  rmSync(dir, { recursive: true, force: true });
  git(env, path.dirname(dir), ['clone', '-q', '--bare', '--no-local', smallDir, dir]);
  const commits = git(env, dir, ['rev-list', '--reverse', 'HEAD']).stdout.trim().split('\n');
  const s = new Stream();
  for (let k = 0; k < FETCH_TAGS; k++) {
    const name = fetchTagName(k);
    s.parts.push(`tag ${name}\nfrom ${commits[k % commits.length]}\ntagger ${WHO} ${BASE_TIME + 100_000 + k} +0000\n`);
    s.data(`Release ${name}\n`);
  }
  importStream(env, dir, s);
  git(env, dir, ['gc', '-q']);
  log(`    ${FETCH_TAGS} tags ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

function describeBare(env, dir) {
  const refs = git(env, dir, ['show-ref', '-d']).stdout;
  return {
    head: git(env, dir, ['rev-parse', 'HEAD']).stdout.trim(),
    refsFingerprint: createHash('sha256').update(refs).digest('hex').slice(0, 16),
    tags: refs.split('\n').filter((l) => / refs\/tags\/[^^]+$/.test(l)).length,
  };
}

const EXPECTED_STATUS = {
  small: { changed: 0, untracked: 0 },
  large: { changed: 0, untracked: 3 },
  'dirty-large': { changed: 4, untracked: 3 },
};

/**
 * Makes sure small, large and dirty-large exist (building what is missing or stale) and returns
 * { name: { dir, built, seconds, info } }.
 */
export function ensureRepos(env, { log = console.log } = {}) {
  const base = cacheDir();
  mkdirSync(base, { recursive: true });
  const gitVersion = git(env, base, ['--version']).stdout.trim();
  const result = {};
  const builders = {
    small: (dir) => buildSmall(env, dir),
    large: (dir) => buildLarge(env, dir, log),
    'dirty-large': (dir) => buildDirtyLarge(env, path.join(base, 'large'), dir, log),
    'fetch-remote': (dir) => buildFetchRemote(env, path.join(base, 'small'), dir, log),
  };
  for (const name of ['small', 'large', 'dirty-large', 'fetch-remote']) {
    const dir = path.join(base, name === 'fetch-remote' ? 'fetch-remote.git' : name);
    const marker = readMarker(name);
    let reuse = false;
    if (name === 'fetch-remote') {
      if (marker && marker.generator === GENERATOR_VERSION && !result.small.built && exists(path.join(dir, 'HEAD'))) {
        const info = describeBare(env, dir);
        reuse = info.refsFingerprint === marker.info.refsFingerprint;
        if (!reuse) log(`  ${name}: cached copy changed (refs differ), rebuilding`);
      }
    } else if (marker && marker.generator === GENERATOR_VERSION && exists(path.join(dir, '.git'))) {
      // dirty-large is a copy of large: rebuild it whenever large was rebuilt.
      if (name === 'dirty-large' && result.large.built) reuse = false;
      else {
        const head = git(env, dir, ['rev-parse', '-q', '--verify', 'HEAD'], { allowFail: true }).stdout.trim();
        const status = statusSummary(env, dir); // plain status: also refreshes a stale index
        reuse =
          head === marker.info.head &&
          status.changed === marker.info.status.changed &&
          status.untracked === marker.info.status.untracked;
        if (!reuse) log(`  ${name}: cached copy changed (HEAD or status differs), rebuilding`);
      }
    }
    if (reuse) {
      result[name] = {
        dir,
        built: false,
        seconds: 0,
        builtSeconds: marker.seconds ?? null,
        builtAt: marker.builtAt ?? null,
        info: marker.info,
      };
      continue;
    }
    if (exists(dir)) {
      // Deleting 100k files right before creating 100k more makes the creation several times
      // slower on this VM's file system: move the old copy aside; run.mjs deletes it at the end.
      renameSync(dir, path.join(REPOS_DIR, `trash-${name}-${process.pid}-${Date.now()}`));
    }
    log(`  building ${name} …`);
    const t = Date.now();
    builders[name](dir);
    const seconds = (Date.now() - t) / 1000;
    const info = name === 'fetch-remote' ? describeBare(env, dir) : describeRepo(env, dir);
    const expected = EXPECTED_STATUS[name];
    if (name === 'fetch-remote') {
      if (info.tags !== FETCH_TAGS + 10)
        throw new Error(`${name}: ${info.tags} tags after build, expected ${FETCH_TAGS + 10}`);
    } else if (info.status.changed !== expected.changed || info.status.untracked !== expected.untracked) {
      throw new Error(
        `${name}: unexpected status after build: ${JSON.stringify(info.status)}, expected ${JSON.stringify(expected)}`,
      );
    }
    writeFileSync(
      markerPath(name),
      `${JSON.stringify({ generator: GENERATOR_VERSION, git: gitVersion, builtAt: new Date().toISOString(), seconds, info }, null, 2)}\n`,
    );
    log(`  built ${name} in ${seconds.toFixed(1)} s`);
    result[name] = { dir, built: true, seconds, builtSeconds: seconds, builtAt: new Date().toISOString(), info };
  }
  return result;
}

/** `cp -a` of a repository into a scratch directory (mtimes kept; the caller refreshes the index). */
export function copyRepo(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.dirname(to), { recursive: true });
  const r = spawnSync('cp', ['-a', from, to], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cp -a ${from} ${to} failed: ${r.stderr}`);
}
