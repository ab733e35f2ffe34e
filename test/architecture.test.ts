// The shape of src/: the relative imports of every module form a graph with no cycles, and no
// module imports from a layer above its own. Data flows one way: git → facts → checks → findings
// → reporters → CLI. Type-only imports count: a type pulled from above ties the layers as much
// as a value does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/git-repo.js';

const SRC = path.join(PROJECT_ROOT, 'src');

/** Lowest first. A module may import from its own layer and the layers before it. */
const LAYERS: readonly (readonly string[])[] = [
  ['util/'],
  ['types.ts', 'errors.ts', 'codes.ts', 'glob.ts'],
  ['git/'],
  ['version/', 'version-files/'],
  ['gates/'],
  ['facts/'],
  ['checks/'],
  ['report.ts', 'reporters/'],
  // docs.ts is not in the brief's list: it renders the code catalogue for docs/codes.md, as
  // schema.ts renders the configuration for the JSON Schema, so it sits with schema.ts.
  ['config.ts', 'config/', 'schema.ts', 'docs.ts', 'stamp.ts', 'stamp/', 'workspace.ts'],
  ['check.ts', 'options.ts', 'scope.ts'],
  ['hooks/'],
  ['cli/'],
  ['index.ts', 'semantic-release.ts'],
];

function layerOf(file: string): number {
  return LAYERS.findIndex((layer) => layer.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

function layerName(file: string): string {
  return `${layerOf(file)}: ${LAYERS[layerOf(file)]?.join(' ') ?? 'none'}`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.relative(SRC, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

interface Edge {
  from: string;
  to: string;
  /** The import statement, as written, on one line. */
  statement: string;
  line: number;
}

// import … from './x.js' / export … from './x.js' (over several lines), import './x.js', import('./x.js').
const IMPORT_RE =
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function importsOf(file: string, source: string): Edge[] {
  const edges: Edge[] = [];
  for (const match of source.matchAll(IMPORT_RE)) {
    const specifier = (match[1] ?? match[2])!;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
    edges.push({
      from: file,
      to: resolved,
      statement: match[0].replace(/\s+/g, ' '),
      line: source.slice(0, match.index).split('\n').length,
    });
  }
  return edges;
}

/** Every cycle's modules, one list per strongly connected component with more than one module (or a self-import). */
function cycles(nodes: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  // Tarjan's strongly connected components.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const n of nodes) if (!indices.has(n)) visit(n);
  return found;
}

const files = sourceFiles(SRC);
const edges = files.flatMap((file) => importsOf(file, readFileSync(path.join(SRC, file), 'utf8')));

describe('architecture', () => {
  it('reads the import graph (the parser sees multi-line, type-only and re-export imports)', () => {
    expect(files.length).toBeGreaterThan(40);
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('check.ts', 'checks/index.ts')).toBe(true); // import { checkContexts, runChecks }
    expect(has('checks/define.ts', 'facts/index.ts')).toBe(true); // import type { … }
    expect(has('index.ts', 'types.ts')).toBe(true); // export type { … } over several lines
    expect(has('git/reader.ts', 'git/repo.ts')).toBe(true); // import { … } over several lines
    expect(has('cli/commands/check.ts', 'reporters/index.ts')).toBe(true); // ../../
  });

  it('every import names a module in src/', () => {
    expect(edges.filter((e) => !files.includes(e.to)).map((e) => `${e.from}:${e.line} ${e.statement}`)).toEqual([]);
  });

  it('every module has a layer', () => {
    expect(files.filter((f) => layerOf(f) === -1)).toEqual([]);
  });

  it('the cycle finder finds cycles (a control on a made-up graph)', () => {
    const e = (from: string, to: string): Edge => ({ from, to, statement: '', line: 1 });
    expect(cycles(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')])).toEqual([
      ['a', 'b', 'c'],
    ]);
    expect(cycles(['a'], [e('a', 'a')])).toEqual([['a']]);
    expect(cycles(['a', 'b'], [e('a', 'b')])).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(files, edges)).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward = edges
      .filter((e) => layerOf(e.to) > layerOf(e.from))
      .map(
        (e) =>
          `src/${e.from}:${e.line} (layer ${layerName(e.from)}) imports src/${e.to} (layer ${layerName(e.to)}): ${e.statement}`,
      );
    expect(upward).toEqual([]);
  });
});
