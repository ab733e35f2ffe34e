// What git writes on a hook's stdin (githooks(5)). Parsers return plain data and skip lines whose
// shape they do not know, so input from newer git versions never breaks a hook.

export const ZERO_OID = /^0+$/;

export interface PushUpdate {
  localRef: string;
  localOid: string;
  remoteRef: string;
  remoteOid: string;
}

/** pre-push: "<local ref> SP <local oid> SP <remote ref> SP <remote oid> LF" per ref. */
export function parsePrePush(input: string): PushUpdate[] {
  const updates: PushUpdate[] = [];
  for (const line of input.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 4) continue;
    const [localRef, localOid, remoteRef, remoteOid] = parts as [string, string, string, string];
    if (!/^[0-9a-f]{40,64}$/.test(localOid) || !/^[0-9a-f]{40,64}$/.test(remoteOid)) continue;
    updates.push({ localRef, localOid, remoteRef, remoteOid });
  }
  return updates;
}

/** Tags a push creates or moves: the remote ref names the tag (the local ref may be HEAD or a sha). */
export function pushedTags(updates: readonly PushUpdate[]): { tag: string; oid: string }[] {
  return updates
    .filter((u) => u.remoteRef.startsWith('refs/tags/') && !ZERO_OID.test(u.localOid))
    .map((u) => ({ tag: u.remoteRef.slice('refs/tags/'.length), oid: u.localOid }));
}

export interface RefUpdate {
  oldOid: string;
  newOid: string;
  ref: string;
}

/** reference-transaction: "<old-value> SP <new-value> SP <ref-name> LF" per ref. */
export function parseRefTransaction(input: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of input.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length !== 3) continue;
    const [oldOid, newOid, ref] = parts as [string, string, string];
    // Newer git sends symref updates as "ref:<target>"; they are never tag creations.
    if (!/^[0-9a-f]{40,64}$/.test(oldOid) || !/^[0-9a-f]{40,64}$/.test(newOid)) continue;
    updates.push({ oldOid, newOid, ref });
  }
  return updates;
}

/** Tags a transaction creates or moves (deletions, whose new value is all zeros, are left out). */
export function createdTags(updates: readonly RefUpdate[]): { tag: string; oid: string }[] {
  return updates
    .filter((u) => u.ref.startsWith('refs/tags/') && !ZERO_OID.test(u.newOid))
    .map((u) => ({ tag: u.ref.slice('refs/tags/'.length), oid: u.newOid }));
}
