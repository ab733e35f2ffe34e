// Reading a Markdown file as GitHub renders it, for the README test: fenced blocks (with the HTML
// comment above each), headings and their anchors (GitHub's slug rules), and links.

export interface Block {
  /** The fence's info string: "sh", "json", "" … */
  lang: string;
  /** The block's text, without the fences, ending in a newline. */
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The last non-blank line before the fence (an HTML comment such as <!-- illustrative -->), or "". */
  before: string;
}

/** Fenced blocks at the start of a line (``` only; the README uses no other fence). */
export function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let open: { lang: string; line: number; before: string; body: string[] } | null = null;
  let lastText = '';
  lines.forEach((line, i) => {
    if (open) {
      if (/^```\s*$/.test(line)) {
        blocks.push({ lang: open.lang, text: `${open.body.join('\n')}\n`, line: open.line, before: open.before });
        open = null;
        lastText = '```';
      } else open.body.push(line);
      return;
    }
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) open = { lang: fence[1] ?? '', line: i + 1, before: lastText, body: [] };
    else if (line.trim() !== '') lastText = line.trim();
  });
  if (open) throw new Error(`unclosed fence at line ${(open as { line: number }).line}`);
  return blocks;
}

/** The text without its fenced blocks. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '');
}

/** The text with fenced blocks and inline code removed (links inside them are not links). */
export function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

export interface Heading {
  level: number;
  text: string;
  slug: string;
}

/**
 * Headings and their anchors as GitHub makes them: lower case, every character that is not a
 * letter, a number, a space, "-" or "_" dropped (backticks, quotes, dots, colons, parentheses),
 * each space a "-", and "-1", "-2" … after a repeated anchor.
 */
export function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  return withoutFences(markdown)
    .replace(/`([^`\n]*)`/g, '$1')
    .split('\n')
    .flatMap((line) => {
      const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
      if (!match) return [];
      const text = match[2]!;
      const base = text
        .toLowerCase()
        .replace(/<[^>]*>/g, '')
        .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
        .replace(/\s/g, '-');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return [{ level: match[1]!.length, text, slug: count === 0 ? base : `${base}-${count}` }];
    });
}

/** Link targets in the prose: `[text](target)`, without a title. */
export function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** The text of a level-2 section: from its heading to the next level-2 heading. */
export function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`no section "## ${title}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}
