// The report: the findings with the repository and version state, the same object `--json`
// prints and check() resolves with; and its exit code, by one rule.
import type { CheckContext } from './checks/define.js';
import { EXIT } from './errors.js';
import type { Facts } from './facts/index.js';
import type { Finding, FindingCode, Report } from './types.js';
import type { VersionInfo } from './version/derive.js';
import { stampedVersion } from './version/subject.js';

export function buildReport(
  facts: Facts,
  version: VersionInfo,
  contexts: readonly CheckContext[],
  found: readonly Finding[],
  options: { configFile: string | null; allow?: readonly FindingCode[] },
): Report {
  const findings = allowFindings(found, options.allow ?? []);
  const ok = !findings.some(refuses);
  // Several tags pushed at once: there is no one version to name.
  const subject = contexts.length === 1 ? contexts[0]!.subject : null;
  const commit = facts.mode === 'commit';
  return {
    schemaVersion: 1,
    ok,
    mode: facts.mode,
    repo: { root: facts.root, head: facts.head, branch: facts.branch, shallow: facts.shallow },
    version: {
      describe: version.describe,
      tag: version.tag,
      distance: version.distance,
      dirty: version.dirty,
      stamp: ok && subject ? stampedVersion(facts.mode, subject) : null,
      // A commit has no version of its own yet.
      dev: commit ? null : version.dev,
    },
    config: { file: options.configFile },
    findings,
  };
}

/** Whether a finding refuses: an error the user did not allow. */
export function refuses(finding: Finding): boolean {
  return finding.severity === 'error' && !finding.allowed;
}

/**
 * --allow CODE: each finding of an allowed code stays in the report, marked allowed, and no longer
 * refuses. Exactly the codes named are allowed, each on its own.
 */
export function allowFindings(findings: readonly Finding[], allow: readonly FindingCode[]): Finding[] {
  if (allow.length === 0) return [...findings];
  return findings.map((f) => (allow.includes(f.code) ? { ...f, allowed: true } : f));
}

/** The exit code of a report: 0 passed (warnings allowed), 1 refused. */
export function exitCode(report: Report): number {
  return report.ok ? EXIT.OK : EXIT.REFUSED;
}
