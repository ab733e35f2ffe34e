// stampguard explain CODE: what a finding code means, why it blocks, how to fix it.
import { CODES, isFindingCode } from '../../codes.js';
import { EXIT, UsageError } from '../../errors.js';
import { closest } from '../../util/text.js';
import { type Command, parse } from '../command.js';

const CODE_LIST = Object.keys(CODES).join(', ');

export const explainCommand: Command = {
  name: 'explain',
  summary: 'explain a finding code: what it means, why it blocks, how to fix it',
  help: `Usage: stampguard explain CODE

What a finding code means, why it blocks and how to fix it (the same text as docs/codes.md).

Codes: ${CODE_LIST}
`,
  run(args, io) {
    const { positionals } = parse('explain', args, {}, 1);
    const code = positionals[0];
    if (code === undefined) throw new UsageError(`which code? Usage: stampguard explain CODE (codes: ${CODE_LIST})`);
    if (!isFindingCode(code)) {
      const guess = closest(code, Object.keys(CODES));
      throw new UsageError(
        `unknown finding code "${code}"${guess ? `; did you mean ${guess}?` : ''} Known codes: ${CODE_LIST}`,
      );
    }
    const info = CODES[code];
    io.stdout.write(`${code}: ${info.title} (${info.severity})\n\n${info.explain}\n`);
    return EXIT.OK;
  },
};
