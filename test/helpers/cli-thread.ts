// The built CLI run on a worker thread of the test process, synchronously, instead of a new node
// process per run: on this 2-core machine a process costs 40–120 ms of start-up and compile for a
// command that itself takes ~10 ms, and the suite runs the CLI more than a thousand times.
//
// Each run is as fresh as a process: the bundle (dist/bin/cli.cjs, what bin/stampguard.js loads)
// is evaluated again, as a new module, so no module state survives; the thread's process.env is
// replaced by the run's environment (git children inherit it); stdout, stderr and stdin are the
// run's own streams, and main()'s return value is the exit code. The caller blocks on Atomics.wait until the thread
// answers, as spawnSync blocks on the child.
//
// A run that imports an ES module (a code configuration) ends its thread, so the next run
// starts with an empty module cache and no module hooks, as a process would.
//
// What a thread cannot be is a process: no cwd of its own (the CLI takes the directory from its
// Io), no signals, no exit, no process-level warnings on stderr. Tests about those, and every hook,
// install and release-tool test, run the real bin in a real process (runCliProcess, husky, npm).
// STAMPGUARD_TEST_CLI=process runs the whole suite with processes, to compare.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface ThreadRun {
  code: number;
  stdout: string;
  stderr: string;
}

const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Readable, Writable } = require('node:stream');
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { bundle, signal } = workerData;
const flag = new Int32Array(signal);
// The bundle as require() would load it, a new module each time. V8's code cache from the first
// run makes the later loads cheap (a run takes ~12 ms instead of ~31 ms with a fresh require).
// The one import() of the CLI (loading a code configuration) is in ./import.cjs, which the bundle
// requires (as bin/stampguard.js runs it, through vm.Script): here that require gets an import()
// that notes it.
const source = readFileSync(bundle, 'utf8');
if (!source.includes('require("./import.cjs")')) throw new Error('cli-thread: expected require("./import.cjs") in ' + bundle);
const wrapped = Module.wrap(source);
const ownRequire = Module.createRequire(bundle);
// An ES module, once imported, stays in the thread's module cache (and a module hook stays
// registered): a run that imported one (a code configuration) is the thread's last.
let imported = false;
const noting = {
  importModule(specifier) {
    imported = true;
    return import(specifier);
  },
};
const bundleRequire = Object.assign((id) => (id === './import.cjs' ? noting : ownRequire(id)), ownRequire);
let codeCache;
function load() {
  const script = new vm.Script(wrapped, { filename: bundle, ...(codeCache && { cachedData: codeCache }) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, bundleRequire, module, bundle, path.dirname(bundle));
  return { main: module.exports.main, script };
}
function sink(chunks) {
  return new Writable({ write(chunk, encoding, done) { chunks.push(Buffer.from(chunk, encoding)); done(); } });
}
parentPort.on('message', async ({ argv, cwd, env, input, port }) => {
  const out = [];
  const err = [];
  let code;
  try {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, env);
    const { main, script } = load();
    const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input)]);
    code = await main(argv, { stdout: sink(out), stderr: sink(err), stdin, env: process.env, cwd });
    if (!codeCache) codeCache = script.createCachedData();
  } catch (error) {
    // what bin/stampguard.js prints for a bug
    err.push(Buffer.from('stampguard: internal error (please report it): ' + (error && error.stack || String(error)) + '\\n'));
    code = 2;
  }
  port.postMessage({
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    last: imported,
  });
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

let thread: { worker: Worker; flag: Int32Array } | null = null;

function start(bundle: string): { worker: Worker; flag: Int32Array } {
  if (thread) return thread;
  const signal = new SharedArrayBuffer(4);
  // A copy of this process's environment; each run replaces it.
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { bundle, signal },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  thread = { worker, flag: new Int32Array(signal) };
  return thread;
}

/** Runs main(argv) of the bundle on the thread, with this directory, environment and stdin. */
export function runOnThread(
  bundle: string,
  argv: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): ThreadRun {
  const { worker, flag } = start(bundle);
  const { port1, port2 } = new MessageChannel();
  Atomics.store(flag, 0, 0);
  const env = Object.fromEntries(Object.entries(options.env).filter(([, v]) => v !== undefined));
  worker.postMessage({ argv, cwd: options.cwd, env, input: options.input, port: port2 }, [port2 as MessagePort]);
  const waited = Atomics.wait(flag, 0, 0, 120_000);
  const answer = receiveMessageOnPort(port1);
  port1.close();
  if (!answer) throw new Error(`stampguard ${argv.join(' ')}: no answer from the CLI thread (${waited})`);
  const { last, ...run } = answer.message as ThreadRun & { last: boolean };
  if (last) {
    void worker.terminate();
    thread = null;
  }
  return run;
}
