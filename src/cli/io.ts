// What a command may touch: its output streams, stdin and the environment. Commands receive it
// from the dispatcher (src/cli/index.ts) and never reach for process.* themselves, so tests and
// the library can run them with their own streams.
import { type Colors, colorEnabled, colors } from '../reporters/color.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The directory the command was started in. */
  cwd: string;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // process.stdin builds a stream when first touched (a few milliseconds): only push mode and
    // the hooks read it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** --color / --no-color, else NO_COLOR / FORCE_COLOR / whether the stream is a terminal. */
export function colorsFor(
  stream: { isTTY?: boolean },
  io: Io,
  values: { color?: boolean; 'no-color'?: boolean } = {},
): Colors {
  const flag = values['no-color'] ? false : values.color ? true : undefined;
  return colors(colorEnabled(stream, io.env, flag));
}

/** All of stdin, or "" when it is a terminal or closed. */
export async function readStdin(io: Io): Promise<string> {
  const stdin = io.stdin;
  if (!stdin || stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch {
    // a closed or broken stdin ends the input; what arrived is used
  }
  return Buffer.concat(chunks).toString('utf8');
}
