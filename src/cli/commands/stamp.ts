// stampguard stamp: run the release check and, only when it passes, write a version-info file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from '../../check.js';
import { EXIT } from '../../errors.js';
import { formatPretty } from '../../reporters/pretty.js';
import { formatVersionInfo, versionInfo } from '../../stamp.js';
import { CONFIG_HELP, type Command, parse, REPO_OPTIONS } from '../command.js';
import { colorsFor } from '../io.js';

export const stampCommand: Command = {
  name: 'stamp',
  summary: 'write a version-info file for a build, only when the release check passes',
  help: `Usage: stampguard stamp [--out FILE] [--dev] [--cwd DIR] [--config FILE] [--no-code-config]

Run the release check and, only if it passes, write a version-info file: version, tag, commit,
tree state, build date (honouring SOURCE_DATE_EPOCH) and, with feature gates, the emulation
versions. Nothing is written when the check refuses (exit 1).

Options:
  --out FILE        where to write; the format follows the extension: .json, .js/.mjs/.ts (an ES
                    module), .env. Without --out the JSON goes to stdout.
  --dev             stamp the development version instead ("release": false)
  --cwd DIR         the repository (default: the current directory)
${CONFIG_HELP}
`,
  async run(args, io) {
    const { values } = parse('stamp', args, { ...REPO_OPTIONS, out: { type: 'string' }, dev: { type: 'boolean' } });
    const cwd = path.resolve(io.cwd, values.cwd ?? '.');
    const out = values.out === undefined ? null : path.resolve(cwd, values.out);
    if (out)
      formatVersionInfo(
        { version: '0.0.0', release: true, tag: null, commit: '', treeState: 'clean', buildDate: '' },
        out,
      ); // reject a bad extension before any work
    const inspection = await inspect({
      mode: 'release',
      cwd,
      ...(values.config !== undefined && { config: values.config }),
      ...(values['no-code-config'] && { noCodeConfig: true }),
    });
    if (!values.dev && !inspection.report.ok) {
      io.stderr.write(formatPretty(inspection.report, colorsFor(io.stderr, io, values)));
      io.stderr.write('stampguard: nothing was stamped.\n');
      return EXIT.REFUSED;
    }
    const info = versionInfo(inspection, { dev: Boolean(values.dev), env: io.env });
    if (!out) {
      io.stdout.write(formatVersionInfo(info, 'stdout.json'));
      return EXIT.OK;
    }
    writeFileAtomic(out, formatVersionInfo(info, out));
    io.stderr.write(
      `stampguard: stamped ${info.version}${info.release ? '' : ' (development build)'} into ${path.relative(io.cwd, out) || out}\n`,
    );
    return EXIT.OK;
  },
};

function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.stampguard-${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
