import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { SpecEnforceConfig } from '../../config/sections/spec-enforce.js';
import { configError } from '../../errors.js';

export interface SignificantProject {
  name: string;
  /** Bundle folder relative to the root, forward slashes. */
  dir: string;
  because: string;
}

const GLOB_CHARS = /[*?[\]{}!()]/;

/** Normalises a relative folder from the config: forward slashes, no "./" or trailing slash. */
export function normaliseRelative(dir: string): string {
  return path.posix.normalize(dir.replace(/\\/g, '/')).replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
}

/**
 * The significant projects of a repository: the explicit `projects`, the bundles `featurePaths`
 * names, then every folder a `discover` glob matches, sorted by name and each named once. A glob match directly under specDir
 * is a bundle itself; any other match needs the bundle `<specDir>/<basename>`.
 */
export function discoverProjects(root: string, config: SpecEnforceConfig): SignificantProject[] {
  const specDir = normaliseRelative(config.specDir);
  const byName = new Map<string, SignificantProject>();
  for (const name of config.projects) {
    const clean = normaliseRelative(name);
    if (!byName.has(clean)) byName.set(clean, { name: clean, dir: `${specDir}/${clean}`, because: 'listed in specEnforce.projects' });
  }
  // A bundle that pull-request mode can demand must exist too.
  for (const bundle of Object.values(config.featurePaths)) {
    const clean = normaliseRelative(bundle);
    if (!byName.has(clean)) byName.set(clean, { name: clean, dir: `${specDir}/${clean}`, because: 'named in specEnforce.featurePaths' });
  }
  for (const glob of config.discover) {
    for (const match of expandFolderGlob(root, glob)) {
      const name = path.posix.basename(match);
      if (byName.has(name)) continue;
      const isBundle = path.posix.dirname(match) === specDir;
      byName.set(name, {
        name,
        dir: `${specDir}/${name}`,
        because: isBundle ? `folder ${match}/ matches specEnforce.discover "${glob}"` : `${match}/ matches specEnforce.discover "${glob}"`,
      });
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Folders matching a glob, one glob segment per folder level (no `**`); hidden folders only when the segment asks for them. */
export function expandFolderGlob(root: string, glob: string): string[] {
  const segments = normaliseRelative(glob).split('/');
  if (segments.includes('**')) {
    throw configError(`specEnforce.discover: "${glob}" uses "**"; give one segment per folder level, e.g. "packages/*"`);
  }
  let current = [''];
  for (const segment of segments) {
    const next: string[] = [];
    for (const base of current) {
      const absolute = path.join(root, base);
      if (!GLOB_CHARS.test(segment)) {
        const candidate = base ? `${base}/${segment}` : segment;
        if (isDirectory(path.join(root, candidate))) next.push(candidate);
        continue;
      }
      const matches = picomatch(segment, { dot: segment.startsWith('.') });
      for (const entry of listFolders(absolute)) {
        if (matches(entry)) next.push(base ? `${base}/${entry}` : entry);
      }
    }
    current = next;
  }
  return current.filter((dir) => dir !== '').sort();
}

function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
