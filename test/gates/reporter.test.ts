import { describe, expect, it } from 'vitest';
import { gatesReport } from '../../src/gates/index.js';
import { formatGates } from '../../src/reporters/gates.js';
import type { GatesConfig } from '../../src/types.js';
import { e, gatesConfig, NODE_SWAP } from './helpers.js';

const gates = (over: Partial<GatesConfig> = {}): GatesConfig =>
  gatesConfig({
    specs: {
      NodeSwap: NODE_SWAP,
      DRA: [e('1.26', 'alpha', false), e('1.32', 'beta', false)],
      Old: [e('1.0', 'ga', true), e('1.31', 'deprecated', false)],
    },
    ...over,
  });

const render = (input: { gates: GatesConfig; stampedVersion: string }, color = false) =>
  formatGates(gatesReport(input), { color });

describe('formatGates', () => {
  it('the incident, as a person reads it', () => {
    const stampedVersion = '0.1.0-284+0214af08731054-dirty';
    expect(
      render({ gates: gates({ set: { NodeSwap: false, Nodeswap: true }, emulationFloor: '1.31' }), stampedVersion }),
    ).toBe(
      [
        'Feature gates at emulated version 0.1 (stamped version 0.1.0-284+0214af08731054-dirty)',
        '  emulation 0.1 (out of range) · min compatibility 1.31 (out of range) · allowed [1.31, 0.1] (empty: the lower bound is above the stamped version)',
        '',
        '   GATE      STAGE      DEFAULT  LOCKED  SINCE  SET    VERDICT',
        '*  NodeSwap  pre-alpha  false    no      -      false  not available yet',
        '*  Nodeswap  ?          ?        ?       -      true   unknown gate',
        '   DRA       pre-alpha  false    no      -      -',
        '   Old       pre-alpha  false    no      -      -',
        '',
        '2 of 2 configured gates cannot be set:',
        '  NodeSwap=false: pre-alpha at this version, cannot be set to any value',
        '  Nodeswap=true: no such gate (names are case-sensitive)',
        'Run "stampguard check" for hints; the version being stamped is the first thing to check.',
        '',
        // The window has no row: its finding follows the table, as check words it.
        "  ✖ emulation-out-of-range  emulation version 0.1 is not between [1.31, 0.1.0-284+0214af08731054-dirty] (the emulation version defaults to the stamped version's 0.1)",
        '      → Check the version being stamped first (stampguard version; git describe --tags): a wrong, unrelated or missing release tag is the usual cause. 0.1.0-284+0214af08731054-dirty gives 0.1, below gates.emulationFloor 1.31, so no emulation version can be valid. If the version is right, lower gates.emulationFloor.',
        '',
      ].join('\n'),
    );
  });

  it('a healthy configuration', () => {
    expect(render({ gates: gates({ set: { NodeSwap: true } }), stampedVersion: '1.35.0' })).toBe(
      [
        'Feature gates at emulated version 1.35 (stamped version 1.35.0)',
        '  emulation 1.35 · min compatibility 1.34 · allowed [1.32, 1.35]',
        '',
        '   GATE      STAGE       DEFAULT  LOCKED  SINCE  SET   VERDICT',
        '*  NodeSwap  GA          true     yes     1.34   true  ok',
        '   DRA       beta        false    no      1.32   -',
        '   Old       deprecated  false    no      1.31   -',
        '',
        'All 1 configured gate valid at 1.35. * marks configured gates.',
        '',
      ].join('\n'),
    );
  });

  it('a locked gate set the other way', () => {
    const out = render({ gates: gates({ set: { NodeSwap: false } }), stampedVersion: '1.34.0' });
    expect(out).toContain('*  NodeSwap  GA          true     yes     1.34   false  locked');
    expect(out).toContain('  NodeSwap=false: locked to true since 1.34');
  });

  it('a configured gate whose dependency is off: its verdict, the summary, and the finding under the table', () => {
    const input = {
      gates: gates({
        set: { DRA: true },
        dependencies: { DRA: ['Dep'] },
        specs: { DRA: [e('1.26', 'alpha', false)], Dep: [e('1.26', 'alpha', false)] },
      }),
      stampedVersion: '1.30.0',
    };
    expect(render(input)).toBe(
      [
        'Feature gates at emulated version 1.30 (stamped version 1.30.0)',
        '  emulation 1.30 · min compatibility 1.29 · allowed [1.27, 1.30]',
        '',
        '   GATE  STAGE  DEFAULT  LOCKED  SINCE  SET   VERDICT',
        '*  DRA   alpha  false    no      1.26   true  needs disabled gates',
        '   Dep   alpha  false    no      1.26   -',
        '',
        '1 of 1 configured gate cannot be set:',
        '  DRA=true: depends on gates that are disabled (see below)',
        'Run "stampguard check" for hints; the version being stamped is the first thing to check.',
        '',
        '  ✖ gate-dependency-disabled  DRA is enabled, but depends on features that are disabled: [Dep] (at emulated version 1.30)',
        '      → DRA is set to true in gates.set. Enable Dep in gates.set (Dep=true), or set DRA=false. If the version is wrong, check it first (stampguard version).',
        '',
      ].join('\n'),
    );
  });

  it('nothing configured', () => {
    expect(render({ gates: gates(), stampedVersion: '1.33.0' })).toContain(
      '3 gates known; none configured (gates.set).',
    );
  });

  it('no version to place the window', () => {
    expect(render({ gates: gates({ set: { NodeSwap: true } }), stampedVersion: 'banana' })).toBe(
      [
        'Feature gates: the version "banana" has no major.minor, so there is no emulation window',
        '',
        'Set gates.emulationVersion or pass a version (--at 1.33) to see the gates.',
        '',
        '  ✖ emulation-out-of-range  cannot place the emulation window: the version being stamped, "banana", has no major.minor',
        '      → Check the version being stamped first (stampguard version; git describe --tags): a wrong, unrelated or missing release tag is the usual cause. Gate values can only be checked against a version.',
        '',
      ].join('\n'),
    );
  });

  it('colour only when asked, and colour never changes the text', () => {
    const input = { gates: gates({ set: { NodeSwap: false } }), stampedVersion: '1.34.0' };
    const plain = render(input, false);
    const colored = render(input, true);
    expect(plain).not.toMatch(/\x1b\[/);
    expect(colored).toMatch(/\x1b\[31m/);
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });
});
