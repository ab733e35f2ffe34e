// Random input into the configuration validator: a Config or a ConfigError, never anything else,
// never a hang; and through the CLI, a malformed file is exit 2 naming the file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { makeRepo } from '../helpers/git-repo.js';

const KEYS = [
  'tagPrefix',
  'untracked',
  'branches',
  'allowPrerelease',
  'versionFiles',
  'requireAnnotatedTag',
  'requireSignedTag',
  'gates',
  '$schema',
];

// Values of every JSON shape, under the real keys (so the validator's branches are reached) and
// under random ones.
const jsonValue = fc.jsonValue({ maxDepth: 4 });
const configLike = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), jsonValue, { maxKeys: 5 }),
  fc.dictionary(fc.string(), jsonValue, { maxKeys: 3 }),
  fc.record({
    gates: fc.dictionary(
      fc.constantFrom(
        'specs',
        'set',
        'emulationVersion',
        'minCompatibilityVersion',
        'emulationWindow',
        'emulationFloor',
        'x',
      ),
      jsonValue,
    ),
  }),
  jsonValue,
);

describe('configuration fuzzing', () => {
  it('random JSON gives a Config or a ConfigError naming the key path', () => {
    fc.assert(
      fc.property(configLike, (raw) => {
        try {
          const config = resolveConfig(raw, '/repo/.stampguardrc.json', '/nonexistent-dir');
          expect(typeof config.tagPrefix).toBe('string');
          expect(['error', 'warning', 'ignore']).toContain(config.untracked);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          expect(error.message).toMatch(/stampguardrc\.json|spec file/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a malformed configuration file is exit 2 through the CLI, never a refusal or a pass', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const samples = fc.sample(
      configLike.filter((raw) => {
        try {
          resolveConfig(raw, 'x', '/nonexistent-dir');
          return false;
        } catch {
          return true;
        }
      }),
      { numRuns: 12, seed: 42 },
    );
    for (const raw of samples) {
      repo.write('.stampguardrc.json', JSON.stringify(raw));
      const r = repo.cli(['check', '--json']);
      expect(r.code, JSON.stringify(raw)).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('.stampguardrc.json');
    }
  });
});
