// Loading a JavaScript or TypeScript configuration: the only place stampguard executes code from
// the repository, reached only after the caller has checked that code configurations are allowed.
// Nothing is written anywhere: a module hook (module.register) loads a TypeScript file, and the
// TypeScript files it imports, as ES modules stripped of their types by Node itself (22.18+,
// 23.6+), or transformed in memory with Node's stripTypeScriptTypes (22.13+) or the project's
// TypeScript 5/6 transpileModule. Without any of them it is refused with a message that says
// what would work.
import { realpathSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { importModule } from '../util/import.js';

/** The configuration a code file exports (its default export, or module.exports). */
export async function loadCodeFile(file: string): Promise<unknown> {
  const url = pathToFileURL(realpath(file));
  if (path.extname(file) === '.ts') return importConfig(file, await typeScriptUrl(file, url));
  return importConfig(file, url.href);
}

async function importConfig(file: string, href: string): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = (await importModule(href)) as { default?: unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`cannot load ${file}: ${message}`, { file, cause: error });
  }
  return module.default;
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** The query that marks a module (and the TypeScript files it imports) for the in-memory hook. */
const MARK = 'stampguard-ts';

let hookRegistered = false;

/**
 * The URL to import the TypeScript file by, marked for the hook. Where Node strips types itself the
 * hook only tells Node the file is an ES module in TypeScript (so a package.json without "type"
 * costs no reparse and no warning); elsewhere it transforms the source.
 */
async function typeScriptUrl(file: string, url: URL): Promise<string> {
  const native = Boolean((process.features as { typescript?: string | false }).typescript);
  const register = (nodeModule as { register?: (specifier: string, options: object) => void }).register;
  const strip = typeof (nodeModule as { stripTypeScriptTypes?: unknown }).stripTypeScriptTypes === 'function';
  let transformer: string | null = native ? 'native' : strip ? 'node' : null;
  if (!transformer) {
    const typescript = findTypeScript(file);
    if (typescript.entry) transformer = typescript.entry;
    else throw cannotLoadTypeScript(file, typescript.problem);
  }
  if (!register) throw cannotLoadTypeScript(file, `Node ${process.version} has no module.register (Node 20.6+ has)`);
  if (!hookRegistered) {
    register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`, { data: { transformer, mark: MARK } });
    hookRegistered = true;
  }
  const marked = new URL(url);
  marked.searchParams.set(MARK, '');
  return marked.href;
}

/** The project's TypeScript (resolved from the configuration's folder) when it can transpile. */
function findTypeScript(file: string): { entry: string | null; problem: string } {
  const resolver = createRequire(file);
  let version: string;
  try {
    version = (resolver(resolver.resolve('typescript/package.json')) as { version: string }).version;
  } catch {
    return { entry: null, problem: `no typescript package is installed where ${path.basename(file)} can import it` };
  }
  const major = Number.parseInt(version, 10);
  if (!(major >= 2 && major <= 6)) {
    return {
      entry: null,
      problem: `typescript ${version} is installed, and it has no transpileModule (TypeScript 7 has no JavaScript API)`,
    };
  }
  return { entry: pathToFileURL(resolver.resolve('typescript')).href, problem: '' };
}

function cannotLoadTypeScript(file: string, problem: string): ConfigError {
  const base = path.basename(file, '.ts');
  return new ConfigError(
    `cannot load ${file}: Node ${process.version} does not strip TypeScript types, and ${problem}. ` +
      `Run stampguard on Node 22.18+ (or 23.6+), or install typescript 5 or 6, or write the configuration as ` +
      `${base}.mjs (JavaScript; a JSDoc /** @type {import('stampguard').ConfigInput} */ keeps editor ` +
      'completion) or as JSON.',
    { file },
  );
}

/**
 * The module hook, as an ES module in a data: URL (it runs on Node's hooks thread). Only URLs that
 * carry the mark are transformed: the configuration, and the .ts/.mts files it imports, which
 * inherit the mark. Every other import in the process is left alone.
 */
const HOOK_SOURCE = `
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
let mark = '';
let transformer = '';
let transform = null;
export function initialize(data) {
  mark = data.mark;
  transformer = data.transformer;
}
function marked(url) {
  return typeof url === 'string' && url.startsWith('file:') && new URL(url).searchParams.has(mark);
}
async function getTransform() {
  if (transform) return transform;
  if (transformer === 'node') {
    const { stripTypeScriptTypes } = await import('node:module');
    transform = (source) => stripTypeScriptTypes(source, { mode: 'strip' });
  } else {
    const loaded = await import(transformer);
    const ts = typeof loaded.transpileModule === 'function' ? loaded : loaded.default;
    if (!ts || typeof ts.transpileModule !== 'function') {
      throw new Error('the typescript package at ' + transformer + ' has no transpileModule');
    }
    transform = (source, file) =>
      ts.transpileModule(source, {
        fileName: file,
        reportDiagnostics: false,
        compilerOptions: {
          module: ts.ModuleKind ? ts.ModuleKind.ESNext : 99,
          target: ts.ScriptTarget ? ts.ScriptTarget.ES2022 : 9,
          sourceMap: false,
          inlineSourceMap: false,
          declaration: false,
        },
      }).outputText;
  }
  return transform;
}
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (marked(context.parentURL) && !marked(result.url) && result.url.startsWith('file:')) {
    const url = new URL(result.url);
    if (/\\.m?ts$/.test(url.pathname)) {
      url.searchParams.set(mark, '');
      return { ...result, url: url.href };
    }
  }
  return result;
}
export async function load(url, context, nextLoad) {
  if (!marked(url)) return nextLoad(url, context);
  if (transformer === 'native') return nextLoad(url, { ...context, format: 'module-typescript' });
  const plain = new URL(url);
  plain.search = '';
  const file = fileURLToPath(plain);
  const source = (await getTransform())(readFileSync(file, 'utf8'), file);
  return { format: 'module', source, shortCircuit: true };
}
`;
