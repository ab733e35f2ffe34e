// Tracked changes in the work tree or the index: a build would contain code no commit records.
import { finding } from '../codes.js';
import { type StatusEntry, trackedChanges } from '../git/status.js';
import { defineCheck, listSome, plural } from './define.js';

/** The change in one word, from porcelain v2's XY and submodule fields. */
function describeEntry(entry: StatusEntry, hidden: ReadonlySet<string>): string {
  const text = describeChange(entry);
  return hidden.has(entry.path) ? `${text} (hidden from git status by update-index flags)` : text;
}

function describeChange(entry: StatusEntry): string {
  if (entry.kind === 'unmerged') return `${entry.path} (unmerged)`;
  if (entry.kind === 'renamed' || entry.kind === 'copied') return `${entry.from} → ${entry.path}`;
  if (entry.submodule) return `${entry.path} (submodule)`;
  if (entry.xy.includes('D')) return `${entry.path} (deleted)`;
  if (entry.xy[0] === 'A') return `${entry.path} (added)`;
  return entry.path;
}

export const dirtyTree = defineCheck({
  id: 'dirty-tree',
  codes: ['dirty-tree'],
  modes: ['release', 'tag', 'preflight'],
  run({ facts, target }) {
    // A tag on another commit does not include the work tree.
    if (target && !target.isHead) return [];
    const changed = trackedChanges(facts.status.entries);
    if (changed.length === 0) return [];
    const hidden = new Set([...facts.hidden.assumeUnchanged, ...facts.hidden.skipWorktree]);
    const flagged = changed.filter((e) => hidden.has(e.path)).map((e) => e.path);
    const what = target ? `tagging ${target.tag}` : facts.mode === 'preflight' ? 'starting the release' : 'releasing';
    return [
      finding('dirty-tree', {
        message: `${plural(changed.length, 'tracked file')} changed: ${listSome(changed.map((e) => describeEntry(e, hidden)))}`,
        hint: changed.some((e) => e.kind === 'unmerged')
          ? `Resolve the conflicts and commit, then check again before ${what}.`
          : `Commit or stash ${changed.length === 1 ? 'it' : 'them'} (git stash) before ${what}.` +
            (flagged.length
              ? ` git status does not show ${listSome(flagged, 3)}: clear the flag first (git update-index --no-assume-unchanged --no-skip-worktree -- PATH).`
              : ''),
        paths: changed.map((e) => e.path),
      }),
    ];
  },
});
