// Small wording helpers shared by checks, reporters and the CLI, so each rule is worded once.

export const MAX_LISTED = 10;

/** "a, b, c and 7 more" for messages; the JSON report carries the full list. */
export function listSome(items: readonly string[], max = MAX_LISTED): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** "1 file", "2 files"; `many` for irregular plurals. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean …?". */
export function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/**
 * The candidate closest to `name`: the same letters in another case first, else the smallest
 * edit distance within a limit that grows with the name (so "x" never suggests "y").
 */
export function closest(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
  let best: { name: string; distance: number } | null = null;
  for (const candidate of [...candidates].sort(byName)) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name ?? null;
}

/** Case-insensitive name order, ties broken by code point, so output is stable. */
export function byName(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
