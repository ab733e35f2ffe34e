// --no-code-config and STAMPGUARD_NO_CODE_CONFIG=1: a JavaScript or TypeScript configuration is
// refused (exit 2, naming it) and never executed; data configurations load as usual.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, type Repo, runCliProcess } from '../helpers/git-repo.js';
import { hookedRepo } from '../helpers/packed.js';
import { controlTrapFires, trapMarker, trapModule } from './helpers.js';

/** A clean repository on v1.0.0 that carries `file` (committed) and nothing else of note. */
function repoWith(file: string, content: string): Repo {
  const repo = makeRepo({ files: { [file]: content } });
  repo.tag('v1.0.0');
  return repo;
}

const CODE_PLACES = [
  ['stampguard.config.mjs', 'esm'],
  ['stampguard.config.js', 'cjs'],
  ['.stampguardrc.cjs', 'cjs'],
  ['.config/stampguardrc.js', 'cjs'],
  ['stampguard.config.ts', 'esm'],
] as const;

describe('a code configuration is refused, never executed', () => {
  it.each(CODE_PLACES)('%s, with --no-code-config and with STAMPGUARD_NO_CODE_CONFIG=1', (place, format) => {
    const repo = repoWith(place, trapModule(format));
    const file = path.join(repo.dir, place);
    if (!place.endsWith('.ts')) controlTrapFires(file);
    for (const run of [
      (env: NodeJS.ProcessEnv) => repo.cli(['check', '--no-code-config'], { env }),
      (env: NodeJS.ProcessEnv) => repo.cli(['check'], { env: { ...env, STAMPGUARD_NO_CODE_CONFIG: '1' } }),
    ]) {
      const trap = trapMarker();
      const r = run(trap.env);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${file} is a code configuration`);
      expect(r.code).toBe(2);
      expect(trap.fired()).toBe(false);
    }
  });

  it('on every command that reads the configuration: check, version, stamp, gates', () => {
    const repo = repoWith('stampguard.config.mjs', trapModule('esm'));
    for (const command of [['check'], ['version'], ['stamp'], ['gates'], ['check', '--mode', 'commit']]) {
      const trap = trapMarker();
      const r = repo.cli([...command, '--no-code-config'], { env: trap.env });
      expect(r.stderr, command.join(' ')).toContain('stampguard.config.mjs is a code configuration');
      expect(r.code, command.join(' ')).toBe(2);
      expect(trap.fired(), command.join(' ')).toBe(false);
    }
  });

  it('--config naming a code file is refused the same way', () => {
    const repo = repoWith('ci/sg.cjs', trapModule('cjs'));
    const trap = trapMarker();
    const r = repo.cli(['check', '--config', 'ci/sg.cjs'], { env: { ...trap.env, STAMPGUARD_NO_CODE_CONFIG: '1' } });
    expect(r.stderr).toContain(`${path.join(repo.dir, 'ci/sg.cjs')} is a code configuration`);
    expect(r.code).toBe(2);
    expect(trap.fired()).toBe(false);
  });

  it('a configuration that rewrites the exit code: the reason for the switch', () => {
    const repo = repoWith(
      'stampguard.config.mjs',
      'process.on("exit", () => { process.exitCode = 0; });\nexport default {};\n',
    );
    repo.write('src.txt', 'uncommitted');
    // Control: executed, it turns the refusal of an untracked file into a pass. (A real process:
    // the configuration rewrites the process's exit code.)
    expect(runCliProcess(['check'], { cwd: repo.dir }).code).toBe(0);
    const r = runCliProcess(['check', '--no-code-config'], { cwd: repo.dir });
    expect(r.stderr).toContain('stampguard.config.mjs is a code configuration');
    expect(r.code).toBe(2);
  });
});

describe('data configurations are not affected', () => {
  it('a JSON configuration loads with the switch on; a code file it takes precedence over is not run', () => {
    const repo = makeRepo({
      files: {
        '.stampguardrc.json': '{ "branches": ["release-*"] }\n',
        'stampguard.config.mjs': trapModule('esm', '{ branches: ["main"] }'),
      },
    });
    repo.tag('v1.0.0');
    for (const env of [{}, { STAMPGUARD_NO_CODE_CONFIG: '1' }]) {
      const trap = trapMarker();
      const r = repo.cli(['check', '--no-code-config'], { env: { ...trap.env, ...env } });
      expect(r.stdout).toContain('branch-not-allowed');
      expect(r.code).toBe(1);
      expect(trap.fired()).toBe(false);
    }
  });

  it('a "stampguard" key in package.json is data', () => {
    const repo = makeRepo();
    repo.writePackage('1.0.0', { stampguard: { branches: ['release-*'] } });
    repo.commit('config');
    repo.tag('v1.0.0');
    const r = repo.cli(['check', '--no-code-config']);
    expect(r.stdout).toContain('branch-not-allowed');
    expect(r.code).toBe(1);
  });

  it('STAMPGUARD_NO_CODE_CONFIG takes 1 or 0 (or true, false, empty); anything else is exit 2', () => {
    const repo = repoWith('stampguard.config.mjs', 'export default {};\n');
    expect(repo.cli(['check'], { env: { STAMPGUARD_NO_CODE_CONFIG: '0' } }).code).toBe(0);
    expect(repo.cli(['check'], { env: { STAMPGUARD_NO_CODE_CONFIG: '' } }).code).toBe(0);
    expect(repo.cli(['check'], { env: { STAMPGUARD_NO_CODE_CONFIG: 'true' } }).code).toBe(2);
    const r = repo.cli(['check'], { env: { STAMPGUARD_NO_CODE_CONFIG: 'yes' } });
    expect(r.stderr).toContain('STAMPGUARD_NO_CODE_CONFIG must be 1 or 0');
    expect(r.code).toBe(2);
  });
});

describe('the hooks', () => {
  it('pre-commit refuses the commit under STAMPGUARD_NO_CODE_CONFIG=1 without running the configuration', () => {
    const repo = hookedRepo();
    repo.git('rm', '-q', '.stampguardrc.json'); // init's starter configuration would be found first
    repo.write('stampguard.config.mjs', trapModule('esm'));
    repo.git('add', '-A');
    const trap = trapMarker();
    const r = repo.tryGit(['commit', '-q', '-m', 'add a code configuration'], {
      ...trap.env,
      STAMPGUARD_NO_CODE_CONFIG: '1',
    });
    expect(r.stderr).toContain('stampguard.config.mjs is a code configuration');
    expect(r.code).not.toBe(0);
    expect(trap.fired()).toBe(false);
    // Control: without the switch the hook loads it (and the trap fires).
    const control = repo.tryGit(['commit', '-q', '-m', 'add a code configuration'], trap.env);
    expect(control.code).toBe(0);
    expect(trap.fired()).toBe(true);
  });
});
