import { existsSync, readFileSync } from 'node:fs';

/** The pull request this run belongs to, read from the event payload (GITHUB_EVENT_PATH). */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/**
 * Read fresh on every call (not at import time like `@actions/github`'s `context`), so that
 * in-process tests can run several events in one process.
 */
export function pullRequestOf(env: NodeJS.ProcessEnv = process.env): PullRequestRef | undefined {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath || !existsSync(eventPath)) return undefined;
  let payload: { pull_request?: { number?: number }; issue?: { number?: number; pull_request?: unknown }; repository?: { name?: string; owner?: { login?: string } } };
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch {
    return undefined;
  }
  const number = payload.pull_request?.number ?? (payload.issue?.pull_request ? payload.issue.number : undefined);
  if (typeof number !== 'number') return undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const resolvedOwner = owner || payload.repository?.owner?.login;
  const resolvedRepo = repo || payload.repository?.name;
  if (!resolvedOwner || !resolvedRepo) return undefined;
  return { owner: resolvedOwner, repo: resolvedRepo, number };
}
