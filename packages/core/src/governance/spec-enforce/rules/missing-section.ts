import { DEFAULT_SPEC_SECTIONS } from '../../../config/sections/spec-enforce.js';
import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import { headingMatches } from '../../shared/markdown.js';
import type { SpecRule } from '../types.js';

/** The sections required per file: the defaults, replaced file by file by `specEnforce.sections`. */
export function requiredSections(configured: Record<string, (string | string[])[]>): Record<string, string[][]> {
  const merged = { ...DEFAULT_SPEC_SECTIONS, ...configured };
  return Object.fromEntries(Object.entries(merged).map(([file, list]) => [file, list.map((entry) => (Array.isArray(entry) ? entry : [entry]))]));
}

/** A bundle file without a heading for one of its required sections (fenced code is not searched). */
export const specBundleMissingSection: SpecRule = {
  meta: {
    id: 'spec-bundle-missing-section',
    title: 'Spec bundle file lacks a required section',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1'],
    rationale:
      'Each bundle file answers fixed questions (the PRD its requirements and success criteria, the plan its ' +
      'architecture and constitution check). A heading per section keeps bundles comparable across projects; ' +
      'the headings are configurable in specEnforce.sections.',
    fixable: false,
    examples: { bad: '# PRD\n\nWe want billing.', good: '# PRD\n\n## Overview\n...\n## Requirements\n...\n## Success criteria\n...' },
  },
  check({ bundles, config }) {
    const schema = requiredSections(config.sections);
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      for (const file of bundle.files) {
        if (!file.headings || file.empty) continue;
        for (const alternatives of schema[file.name] ?? []) {
          if (file.headings.some((heading) => alternatives.some((section) => headingMatches(heading.text, section)))) continue;
          const wanted = alternatives.map((a) => `"${a}"`).join(' or ');
          findings.push({
            object: fileObject(bundle.name, file.path, alternatives[0]),
            location: { file: file.path, line: 1 },
            message: `${file.path} has no ${wanted} section: add a heading such as "## ${alternatives[0]}"`,
          });
        }
      }
    }
    return findings;
  },
};
