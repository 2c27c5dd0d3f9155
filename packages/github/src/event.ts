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
  const payload = payloadOf<{ pull_request?: { number?: number }; issue?: { number?: number; pull_request?: unknown }; repository?: { name?: string; owner?: { login?: string } } }>(env);
  if (!payload) return undefined;
  const number = payload.pull_request?.number ?? (payload.issue?.pull_request ? payload.issue.number : undefined);
  if (typeof number !== 'number') return undefined;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const resolvedOwner = owner || payload.repository?.owner?.login;
  const resolvedRepo = repo || payload.repository?.name;
  if (!resolvedOwner || !resolvedRepo) return undefined;
  return { owner: resolvedOwner, repo: resolvedRepo, number };
}

/** What a gate that checks only a change needs from its event: the commit to diff against, the pull request's labels. */
export interface ChangeEvent {
  baseSha?: string;
  labels: string[];
}

/**
 * The change this run checks, read fresh like pullRequestOf: a pull_request (or
 * pull_request_target) event gives its base commit and labels; a merge_group event (merge queue)
 * gives the group's base commit and no labels, since its payload has none (label requirements were
 * checked on the pull_request run). The diff is taken against HEAD, the group's head commit there.
 * Any other event, or a payload that cannot be read, gives undefined.
 */
export function changeEventOf(env: NodeJS.ProcessEnv = process.env): ChangeEvent | undefined {
  const payload = payloadOf<{ pull_request?: { base?: { sha?: unknown }; labels?: unknown }; merge_group?: { base_sha?: unknown } }>(env);
  const pr = payload?.pull_request;
  if (!pr || typeof pr !== 'object') {
    const groupBase = payload?.merge_group?.base_sha;
    return isSha(groupBase) ? { baseSha: groupBase, labels: [] } : undefined;
  }
  const labels = Array.isArray(pr.labels)
    ? pr.labels.map((label: unknown) => (label && typeof label === 'object' ? (label as { name?: unknown }).name : undefined)).filter((name): name is string => typeof name === 'string')
    : [];
  const sha = pr.base?.sha;
  return { ...(isSha(sha) ? { baseSha: sha } : {}), labels };
}

const isSha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{7,64}$/i.test(value);

/** The event payload (GITHUB_EVENT_PATH), or undefined when there is none or it does not parse. */
function payloadOf<Payload>(env: NodeJS.ProcessEnv): Payload | undefined {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventPath || !existsSync(eventPath)) return undefined;
  try {
    return JSON.parse(readFileSync(eventPath, 'utf8')) as Payload;
  } catch {
    return undefined;
  }
}
