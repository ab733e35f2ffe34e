// requireAnnotatedTag / requireSignedTag: the release tag must be an annotated tag object, and
// git verify-tag must accept its signature (GPG or SSH, as the user's git is configured).
import { finding } from '../codes.js';
import { defineCheck } from './define.js';
import { isReleaseTagName } from './new-tag.js';
import type { Finding } from '../types.js';

export const tagObject = defineCheck({
  id: 'tag-object',
  modes: ['release', 'tag', 'push'],
  run({ facts, config }) {
    // The tag under scrutiny: the one being created, or the release tag HEAD sits on.
    let name = facts.target?.tag ?? (facts.describe?.distance === 0 ? facts.describe.tag : null);
    if (name && !isReleaseTagName(name, config.tagPrefix)) name = null; // only release tags are held to this
    const ref = name ? facts.tags.find((t) => t.name === name) : undefined;
    // A tag being created or pushed knows its own object; otherwise the existing ref tells.
    const annotated = facts.target ? facts.target.annotated : ref ? ref.annotated : null;
    const findings: Finding[] = [];
    if (config.requireAnnotatedTag && name && annotated === false) {
      findings.push(
        finding('tag-not-annotated', {
          message: `${name} is a lightweight tag, and "requireAnnotatedTag" is set`,
          hint: `Re-create it annotated: git tag -d ${name} && git tag -a ${name} -m ${name}`,
          tag: name,
        }),
      );
    }
    if (config.requireSignedTag && name && facts.signature && facts.signature.tag === name && !facts.signature.valid) {
      findings.push(
        finding('tag-not-signed', {
          message: `git verify-tag does not accept ${name}${facts.signature.detail ? `: ${facts.signature.detail}` : ''}`,
          hint: `Sign the tag (git tag -d ${name} && git tag -s ${name} -m ${name}) with a key git can verify (gpg, or gpg.ssh.allowedSignersFile for SSH keys).`,
          tag: name,
        }),
      );
    }
    return findings;
  },
});
