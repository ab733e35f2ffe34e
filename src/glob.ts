// Branch patterns: "*" matches within one path segment, "**" across segments, "?" one character,
// "[...]" a character class; a leading "!" excludes. Small enough not to need a dependency.

/** Why a pattern is unusable, or null when it is fine (used by config validation). */
export function globProblem(pattern: string): string | null {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (body === '') return 'a non-empty branch pattern';
  let inClass = false;
  for (const ch of body) {
    if (ch === '[') {
      if (inClass) return 'a glob without nested "["';
      inClass = true;
    } else if (ch === ']') {
      if (!inClass) return 'a glob whose "]" closes a "["';
      inClass = false;
    }
  }
  if (inClass) return 'a glob whose "[" is closed by "]"';
  try {
    globToRegExp(body);
  } catch {
    return 'a glob with valid character ranges (e.g. [0-9], not [9-0])';
  }
  return null;
}

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else {
        source += '[^/]*';
      }
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      const body = pattern
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = end;
    } else {
      source += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** True when the name matches at least one positive pattern and no negated one. */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(name)) return false;
    } else if (globToRegExp(pattern).test(name)) {
      matched = true;
    }
  }
  return matched;
}
