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
