// `git describe --tags --long` output is <tag>-<distance>-g<abbreviated id>. Tags may contain "-"
// (v1.0.0-rc.1, even v1.0.0-1-gdeadbee), so it is parsed from the right (git-describe(1)).

export interface Describe {
  tag: string;
  distance: number;
  /** Abbreviated commit id, without the "g". */
  abbrev: string;
}

// [\s\S] rather than . so that tag names with U+2028/U+2029 parse too; only git's trailing newline is stripped.
const DESCRIBE_RE = /^([\s\S]+)-(\d+)-g([0-9a-f]{4,64})$/;

export function parseDescribe(output: string): Describe | null {
  const match = DESCRIBE_RE.exec(output.replace(/\r?\n$/, ''));
  if (!match) return null;
  return { tag: match[1]!, distance: Number(match[2]), abbrev: match[3]! };
}

export function formatDescribe(describe: Describe, dirty: boolean): string {
  const base = describe.distance === 0 ? describe.tag : `${describe.tag}-${describe.distance}-g${describe.abbrev}`;
  return dirty ? `${base}-dirty` : base;
}

/** A glob for `git describe --match` / `for-each-ref` that matches <prefix><digit>…; glob characters in the prefix are escaped. */
export function tagGlob(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}[0-9]*`;
}
