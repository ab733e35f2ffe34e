// Configuration validation details that the CLI tests do not reach.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue, isValidRefName, resolveConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('tagPrefix follows git check-ref-format', () => {
  it('agrees with git on generated prefixes', () => {
    const chars = fc.constantFrom(
      'v',
      'a',
      '1',
      '.',
      '/',
      '@',
      '{',
      '-',
      '_',
      ' ',
      '~',
      ':',
      'l',
      'o',
      'c',
      'k',
      '\\',
      '*',
    );
    const prefixes = fc.sample(fc.string({ unit: chars, maxLength: 8 }), { numRuns: 300, seed: 7 });
    prefixes.push('.lock/', 'x.lock/', 'a/.b', 'pkg@', '@acme/api@', 'release/v', '/v', 'v//');
    const names = [...new Set(prefixes)].map((p) => `refs/tags/${p}1.2.3`);
    // One git process checks them all: --stdin is not supported by check-ref-format, so a shell loop.
    const script = 'while IFS= read -r n; do if git check-ref-format "$n"; then echo ok; else echo bad; fi; done';
    const r = spawnSync('sh', ['-c', script], { input: `${names.join('\n')}\n`, encoding: 'utf8' });
    const verdicts = r.stdout.trim().split('\n');
    expect(verdicts).toHaveLength(names.length);
    names.forEach((name, i) => {
      expect(isValidRefName(name), name).toBe(verdicts[i] === 'ok');
    });
  });

  it('rejects prefixes git would refuse, naming the rule', () => {
    for (const bad of ['/v', 'a//b', '.v', 'x.lock/', 'v\u0001']) {
      expect(() => resolveConfig({ tagPrefix: bad }, 'cfg.json', '/tmp')).toThrow(/git check-ref-format/);
    }
    expect(resolveConfig({ tagPrefix: '@acme/api@' }, 'cfg.json', '/tmp').tagPrefix).toBe('@acme/api@');
  });
});

describe('other keys', () => {
  it('$schema must be a string', () => {
    expect(
      resolveConfig({ $schema: './node_modules/stampguard/schema/stampguard.schema.json' }, 'c', '/tmp').tagPrefix,
    ).toBe('v');
    expect(() => resolveConfig({ $schema: 5 }, 'c', '/tmp')).toThrow(ConfigError);
  });

  it('a data file is taken as written: a "default" key is unknown', () => {
    expect(() => resolveConfig({ default: { tagPrefix: 'x' } }, '.stampguardrc.json', '/tmp')).toThrow(
      /unknown key "default"/,
    );
  });
});

describe('"got …": one wording for every kind of value, in the configuration and in the gates', () => {
  const KINDS: [unknown, string][] = [
    [3, 'the number 3'],
    [-0.5, 'the number -0.5'],
    [true, 'the boolean true'],
    [false, 'the boolean false'],
    [null, 'null'],
    [[1, 2], 'an array'],
    [{ a: 1 }, 'an object'],
    ['x y', '"x y"'],
    ['a'.repeat(80), `"${'a'.repeat(57)}..."`],
  ];

  it.each(KINDS)('%j is %s', (value, described) => {
    expect(describeValue(value)).toBe(described);
    // A string key, a boolean key, an array key: each reports the value the same way.
    for (const key of ['tagPrefix', 'allowPrerelease', 'branches']) {
      const config = { [key]: value };
      let message = '';
      try {
        resolveConfig(config, 'cfg.json', '/tmp');
      } catch (error) {
        message = (error as Error).message;
      }
      // An array given to a list key is looked into: its first item is what is wrong.
      const wrong = key === 'branches' && Array.isArray(value) ? describeValue(value[0]) : described;
      if (message !== '') expect(message, key).toMatch(new RegExp(`got ${escapeRegExp(wrong)}$`));
    }
    let gates = '';
    try {
      resolveConfig({ gates: { specs: { A: [{ version: '1.0', stage: 'alpha', default: value }] } } }, 'c', '/tmp');
    } catch (error) {
      gates = (error as Error).message;
    }
    if (typeof value !== 'boolean') expect(gates).toContain(`got ${described}`);
  });

  it('{ "tagPrefix": 3 } is a number, not an array', () => {
    expect(() => resolveConfig({ tagPrefix: 3 }, 'cfg.json', '/tmp')).toThrow(
      'cfg.json: tagPrefix: expected a string, got the number 3',
    );
  });

  it('an item of a list names the item: { "branches": ["main", 3] }', () => {
    expect(() => resolveConfig({ branches: ['main', 3] }, 'cfg.json', '/tmp')).toThrow(
      'cfg.json: branches[1]: expected a string, got the number 3',
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
