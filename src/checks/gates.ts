// Feature gates must be valid at the version about to be stamped (the subject's gatesAt: the tag
// being created or pushed, the release tag HEAD is on, what a describe-based build would stamp
// when the checkout is not releasable, or the staged version in commit mode).
import { gatesReport } from '../gates/index.js';
import { defineCheck } from './define.js';

export const gates = defineCheck({
  id: 'gates',
  codes: [
    'emulation-out-of-range',
    'gate-unknown',
    'gate-prealpha-set',
    'gate-locked',
    'gate-spec-invalid',
    'gate-dependency-disabled',
  ],
  modes: ['release', 'tag', 'push', 'commit'],
  run({ config, subject }) {
    if (!config.gates || !subject.gatesAt) return [];
    return gatesReport({ gates: config.gates, stampedVersion: subject.gatesAt }).findings;
  },
});
