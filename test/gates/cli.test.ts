// The gates views end to end: the built CLI in real repositories with the real Kubernetes list.
// --changes is checked against the YAML by hand; --timeline is parsed (saxes, a strict XML parser,
// for SVG; parse5, the WHATWG HTML parser, for HTML) and measured structurally.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseHtml } from 'parse5';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { gitEnv, makeRepo, PROJECT_ROOT, parseJson, type Repo, runCli, tempDir } from '../helpers/git-repo.js';

const K8S_LIST = path.join(PROJECT_ROOT, 'test/fixtures/gates/kubernetes-versioned_feature_list.yaml');
const K8S_GATES = [...readFileSync(K8S_LIST, 'utf8').matchAll(/^- name: (\S+)$/gm)].map((m) => m[1]!);

function kubeRepo(version: string, gates: Record<string, unknown>): Repo {
  const repo = makeRepo({ version, files: { 'main.go': 'package main\n' } });
  copyFileSync(K8S_LIST, path.join(repo.dir, 'versioned_feature_list.yaml'));
  repo.write(
    '.stampguardrc.json',
    JSON.stringify({ gates: { specs: './versioned_feature_list.yaml', ...gates } }, null, 2),
  );
  repo.commit('gates');
  return repo;
}

// ------------------------------------------------------------------------------------------------

describe('gates.dependencies in check', () => {
  it('a configured gate whose dependency is off refuses the release, in Kubernetes words; enabling it passes', () => {
    // DRAAdminAccess (alpha since 1.32) depends on DynamicResourceAllocation (beta, off by default
    // from 1.32) in kube_features.go's defaultKubernetesFeatureGateDependencies.
    const deps = { DRAAdminAccess: ['DynamicResourceAllocation'] };
    const repo = kubeRepo('1.33.0', { set: 'DRAAdminAccess=true', dependencies: deps });
    repo.tag('v1.33.0', { annotated: true });
    const r = repo.cli(['check', '--json']);
    expect(r.code).toBe(1);
    const report = parseJson<Report>(r.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'gate-dependency-disabled',
        gate: 'DRAAdminAccess',
        message:
          'DRAAdminAccess is enabled, but depends on features that are disabled: [DynamicResourceAllocation] (at emulated version 1.33)',
      }),
    ]);
    repo.write(
      '.stampguardrc.json',
      JSON.stringify({
        gates: {
          specs: './versioned_feature_list.yaml',
          set: 'DRAAdminAccess=true,DynamicResourceAllocation=true',
          dependencies: deps,
        },
      }),
    );
    repo.commit('enable the dependency');
    repo.git('tag', '-f', '-a', 'v1.33.0', '-m', 'v1.33.0');
    expect(repo.cli(['check']).code).toBe(0);
  });

  it('a dependency on a gate without specs is a gate-spec-invalid finding with a suggestion', () => {
    const repo = kubeRepo('1.33.0', { dependencies: { DRAAdminAccess: ['DynamicResourceAlocation'] } });
    repo.tag('v1.33.0', { annotated: true });
    const report = parseJson<Report>(repo.cli(['check', '--json']).stdout);
    expect(report.findings.map((f) => [f.code, f.actual])).toEqual([['gate-spec-invalid', 'dependency-unknown']]);
    expect(report.findings[0]!.message).toContain('did you mean DynamicResourceAllocation?');
  });

  it('a malformed gates.dependencies is a configuration error naming the key', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.write('.stampguardrc.json', JSON.stringify({ gates: { specs: {}, dependencies: { A: 'B' } } }));
    const r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gates.dependencies.A: expected a list of gate names');
  });
});

// ------------------------------------------------------------------------------------------------

interface ChangesJson {
  ok: boolean;
  from: string;
  to: string;
  groups: {
    group: string;
    gates: {
      gate: string;
      changes: string[];
      from: { stage: string; default: boolean; locked: boolean };
      to: unknown;
    }[];
  }[];
  unchanged: number;
  findings: { code: string }[];
}

describe('stampguard gates --changes', () => {
  const groupOf = (out: ChangesJson, gate: string) => out.groups.find((g) => g.gates.some((x) => x.gate === gate));

  it('1.33..1.35 on the real Kubernetes list, entries checked against the YAML by hand', () => {
    const repo = kubeRepo('1.33.0', { set: 'NodeSwap=true' });
    const r = repo.cli(['gates', '--changes', '1.33..1.35', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // NodeSwap=true is its locked default at 1.35
    const out = parseJson<ChangesJson>(r.stdout);
    expect([out.from, out.to]).toEqual(['1.33', '1.35']);
    const entry = (gate: string) => groupOf(out, gate)?.gates.find((g) => g.gate === gate);
    // NodeSwap: Beta on since 1.30, GA locked at 1.34 → graduated to GA, locked.
    expect(groupOf(out, 'NodeSwap')?.group).toBe('ga');
    expect(entry('NodeSwap')).toMatchObject({
      changes: ['stage', 'lock'],
      from: { stage: 'beta', default: true, locked: false },
      to: { stage: 'ga', default: true, locked: true },
      steps: ['1.34'],
    });
    // MutatingAdmissionPolicy: Alpha 1.32, Beta (off) 1.34 → graduated to beta, still off.
    expect(groupOf(out, 'MutatingAdmissionPolicy')?.group).toBe('beta');
    expect(entry('MutatingAdmissionPolicy')?.changes).toEqual(['stage']);
    // RelaxedServiceNameValidation: first entry Alpha 1.34 → new.
    expect(groupOf(out, 'RelaxedServiceNameValidation')?.group).toBe('introduced');
    // KubeletPodResourcesListUseActivePods: GA off since 1.0, Deprecated on at 1.34 → deprecated, default flip.
    expect(groupOf(out, 'KubeletPodResourcesListUseActivePods')?.group).toBe('deprecated');
    expect(entry('KubeletPodResourcesListUseActivePods')?.changes).toEqual(['stage', 'default']);
    // MultiCIDRServiceAllocator: GA on 1.33, GA on locked 1.34 → locked.
    expect(groupOf(out, 'MultiCIDRServiceAllocator')?.group).toBe('locked');
    // DynamicResourceAllocation: Beta off since 1.32, nothing later in this list → unchanged.
    expect(groupOf(out, 'DynamicResourceAllocation')).toBeUndefined();
    const changed = out.groups.reduce((n, g) => n + g.gates.length, 0);
    expect(changed + out.unchanged).toBeLessThanOrEqual(K8S_GATES.length);
    expect(changed).toBe(35);
  });

  it('prints release-notes groups and exits 1 when a configured value is invalid at TO', () => {
    const repo = kubeRepo('1.33.0', { set: 'NodeSwap=false' });
    const r = repo.cli(['gates', '--changes', 'v1.33.0..v1.35.0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Feature gate changes from 1.33 to 1.35');
    expect(r.stdout).toMatch(/\nGraduated to GA \(18\)\n/);
    expect(r.stdout).toMatch(/\n\* NodeSwap\s+beta → GA, locked {2}in 1\.34\n/);
    expect(r.stdout).toContain('gate-locked');
    // The same range is fine at 1.33: NodeSwap=false is allowed while beta.
    expect(repo.cli(['gates', '--changes', '1.32..1.33']).code).toBe(0);
  });

  it('--from-specs lists gates the older list had and the current one does not as removed', () => {
    const repo = kubeRepo('1.33.0', {});
    repo.write(
      'old.json',
      JSON.stringify({
        Gone: [{ version: '1.20', stage: 'ga', default: true, lockToDefault: true }],
        NodeSwap: [{ version: '1.22', stage: 'alpha', default: false }],
      }),
    );
    const out = parseJson<ChangesJson>(
      repo.cli(['gates', '--changes', '1.33..1.34', '--from-specs', 'old.json', '--json']).stdout,
    );
    expect(groupOf(out, 'Gone')?.group).toBe('removed');
  });

  it.each([
    [['--changes', '1.33'], 'FROM..TO'],
    [['--changes', '1.35..1.33'], 'FROM comes after TO'],
    [['--changes', 'a..b'], 'FROM..TO'],
    [['--changes', '1.33..1.35', '--at', '1.34'], 'leave out --at'],
    [['--changes', '1.33..1.35', '--timeline'], 'separate views'],
    [['--from-specs', 'x.yaml'], '--from-specs goes with --changes'],
  ])('%j is a usage error', (args, message) => {
    const repo = kubeRepo('1.33.0', {});
    const r = repo.cli(['gates', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

// ------------------------------------------------------------------------------------------------

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict XML parse (well-formedness errors throw) into a small tree. */
function parseXml(text: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.write(text).close();
  return root;
}

function all(node: XmlNode, predicate: (n: XmlNode) => boolean): XmlNode[] {
  return [...(predicate(node) ? [node] : []), ...node.children.flatMap((c) => all(c, predicate))];
}

describe('stampguard gates --timeline', () => {
  it('SVG: well-formed, one row per gate, every name, the marker at the stamped version', () => {
    const repo = kubeRepo('1.33.0', { set: 'NodeSwap=false,KubeletCrashLoopBackOffMax=true' });
    repo.tag('v1.33.0', { annotated: true });
    const out = path.join(tempDir(), 'gates.svg');
    const r = repo.cli(['gates', '--timeline', '--out', out]);
    expect(r.stderr).toContain('drew 193 gates');
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const doc = parseXml(text);
    const svg = doc.children[0]!;
    expect(svg.name).toBe('svg');
    expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');

    const rows = all(svg, (n) => n.name === 'g' && (n.attributes.class ?? '') === 'row');
    expect(rows).toHaveLength(K8S_GATES.length);
    expect(new Set(rows.map((row) => row.attributes['data-gate']))).toEqual(new Set(K8S_GATES));
    // Configured gates first, in configuration order, highlighted.
    expect(rows.slice(0, 2).map((row) => [row.attributes['data-gate'], row.attributes['data-configured']])).toEqual([
      ['NodeSwap', 'true'],
      ['KubeletCrashLoopBackOffMax', 'true'],
    ]);
    expect(rows.filter((row) => row.attributes['data-configured'] === 'true')).toHaveLength(2);
    // Every full name is in its row's <title>, shortened labels included.
    for (const row of rows) {
      const title = row.children.find((c) => c.name === 'title');
      expect(title?.text.startsWith(row.attributes['data-gate']!)).toBe(true);
    }
    for (const gate of K8S_GATES) expect(text).toContain(gate);
    const longest = K8S_GATES.reduce((a, b) => (b.length > a.length ? b : a));
    const longestRow = rows.find((row) => row.attributes['data-gate'] === longest)!;
    const label = all(longestRow, (n) => n.attributes.class === 'label')[0]!;
    expect(label.text.endsWith('…')).toBe(true);
    expect(longest.startsWith(label.text.slice(0, -1))).toBe(true);

    // The marker sits on the 1.33 column's centre, the same x as that column's tick.
    const marker = all(svg, (n) => n.attributes.id === 'marker')[0]!;
    expect(marker.attributes['data-version']).toBe('1.33');
    const tick = all(svg, (n) => n.attributes.class === 'tick' && n.attributes['data-version'] === '1.33')[0]!;
    expect(Number(marker.attributes.x1)).toBe(Number(tick.attributes.x));
    const ticks = all(svg, (n) => n.attributes.class === 'tick').map((n) => n.attributes['data-version']);
    expect(ticks[0]).toBe('1.0');
    expect(ticks.at(-1)).toBe('1.35');

    // NodeSwap's bands, left to right: alpha off 1.22, beta off 1.28, beta on 1.30, GA locked 1.34.
    const bands = all(rows[0]!, (n) => n.attributes.class === 'band').map((n) => [
      n.attributes['data-stage'],
      n.attributes['data-default'],
      n.attributes['data-locked'],
    ]);
    expect(bands).toEqual([
      ['alpha', 'false', 'false'],
      ['beta', 'false', 'false'],
      ['beta', 'true', 'false'],
      ['ga', 'true', 'true'],
    ]);
    const x = (n: XmlNode) => Number(n.attributes.x);
    const nodeSwapBands = all(rows[0]!, (n) => n.attributes.class === 'band');
    const tickX = (v: string) =>
      Number(all(svg, (n) => n.attributes.class === 'tick' && n.attributes['data-version'] === v)[0]!.attributes.x);
    // Each band starts in its version's column: the same offset from that column's tick, less than half a column.
    const offsets = ['1.22', '1.28', '1.30', '1.34'].map((v, i) => x(nodeSwapBands[i]!) - tickX(v));
    expect(new Set(offsets).size).toBe(1);
    expect(Math.abs(offsets[0]!)).toBeLessThan((tickX('1.23') - tickX('1.22')) / 2);
  });

  it('--at moves the marker; HTML parses with the WHATWG parser without errors', () => {
    const repo = kubeRepo('1.33.0', {});
    const out = path.join(tempDir(), 'nested', 'gates.html');
    const r = repo.cli(['gates', '--timeline', '--out', out, '--at', '1.30']);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const errors: string[] = [];
    const doc = parseHtml(html, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    expect(doc.childNodes.map((n) => n.nodeName)).toEqual(['#documentType', 'html']);
    expect(html).toMatch(/<line id="marker" data-version="1\.30"/);
    for (const gate of K8S_GATES) expect(html).toContain(`data-gate="${gate}"`);
    expect(html).toContain('<title>Feature gates across versions (stamped version 1.30)</title>');
  });

  it('writes atomically: no temporary file is left, and an existing file is replaced whole', () => {
    const repo = kubeRepo('1.33.0', {});
    const dir = tempDir();
    const out = path.join(dir, 'gates.svg');
    expect(repo.cli(['gates', '--timeline', '--out', out, '--at', '1.33']).code).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect(repo.cli(['gates', '--timeline', '--out', out, '--at', '1.34']).code).toBe(0);
    const second = readFileSync(out, 'utf8');
    expect(second).not.toBe(first);
    expect(second).toContain('data-version="1.34"');
    expect(readdirSync(dir)).toEqual(['gates.svg']);
  });

  it.each([
    [['--timeline'], 'needs --out'],
    [['--timeline', '--out', 'gates.png'], '.svg or .html'],
    [['--timeline', '--out', '.git/gates.svg'], 'inside a .git directory'],
    [['--timeline', '--out', 'x.svg', '--json'], '--json'],
    [['--out', 'x.svg'], '--out goes with --timeline'],
  ])('%j is a usage error and writes nothing', (args, message) => {
    const repo = kubeRepo('1.33.0', {});
    const r = repo.cli(['gates', ...args, '--at', '1.33']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(path.join(repo.dir, '.git', 'gates.svg'))).toBe(false);
  });

  it("refuses the repository's git directory even when no part of its path is .git", () => {
    const base = tempDir();
    const store = path.join(base, 'store');
    const work = path.join(base, 'work');
    execFileSync('git', ['init', '-q', '--separate-git-dir', store, work], { env: gitEnv() });
    writeFileSync(
      path.join(work, '.stampguardrc.json'),
      JSON.stringify({ gates: { specs: { G: [{ version: '1.30', stage: 'alpha', default: false }] } } }),
    );
    const r = runCli(['gates', '--timeline', '--out', path.join(store, 'gates.svg'), '--at', '1.33'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inside a .git directory');
    expect(existsSync(path.join(store, 'gates.svg'))).toBe(false);
    // Next to it is fine: the check is about the git directory, not about the name.
    expect(
      runCli(['gates', '--timeline', '--out', path.join(base, 'gates.svg'), '--at', '1.33'], { cwd: work }).code,
    ).toBe(0);
  });
});
