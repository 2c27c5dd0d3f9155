import type { ResolvedConfig } from '../config/schema.js';
import type { RuleFinding, RuleMeta } from '../rules/types.js';
import { fingerprintOf, type Finding } from '../report/finding.js';
import { matchesObject } from '../config/object-pattern.js';

/**
 * Turns what rule checks return into findings: applies the config's severity overrides and "off",
 * computes fingerprints, and marks findings an unexpired exemption covers as waived (§10.1: they
 * stay visible, they stop counting). Shared by inventory rules and migration rules.
 */
export function finalizeFindings(
  produced: { meta: RuleMeta; findings: RuleFinding[] }[],
  config: ResolvedConfig,
  now: Date = new Date(),
): Finding[] {
  const today = now.toISOString().slice(0, 10);
  const out: Finding[] = [];
  for (const { meta, findings } of produced) {
    const setting = config.rules[meta.id];
    if (setting === 'off') continue;
    const severity = setting ?? meta.severity;
    for (const finding of findings) {
      const exemption = config.exemptions.find(
        (e) =>
          (e.rule === '*' || e.rule === meta.id) &&
          (e.expires === undefined || e.expires >= today) &&
          matchesObject(e.object, finding.object, finding.location),
      );
      const { discriminator: _discriminator, ...object } = finding.object;
      out.push({
        rule: meta.id,
        severity,
        fingerprint: fingerprintOf(meta.id, finding.object),
        object,
        ...(finding.location ? { location: finding.location } : {}),
        message: finding.message,
        ...(finding.remediation ? { remediation: finding.remediation } : {}),
        ...(exemption
          ? { waived: { justification: exemption.justification, ...(exemption.expires ? { expires: exemption.expires } : {}) } }
          : {}),
      });
    }
  }
  return out;
}

/** Whether a rule is switched on by the config. */
export function isEnabled(meta: RuleMeta, config: ResolvedConfig): boolean {
  return config.rules[meta.id] !== 'off';
}
