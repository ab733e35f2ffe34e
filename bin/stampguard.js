#!/usr/bin/env node
// The CLI, bundled into one CommonJS file by scripts/bundle.mjs (loading code is most of a short
// run's cost). bin/package.json makes this file CommonJS too, so node never starts its ES module
// loader for a hook.
//
// Compiling that bundle is about half of what loading it costs, on every hook run. V8's code cache
// skips the compile: it is kept per user in the temporary directory, where node keeps its own
// (NODE_COMPILE_CACHE), in a folder only that user can write, and used only when that still holds.
// It is made here with vm.Script, not with node 22's module.enableCompileCache(): made at exit, it
// holds every function the run compiled, and a check ran 101 ms with node's cache, 87 ms with this
// one and 116 ms with none (node 22, this machine). NODE_DISABLE_COMPILE_CACHE=1 turns it off.
// Nothing here touches the repository, and any failure of the cache means a plain require().
const Module = require('node:module');
const path = require('node:path');

const BUNDLE = path.join(__dirname, '../dist/bin/cli.cjs');

/** The per-user cache folder, created if need be; null when it is not safely ours. */
function cacheDir() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  const fs = require('node:fs');
  const os = require('node:os');
  const tmp = os.tmpdir();
  // A TMPDIR inside a git work tree would leave the cache there as untracked files.
  for (let at = tmp, up = path.dirname(at); ; at = up, up = path.dirname(at)) {
    if (fs.existsSync(path.join(at, '.git'))) return null;
    if (up === at) break;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = path.join(tmp, uid === null ? 'stampguard-compile-cache' : `stampguard-compile-cache-${uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (error.code !== 'EEXIST') return null;
  }
  // Another user may have made the folder first (a shared /tmp): use it only when it is ours.
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory()) return null;
  if (uid !== null && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return null;
  return dir;
}

/**
 * Cache files written over a week ago go when a new one is written (each install or edit of the bundle
 * makes a new one); one still in use is written again at its next run.
 */
function prune(fs, dir, keep) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === keep || !/^cli-.*\.v8$/.test(name)) continue;
    if (fs.statSync(file).mtimeMs < weekAgo) fs.unlinkSync(file);
  }
}

/** A short hash of a path, for the cache's name (FNV-1a, 32 bits). */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The command, for the cache's name: `check`, `hook-pre-push`, … */
function command() {
  const [first = '', second = ''] = process.argv.slice(2);
  const name = first === 'hook' ? `hook-${second}` : first;
  return /^[a-z][a-z-]{0,39}$/.test(name) ? name : 'other';
}

/** The bundle through vm.Script with a code cache: a function that evaluates it. */
function loadWithCodeCache(dir) {
  const vm = require('node:vm');
  const fs = require('node:fs');
  const fd = fs.openSync(BUNDLE, 'r');
  let source;
  let stat;
  try {
    stat = fs.fstatSync(fd, { bigint: true });
    source = fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
  // V8 checks the source's length, not its content, so the file's identity names the cache: a
  // reinstall or an edit makes a new file or changes its change time, and in a Yarn Plug'n'Play zip
  // (whose entries have fixed times) the zip's name, part of the path, changes with the content.
  // Hashing the content itself would cost more than half of what the cache saves (~9 ms).
  // The cache holds the functions the run that wrote it compiled, and a hook or `check` compiles
  // other ones than `init` or `--version` (measured: a check 8 ms faster with a check's cache than
  // with --version's), so each command has its own.
  const key = [
    process.version,
    process.arch,
    fnv1a(BUNDLE),
    stat.dev,
    stat.ino,
    stat.size,
    stat.ctimeNs,
    command(),
  ].join('-');
  const cacheFile = path.join(dir, `cli-${key}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle's one import() (a code configuration) is in dist/bin/import.cjs, which node loads
  // itself: a vm.Script has no module loader for it.
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Written at exit, so the cache holds every function this run compiled.
    process.once('exit', () => {
      try {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, cacheFile);
        prune(fs, dir, cacheFile);
      } catch {
        // a cache that cannot be written is only slower
      }
    });
  }
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  return () => {
    script
      .runInThisContext()
      .call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE));
    mod.loaded = true;
    return mod.exports;
  };
}

function load() {
  let evaluate = null;
  try {
    const dir = cacheDir();
    if (dir !== null) evaluate = loadWithCodeCache(dir);
  } catch {
    evaluate = null;
  }
  // Evaluated outside the try: an error of the CLI itself is not a cache failure to retry.
  return evaluate === null ? require(BUNDLE) : evaluate();
}

load().run();
