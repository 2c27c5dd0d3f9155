import type { Location } from '../inventory/schema.js';
import type { ObjectRef, Severity } from '../rules/types.js';
import { sha256Hex } from '../text/sha256.js';

/** A finding as it leaves the engine: the JSON contract (docs/json-output.md). */
export interface Finding {
  rule: string;
  severity: Severity;
  fingerprint: string;
  object: Omit<ObjectRef, 'discriminator'>;
  location?: Location;
  message: string;
  remediation?: { sql: string };
  /** Set when a config exemption or an `ops.waivers` entry covers the finding: it is reported, never counted. */
  waived?: { justification: string; expires?: string };
}

/**
 * Stable identity of a finding: the rule and the object, nothing else. A changed function body,
 * policy wording or message leaves it alone; a renamed object or another rule changes it.
 */
export function fingerprintOf(rule: string, object: ObjectRef): string {
  const parts = JSON.stringify([rule, object.kind, object.schema, object.table ?? '', object.name, object.discriminator ?? '']);
  return sha256Hex(parts).slice(0, 32);
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Most severe first, then by rule and object: a deterministic order for every output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.rule.localeCompare(b.rule) ||
    (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    a.object.schema.localeCompare(b.object.schema) ||
    (a.object.table ?? '').localeCompare(b.object.table ?? '') ||
    a.object.name.localeCompare(b.object.name) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}
