// How the Go toolchain reads `go build -ldflags "<text>"`, written from its source so the tests
// can check stampguard's ldflags output without Go installed. The Go source is BSD-licensed;
// this is a reimplementation of the three steps, not a copy:
//
// 1. cmd/go/internal/load/flag.go, (*PerPackageFlag).set: the value is trimmed of spaces; one
//    that does not start with "-" is "<pattern>=<flags>" (the part before the first "=" is a
//    package pattern); the flags are then split by cmd/internal/quoted.Split.
// 2. cmd/internal/quoted/quoted.go, Split: fields are separated by ' ', '\t', '\n', '\r'; a
//    field that starts with ' or " runs to the next same quote, with no escapes inside (an
//    unterminated quote is an error); quotes further inside a field do not count.
// 3. cmd/link/internal/ld/data.go, addstrdata1 (the linker's -X importpath.name=value): the
//    argument is split at its first "=" and at the last "." before that "="; a later -X for the
//    same symbol replaces an earlier one.

/** cmd/internal/quoted.Split. */
export function splitQuoted(text: string): string[] {
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const fields: string[] = [];
  let s = text;
  while (s.length > 0) {
    while (s.length > 0 && isSpace(s[0])) s = s.slice(1);
    if (s.length === 0) break;
    if (s[0] === '"' || s[0] === "'") {
      const quote = s[0];
      s = s.slice(1);
      const end = s.indexOf(quote);
      if (end === -1) throw new Error(`unterminated ${quote} string`);
      fields.push(s.slice(0, end));
      s = s.slice(end + 1);
      continue;
    }
    let i = 0;
    while (i < s.length && !isSpace(s[i])) i++;
    fields.push(s.slice(0, i));
    s = s.slice(i);
  }
  return fields;
}

/** cmd/go's -ldflags value → the linker's arguments (the pattern form is refused here: it would not apply to the main package's dependencies the way a plain value does). */
export function ldflagsArguments(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed === '') return [];
  if (!trimmed.startsWith('-')) throw new Error(`-ldflags ${JSON.stringify(value)} would be read as <pattern>=<flags>`);
  return splitQuoted(trimmed);
}

/** The linker's -X handling: symbol ("importpath.name") → string value. */
export function linkerStrings(args: readonly string[]): Map<string, string> {
  const strings = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let x: string | undefined;
    if (arg === '-X' || arg === '--X') x = args[++i];
    else if (arg.startsWith('-X=') || arg.startsWith('--X=')) x = arg.slice(arg.indexOf('=') + 1);
    else throw new Error(`unexpected linker argument ${JSON.stringify(arg)}`);
    if (x === undefined) throw new Error('-X without an argument');
    const eq = x.indexOf('=');
    const dot = x.slice(0, eq + 1).lastIndexOf('.');
    if (eq < 0 || dot < 0) throw new Error('-X flag requires argument of the form importpath.name=value');
    strings.set(`${x.slice(0, dot)}${x.slice(dot, eq)}`, x.slice(eq + 1));
  }
  return strings;
}
