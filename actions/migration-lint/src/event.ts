import { existsSync, readFileSync } from 'node:fs';

/**
 * The base commit of the change this run checks, read fresh from GITHUB_EVENT_PATH on each call:
 * `pull_request.base.sha` (pull_request, pull_request_target) or `merge_group.base_sha` (merge
 * queue runs, so a queued group is linted against its base like the pull request was); undefined
 * for any other event. The diff is taken against HEAD, which is the group's head commit there.
 */
export function pullRequestBaseSha(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return undefined;
  try {
    const payload = JSON.parse(readFileSync(file, 'utf8')) as { pull_request?: { base?: { sha?: unknown } }; merge_group?: { base_sha?: unknown } };
    const sha = payload?.pull_request?.base?.sha ?? payload?.merge_group?.base_sha;
    return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
