/**
 * Connection strings are secrets. Everything that prints, logs or stores a target goes through
 * these helpers first; `secretsOf` lists the values a GitHub action must mask before anything runs.
 */

// The user-info part (up to the last "@" before a "/" or a space) may hold any character a password
// can: a quote, "<" or a backtick there must not end the match and leave the rest of the password.
const URL_PATTERN = /\b(postgres(?:ql)?):\/\/(?:[^\s/]*@)?[^\s'"`<>]+/gi;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

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
  // Known secrets go first, longest first: the URL pattern stops at a space, and a URL cut there
  // would leave the rest of a registered password (and then the password itself) unmatched.
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(SCHEME.test(secret) ? maskConnectionString(secret) : '***');
  }
  return out.includes('://') ? out.replace(URL_PATTERN, (match) => maskConnectionString(match)) : out;
}

/** The values worth masking for a URL: the whole URL, its password (raw and URL-decoded). */
export function secretsOf(url: string): string[] {
  const secrets = [url];
  const push = (value: string | null | undefined) => {
    if (!value) return;
    secrets.push(value);
    try {
      const decoded = decodeURIComponent(value);
      if (decoded !== value) secrets.push(decoded);
    } catch {
      // a stray "%" in the password: the raw value is masked
    }
  };
  try {
    const parsed = new URL(url);
    push(parsed.password);
  } catch {
    // An unparseable URL (a bad port, a stray bracket) is masked whole, and its password found by
    // hand: the user-info ends at the last "@" of the authority.
    const rest = url.replace(SCHEME, '');
    const at = SCHEME.test(url) ? rest.lastIndexOf('@') : -1;
    const colon = at > 0 ? rest.slice(0, at).indexOf(':') : -1;
    if (colon >= 0) push(rest.slice(colon + 1, at));
  }
  // libpq and node-postgres also take the password as a query parameter (?password=...).
  for (const match of url.matchAll(/[?&](?:ssl)?password=([^&#]*)/gi)) push(match[1]);
  return [...new Set(secrets)];
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
