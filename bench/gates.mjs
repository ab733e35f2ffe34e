// Repositories for the feature-gate benchmark: copies of small with one more commit that adds the
// two real gate lists from test/fixtures/gates/ (Kubernetes' and Kueue's versioned_feature_list.yaml;
// sources and licence in test/fixtures/gates/README.md), sets package.json to 1.33.0 and tags it
// v1.33.0. They differ only in .stampguardrc.json:
//   gates-off    no gates
//   gates-k8s    gates.specs = Kubernetes' list (193 features, 369 specs) and three values set
//   gates-kueue  gates.specs = Kueue's list (114 features, 142 specs) and three values set
// Every one passes `check`; the values set are valid at 1.33 (Kueue's versions are all below it,
// so its last spec applies).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPOS_DIR, ROOT } from './env.mjs';
import { quietGit } from './hooks.mjs';
import { copyRepo } from './repos.mjs';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'gates');
const LISTS = { k8s: 'kubernetes-versioned_feature_list.yaml', kueue: 'kueue-versioned_feature_list.yaml' };

const CONFIGS = {
  off: { tagPrefix: 'v', untracked: 'error' },
  k8s: {
    tagPrefix: 'v',
    untracked: 'error',
    gates: {
      specs: `./gates/${LISTS.k8s}`,
      set: { APIResponseCompression: false, ClusterTrustBundle: true, AllowUnsafeMalformedObjectDeletion: true },
    },
  },
  kueue: {
    tagPrefix: 'v',
    untracked: 'error',
    gates: {
      specs: `./gates/${LISTS.kueue}`,
      set: { AdmissionFairSharing: true, PartialAdmission: false, TopologyAwareScheduling: true },
    },
  },
};

/** Returns { off, k8s, kueue } directories. */
export function makeGateRepos(env, smallDir) {
  const out = {};
  for (const [name, config] of Object.entries(CONFIGS)) {
    const dir = path.join(REPOS_DIR, 'scratch', `gates-${name}`);
    copyRepo(smallDir, dir);
    mkdirSync(path.join(dir, 'gates'), { recursive: true });
    for (const file of Object.values(LISTS)) copyFileSync(path.join(FIXTURES, file), path.join(dir, 'gates', file));
    writeFileSync(path.join(dir, '.stampguardrc.json'), `${JSON.stringify(config, null, 2)}\n`);
    const pkgFile = path.join(dir, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    writeFileSync(pkgFile, `${JSON.stringify({ ...pkg, version: '1.33.0' }, null, 2)}\n`);
    quietGit(env, dir, ['add', '-A']);
    quietGit(env, dir, ['commit', '-q', '-m', 'Release 1.33.0 with feature gates']);
    quietGit(env, dir, ['tag', '-a', '-m', 'Release v1.33.0', 'v1.33.0']);
    out[name] = dir;
  }
  return out;
}
