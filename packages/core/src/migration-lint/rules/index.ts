import type { RuleMeta } from '../../rules/types.js';
import type { MigrationRule } from '../types.js';
import { addingRequiredColumn } from './adding-required-column.js';
import { breakingChangeWithoutRollback } from './breaking-change-without-rollback.js';
import { changeColumnType } from './change-column-type.js';
import { concurrentlyInTransaction } from './concurrently-in-transaction.js';
import { constraintWithoutNotValid } from './constraint-without-not-valid.js';
import { createWithoutIfNotExists } from './create-without-if-not-exists.js';
import { createWithoutOrReplace } from './create-without-or-replace.js';
import { dropColumn } from './drop-column.js';
import { dropIndexWithoutConcurrently } from './drop-index-without-concurrently.js';
import { dropTable } from './drop-table.js';
import { syntaxError, suppressionUnknownRule, suppressionWithoutReason, unreadableFile } from './engine-rules.js';
import { extensionOutsideExtensionsSchema } from './extension-outside-extensions-schema.js';
import { grantToAnon } from './grant-to-anon.js';
import { indexWithoutConcurrently } from './index-without-concurrently.js';
import { insertWithoutOnConflict } from './insert-without-on-conflict.js';
import { missingLockTimeout } from './missing-lock-timeout.js';
import { policyWithoutDropIfExists } from './policy-without-drop-if-exists.js';
import { preferBigintIdentityKey } from './prefer-bigint-identity-key.js';
import { preferIdentityOverSerial } from './prefer-identity-over-serial.js';
import { preferTextOverChar } from './prefer-text-over-char.js';
import { preferTextOverVarchar } from './prefer-text-over-varchar.js';
import { preferTimestamptz } from './prefer-timestamptz.js';
import { renameColumn } from './rename-column.js';
import { renameTable } from './rename-table.js';
import { securityDefinerWithoutSearchPath } from './security-definer-without-search-path.js';
import { tableWithoutRls } from './table-without-rls.js';
import { transactionControlInMigration } from './transaction-control-in-migration.js';
import { uniqueConstraintWithoutIndex } from './unique-constraint-without-index.js';
import { volatileDefaultOnExistingTable } from './volatile-default-on-existing-table.js';

/** Every migration rule: one module per rule in this folder. */
export const MIGRATION_RULES: readonly MigrationRule[] = [
  addingRequiredColumn,
  dropTable,
  dropColumn,
  renameTable,
  renameColumn,
  changeColumnType,
  constraintWithoutNotValid,
  indexWithoutConcurrently,
  dropIndexWithoutConcurrently,
  uniqueConstraintWithoutIndex,
  volatileDefaultOnExistingTable,
  concurrentlyInTransaction,
  transactionControlInMigration,
  missingLockTimeout,
  preferTextOverVarchar,
  preferTextOverChar,
  preferTimestamptz,
  preferBigintIdentityKey,
  preferIdentityOverSerial,
  createWithoutIfNotExists,
  createWithoutOrReplace,
  policyWithoutDropIfExists,
  insertWithoutOnConflict,
  tableWithoutRls,
  securityDefinerWithoutSearchPath,
  extensionOutsideExtensionsSchema,
  grantToAnon,
  breakingChangeWithoutRollback,
];

/** Findings the engine produces itself (unreadable files, suppressions it cannot honour). */
export const ENGINE_RULES = { syntaxError, unreadableFile, suppressionWithoutReason, suppressionUnknownRule } as const;

/** Metadata of every migration-lint rule, for the shared catalogue. */
export const MIGRATION_RULE_METAS: readonly RuleMeta[] = [...MIGRATION_RULES.map((r) => r.meta), ...Object.values(ENGINE_RULES)];
