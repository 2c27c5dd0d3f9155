import type { InventoryRule } from '../types.js';

/** The security rule family: one module per rule in this folder, listed here. */
export const securityRules: InventoryRule[] = [];
