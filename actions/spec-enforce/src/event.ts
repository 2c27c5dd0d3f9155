import { existsSync, readFileSync } from 'node:fs';

/** What spec-enforce needs from a pull_request (or pull_request_target, or merge_group) event payload. */
export interface PullRequestEvent {
  baseSha?: string;
  labels: string[];
}

/**
 * Reads GITHUB_EVENT_PATH fresh on every call (in-process tests run several events). Anything that
 * is not a pull request or merge queue event, or a payload that cannot be read, gives undefined: the
 * action then runs without pull-request mode unless `base-ref` or `labels` are given.
 */
export function pullRequestEvent(env: NodeJS.ProcessEnv = process.env): PullRequestEvent | undefined {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return undefined;
  let payload: { pull_request?: { base?: { sha?: unknown }; labels?: unknown }; merge_group?: { base_sha?: unknown } };
  try {
    payload = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const pr = payload?.pull_request;
  if (!pr || typeof pr !== 'object') {
    // A merge queue run: its payload names the group's base commit but carries no labels, so only
    // the feature paths apply (label requirements were checked on the pull_request run).
    const groupBase = payload?.merge_group?.base_sha;
    return isSha(groupBase) ? { baseSha: groupBase, labels: [] } : undefined;
  }
  const labels = Array.isArray(pr.labels)
    ? pr.labels.map((label: unknown) => (label && typeof label === 'object' ? (label as { name?: unknown }).name : undefined)).filter((name): name is string => typeof name === 'string')
    : [];
  const sha = pr.base?.sha;
  const baseSha = isSha(sha) ? sha : undefined;
  return { ...(baseSha ? { baseSha } : {}), labels };
}

const isSha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{7,64}$/i.test(value);
