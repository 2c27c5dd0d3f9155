import type { InventoryRule } from '../types.js';
import { tenantColumnMissing } from './tenant-column-missing.js';
import { tenantColumnType } from './tenant-column-type.js';
import { softForeignKey } from './soft-foreign-key.js';
import { foreignKeyOnDeleteImplicit } from './foreign-key-on-delete-implicit.js';
import { unindexedForeignKey } from './unindexed-foreign-key.js';
import { auditTimestamps } from './audit-timestamps.js';
import { criticalTableActorColumns } from './critical-table-actor-columns.js';
import { criticalTableAuditTrigger } from './critical-table-audit-trigger.js';
import { policyColumnUnindexed } from './policy-column-unindexed.js';
import { duplicateIndex } from './duplicate-index.js';
import { missingPrimaryKey } from './missing-primary-key.js';

/** The schema rule family: one module per rule in this folder, listed here. */
export const schemaRules: InventoryRule[] = [
  tenantColumnMissing,
  tenantColumnType,
  softForeignKey,
  foreignKeyOnDeleteImplicit,
  unindexedForeignKey,
  auditTimestamps,
  criticalTableActorColumns,
  criticalTableAuditTrigger,
  policyColumnUnindexed,
  duplicateIndex,
  missingPrimaryKey,
];
