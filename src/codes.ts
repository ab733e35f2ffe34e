// The catalogue of finding codes. `satisfies Record<FindingCode, CodeInfo>` makes a code without a
// title or explanation a compile error; test/codes.test.ts keeps docs/codes.md in step with it.

import type { Finding, FindingCode, Severity } from './types.js';

export interface CodeInfo {
  title: string;
  severity: Severity;
  /** What it means, why it blocks, how to fix it: the text of `stampguard explain CODE`. */
  explain: string;
}

export const CODES = {
  'dirty-tree': {
    title: 'Tracked files have uncommitted changes',
    severity: 'error',
    explain: `The working tree or the index differs from HEAD: modified, added, deleted or renamed
files, unmerged paths after a conflict, or submodules whose commit or content changed.

Changes git was told not to look at count too: a file marked assume-unchanged or skip-worktree
(git update-index) is compared anyway, and submodules are looked at whatever "ignore" setting
.gitmodules or the config has. Such paths are marked in the finding, since "git status" does not
show them.

Why it blocks: a build from this tree contains code that no commit records. A tag would name a
commit that is not what was built, and a describe-derived version of your build gets a "-dirty"
marker (such as 1.4.0-3+0214af08731054-dirty).

Fix: commit the changes, or stash them (git stash), then run the check again. The finding lists the
paths; "git status" shows the details. For a path marked assume-unchanged or skip-worktree, clear
the mark first (git update-index --no-assume-unchanged PATH, or --no-skip-worktree PATH) to see it
in "git status".`,
  },
  'untracked-files': {
    title: 'Untracked files are present',
    severity: 'error',
    explain: `Files exist in the working tree that git neither tracks nor ignores.

Why it blocks: build tools pick up files by glob; an untracked file can end up in a release that no
commit can reproduce. Kubernetes' version script counts untracked files as dirty for this reason.

Fix: commit them, delete them, or add them to .gitignore. To only warn, set "untracked": "warning"
in the configuration; "ignore" turns the check off.`,
  },
  'locally-ignored-files': {
    title: 'Untracked files are ignored only by rules outside the repository',
    severity: 'warning',
    explain: `Untracked files are ignored by rules that are not part of the repository's history:
.git/info/exclude, your core.excludesFile (~/.config/git/ignore by default), or a .gitignore file
that is itself untracked (a "src/.gitignore" containing "*" hides the whole folder, itself
included). "git status" does not show these files, but they are in the work tree a build reads.

Why it matters: a build from this checkout can pick them up, and no other clone has them. Files
ignored by a committed .gitignore (node_modules/, dist/) are the project's decision and are not
reported.

Fix: delete them, or ignore them in a committed .gitignore if the project should ignore them. The
"locallyIgnored" setting makes this an error ("error"), a warning (the default) or not checked
("ignore").`,
  },
  'incomplete-checkout': {
    title: 'The work tree is missing part of the committed tree',
    severity: 'error',
    explain: `Part of the commit is not in the work tree: a sparse checkout left paths out, a
submodule is not initialised (or was de-initialised), or files marked skip-worktree are absent.

Why it blocks: a build from an incomplete checkout is not a build of the tagged tree. It may
fail, or worse, succeed without a part of the release.

Fix: check out everything (git sparse-checkout disable; git submodule update --init --recursive),
then run the check again. If your build never needs those parts, set "incompleteCheckout":
"warning".`,
  },
  'operation-in-progress': {
    title: 'A merge, rebase, cherry-pick, revert or bisect is in progress',
    severity: 'error',
    explain: `git is in the middle of a multi-step operation, so HEAD is not a state anyone chose to
release.

Why it blocks: during a rebase HEAD is a half-rewritten commit; during a bisect it is a test point.

Fix: finish the operation (git merge --continue, git rebase --continue, git cherry-pick --continue,
git revert --continue, git bisect reset) or abort it (--abort).`,
  },
  'shallow-clone': {
    title: 'The repository is a shallow clone',
    severity: 'error',
    explain: `The clone has truncated history, so tags and the distance to them cannot be trusted:
"git describe" fails or finds the wrong tag.

Why it blocks: a release version derived from a shallow clone can be wrong without any error.

Fix: git fetch --unshallow --tags. In GitHub Actions, use actions/checkout with "fetch-depth: 0".`,
  },
  'no-tag': {
    title: 'No release tag is reachable',
    severity: 'error',
    explain: `No tag matching <tagPrefix><version> is reachable from HEAD.

Why it blocks: a release version comes from a release tag. Without one, there is nothing to stamp
(Kubernetes silently falls back to a built-in default version in this case).

Fix: create the release tag (git tag -a v1.2.3 -m v1.2.3), or fetch the tags (git fetch --tags). If
your tags use another prefix, set "tagPrefix" in the configuration.`,
  },
  'tag-not-semver': {
    title: 'A tag is not <prefix><strict semver>',
    severity: 'error',
    explain: `A tag that stampguard would derive a version from (the nearest release tag, the tag being
created or the tag being pushed) is not the tag prefix followed by a strict semantic version.
Examples that fail: v1.2, v1.2.3.4, v01.2.3, vnext, and describe-shaped names like v1.0.0-1-gdeadbee.

Why it blocks: a non-semver tag either breaks version parsing downstream or, worse, parses into a
version nobody meant.

Fix: tag with a strict version (v1.2.3, v1.2.3-rc.1). Delete a wrong local tag with git tag -d NAME.`,
  },
  'not-on-tag': {
    title: 'HEAD is not exactly on a release tag',
    severity: 'error',
    explain: `HEAD is N commits past the nearest release tag.

Why it blocks: a release build must be exactly at a release tag. From any other commit the
describe-derived version carries a distance and a commit id ("v0.1.0-284-g0214af0"), which is
valid semver and still not a release.

Fix: tag the commit you mean to release (git tag -a vX.Y.Z -m vX.Y.Z), or check out the tag you
mean to build (git checkout vX.Y.Z). For a non-release build use "stampguard version --dev".`,
  },
  'ambiguous-release-tag': {
    title: 'HEAD carries several release tags, and a build takes one you may not expect',
    severity: 'warning',
    explain: `HEAD carries more than one release tag with different versions, and git describe (which
describe-based builds use) names one that is not the highest: git prefers an annotated tag over a
lightweight one and, among annotated tags, the newest. stampguard checks and stamps the tag a build
would take, and warns that another one is there.

Why it matters: a stray tag fetched from elsewhere (v7.8.9-2-gdeadbee next to the real v7.8.8) or
a tag made by mistake makes "the version of this commit" mean two things.

Fix: delete the tag you did not mean (git tag -d NAME), or re-create the release tag annotated so
it is the newest annotated tag on the commit.`,
  },
  'nonstandard-version': {
    title: 'A version is not a release version',
    severity: 'error',
    explain: `A version that would be stamped or committed carries a commit distance, a commit id or a
dirty marker: raw describe output (v0.1.0-284-g0214af0-dirty), Kubernetes' rewrite of it
(0.1.0-284+0214af08731054-dirty), "1.2.3-dirty", "+dirty", or a bare commit id.

Why it blocks: these strings are valid semver, so nothing downstream rejects them; components then
read a version like 0.1 and refuse to start, or sort it before the release it came from.

Fix: release from a clean tree exactly at a release tag. For a version file, write the release
version (npm version X.Y.Z). For a development build use "stampguard version --dev".`,
  },
  'version-mismatch': {
    title: 'A version file disagrees with the tag',
    severity: 'error',
    explain: `A configured version file (package.json by default, see "versionFiles") holds a
"version" other than the tag's version.

Why it blocks: the package would be published under one version and tagged under another.

Fix: set the version in the file to the tag's version and commit it before tagging (npm version
X.Y.Z does both), or tag the version the file holds.`,
  },
  'version-not-greater': {
    title: 'The new tag is not greater than the highest release',
    severity: 'error',
    explain: `A tag being created is not greater, in semantic-version order, than the highest existing
release tag. Pre-releases are compared within semver's rules: v1.3.0-rc.1 is greater than v1.2.0
but less than v1.3.0.

Why it blocks: versions must only move forward; consumers and package registries resolve "latest"
by semver order.

Fix: pick a version greater than the highest release tag (the finding names it).`,
  },
  'tag-not-commit': {
    title: 'A release tag points at a tree or a blob, not a commit',
    severity: 'error',
    explain: `A release tag being created or pushed names a tree or a blob (git tag v1.2.3 HEAD^{tree}),
not a commit.

Why it blocks: a release version names a commit: builds, "git describe" and every release tool
expect the tag to lead to one.

Fix: delete the tag (git tag -d NAME) and tag the release commit (git tag -a NAME -m NAME COMMIT).`,
  },
  'no-new-commits': {
    title: 'A new release tag on a commit that already carries a release',
    severity: 'error',
    explain: `The tag being created names a commit that already carries another release tag, so there are
no commits since that release (release-it calls this requireCommits). Promoting a release
candidate to its release on the same commit (v1.2.0-rc.2, then v1.2.0) is allowed.

Why it blocks: two versions for the same code make users upgrade for nothing, and usually mean a
forgotten commit or a tag made twice.

Fix: commit the changes you mean to release, then tag. If the existing tag is the mistake, delete it
first (git tag -d NAME). To release anyway, once: --allow no-new-commits.`,
  },
  'tag-exists': {
    title: 'The tag already exists and points elsewhere',
    severity: 'error',
    explain: `A tag being created already exists and points at a different commit.

Why it blocks: moving a release tag rewrites history for everyone who already fetched it.

Fix: choose a new version. If the existing tag is truly wrong and unpublished, delete it first
(git tag -d NAME) and say so to your team.`,
  },
  'branch-not-allowed': {
    title: 'Releasing from a branch outside "branches"',
    severity: 'error',
    explain: `The current branch (or a detached HEAD) does not match any pattern in the "branches"
configuration.

Why it blocks: releases are expected from release branches only.

Fix: switch to an allowed branch, or add the branch pattern to "branches" (globs: "release-*").`,
  },
  'behind-upstream': {
    title: 'The branch is behind its upstream',
    severity: 'error',
    explain: `The release branch is behind its upstream according to the local remote-tracking refs.

Why it blocks: releasing from a stale branch leaves out commits others already pushed.

Fix: git pull (or git fetch and merge), then check again.`,
  },
  'tag-not-annotated': {
    title: 'The release tag is lightweight',
    severity: 'error',
    explain: `"requireAnnotatedTag" is set and the release tag is a lightweight tag (a plain ref, with no
tagger, date or message).

Why it blocks: annotated tags record who released what and when; "git push --follow-tags" pushes
only annotated tags.

Fix: re-create the tag annotated: git tag -d NAME && git tag -a NAME -m NAME.`,
  },
  'tag-not-signed': {
    title: 'The release tag has no valid signature',
    severity: 'error',
    explain: `"requireSignedTag" is set and "git verify-tag" does not accept the release tag's signature
(no signature, or one git cannot verify with the configured GPG keys or SSH allowed signers).

Why it blocks: a signed tag proves who made the release.

Fix: sign the tag (git tag -s NAME -m NAME) with a key git can verify (gpg.ssh.allowedSignersFile
for SSH signatures).`,
  },
  'emulation-out-of-range': {
    title: 'Emulation or minimum compatibility version outside the allowed window',
    severity: 'error',
    explain: `With feature gates configured, the emulation version must lie in [max(N - window, floor), N]
and the minimum compatibility version in [max(N - window, floor), emulation], N being the
major.minor of the version about to be stamped. An emulation version must be major.minor, with no
patch.

Why it blocks: Kubernetes components validate this at start-up ("emulation version 0.1 is not
between [1.31, 0.1.0-284+0214af08731054-dirty]") and refuse to start. A wrong tag makes N wrong.

Fix: check the version being stamped first (a wrong or missing tag is the usual cause), then
"gates.emulationVersion", "gates.minCompatibilityVersion", "gates.emulationWindow" and
"gates.emulationFloor".`,
  },
  'gate-unknown': {
    title: 'A configured gate names no known gate',
    severity: 'error',
    explain: `"gates.set" sets a gate that no spec defines. Names are case-sensitive.

Why it blocks: Kubernetes components refuse to start with "unrecognized feature gate".

Fix: correct the name (the finding suggests the closest known one) or remove the setting.`,
  },
  'gate-prealpha-set': {
    title: 'A configured gate is not available yet at the emulated version',
    severity: 'error',
    explain: `The gate's first spec is after the emulated version, so at that version the gate is
pre-alpha: it does not exist yet and cannot be set to any value, false included.

Why it blocks: a Kubernetes component refuses to start with exactly this error, e.g. "cannot set
feature gate NodeSwap to false, feature is PreAlpha at emulated version 0.1.0-284". Usually the
version being stamped is wrong (a stray tag, a dirty or untagged checkout), not the gate.

Fix: check the version being stamped (stampguard version); if it is right, remove the setting until
the version where the gate is introduced.`,
  },
  'gate-locked': {
    title: 'A configured gate is locked to its default',
    severity: 'error',
    explain: `At the emulated version the gate's spec has lockToDefault, and the configuration sets it to
the other value. Setting a locked gate to its default is allowed.

Why it blocks: components refuse to start with "cannot set feature gate X to Y, feature is locked
to Z".

Fix: remove the setting (or set it to the default), or emulate an older version where the gate is
not locked yet.`,
  },
  'gate-spec-invalid': {
    title: 'Gate specs break the lifecycle rules',
    severity: 'error',
    explain: `A gate's versioned specs break Kubernetes' lifecycle rules: a version that is not
major.minor, entries out of version order, a stability regression (beta to alpha, GA to beta),
a deprecated gate that comes back, an unlock after lock, an entry that changes nothing, two entries
for one version and minimum compatibility version, a misplaced per-entry minCompatibilityVersion,
or a first entry that is deprecated at a minor other than 0. The same code covers
"gates.dependencies" that Kubernetes would refuse to register: a gate or dependency without
specs, a gate depending on a less stable one, a gate on by default depending on one off by
default, a locked gate depending on an unlocked one, or a cycle.

Why it blocks: Kubernetes panics at start-up when it registers such specs or dependencies.

Fix: correct the entry or the dependency named in the finding; the finding names the rule.`,
  },
  'gate-dependency-disabled': {
    title: 'An enabled gate depends on a disabled one',
    severity: 'error',
    explain: `"gates.dependencies" says a gate needs other gates, and at the emulated version the gate
is enabled (set to true, turned on by AllAlpha/AllBeta, or on by default) while one of the gates it
depends on is disabled.

Why it blocks: Kubernetes 1.35 and later refuse to start with "B is enabled, but depends on
features that are disabled: [A]".

Fix: enable the dependencies in "gates.set", or disable the dependent gate. If the gate is on
only by default, check the version being stamped first: a wrong version changes the defaults.`,
  },
} as const satisfies Record<FindingCode, CodeInfo>;

export function isFindingCode(value: string): value is FindingCode {
  return Object.hasOwn(CODES, value);
}

export interface FindingFields {
  message: string;
  hint: string;
  severity?: Severity;
  paths?: string[];
  gate?: string;
  tag?: string;
  expected?: string;
  actual?: string;
}

/** Builds a finding with the code's default severity unless one is given. */
export function finding(code: FindingCode, fields: FindingFields): Finding {
  const { severity, message, hint, ...rest } = fields;
  return { code, severity: severity ?? CODES[code].severity, message, hint, ...rest };
}
