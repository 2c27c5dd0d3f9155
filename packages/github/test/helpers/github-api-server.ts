import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 implementing the few GitHub REST endpoints the sticky comment
 * uses: list, create and update issue comments. Requests with the token "read-only" get 403 on
 * writes, like a fork pull request's token. Every request is recorded.
 */
export interface StoredComment {
  id: number;
  body: string;
  issue: number;
  html_url: string;
}

export interface GitHubApiServer {
  url: string;
  comments: StoredComment[];
  requests: { method: string; path: string; authorization?: string; body?: string }[];
  close(): Promise<void>;
}

export async function startGitHubApiServer(): Promise<GitHubApiServer> {
  const comments: StoredComment[] = [];
  const requests: GitHubApiServer['requests'] = [];
  let nextId = 1000;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const authorization = req.headers.authorization;
      requests.push({ method: req.method ?? '', path: url.pathname, authorization, body: body || undefined });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (!authorization) return send(401, { message: 'Requires authentication' });
      const readOnly = authorization.endsWith(' read-only');
      const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (list && req.method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = comments.filter((c) => c.issue === Number(list[3]));
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          headers.link = `<http://${req.headers.host}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        }
        return send(200, slice, headers);
      }
      if ((list && req.method === 'POST') || (one && req.method === 'PATCH')) {
        if (readOnly) return send(403, { message: 'Resource not accessible by integration', status: '403' });
        const text = (JSON.parse(body || '{}') as { body?: string }).body ?? '';
        if (list) {
          const comment = { id: nextId++, body: text, issue: Number(list[3]), html_url: `https://github.example/c/${nextId}` };
          comments.push(comment);
          return send(201, comment);
        }
        const existing = comments.find((c) => c.id === Number(one![3]));
        if (!existing) return send(404, { message: 'Not Found' });
        existing.body = text;
        return send(200, existing);
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
