// Parser for `git show-ref --tags -d`: one "<oid> refs/tags/<name>" line per tag, followed by
// "<oid> refs/tags/<name>^{}" with the peeled object for annotated tags (git-show-ref(1)).

export interface TagRef {
  name: string;
  /** The object the ref points at: the commit for a lightweight tag, the tag object otherwise. */
  object: string;
  /** The peeled object (normally a commit). */
  target: string;
  annotated: boolean;
}

export function parseShowRef(output: string): TagRef[] {
  const byName = new Map<string, TagRef>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space === -1) continue;
    const oid = line.slice(0, space);
    const ref = line.slice(space + 1);
    if (!ref.startsWith('refs/tags/')) continue;
    if (ref.endsWith('^{}')) {
      const tag = byName.get(ref.slice(10, -3));
      if (tag) {
        tag.target = oid;
        tag.annotated = true;
      }
    } else {
      const name = ref.slice(10);
      byName.set(name, { name, object: oid, target: oid, annotated: false });
    }
  }
  return [...byName.values()];
}
