/**
 * Connection strings are secrets. Everything that prints, logs or stores a target goes through
 * these helpers first; `secretsOf` lists the values a GitHub action must mask before anything runs.
 */

const URL_PATTERN = /\b(postgres(?:ql)?):\/\/[^\s'"`<>]+/gi;

/** `postgres://user:pw@host:5432/db?sslmode=require` → `postgres://user:***@host:5432/db`. */
export function maskConnectionString(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '<unparseable connection string>';
  }
}

/** Replaces every connection string and every known secret in free text (error messages from drivers). */
export function redact(text: string, secrets: readonly string[] = []): string {
  // Every URL the pattern matches holds "://", and a secret that is not in the text has nothing to
  // mask: the plain substring searches let a large report (25 MB of JSON) skip the regular
  // expression and the copies, the same result at a fraction of the cost.
  let out = text.includes('://') ? text.replace(URL_PATTERN, (match) => maskConnectionString(match)) : text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('***');
  }
  return out;
}

/** The values worth masking for a URL: the whole URL, its password (raw and URL-decoded). */
export function secretsOf(url: string): string[] {
  const secrets = [url];
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      secrets.push(parsed.password);
      const decoded = decodeURIComponent(parsed.password);
      if (decoded !== parsed.password) secrets.push(decoded);
    }
  } catch {
    // an unparseable URL is still masked whole
  }
  return secrets;
}

/** Host and database, safe to print: "127.0.0.1:5432/app". */
export function describeConnectionString(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '<unparseable connection string>';
  }
}
