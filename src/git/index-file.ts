// Reads the flags git keeps per entry in its index file (gitformat-index(5)), without a process:
// entries git was told not to look at (assume-unchanged, skip-worktree), submodules (gitlinks) and
// the directory entries of a sparse index. `git status` honours those flags and never reports what
// they hide, so the checks need them from somewhere else; reading the file costs a few
// milliseconds, where `git ls-files -v` is one more process on every run.
//
// Only what is certain is answered: an index this parser does not fully understand (an unknown
// version, a split index whose entries live in a shared file, a truncated file) gives null, and
// the caller asks git instead.

export interface IndexFlags {
  /** Entries with the assume-unchanged (CE_VALID) bit. */
  assumeUnchanged: string[];
  /** Entries with the skip-worktree bit (sparse checkouts, or `update-index --skip-worktree`). */
  skipWorktree: string[];
  /** Submodules: entries of mode 160000. */
  gitlinks: string[];
  /** Sparse-index directory entries (mode 040000): whole directories left out, with a trailing "/". */
  sparseDirectories: string[];
  /** The index is split (a "link" extension): its entries are partly in .git/sharedindex.*. */
  split: boolean;
}

const CE_VALID = 0x8000;
const CE_EXTENDED = 0x4000;
const CE_SKIP_WORKTREE = 0x4000; // in the extended flags
const MODE_GITLINK = 0o160000;
const MODE_DIRECTORY = 0o040000;

/** Parses an index file's bytes; null when it is not one this parser can read with certainty. */
export function readIndexFlags(data: Buffer, hashBytes: 20 | 32 = 20): IndexFlags | null {
  if (data.length < 12 + hashBytes || data.toString('latin1', 0, 4) !== 'DIRC') return null;
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) return null;
  const count = data.readUInt32BE(8);
  const end = data.length - hashBytes; // the trailing checksum
  const flags: IndexFlags = {
    assumeUnchanged: [],
    skipWorktree: [],
    gitlinks: [],
    sparseDirectories: [],
    split: false,
  };
  // Names are decoded only for the entries reported; a v4 name is rebuilt in one scratch buffer.
  let name = Buffer.alloc(4096);
  let nameLength = 0;
  const u16 = (at: number) => (data[at]! << 8) | data[at + 1]!;
  let offset = 12;
  for (let i = 0; i < count; i++) {
    const start = offset;
    const fixed = 40 + hashBytes + 2;
    if (offset + fixed > end) return null;
    const mode = data.readUInt32BE(offset + 24);
    const entryFlags = u16(offset + 40 + hashBytes);
    offset += fixed;
    let extended = 0;
    if (entryFlags & CE_EXTENDED) {
      if (version < 3 || offset + 2 > end) return null;
      extended = u16(offset);
      offset += 2;
    }
    const type = mode & 0o170000;
    const wanted = entryFlags & CE_VALID || extended & CE_SKIP_WORKTREE || type === MODE_GITLINK;
    let path = '';
    if (version === 4) {
      // Prefix compression: a varint of bytes to drop from the previous name, then the rest.
      let strip = 0;
      let byte: number;
      let shift = 0;
      do {
        if (offset >= end) return null;
        byte = data[offset++]!;
        // git's varint (varint.c): each continuation adds one before shifting.
        strip = shift === 0 ? byte & 0x7f : ((strip + 1) << 7) | (byte & 0x7f);
        shift += 7;
      } while (byte & 0x80);
      const nul = data.indexOf(0, offset);
      if (nul === -1 || nul >= end || strip > nameLength) return null;
      const kept = nameLength - strip;
      nameLength = kept + (nul - offset);
      if (nameLength > name.length) {
        const larger = Buffer.alloc(Math.max(nameLength, name.length * 2));
        name.copy(larger, 0, 0, kept);
        name = larger;
      }
      data.copy(name, kept, offset, nul);
      if (wanted) path = name.toString('utf8', 0, nameLength);
      offset = nul + 1;
    } else {
      const nul = data.indexOf(0, offset);
      if (nul === -1 || nul >= end) return null;
      if (wanted) path = data.toString('utf8', offset, nul);
      // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
      offset = start + Math.ceil((nul + 1 - start) / 8) * 8;
      if (offset > end) return null;
    }
    if (!wanted) continue;
    if (entryFlags & CE_VALID) flags.assumeUnchanged.push(path);
    if (extended & CE_SKIP_WORKTREE) {
      if (type === MODE_DIRECTORY) flags.sparseDirectories.push(path.endsWith('/') ? path : `${path}/`);
      else flags.skipWorktree.push(path);
    } else if (type === MODE_GITLINK) {
      flags.gitlinks.push(path);
    }
  }
  // Extensions: a 4-byte signature and a 4-byte size each, up to the checksum.
  while (offset + 8 <= end) {
    const signature = data.toString('latin1', offset, offset + 4);
    const size = data.readUInt32BE(offset + 4);
    if (signature === 'link') flags.split = true;
    offset += 8 + size;
  }
  if (offset !== end) return null;
  return flags;
}
