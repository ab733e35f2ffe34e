// Shared pieces of the configuration tests: a trap that records whether a file was executed, a
// repository that a second user can reach, and a bound on how long a run may take.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, gitEnv, type RunResult, tempDir } from '../helpers/git-repo.js';

/**
 * A CommonJS or ES module that writes "ran" to the file named by STAMPGUARD_TEST_TRAP when it is
 * executed, and exports a configuration that would pass (so only the marker tells it ran).
 */
export function trapModule(format: 'cjs' | 'esm', exported = '{}'): string {
  const body = "require('node:fs').writeFileSync(process.env.STAMPGUARD_TEST_TRAP, 'ran');";
  return format === 'cjs'
    ? `${body}\nmodule.exports = ${exported};\n`
    : `import { writeFileSync } from 'node:fs';\nwriteFileSync(process.env.STAMPGUARD_TEST_TRAP, 'ran');\nexport default ${exported};\n`;
}

/** A marker path outside the repository, and the environment that points the trap at it. */
export function trapMarker(): { marker: string; env: NodeJS.ProcessEnv; fired: () => boolean } {
  const marker = path.join(tempDir('stampguard-trap-'), 'marker');
  return { marker, env: { STAMPGUARD_TEST_TRAP: marker }, fired: () => existsSync(marker) };
}

/** Proves the trap works: node itself executes the file and the marker appears (then it is removed). */
export function controlTrapFires(file: string): void {
  const { env, fired, marker } = trapMarker();
  const r = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(`file://${file}`)})`], {
    env: gitEnv(env),
    encoding: 'utf8',
  });
  if (r.status !== 0 || !fired()) throw new Error(`control: the trap ${file} did not fire: ${r.stderr}`);
  writeFileSync(marker, '');
}

/** The CLI with a time limit: a run that hangs is killed and reported as such (code -1). */
export function runCliBounded(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): RunResult & { timedOut: boolean } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: gitEnv(options.env),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 15_000,
    killSignal: 'SIGKILL',
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: timedOut ? -1 : (r.status ?? 1), stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

const NOBODY = 65534;

/**
 * The CLI as user 65534 (nobody), through setpriv: tests run as root, which reads any file. The
 * repository folders are opened up to that user; git is told the foreign-owned repository is safe.
 */
export function runCliAsNobody(args: string[], options: { cwd: string; reachable: string[] }): RunResult {
  const home = tempDir('stampguard-nobody-');
  chmodSync(home, 0o755);
  const globalConfig = path.join(home, 'gitconfig');
  writeFileSync(globalConfig, '[safe]\n\tdirectory = *\n');
  chmodSync(globalConfig, 0o644);
  for (const dir of options.reachable) chmodSync(dir, 0o755);
  const r = spawnSync(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, ...args],
    {
      cwd: options.cwd,
      env: gitEnv({ HOME: home, GIT_CONFIG_GLOBAL: globalConfig }),
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
