// Names from the repository (paths, branches, tags) reach a terminal or a CI log through every
// reporter. None of them may carry a control character or an invisible direction mark: a file name
// could otherwise forge a "check passed" line, move the cursor, or reorder what is shown.

// C0 controls but newline, DEL and C1 controls (as \xNN), and the Unicode format characters that
// change how text is read: the Arabic letter mark, LRM/RLM, the bidi embeddings and overrides and
// isolates, and the line and paragraph separators (as \uNNNN).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const FORMAT = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** The text with every control and format character shown as an escape, as git quotes names. */
export function printable(text: string): string {
  return text
    .replace(CONTROL, (ch) => NAMED[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(FORMAT, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON text with C1 controls and format characters written as \uNNNN escapes: the same document
 * for a parser (JSON.stringify already escapes C0 controls), and nothing raw for a terminal.
 */
export function escapeJsonText(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
