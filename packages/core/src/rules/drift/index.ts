import type { InventoryRule } from '../types.js';
import { driftObjectAdded } from './object-added.js';
import { driftObjectRemoved } from './object-removed.js';
import { driftObjectChanged } from './object-changed.js';
import { driftPolicyExpressionChanged } from './policy-expression-changed.js';
import { driftSearchPathRemoved } from './search-path-removed.js';
import { driftRlsSwitchedOff } from './rls-switched-off.js';
import { driftSecurityDefinerAdded } from './security-definer-added.js';
import { driftAnonGrantAdded } from './anon-grant-added.js';

/**
 * The drift rule family: one module per rule in this folder, listed here. Each compares the
 * current inventory with `context.previous` (the project's last successful scan from the control
 * plane) and reports nothing when there is none.
 */
export const driftRules: InventoryRule[] = [
  driftObjectAdded,
  driftObjectRemoved,
  driftObjectChanged,
  driftPolicyExpressionChanged,
  driftSearchPathRemoved,
  driftRlsSwitchedOff,
  driftSecurityDefinerAdded,
  driftAnonGrantAdded,
];
