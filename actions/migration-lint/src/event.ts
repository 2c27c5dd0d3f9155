import { existsSync, readFileSync } from 'node:fs';

/**
 * The base commit of the pull request this run belongs to (pull_request or pull_request_target
 * event), read fresh from GITHUB_EVENT_PATH on each call; undefined for any other event.
 */
export function pullRequestBaseSha(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return undefined;
  try {
    const sha = (JSON.parse(readFileSync(file, 'utf8')) as { pull_request?: { base?: { sha?: unknown } } })?.pull_request?.base?.sha;
    return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
