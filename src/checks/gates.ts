// Feature gates must be valid at the version about to be stamped: the tag being created, the
// release tag HEAD is on, or — when the checkout is not releasable — what a describe-based build
// would stamp anyway (that is how 0.1.0-284+…-dirty met NodeSwap=false in the incident).
import { evaluateGates } from '../gates/index.js';
import { versionFromTag } from '../version/rules.js';
import { defineCheck, type CheckContext } from './define.js';

export function gateVersion({ facts, config, version }: CheckContext): string | null {
  if (facts.target) return versionFromTag(facts.target.tag, config.tagPrefix)?.raw ?? null;
  if (version.tagVersion && facts.describe?.distance === 0 && !version.dirty) return version.tagVersion.raw;
  return version.buildVersion;
}

export const gates = defineCheck({
  id: 'gates',
  modes: ['release', 'tag', 'push'],
  run(context) {
    const { gates } = context.config;
    if (!gates) return [];
    const stampedVersion = gateVersion(context);
    if (!stampedVersion) return [];
    return evaluateGates({ gates, stampedVersion });
  },
});
