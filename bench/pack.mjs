// The build under test is the package as users get it: `npm pack` of the project, installed with
// husky into a template project under bench/.repos/pack/<tarball hash>/ (reused while the tarball
// is byte-identical; npm pack output is deterministic). Every measurement runs that installed copy,
// so a rebuild of dist/ by someone else during the run cannot mix two builds into one result, and
// whatever the next build contains is what the next run measures.
//
// Repositories that need the package get a real node_modules/ directory whose entries are
// symlinks into the template's node_modules/ (as after `npm install`; a real directory, so the
// repositories' `node_modules/` ignore rule covers it).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { REPOS_DIR, ROOT } from './env.mjs';

const PACK_DIR = path.join(REPOS_DIR, 'pack');

/** Packs and installs (or reuses) the build; returns { hash, tarball, template, bin, dist, huskyVersion, reused, seconds }. */
export function packedBuild(env, { log = console.log } = {}) {
  const t0 = Date.now();
  const work = path.join(PACK_DIR, `incoming-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const npmEnv = { ...env, HUSKY: '0' };
  const out = execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], {
    cwd: ROOT,
    env: npmEnv,
    encoding: 'utf8',
  });
  const name = out.trim().split('\n').pop();
  const packed = path.join(work, name);
  const hash = createHash('sha256').update(readFileSync(packed)).digest('hex').slice(0, 12);
  const dir = path.join(PACK_DIR, hash);
  const template = path.join(dir, 'template');
  const bin = path.join(template, 'node_modules', 'stampguard', 'bin', 'stampguard.js');
  const huskyVersion = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules', 'husky', 'package.json'), 'utf8'),
  ).version;
  const marker = path.join(dir, 'installed.json');
  let reused = false;
  if (existsSync(marker) && existsSync(bin)) {
    reused = true;
    rmSync(work, { recursive: true, force: true });
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(template, { recursive: true });
    const tarball = path.join(dir, name);
    renameSync(packed, tarball);
    rmSync(work, { recursive: true, force: true });
    writeFileSync(
      path.join(template, 'package.json'),
      `${JSON.stringify({ name: 'bench-template', version: '0.0.0', private: true }, null, 2)}\n`,
    );
    // The registry (or npm's cache) supplies the runtime dependencies and husky, pinned to the
    // project's husky.
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, `husky@${huskyVersion}`],
      { cwd: template, env: npmEnv, stdio: 'pipe' },
    );
    if (!existsSync(bin)) throw new Error(`npm install of ${tarball} did not produce ${bin}`);
    writeFileSync(
      marker,
      `${JSON.stringify({ tarball: name, hash, huskyVersion, installedAt: new Date().toISOString() }, null, 2)}\n`,
    );
  }
  const tarball = path.join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tgz')),
  );
  // Other builds' installs are left from earlier runs; keep only this one.
  for (const entry of readdirSync(PACK_DIR))
    if (entry !== hash && !entry.startsWith('incoming-'))
      rmSync(path.join(PACK_DIR, entry), { recursive: true, force: true });
  log(
    `  ${reused ? 'reused install of' : 'packed and installed'} ${path.basename(tarball)} (sha256 ${hash}) with husky ${huskyVersion} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return {
    hash,
    tarball,
    template,
    bin,
    dist: path.join(template, 'node_modules', 'stampguard', 'dist'),
    huskyVersion,
    reused,
    seconds: (Date.now() - t0) / 1000,
  };
}

/** node_modules/ in `repo`: a real directory of symlinks to the template's packages (and .bin). */
export function linkNodeModules(pack, repo) {
  const from = path.join(pack.template, 'node_modules');
  const to = path.join(repo, 'node_modules');
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry === '.package-lock.json') continue;
    symlinkSync(path.join(from, entry), path.join(to, entry));
  }
}
