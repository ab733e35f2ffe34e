// requireAnnotatedTag and requireSignedTag, verified by git itself with a throwaway SSH key.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson, tempDir } from '../helpers/git-repo.js';

const hasGpg = (() => {
  try {
    execFileSync('gpg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const hasSshKeygen = (() => {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status !== undefined && (error as { code?: string }).code !== 'ENOENT';
  }
})();

describe('tag objects', () => {
  it('tag-not-annotated for a lightweight release tag when requireAnnotatedTag is set', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ requireAnnotatedTag: true }) },
    });
    repo.tag('v1.0.0');
    let r = repo.cli(['check', '--json']);
    expect(r.code).toBe(1);
    expect(parseJson<Report>(r.stdout).findings.map((f) => f.code)).toEqual(['tag-not-annotated']);
    repo.git('tag', '-d', 'v1.0.0');
    repo.tag('v1.0.0', { annotated: true });
    r = repo.cli(['check', '--json']);
    expect(r.code).toBe(0);
  });

  it.runIf(hasSshKeygen)('tag-not-signed unless git verify-tag accepts an SSH signature', () => {
    const keys = tempDir();
    const key = path.join(keys, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test@example.com', '-f', key]);
    const signers = path.join(keys, 'allowed_signers');
    const pub = execFileSync('cat', [`${key}.pub`], { encoding: 'utf8' }).trim();
    writeFileSync(signers, `test@example.com ${pub}\n`);
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ requireSignedTag: true }) },
    });
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', key);
    repo.git('config', 'gpg.ssh.allowedSignersFile', signers);

    repo.tag('v1.0.0', { annotated: true });
    let r = repo.cli(['check', '--json']);
    expect(r.code).toBe(1);
    const finding = parseJson<Report>(r.stdout).findings.find((f) => f.code === 'tag-not-signed');
    expect(finding?.tag).toBe('v1.0.0');

    repo.git('tag', '-d', 'v1.0.0');
    repo.git('tag', '-s', '-m', 'v1.0.0', 'v1.0.0');
    r = repo.cli(['check', '--json']);
    expect(parseJson<Report>(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);

    // A signature by a key the allowed-signers file does not list is refused.
    writeFileSync(signers, '');
    r = repo.cli(['check', '--json']);
    expect(r.code).toBe(1);
    expect(parseJson<Report>(r.stdout).findings.map((f) => f.code)).toEqual(['tag-not-signed']);
  });

  it.runIf(hasGpg)('tag-not-signed unless git verify-tag accepts a GPG signature', () => {
    // A throwaway keyring, offline: GNUPGHOME in a temporary folder, a key without a passphrase.
    const gnupg = tempDir('stampguard-gnupg-');
    const env = { ...process.env, GNUPGHOME: gnupg };
    execFileSync(
      'gpg',
      [
        '--batch',
        '--pinentry-mode',
        'loopback',
        '--passphrase',
        '',
        '--quick-gen-key',
        'Test <test@example.com>',
        'ed25519',
        'sign',
        'never',
      ],
      { env, stdio: 'ignore' },
    );
    const repo = makeRepo({
      version: '2.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ requireSignedTag: true }) },
    });
    repo.git('config', 'user.signingkey', 'test@example.com');
    const signed = repo.tryGit(['tag', '-s', '-m', 'v2.0.0', 'v2.0.0'], { GNUPGHOME: gnupg });
    expect(signed.code, signed.stderr).toBe(0);
    let r = repo.cli(['check', '--json'], { env: { GNUPGHOME: gnupg } });
    expect(parseJson<Report>(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
    // Another keyring does not know the key: the signature cannot be verified.
    const stranger = tempDir('stampguard-gnupg-');
    r = repo.cli(['check', '--json'], { env: { GNUPGHOME: stranger } });
    expect(r.code).toBe(1);
    expect(parseJson<Report>(r.stdout).findings.map((f) => f.code)).toEqual(['tag-not-signed']);
    // gpg started an agent per keyring; stop them rather than leave daemons behind.
    for (const home of [gnupg, stranger])
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
  });
});
