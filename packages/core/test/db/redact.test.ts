import { describe, expect, it } from 'vitest';
import { redact, secretsOf } from '../../src/db/connection-string.js';

describe('redact', () => {
  const url = 'postgresql://app:S3cr3t%21pw@db.example.com:5432/app?sslmode=require';

  it('masks connection strings and every registered secret, in any mix', () => {
    const secrets = secretsOf(url).sort((a, b) => b.length - a.length);
    const text = `connect to ${url} failed; password S3cr3t!pw; POSTGRES://u:other@h/db too`;
    const out = redact(text, secrets);
    expect(out).toBe('connect to postgresql://app:***@db.example.com:5432/app failed; password ***; postgres://u:***@h/db too');
    expect(out).not.toContain('S3cr3t');
    expect(out).not.toContain('other');
  });

  it('masks a secret even where no URL is present, and leaves text without either as it is', () => {
    expect(redact('the password is hunter2!', ['hunter2!'])).toBe('the password is ***');
    const plain = 'x'.repeat(100_000);
    expect(redact(plain, ['hunter2!'])).toBe(plain);
    expect(redact('short ab secret', ['ab'])).toBe('short ab secret'); // under 4 characters: never masked
  });
});

describe('redact: malformed and unusual connection strings', () => {
  const masked = (url: string, text: string) => redact(text, secretsOf(url));

  it('masks the whole password when it holds a quote, a space, "<" or a backtick', () => {
    for (const password of ["pa'ssXYZ", 'pa ssXYZ', 'pa"ssXYZ', 'pa<ssXYZ', 'pa`ssXYZ']) {
      const url = `postgres://root:${password}@127.0.0.1:5432/db`;
      // a driver error that echoes the URL (a role or database named after it)
      const out = masked(url, `role "${url}" does not exist; password ${password}`);
      expect(out).not.toContain('ssXYZ');
    }
    // not registered: the pattern alone still covers a quote inside the user-info
    expect(redact(`see postgres://u:pa'ssXYZ@h/db now`)).toBe('see postgres://u:***@h/db now');
  });

  it('finds the password of an unparseable URL and of a ?password= query parameter', () => {
    expect(secretsOf('postgres://u:secretXYZ@h:badport/db')).toContain('secretXYZ');
    expect(secretsOf('postgres://u:p@ssXYZ@[::1/db')).toContain('p@ssXYZ');
    expect(masked('postgres://u:secretXYZ@h:badport/db', 'auth failed for secretXYZ')).toBe('auth failed for ***');
    expect(secretsOf('postgres://u@h/db?sslmode=require&password=hunterXYZ')).toContain('hunterXYZ');
    expect(secretsOf('postgres://u@h/db?password=p%40ssXYZ')).toEqual(expect.arrayContaining(['p%40ssXYZ', 'p@ssXYZ']));
    expect(masked('postgres://u@h/db?password=hunterXYZ', 'password "hunterXYZ" rejected')).not.toContain('hunterXYZ');
  });
});
