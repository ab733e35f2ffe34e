// A fast reader for Kubernetes' generated versioned_feature_list.yaml. The file is machine-written
// (kubernetes/kubernetes test/compatibility_lifecycle/cmd/feature_gates.go: yaml.Marshal of
// []featureInfo{Name, VersionedSpecs []featureSpec{Default, LockToDefault, PreRelease, Version}},
// after a two-line "# This file is generated" header), so its shape is fixed:
//
//   - name: NodeSwap
//     versionedSpecs:
//     - default: false
//       lockToDefault: false
//       preRelease: Alpha
//       version: "1.22"
//
// Loading the yaml package and parsing a 40 kB list with it costs more than the rest of a
// `stampguard check`; this reader takes a few milliseconds. It returns exactly what yaml.parse
// returns for the text, or null when the text is not in that shape (a hand edit, another quoting,
// flow style, CRLF …): the caller then falls back to the yaml package, so nothing is ever read
// differently. test/gates/fast-list.test.ts checks the two agree on the real lists and on
// generated variants.

/** The raw value yaml.parse gives for a generated list: [{ name, versionedSpecs: [{ … }] }]. */
export type RawFeatureList = { name: string; versionedSpecs: Record<string, string | boolean>[] }[];

// Plain scalars the YAML 1.2 core schema reads as strings. Anything that could be a boolean, a
// null or a number is left to the yaml package.
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9_-]*$/;
const NOT_A_STRING = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
// A double-quoted scalar without escapes.
const QUOTED = /^"([^"\\]*)"$/;
const SPEC_KEYS = new Set(['default', 'lockToDefault', 'preRelease', 'version']);

function scalar(text: string): string | boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const quoted = QUOTED.exec(text);
  if (quoted) return quoted[1];
  if (PLAIN_WORD.test(text) && !NOT_A_STRING.test(text)) return text;
  return undefined;
}

/** `key: value` with a plain key; null when the line is not that. */
function pair(line: string, indent: string): [string, string | boolean] | null {
  if (!line.startsWith(indent)) return null;
  const rest = line.slice(indent.length);
  const colon = rest.indexOf(': ');
  if (colon <= 0) return null;
  const key = rest.slice(0, colon);
  if (!PLAIN_WORD.test(key)) return null;
  const value = scalar(rest.slice(colon + 2));
  return value === undefined ? null : [key, value];
}

/** The list, or null when the text is not a generated feature list (the caller uses the yaml package). */
export function parseGeneratedFeatureList(text: string): RawFeatureList | null {
  if (text.includes('\r') || text.includes('\t')) return null;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final newline
  let i = 0;
  // Full-line comments and blank lines before the first item (the generated header).
  while (i < lines.length && (lines[i] === '' || lines[i]?.startsWith('#'))) i++;
  const features: RawFeatureList = [];
  while (i < lines.length) {
    const nameLine = lines[i] ?? '';
    if (!nameLine.startsWith('- name: ')) return null;
    const name = scalar(nameLine.slice('- name: '.length));
    if (typeof name !== 'string') return null;
    if (lines[i + 1] !== '  versionedSpecs:') return null;
    i += 2;
    const specs: Record<string, string | boolean>[] = [];
    while (i < lines.length && lines[i]?.startsWith('  - ')) {
      const first = pair(lines[i]?.slice(4) ?? '', '');
      if (!first) return null;
      const spec: Record<string, string | boolean> = { [first[0]]: first[1] };
      i++;
      while (i < lines.length && lines[i]?.startsWith('    ')) {
        const next = pair(lines[i] ?? '', '    ');
        if (!next || Object.hasOwn(spec, next[0])) return null; // a duplicate key is a YAML error
        spec[next[0]] = next[1];
        i++;
      }
      for (const key of Object.keys(spec)) if (!SPEC_KEYS.has(key)) return null;
      specs.push(spec);
    }
    if (specs.length === 0) return null;
    features.push({ name, versionedSpecs: specs });
  }
  return features.length === 0 ? null : features;
}
