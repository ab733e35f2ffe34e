// stampguard stamp: run the release check and, only when it passes, write the stamp.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from '../../check.js';
import { EXIT, UsageError } from '../../errors.js';
import { formatPretty } from '../../reporters/pretty.js';
import { formatFromFile, renderStamp, STAMP_FORMATS, type StampFormat, versionInfo } from '../../stamp/index.js';
import { closest } from '../../util/text.js';
import { CHECK_OPTIONS, type Command, checkOptionsHelp, parse, sharedCheckOptions } from '../command.js';
import { colorsFor } from '../io.js';
import { SHALLOW_DEV_WARNING } from './version.js';

export const stampCommand: Command = {
  name: 'stamp',
  summary: 'write the version for a build (a file, or -ldflags for go build), only when the release check passes',
  help: `Usage: stampguard stamp [--format json|js|ts|env|ldflags] [--out FILE] [--dev] [--allow CODE]... [--package DIR] [--cwd DIR] [--config FILE] [--no-code-config]

Run the release check and, only if it passes, write the stamp: version, tag, commit, tree state,
build date (honouring SOURCE_DATE_EPOCH) and, with feature gates, the emulation versions. Nothing
is written and nothing is printed on stdout when the check refuses (exit 1).

Formats (every value quoted or escaped for its reader):
  json        the version-info object
  js, ts      an ES module: export const versionInfo = {…}; export const version; export default
  env         VERSION=…, GIT_TAG=…, GIT_COMMIT=…, GIT_VERSION=…, GIT_MAJOR=…, GIT_MINOR=…, …
              for ". ./version.env" in sh or bash, or "include version.env" in a Makefile
  ldflags     -X '<package>.gitVersion=v1.2.3' -X … for a Kubernetes-style Go build:
                go build -ldflags "$(stampguard stamp --format ldflags)"
              (a refusal leaves that -ldflags empty; to stop the build instead:
                ldflags=$(stampguard stamp --format ldflags) && go build -ldflags "$ldflags")
              package and variable names: "stamp": { "goPackage", "goVariables" } in the
              configuration (default k8s.io/component-base/version, Kubernetes' names)

Options:
  --format F        one of ${STAMP_FORMATS.join(', ')}. Default: from --out's extension (.json,
                    .js/.mjs, .ts/.mts, .env), or json without --out
  --out FILE        where to write (atomically); without it the stamp goes to stdout
  --dev             stamp the development version instead ("release": false)
${checkOptionsHelp('the repository (default: the current directory)')}
`,
  async run(args, io) {
    const { values } = parse('stamp', args, {
      ...CHECK_OPTIONS,
      out: { type: 'string' },
      format: { type: 'string' },
      dev: { type: 'boolean' },
    });
    const out = values.out === undefined ? null : path.resolve(io.cwd, values.cwd ?? '.', values.out);
    // Decide the format before any work, so a bad one writes nothing.
    const format = stampFormat(values.format, out);
    const inspection = await inspect({ mode: 'release', ...sharedCheckOptions(values, io) });
    if (values.dev && inspection.report.repo.shallow) io.stderr.write(SHALLOW_DEV_WARNING);
    if (!values.dev && !inspection.report.ok) {
      io.stderr.write(formatPretty(inspection.report, colorsFor(io.stderr, io, values)));
      io.stderr.write('stampguard: nothing was stamped.\n');
      return EXIT.REFUSED;
    }
    const info = versionInfo(
      { report: inspection.report, gates: inspection.config.gates },
      { dev: Boolean(values.dev), env: io.env },
    );
    const text = renderStamp(info, format, inspection.config.stamp);
    if (!out) {
      io.stdout.write(text);
      return EXIT.OK;
    }
    writeFileAtomic(out, text);
    io.stderr.write(
      `stampguard: stamped ${info.version}${info.release ? '' : ' (development build)'} into ${path.relative(io.cwd, out) || out}\n`,
    );
    return EXIT.OK;
  },
};

function stampFormat(given: string | undefined, out: string | null): StampFormat {
  if (given !== undefined) {
    if ((STAMP_FORMATS as readonly string[]).includes(given)) return given as StampFormat;
    const guess = closest(given, STAMP_FORMATS);
    throw new UsageError(
      `--format ${JSON.stringify(given)}: expected one of ${STAMP_FORMATS.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`,
    );
  }
  if (!out) return 'json';
  const fromName = formatFromFile(out);
  if (!fromName)
    throw new UsageError(
      `--out ${out}: the format comes from the extension (.json, .js, .mjs, .ts, .mts, .env); give --format ${STAMP_FORMATS.join('|')} for another name`,
    );
  return fromName;
}

function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.stampguard-${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
