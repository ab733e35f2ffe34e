// Parser for `git status --porcelain=v2 --branch -z` (git-status(1), "Porcelain Format Version 2").
// Records are NUL-terminated; a type-2 record (rename/copy) is followed by one more NUL field, the
// original path. Paths are the rest of the record after a fixed number of space-separated fields,
// so they may contain spaces, newlines or any other byte, and are never quoted with -z.

export type EntryKind = 'changed' | 'renamed' | 'copied' | 'unmerged' | 'untracked' | 'ignored';

export interface StatusEntry {
  kind: EntryKind;
  /** Two-letter XY status (index, worktree), e.g. ".M", "R.", "UU"; "??" / "!!" for untracked / ignored. */
  xy: string;
  path: string;
  /** Original path of a rename or copy. */
  from?: string;
  /** Submodule state "S<c><m><u>", present only for submodules. */
  submodule?: string;
}

export interface StatusFacts {
  /** HEAD commit, or null on an unborn branch. */
  oid: string | null;
  /** Current branch name, or null when HEAD is detached. */
  branch: string | null;
  upstream: string | null;
  ahead: number | null;
  behind: number | null;
  entries: StatusEntry[];
}

// Number of space-separated fields before the path, per record type.
const FIELDS_BEFORE_PATH = { '1': 8, '2': 9, u: 10 } as const;

export function parseStatusV2(output: string): StatusFacts {
  const facts: StatusFacts = { oid: null, branch: null, upstream: null, ahead: null, behind: null, entries: [] };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record === '') continue;
    const type = record[0];
    if (type === '#') {
      parseHeader(record, facts);
    } else if (type === '?' || type === '!') {
      facts.entries.push({ kind: type === '?' ? 'untracked' : 'ignored', xy: type + type, path: record.slice(2) });
    } else if (type === '1' || type === '2' || type === 'u') {
      const { fields, rest } = splitFields(record, FIELDS_BEFORE_PATH[type]);
      const xy = fields[1] ?? '..';
      const sub = fields[2] ?? 'N...';
      const entry: StatusEntry = { kind: 'changed', xy, path: rest };
      if (sub.startsWith('S')) entry.submodule = sub;
      if (type === 'u') entry.kind = 'unmerged';
      if (type === '2') {
        entry.kind = fields[8]?.startsWith('C') ? 'copied' : 'renamed';
        entry.from = records[++i] ?? '';
      }
      facts.entries.push(entry);
    }
    // Unknown record types from newer git are skipped rather than guessed at.
  }
  return facts;
}

function parseHeader(record: string, facts: StatusFacts): void {
  const space = record.indexOf(' ', 2);
  const key = record.slice(2, space === -1 ? undefined : space);
  const value = space === -1 ? '' : record.slice(space + 1);
  switch (key) {
    case 'branch.oid':
      facts.oid = value === '(initial)' ? null : value;
      break;
    case 'branch.head':
      facts.branch = value === '(detached)' ? null : value;
      break;
    case 'branch.upstream':
      facts.upstream = value;
      break;
    case 'branch.ab': {
      const match = /^\+(\d+) -(\d+)$/.exec(value);
      if (match) {
        facts.ahead = Number(match[1]);
        facts.behind = Number(match[2]);
      }
      break;
    }
  }
}

function splitFields(record: string, count: number): { fields: string[]; rest: string } {
  const fields: string[] = [];
  let start = 0;
  for (let n = 0; n < count; n++) {
    const space = record.indexOf(' ', start);
    if (space === -1) return { fields, rest: '' };
    fields.push(record.slice(start, space));
    start = space + 1;
  }
  return { fields, rest: record.slice(start) };
}

/** A submodule whose only change is untracked files inside it ("S..U"): that is untracked content. */
function onlyUntrackedInside(entry: StatusEntry): boolean {
  return entry.submodule === 'S..U' && entry.xy === '.M';
}

/** Tracked changes: anything but untracked and ignored entries (and untracked files inside submodules). */
export function trackedChanges(entries: readonly StatusEntry[]): StatusEntry[] {
  return entries.filter(
    (entry) => entry.kind !== 'untracked' && entry.kind !== 'ignored' && !onlyUntrackedInside(entry),
  );
}

/** Untracked paths, including submodules that only have untracked files inside. */
export function untrackedEntries(entries: readonly StatusEntry[]): StatusEntry[] {
  return entries.filter((entry) => entry.kind === 'untracked' || onlyUntrackedInside(entry));
}
