import { existsSync, readFileSync } from 'node:fs';

/** What spec-enforce needs from a pull_request (or pull_request_target) event payload. */
export interface PullRequestEvent {
  baseSha?: string;
  labels: string[];
}

/**
 * Reads GITHUB_EVENT_PATH fresh on every call (in-process tests run several events). Anything that
 * is not a pull request event, or a payload that cannot be read, gives undefined: the action then
 * runs without pull-request mode unless `base-ref` or `labels` are given.
 */
export function pullRequestEvent(env: NodeJS.ProcessEnv = process.env): PullRequestEvent | undefined {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return undefined;
  let payload: { pull_request?: { base?: { sha?: unknown }; labels?: unknown } };
  try {
    payload = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const pr = payload?.pull_request;
  if (!pr || typeof pr !== 'object') return undefined;
  const labels = Array.isArray(pr.labels)
    ? pr.labels.map((label: unknown) => (label && typeof label === 'object' ? (label as { name?: unknown }).name : undefined)).filter((name): name is string => typeof name === 'string')
    : [];
  const baseSha = typeof pr.base?.sha === 'string' && /^[0-9a-f]{7,64}$/i.test(pr.base.sha) ? pr.base.sha : undefined;
  return { ...(baseSha ? { baseSha } : {}), labels };
}
