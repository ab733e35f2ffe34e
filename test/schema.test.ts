// The JSON Schema (src/schema.ts → schema/stampguard.schema.json) against the validator it is
// generated next to (resolveConfig in src/config.ts, resolveGatesConfig in src/gates/config.ts):
// the file is up to date, every example configuration in the repository passes both, broken
// configurations fail both, and on generated configurations the two agree.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { blankComments } from '../src/config/index.js';
import { DEFAULT_CONFIG, FIELDS, resolveConfig, SEARCH_PLACES } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { DEFAULT_EMULATION_WINDOW } from '../src/gates/evaluate.js';
import { normalizeStage, parseGateSet } from '../src/gates/specs.js';
import { splitVersion } from '../src/gates/versions.js';
import { globProblem } from '../src/glob.js';
import { configSchema, configSchemaText, SCHEMA_ID } from '../src/schema.js';
import { entryProblem } from '../src/version-files/spec.js';
import { PROJECT_ROOT, tempDir } from './helpers/git-repo.js';

// ajv is CommonJS. Under nodenext the default import is `module.exports`, which ajv sets to the
// class itself and also hangs the class on as `.default`; the types describe only the latter.
const Ajv2020 = Ajv2020Module.default;

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema/stampguard.schema.json');
const K8S_LIST = path.join(PROJECT_ROOT, 'examples/kubernetes-gates/versioned_feature_list.yaml');

const NODE_SWAP = [
  { version: '1.22', stage: 'alpha', default: false },
  { version: '1.28', stage: 'beta', default: false },
  { version: '1.30', stage: 'beta', default: true },
  { version: '1.34', stage: 'ga', default: true, lockToDefault: true },
];

const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemaOnDisk = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
const validate = ajv.compile(schemaOnDisk);

function schemaPart(pointer: string) {
  const part = ajv.getSchema(`${SCHEMA_ID}#${pointer}`);
  if (!part) throw new Error(`no schema at ${pointer}`);
  return part;
}

function schemaErrors(): string {
  return ajv.errorsText(validate.errors, { separator: '; ' });
}

/** Runs the validator: null when it accepts, the ConfigError when it refuses, anything else rethrown. */
function validatorError(
  raw: unknown,
  baseDir: string,
  file = path.join(baseDir, 'stampguard.config.json'),
): ConfigError | null {
  try {
    resolveConfig(raw, file, baseDir);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/** A folder holding a spec file at `relative` (as a string `specs` names it), for the validator side. */
function folderWithSpecFile(relative: string): string {
  const dir = tempDir('stampguard-schema-');
  const file = path.resolve(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  if (/\.ya?ml$/i.test(file)) copyFileSync(K8S_LIST, file);
  else writeFileSync(file, JSON.stringify({ NodeSwap: NODE_SWAP }));
  return dir;
}

// ---------------------------------------------------------------------------------------------

describe('the configuration schema', () => {
  it('schema/stampguard.schema.json is generated from src/schema.ts and up to date (npm run schema)', () => {
    const onDisk = readFileSync(SCHEMA_FILE, 'utf8');
    expect(onDisk).toBe(configSchemaText());
    expect(onDisk).toBe(`${JSON.stringify(configSchema(), null, 2)}\n`);
  });

  it('is a draft 2020-12 schema with its $id, and ajv compiles it in strict mode', () => {
    expect(schemaOnDisk).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://unpkg.com/stampguard/schema/stampguard.schema.json',
      type: 'object',
      additionalProperties: false,
    });
    expect(ajv.validateSchema(schemaOnDisk)).toBe(true);
    expect(typeof validate).toBe('function');
  });

  it('has exactly the keys of FIELDS (and $schema), with their descriptions and defaults', () => {
    const properties = (configSchema() as { properties: Record<string, { description?: string; default?: unknown }> })
      .properties;
    expect(Object.keys(properties)).toEqual(['$schema', ...Object.keys(FIELDS)]);
    const resolvedDefaults = resolveConfig({}, null, tempDir()) as unknown as Record<string, unknown>;
    for (const [name, spec] of Object.entries(FIELDS)) {
      expect(properties[name]?.description, name).toContain(spec.description);
      if (!('default' in spec)) continue;
      // The defaults the runtime uses (DEFAULT_CONFIG) are the ones the schema advertises.
      expect(resolvedDefaults[name], name).toEqual(spec.default);
      expect((DEFAULT_CONFIG as unknown as Record<string, unknown>)[name], name).toEqual(spec.default);
      if (spec.default === null) expect(properties[name], name).not.toHaveProperty('default');
      else expect(properties[name]?.default, name).toEqual(spec.default);
    }
    expect(schemaPart('/properties/gates/properties/emulationWindow').schema).toMatchObject({
      default: DEFAULT_EMULATION_WINDOW,
    });
  });

  it('accepts the empty configuration and the defaults written out', () => {
    expect(validate({})).toBe(true);
    const written = Object.fromEntries(
      Object.entries(DEFAULT_CONFIG).filter(
        ([key, value]) => key !== 'file' && key !== 'versionFilesListed' && value !== null,
      ),
    );
    expect(validate(written), schemaErrors()).toBe(true);
    expect(validate({ $schema: SCHEMA_ID })).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Every example configuration in the repository

interface Example {
  name: string;
  config: unknown;
  /** The folder a string `specs` is relative to. */
  baseDir: string;
}

function examplesDirConfigs(): Example[] {
  const root = path.join(PROJECT_ROOT, 'examples');
  const dirs = [
    root,
    ...readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((p) => !p.split(path.sep).includes('node_modules'))
      .map((p) => path.join(root, p)),
  ];
  const found: Example[] = [];
  for (const dir of dirs) {
    // Every data search place (scripts cannot be checked without running them).
    for (const place of SEARCH_PLACES.filter((p) => !/\.(c|m)?(j|t)s$/.test(p))) {
      const file = path.join(dir, place);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      let config: unknown;
      if (place === 'package.json') {
        config = (JSON.parse(text) as { stampguard?: unknown }).stampguard;
        if (config === undefined) continue;
      } else {
        config = place.endsWith('.json') ? JSON.parse(blankComments(text)) : parseYaml(text);
      }
      found.push({ name: path.relative(PROJECT_ROOT, file), config, baseDir: dir });
    }
  }
  return found;
}

const FIELD_NAMES = new Set(['$schema', ...Object.keys(FIELDS)]);

/**
 * The ```json / ```jsonc blocks of a Markdown file that are configurations: objects with a
 * configuration key, a package.json with a "stampguard" key, or a bare spec map (checked as
 * `gates.specs`). Others (package.json scripts) are skipped; so are abbreviated ones ("…").
 */
function markdownConfigs(relative: string): Example[] {
  const text = readFileSync(path.join(PROJECT_ROOT, relative), 'utf8');
  const found: Example[] = [];
  for (const match of text.matchAll(/^```jsonc?[ \t]*\n([\s\S]*?)^```/gm)) {
    const body = match[1]!;
    if (body.includes('…')) continue;
    const line = text.slice(0, match.index).split('\n').length;
    const name = `${relative}:${line}`;
    const block = JSON.parse(blankComments(body)) as unknown;
    if (block === null || typeof block !== 'object' || Array.isArray(block)) throw new Error(`${name}: not an object`);
    const keys = Object.keys(block);
    let config: unknown;
    if (keys.some((key) => FIELD_NAMES.has(key))) config = block;
    else if (keys.includes('stampguard')) config = (block as { stampguard: unknown }).stampguard;
    else if (keys.length > 0 && Object.values(block).every(Array.isArray)) config = { gates: { specs: block } };
    else continue;
    const specs = (config as { gates?: { specs?: unknown } }).gates?.specs;
    found.push({
      name,
      config,
      baseDir: typeof specs === 'string' ? folderWithSpecFile(specs) : tempDir('stampguard-schema-'),
    });
  }
  return found;
}

describe('example configurations pass both the schema and the validator', () => {
  const fromExamples = examplesDirConfigs();
  const fromReadme = markdownConfigs('README.md');
  const fromGatesDoc = markdownConfigs('docs/gates.md');

  it('finds examples to check', () => {
    expect(fromExamples.map((e) => e.name)).toContain(
      path.join('examples', 'kubernetes-gates', 'stampguard.config.json'),
    );
    expect(fromReadme.length).toBeGreaterThanOrEqual(1);
    expect(fromGatesDoc.length).toBeGreaterThanOrEqual(3);
  });

  it.each([...fromExamples, ...fromReadme, ...fromGatesDoc].map((e) => [e.name, e] as const))(
    '%s',
    (_name, example) => {
      expect(validate(example.config), schemaErrors()).toBe(true);
      // Example folders are used as they are: a spec file they name must really be there.
      expect(validatorError(example.config, example.baseDir)?.message ?? null).toBeNull();
    },
  );

  it("the loader's JSONC comment stripper leaves strings alone", () => {
    const text = '{ "a": "x//y", // c\n "b": "\\"//", /* "c": 1 */ "d": "/*" // d\n}';
    expect(JSON.parse(blankComments(text))).toEqual({ a: 'x//y', b: '"//', d: '/*' });
  });
});

// ---------------------------------------------------------------------------------------------
// Broken configurations fail both

const SPECS = { NodeSwap: NODE_SWAP };

const BROKEN: [string, unknown][] = [
  ['not an object: array', []],
  ['not an object: string', 'tagPrefix=v'],
  ['not an object: null', null],
  ['unknown key', { tagprefix: 'v' }],
  ['unknown key __proto__ (from JSON)', JSON.parse('{"__proto__": {"tagPrefix": "v"}}')],
  ['tagPrefix not a string', { tagPrefix: 1 }],
  ['tagPrefix with a space', { tagPrefix: 'v ' }],
  ['tagPrefix with ..', { tagPrefix: 'a..b' }],
  ['tagPrefix with @{', { tagPrefix: 'x@{' }],
  ['untracked bad enum', { untracked: 'fatal' }],
  ['untracked wrong case', { untracked: 'Error' }],
  ['branches not an array', { branches: 'main' }],
  ['branches null', { branches: null }],
  ['branches item not a string', { branches: ['main', 3] }],
  ['branches unclosed [', { branches: ['release-[0-9'] }],
  ['branches stray ]', { branches: ['main]'] }],
  ['branches nested [', { branches: ['[[a]]'] }],
  ['branches only !', { branches: ['!'] }],
  ['branches empty', { branches: [''] }],
  ['allowPrerelease a string', { allowPrerelease: 'yes' }],
  ['requireAnnotatedTag a number', { requireAnnotatedTag: 1 }],
  ['requireSignedTag null', { requireSignedTag: null }],
  ['versionFiles absolute', { versionFiles: ['/etc/package.json'] }],
  ['versionFiles empty path', { versionFiles: [''] }],
  ['versionFiles a string', { versionFiles: 'package.json' }],
  ['versionFiles a name without a format', { versionFiles: ['Makefile'] }],
  ['versionFiles a control character', { versionFiles: ['a\nb.json'] }],
  ['versionFiles toml without a key', { versionFiles: ['gradle.toml'] }],
  ['versionFiles entry without file', { versionFiles: [{ format: 'json' }] }],
  ['versionFiles entry unknown key', { versionFiles: [{ file: 'a.json', keys: 'version' }] }],
  ['versionFiles entry bad format', { versionFiles: [{ file: 'a.json', format: 'xml' }] }],
  ['versionFiles entry text with a key', { versionFiles: [{ file: 'VERSION', format: 'text', key: 'v' }] }],
  ['versionFiles entry key on a text name', { versionFiles: [{ file: 'VERSION', key: 'v' }] }],
  ['versionFiles entry empty key part', { versionFiles: [{ file: 'a.json', key: 'a..b' }] }],
  ['versionFiles entry toml format, other name', { versionFiles: [{ file: 'x.toml', format: 'toml' }] }],
  ['versionFiles entry unknown name, no format', { versionFiles: [{ file: 'x.cfg', key: 'version' }] }],
  ['versionFiles entry pattern and key', { versionFiles: [{ file: 'v.go', pattern: '"(.*)"', key: 'x' }] }],
  ['versionFiles entry pattern a number', { versionFiles: [{ file: 'v.go', pattern: 3 }] }],
  ['versionFiles entry pattern empty', { versionFiles: [{ file: 'v.go', pattern: '' }] }],
  ['stamp not an object', { stamp: 'k8s.io/component-base/version' }],
  ['stamp unknown key', { stamp: { package: 'main' } }],
  ['stamp goPackage with a space', { stamp: { goPackage: 'example.com/a b' } }],
  ['stamp goPackage with a quote', { stamp: { goPackage: "example.com/a'b" } }],
  ['stamp goVariables empty', { stamp: { goVariables: {} } }],
  ['stamp goVariables unknown variable', { stamp: { goVariables: { version: 'Version' } } }],
  ['stamp goVariables not an identifier', { stamp: { goVariables: { gitVersion: 'Git.Version' } } }],
  ['gates null', { gates: null }],
  ['gates a string', { gates: 'NodeSwap=false' }],
  ['gates without specs', { gates: { set: { NodeSwap: false } } }],
  ['gates unknown key', { gates: { specs: SPECS, emulationversion: '1.33' } }],
  ['gates specs null', { gates: { specs: null } }],
  ['gates specs an array', { gates: { specs: [SPECS] } }],
  ['gates specs empty path', { gates: { specs: '' } }],
  ['gates specs blank path', { gates: { specs: '   ' } }],
  ['gates specs path without .json/.yaml/.yml', { gates: { specs: 'gates.txt' } }],
  ['gates specs path that is only an extension', { gates: { specs: '.json' } }],
  ['gates spec list empty', { gates: { specs: { NodeSwap: [] } } }],
  ['gates spec list an object', { gates: { specs: { NodeSwap: NODE_SWAP[0] } } }],
  ['gates bad gate name', { gates: { specs: { 'Node Swap': NODE_SWAP } } }],
  ['gates bad stage', { gates: { specs: { NodeSwap: [{ version: '1.22', stage: 'stable', default: false }] } } }],
  [
    'gates stage with underscore',
    { gates: { specs: { NodeSwap: [{ version: '1.22', stage: 'pre_alpha', default: false }] } } },
  ],
  ['gates entry without default', { gates: { specs: { NodeSwap: [{ version: '1.22', stage: 'alpha' }] } } }],
  [
    'gates entry unknown key',
    { gates: { specs: { NodeSwap: [{ version: '1.22', stage: 'alpha', default: false, preRelease: 'Alpha' }] } } },
  ],
  [
    'gates entry version a number',
    { gates: { specs: { NodeSwap: [{ version: 1.22, stage: 'alpha', default: false }] } } },
  ],
  [
    'gates entry version banana',
    { gates: { specs: { NodeSwap: [{ version: 'banana', stage: 'alpha', default: false }] } } },
  ],
  [
    'gates entry default a string',
    { gates: { specs: { NodeSwap: [{ version: '1.22', stage: 'alpha', default: 'false' }] } } },
  ],
  [
    'gates entry lockToDefault null',
    { gates: { specs: { NodeSwap: [{ version: '1.22', stage: 'alpha', default: false, lockToDefault: null }] } } },
  ],
  ['gates set value not a boolean', { gates: { specs: SPECS, set: { NodeSwap: 'false' } } }],
  ['gates set bad gate name', { gates: { specs: SPECS, set: { 'Node=Swap': false } } }],
  ['gates set an array', { gates: { specs: SPECS, set: ['NodeSwap=false'] } }],
  ['gates set string without value', { gates: { specs: SPECS, set: 'NodeSwap' } }],
  ['gates set string bad value', { gates: { specs: SPECS, set: 'NodeSwap=yes' } }],
  ['gates set string blank item', { gates: { specs: SPECS, set: 'NodeSwap=false, ' } }],
  ['gates set string bad name', { gates: { specs: SPECS, set: 'Node Swap=false' } }],
  ['gates emulationVersion banana', { gates: { specs: SPECS, emulationVersion: 'banana' } }],
  ['gates emulationVersion a number', { gates: { specs: SPECS, emulationVersion: 1.33 } }],
  ['gates emulationVersion leading zero', { gates: { specs: SPECS, emulationVersion: '1.033' } }],
  ['gates emulationVersion four parts', { gates: { specs: SPECS, emulationVersion: '1.2.3.4' } }],
  ['gates minCompatibilityVersion major only', { gates: { specs: SPECS, minCompatibilityVersion: '1' } }],
  ['gates emulationFloor with spaces', { gates: { specs: SPECS, emulationFloor: ' 1.31' } }],
  ['gates emulationWindow -1', { gates: { specs: SPECS, emulationWindow: -1 } }],
  ['gates emulationWindow 1.5', { gates: { specs: SPECS, emulationWindow: 1.5 } }],
  ['gates emulationWindow a string', { gates: { specs: SPECS, emulationWindow: '3' } }],
  ['gates emulationWindow 2^53', { gates: { specs: SPECS, emulationWindow: 2 ** 53 } }],
];

describe('broken configurations fail both the schema and the validator', () => {
  it.each(BROKEN)('%s', (_name, config) => {
    expect(validate(config)).toBe(false);
    expect(validatorError(config, tempDir('stampguard-schema-'))).toBeInstanceOf(ConfigError);
  });

  it('while the near misses pass both', () => {
    const dir = folderWithSpecFile('gates.json');
    const fine: unknown[] = [
      { tagPrefix: '' },
      { tagPrefix: 'pkg@' },
      { tagPrefix: 'release/v' },
      { branches: [] },
      { branches: ['main', 'release-[0-9]*', '!release-0*', '**', '!!x', '[]', '[!a]'] },
      { versionFiles: [] },
      { versionFiles: ['packages/a/package.json', './package.json', '../package.json'] },
      {
        versionFiles: [
          'charts/kueue/Chart.yaml',
          'Cargo.toml',
          'py/pyproject.toml',
          'VERSION',
          'a.TXT',
          'b.YML/',
          { file: 'charts/kueue/Chart.yaml', format: 'yaml', key: 'appVersion' },
          { file: 'Cargo.toml', format: 'toml' },
          { file: 'x.toml', format: 'toml', key: 'workspace.package.version' },
          { file: 'VERSION' },
          { file: 'RELEASE', format: 'text' },
          { file: 'pkg/version/version.go', pattern: '^const Version = "([^"]+)"' },
          { file: 'a.json', key: 'packages.0.version' },
        ],
      },
      { stamp: {} },
      { stamp: { goPackage: 'main' } },
      { stamp: { goPackage: 'sigs.k8s.io/kueue/pkg/version', goVariables: { gitVersion: 'GitVersion' } } },
      { gates: { specs: {} } },
      { gates: { specs: 'gates.json' } },
      { gates: { specs: path.join(dir, 'gates.json') } },
      { gates: { specs: { 'a.b-c_9': [{ version: 'v1.2.3-rc.1+b', stage: 'PRE-ALPHA', default: false }] } } },
      { gates: { specs: SPECS, set: '' } },
      { gates: { specs: SPECS, set: ',, NodeSwap = f ,Other=TRUE,' } },
      { gates: { specs: SPECS, set: {} } },
      {
        gates: {
          specs: SPECS,
          emulationVersion: '1.33.0',
          minCompatibilityVersion: '0.1.0-284+0214af08731054-dirty',
          emulationFloor: '0.0',
        },
      },
      { gates: { specs: SPECS, emulationWindow: 0 } },
      { gates: { specs: SPECS, emulationWindow: Number.MAX_SAFE_INTEGER } },
    ];
    for (const config of fine) {
      expect(validate(config), `${JSON.stringify(config)}: ${schemaErrors()}`).toBe(true);
      expect(validatorError(config, dir)?.message ?? null).toBeNull();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Generated configurations: schema-valid ⇔ the validator accepts

/** Strings over a small alphabet: valid and invalid pieces of a field, not free-form text. */
function chars(alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
}

function anyCase(word: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(word, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }))
    .map(([w, upper]) => [...w].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
}

// Whitespace that String.prototype.trim removes, which is also what \s matches.
const spaces = chars(' \t\n\u00a0\ufeff\u2028', 0, 2);

const notAString = fc.constantFrom<unknown>(1, 1.5, null, true, [], {});
const notABoolean = fc.constantFrom<unknown>('true', 'false', 0, 1, null, []);

// Versions: short strings (so every number fits in 2^53 − 1: longer numbers are refused by the
// validator only, see the schema's description) from version characters, and typical values.
const version = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom(
      '1.33',
      '0.1',
      '1.30',
      '10.0',
      'v1.2.3-rc.1+b.5',
      '1.33.0',
      '0.1.0-284+0214af08731054-dirty',
    ),
  },
  { weight: 1, arbitrary: chars('0129.v-+aZ ', 1, 9) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('banana', '1', '1.02', '01.2', '1.2.3.4', ' 1.2', '1.2 ', '', 1.3, 2, null),
  },
);

const gateName = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('NodeSwap', 'AllAlpha', 'a.b-c_d', '9x', 'X') },
  { weight: 2, arbitrary: chars('Ab0_.-', 1, 5) },
  { weight: 1, arbitrary: fc.constantFrom('', ' x', 'Node Swap', '_x', '-x', 'a=b', 'a,b', 'é') },
);

const stage = fc.oneof(
  { weight: 10, arbitrary: anyCase(fc.constantFrom('prealpha', 'pre-alpha', 'alpha', 'beta', 'ga', 'deprecated')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('stable', 'pre_alpha', 'pre alpha', 'prealpha ', '', 'GA.', 'alpha-', 1, null),
  },
);

const entry = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record(
      {
        version,
        stage,
        default: fc.oneof({ weight: 10, arbitrary: fc.boolean() }, { weight: 1, arbitrary: notABoolean }),
        lockToDefault: fc.oneof({ weight: 10, arbitrary: fc.boolean() }, { weight: 1, arbitrary: notABoolean }),
      },
      { requiredKeys: ['version', 'stage', 'default'], noNullPrototype: true },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ version, stage, default: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { version, stage, default: fc.boolean(), preRelease: fc.constant('Alpha') },
      { noNullPrototype: true },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'alpha', []) },
);

const specMap = fc.dictionary(
  gateName,
  fc.oneof(
    { weight: 12, arbitrary: fc.array(entry, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, 'x', null) },
  ),
  { maxKeys: 2, noNullPrototype: true },
);

// Spec file paths, all of which exist in SPEC_DIR (the validator's base folder) when their name
// is a usable spec file name. Excluded: a path to a missing or invalid file (the schema cannot
// look at files; that includes an absolute path with a trailing "/", ENOTDIR), and a path ending
// in "/." or "/.." (the validator normalizes a relative one first, so "gates.json/." works there).
const SPEC_FILES = ['gates.json', 'specs/gates.yaml', 'k8s.YML', '..json', 'sub/.x.yml'];
const SPEC_DIR = tempDir('stampguard-schema-specs-');
for (const file of SPEC_FILES) {
  const target = path.join(SPEC_DIR, file);
  mkdirSync(path.dirname(target), { recursive: true });
  if (/\.ya?ml$/i.test(file)) copyFileSync(K8S_LIST, target);
  else writeFileSync(target, JSON.stringify({ NodeSwap: NODE_SWAP }));
}
const specPath = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ...SPEC_FILES,
      './gates.json',
      'gates.json/',
      'specs/gates.yaml//',
      path.join(SPEC_DIR, 'gates.json'),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '.json',
      'sub/.yaml',
      'sub/.yaml/',
      'gates.txt',
      'gates.jsonx',
      'gates.yaml ',
    ),
  },
);

// Gate values in the flag syntax: items built from names, "=", spaces and ParseBool spellings.
const GO_BOOLS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];
const setItem = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        spaces,
        gateName,
        spaces,
        fc.constantFrom('=', '=', '=', '=', '=', ':', ''),
        spaces,
        fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...GO_BOOLS) },
          { weight: 1, arbitrary: fc.constantFrom('yes', 'TRue', '', 'tru', '2', 'true=') },
        ),
        spaces,
      )
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '=true', 'NodeSwap', 'NodeSwap=yes', 'a=true=false') },
);
const setString = fc.array(setItem, { maxLength: 4 }).map((items) => items.join(','));

const gateSet = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.dictionary(
      gateName,
      fc.oneof({ weight: 20, arbitrary: fc.boolean() }, { weight: 1, arbitrary: notABoolean }),
      { maxKeys: 3, noNullPrototype: true },
    ),
  },
  { weight: 10, arbitrary: setString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 3, [], true) },
);

const emulationWindow = fc.oneof(
  { weight: 20, arbitrary: fc.nat(100) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(0, 3, Number.MAX_SAFE_INTEGER, -1, -0, 1.5, '3', null, 2 ** 53, 1e300),
  },
  { weight: 1, arbitrary: fc.double() },
);

const gatesParts = {
  specs: fc.oneof(
    { weight: 16, arbitrary: specMap },
    { weight: 8, arbitrary: specPath },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 3, [], true) },
  ),
  set: gateSet,
  emulationVersion: version,
  minCompatibilityVersion: version,
  emulationWindow,
  emulationFloor: version,
};
const gates = fc.oneof(
  { weight: 40, arbitrary: fc.record(gatesParts, { requiredKeys: ['specs'], noNullPrototype: true }) },
  { weight: 1, arbitrary: fc.record(gatesParts, { requiredKeys: [], noNullPrototype: true }) },
  { weight: 1, arbitrary: fc.record({ specs: specMap, emulation_window: fc.nat(5) }, { noNullPrototype: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'NodeSwap=false', [], 3) },
);

// Branch globs without "-": whether a class range is in order ("[z-a]") is checked by the
// validator only (JSON Schema cannot compare characters), so ranges come only from the valid
// constants.
const branch = fc.oneof(
  { weight: 2, arbitrary: chars('ab*?[]!/', 0, 6) },
  { weight: 20, arbitrary: fc.constantFrom('main', 'release-[0-9]*', '!release-0*', '**', '[a-c]', '[!a]b') },
);
// Version files: posix paths; "\…" and "C:\…" are absolute only on Windows.
const versionFilePath = fc.oneof(
  { weight: 1, arbitrary: chars('a/. ', 0, 6) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(chars('a/.', 0, 3), fc.constantFrom('.json', '.YAML', '.yml', '.txt', '.toml', '/'))
      .map((p) => p.join('')),
  },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'package.json',
      'sub/package.json',
      './a.json',
      '../b.json',
      'charts/x/Chart.yaml',
      'Cargo.toml',
      'pyproject.toml',
      'VERSION',
      'v.txt',
      'x.toml',
      'main.go',
      'Makefile',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('/abs.json', '', 'a\tb.json') },
);
const FORMATTED_FILES = ['package.json', 'Chart.yaml', 'Cargo.toml', 'pyproject.toml', 'VERSION', 'x.toml', 'main.go'];
// Patterns: JSON Schema cannot compile a regular expression or count its groups, so only valid
// patterns (and strings that are not patterns at all) are generated; the differences are shown
// in "the schema patterns agree" below.
const versionFileParts = {
  file: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...FORMATTED_FILES) },
    { weight: 5, arbitrary: versionFilePath },
    { weight: 1, arbitrary: notAString },
  ),
  format: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('json', 'yaml', 'toml', 'text') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('JSON', 'xml', null, 1) },
  ),
  key: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('version', 'appVersion', 'package.version', 'a.0.b') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('', 'a.', '.a', 'a..b', 3, null) },
  ),
  pattern: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('Version = "([^"]+)"', '^v(.*)$', '(?<v>\\d+)') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('', 3, null) },
  ),
};
const { pattern: patternPart, ...keyedParts } = versionFileParts;
const versionFileObject = fc.oneof(
  { weight: 10, arbitrary: fc.record(keyedParts, { requiredKeys: ['file'], noNullPrototype: true }) },
  { weight: 5, arbitrary: fc.record({ file: versionFileParts.file, pattern: patternPart }, { noNullPrototype: true }) },
  { weight: 3, arbitrary: fc.record(versionFileParts, { requiredKeys: [], noNullPrototype: true }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { ...versionFileParts, keys: fc.constant('version') },
      { requiredKeys: ['keys'], noNullPrototype: true },
    ),
  },
);
const versionFile = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('package.json', 'charts/x/Chart.yaml', 'Cargo.toml', 'VERSION') },
  { weight: 3, arbitrary: versionFilePath },
  { weight: 5, arbitrary: versionFileObject },
);

const goVariables = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.dictionary(
      fc.oneof(
        {
          weight: 30,
          arbitrary: fc.constantFrom('gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'gitMajor', 'gitMinor'),
        },
        { weight: 1, arbitrary: fc.constantFrom('version', 'GitVersion', '__proto__') },
      ),
      fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom('GitVersion', 'gitCommit', '_x', 'A1') },
        { weight: 1, arbitrary: fc.constantFrom<unknown>('1x', 'a.b', '', 'Ä', null, 3) },
      ),
      { minKeys: 1, maxKeys: 3, noNullPrototype: true },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'GitVersion', {}) },
);
const stampParts = {
  goPackage: fc.oneof(
    {
      weight: 30,
      arbitrary: fc.constantFrom('main', 'k8s.io/component-base/version', 'sigs.k8s.io/kueue/pkg/version'),
    },
    { weight: 1, arbitrary: chars('a/.~+ \'"', 0, 5) },
    { weight: 1, arbitrary: notAString },
  ),
  goVariables,
};
const stamp = fc.oneof(
  { weight: 40, arbitrary: fc.record(stampParts, { requiredKeys: [], noNullPrototype: true }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { ...stampParts, package: fc.constant('main') },
      { requiredKeys: ['package'], noNullPrototype: true },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'main', 3) },
);

function arrayOf(item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.array(item, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(item, notAString), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('main', null, {}, 3) },
  );
}

function boolean(): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 20, arbitrary: fc.boolean() }, { weight: 1, arbitrary: notABoolean });
}

const topLevelParts = {
  // "$schema" only as a string: the validator skips the key whatever its value, the schema wants
  // a string (see the report; a non-string $schema is useless to editors).
  $schema: fc.constantFrom(SCHEMA_ID, './node_modules/stampguard/schema/stampguard.schema.json'),
  tagPrefix: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('v', '', 'pkg@', 'release/v', 'v.') },
    { weight: 2, arbitrary: chars('v@{.~^:?*[\\ -/x', 0, 5) },
    { weight: 1, arbitrary: notAString },
  ),
  untracked: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('error', 'warning', 'ignore') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('Error', 'fatal', '', 0, null, ['error']) },
  ),
  locallyIgnored: fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom('error', 'warning', 'ignore') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('Warning', 'off', '', 1, null, ['warning']) },
  ),
  convention: fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom('npm', 'git-describe', 'kubernetes') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('NPM', 'describe', 'k8s', '', null, ['npm']) },
  ),
  incompleteCheckout: fc.oneof(
    { weight: 60, arbitrary: fc.constantFrom('error', 'warning') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('ignore', 'Error', '', false, null, ['error']) },
  ),
  branches: arrayOf(branch),
  allowPrerelease: boolean(),
  versionFiles: arrayOf(versionFile),
  requireAnnotatedTag: boolean(),
  requireSignedTag: boolean(),
  gates,
  stamp,
} satisfies Record<string, fc.Arbitrary<unknown>>;

// Every field is generated: a new field in FIELDS needs its pieces here.
const topLevelKeys: string[] = Object.keys(topLevelParts);

const config = fc.oneof(
  { weight: 30, arbitrary: fc.record(topLevelParts, { requiredKeys: [], noNullPrototype: true }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { tagPrefix: fc.constant('v'), tagprefix: fc.constant('v'), version: fc.constant('1.0.0') },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'x', 1) },
);

describe('generated configurations: the schema accepts exactly what the validator accepts', () => {
  function agree(raw: unknown): void {
    const schemaOk = validate(raw);
    const errors = schemaErrors();
    const refused = validatorError(raw, SPEC_DIR);
    expect(schemaOk, `${JSON.stringify(raw)}\nschema: ${errors}\nvalidator: ${refused?.message ?? 'accepted'}`).toBe(
      refused === null,
    );
  }

  it('covers every field of FIELDS', () => {
    expect(topLevelKeys.sort()).toEqual(['$schema', ...Object.keys(FIELDS)].sort());
  });

  it('top-level configurations', () => {
    fc.assert(fc.property(config, agree), { numRuns: 1500 });
  });

  it('the gates section', () => {
    fc.assert(
      fc.property(
        gates.map((g) => ({ gates: g })),
        agree,
      ),
      { numRuns: 1500 },
    );
  });

  it.each([
    ['top level', config],
    ['gates', gates.map((g) => ({ gates: g }))],
  ] as const)('the %s generator makes valid and invalid configurations alike, not noise', (_name, arbitrary) => {
    const sample = fc.sample(arbitrary as fc.Arbitrary<unknown>, { numRuns: 1000, seed: 42 });
    const accepted = sample.filter((raw) => validatorError(raw, SPEC_DIR) === null).length;
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(850);
  });
});

// The patterns that stand in for code, on strings close to their edges.
describe('the schema patterns agree with the code they stand for', () => {
  const string = (pointer: string) => {
    const check = schemaPart(pointer);
    return (value: string) => check(value) as boolean;
  };

  it('tagPrefix ⇔ FIELDS.tagPrefix.check', () => {
    const ok = string('/properties/tagPrefix');
    fc.assert(
      fc.property(fc.oneof(chars('v@{.~^:?*[\\] -/x\t\u00a0', 0, 6), fc.string({ unit: 'binary' })), (s) => {
        expect(ok(s), JSON.stringify(s)).toBe(FIELDS.tagPrefix.check(s) === null);
      }),
      { numRuns: 2000 },
    );
  });

  it('branch globs ⇔ globProblem, except for the order of class ranges', () => {
    const ok = string('/properties/branches/items');
    fc.assert(
      fc.property(chars('ab*?[]!/-\\^', 0, 7), (s) => {
        const problem = globProblem(s);
        // "[b-a]": JSON Schema cannot compare the ends of a range; only stampguard refuses it.
        if (problem?.includes('ranges')) expect(ok(s), JSON.stringify(s)).toBe(true);
        else expect(ok(s), JSON.stringify(s)).toBe(problem === null);
      }),
      { numRuns: 2000 },
    );
  });

  it('version file paths ⇔ entryProblem (posix)', () => {
    const ok = schemaPart('/properties/versionFiles/items');
    fc.assert(
      fc.property(fc.oneof(chars('a/. \n', 0, 5), versionFilePath), (s) => {
        expect(ok(s), JSON.stringify(s)).toBe(entryProblem(s, 'versionFiles[0]') === null);
        expect(ok({ file: s }), JSON.stringify(s)).toBe(entryProblem({ file: s }, 'versionFiles[0]') === null);
      }),
      { numRuns: 2000 },
    );
  });

  it('version file patterns: the schema checks only that one is a non-empty string', () => {
    const ok = schemaPart('/properties/versionFiles/items');
    for (const pattern of ['(', 'no group', '(?:x)', '[']) {
      const entry = { file: 'v.go', pattern };
      expect(ok(entry), pattern).toBe(true);
      expect(entryProblem(entry, 'versionFiles[0]')?.keyPath).toBe('versionFiles[0].pattern');
    }
  });

  it('versions ⇔ splitVersion', () => {
    const ok = string('/$defs/version');
    fc.assert(
      fc.property(chars('0129.v-+aZ_ ', 0, 10), (s) => {
        expect(ok(s), JSON.stringify(s)).toBe(splitVersion(s) !== null);
      }),
      { numRuns: 2000 },
    );
    // Beyond 2^53 − 1 the schema says yes and stampguard says no (documented in the schema).
    expect(ok('9007199254740993.0')).toBe(true);
    expect(splitVersion('9007199254740993.0')).toBeNull();
  });

  it('stages ⇔ normalizeStage', () => {
    const ok = string('/$defs/stage');
    fc.assert(
      fc.property(
        fc.oneof(
          anyCase(fc.constantFrom('prealpha', 'pre-alpha', 'alpha', 'beta', 'ga', 'deprecated', 'pre_alpha', 'stable')),
          chars('aAgGpP-', 0, 4),
          fc.string(),
        ),
        (s) => {
          expect(ok(s), JSON.stringify(s)).toBe(normalizeStage(s) !== null);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gate-set strings ⇔ parseGateSet', () => {
    const ok = string('/$defs/gateSetString');
    const parses = (s: string) => {
      try {
        parseGateSet(s, { file: null, keyPath: 'gates.set' });
        return true;
      } catch (error) {
        if (error instanceof ConfigError) return false;
        throw error;
      }
    };
    fc.assert(
      fc.property(fc.oneof(setString, chars('a =,t\t', 0, 8)), (s) => {
        expect(ok(s), JSON.stringify(s)).toBe(parses(s));
      }),
      { numRuns: 2000 },
    );
  });
});
