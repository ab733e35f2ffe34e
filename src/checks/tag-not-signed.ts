// requireSignedTag: git verify-tag must accept the release tag's signature (GPG or SSH, as the
// user's git is configured).
import { finding } from '../codes.js';
import { defineCheck } from './define.js';

export const tagNotSigned = defineCheck({
  id: 'tag-not-signed',
  codes: ['tag-not-signed'],
  modes: ['release', 'tag', 'push'],
  run({ facts, config, subject, target }) {
    const name = subject.tag;
    if (!config.requireSignedTag || !name) return [];
    // A lightweight tag is a plain ref: there is no tag object to carry a signature.
    if (target?.annotated === false) {
      return [
        finding('tag-not-signed', {
          message: `${name} is a lightweight tag, so it carries no signature, and "requireSignedTag" is set`,
          hint: `Create it signed: git tag -d ${name} && git tag -s ${name} -m ${name}`,
          tag: name,
        }),
      ];
    }
    const signature = target ? target.signature : facts.signature;
    if (!config.requireSignedTag || !name || !signature || signature.tag !== name || signature.valid) return [];
    return [
      finding('tag-not-signed', {
        message: `git verify-tag does not accept ${name}${signature.detail ? `: ${signature.detail}` : ''}`,
        hint: `Sign the tag (git tag -d ${name} && git tag -s ${name} -m ${name}) with a key git can verify (gpg, or gpg.ssh.allowedSignersFile for SSH keys).`,
        tag: name,
      }),
    ];
  },
});
