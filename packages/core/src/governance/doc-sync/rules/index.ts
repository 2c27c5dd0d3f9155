import type { DocSyncRule } from '../types.js';
import { docSyncMissingFile } from './missing-file.js';
import { docSyncUnreadableFile } from './unreadable-file.js';
import { docSyncMalformedBlock } from './malformed-block.js';
import { docSyncDrift } from './drift.js';

/** The doc-sync rule family (§3.3, §1.5): one module per rule in this folder, listed here. */
export const docSyncRules: readonly DocSyncRule[] = [docSyncMissingFile, docSyncUnreadableFile, docSyncMalformedBlock, docSyncDrift];
