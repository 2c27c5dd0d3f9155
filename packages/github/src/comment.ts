import * as core from '@actions/core';
import type { PullRequestRef } from './event.js';

/** The hidden marker that identifies this action's comment on a pull request. */
export const commentMarker = (actionName: string): string => `<!-- platform-kit:${actionName} -->`;

export type CommentOutcome = 'created' | 'updated' | 'skipped-no-permission' | 'skipped-not-a-pr' | 'skipped-no-token' | 'failed';

interface RequestErrorLike {
  status?: number;
  message?: string;
}

/**
 * Creates or updates the sticky comment: one comment per action per pull request, found again by
 * its marker and edited in place, so a PR accumulates no stale reports. A token that cannot write
 * (fork pull requests get a read-only token) is not a failure of the gate: it is a notice.
 * `@actions/github` (Octokit and undici) is loaded only here, so runs without a comment skip it.
 */
export async function upsertStickyComment(options: {
  actionName: string;
  body: string;
  token: string;
  pullRequest: PullRequestRef | undefined;
  apiUrl?: string;
}): Promise<CommentOutcome> {
  if (!options.pullRequest) {
    core.info('comment: not a pull request event, no comment posted');
    return 'skipped-not-a-pr';
  }
  if (!options.token) {
    core.notice('comment: no github-token given, no comment posted');
    return 'skipped-no-token';
  }
  const { getOctokit } = await import('@actions/github');
  const baseUrl = options.apiUrl || process.env.GITHUB_API_URL || 'https://api.github.com';
  const octokit = getOctokit(options.token, { baseUrl });
  const { owner, repo, number } = options.pullRequest;
  const marker = commentMarker(options.actionName);
  const body = `${marker}\n${options.body}`;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
    const existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker));
    if (existing) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      core.info(`comment: updated ${existing.html_url ?? `comment ${existing.id}`}`);
      return 'updated';
    }
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    core.info(`comment: created ${created.data.html_url ?? `comment ${created.data.id}`}`);
    return 'created';
  } catch (error) {
    const status = (error as RequestErrorLike).status;
    if (status === 403) {
      core.notice(
        'comment: the token cannot write to this pull request (fork pull requests get a read-only token); the report is in the job summary instead',
      );
      return 'skipped-no-permission';
    }
    core.warning(`comment: could not post the pull request comment (HTTP ${status ?? 'error'}); the report is in the job summary`);
    return 'failed';
  }
}
