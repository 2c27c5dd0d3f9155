import type { InventoryRule } from '../types.js';

/** The schema rule family: one module per rule in this folder, listed here. */
export const schemaRules: InventoryRule[] = [];
