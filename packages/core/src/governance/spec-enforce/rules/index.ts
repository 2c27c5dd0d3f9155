import type { SpecRule } from '../types.js';
import { specBundleMissingFile } from './missing-file.js';
import { specBundleUnreadableFile } from './unreadable-file.js';
import { specBundleEmptyFile } from './empty-file.js';
import { specBundleMissingSection } from './missing-section.js';
import { specTasksMalformed } from './tasks-malformed.js';
import { specTasksNoChecklist } from './tasks-no-checklist.js';
import { specTasksMissingPath } from './tasks-missing-path.js';
import { specPrBundleNotUpdated } from './pr-not-updated.js';

/** The spec-enforce rule family (§3.1): one module per rule in this folder, listed here. */
export const specEnforceRules: readonly SpecRule[] = [
  specBundleMissingFile,
  specBundleUnreadableFile,
  specBundleEmptyFile,
  specBundleMissingSection,
  specTasksMalformed,
  specTasksNoChecklist,
  specTasksMissingPath,
  specPrBundleNotUpdated,
];
