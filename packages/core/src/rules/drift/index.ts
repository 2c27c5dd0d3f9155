import type { InventoryRule } from '../types.js';

/** The drift rule family: one module per rule in this folder, listed here. */
export const driftRules: InventoryRule[] = [];
