import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
  return { lines, destination, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('structured logging (§7.1)', () => {
  it('writes one JSON line per event with ts, level, component, message and metadata', () => {
    const out = capture();
    const log = createLogger({ component: 'introspect', destination: out.destination, level: 'debug' });
    log.child({ project_id: 'p1', scan_id: 's1', run_id: 'r1' }).warn('slow catalog query', { duration_ms: 1500 });
    log.debug('details');
    const [first, second] = out.parsed();
    expect(Object.keys(first!).sort()).toEqual(['component', 'level', 'message', 'metadata', 'ts']);
    expect(first).toMatchObject({ level: 'WARN', component: 'introspect', message: 'slow catalog query', metadata: { project_id: 'p1', scan_id: 's1', run_id: 'r1', duration_ms: 1500 } });
    expect(new Date(first!.ts as string).toISOString()).toBe(first!.ts);
    expect(second).toMatchObject({ level: 'DEBUG', message: 'details' });
  });

  it('redacts connection strings, known secret values and secret-named fields', () => {
    const out = capture();
    const log = createLogger({ component: 'scan', destination: out.destination, secrets: ['tok-abc-123'] });
    log.addSecrets(['late-secret-value']);
    log.error('cannot connect to postgres://svc:pa55word@db.example.com:5432/app', {
      password: 'pa55word',
      nested: { note: 'header was tok-abc-123 and late-secret-value' },
    });
    const text = out.lines.join('');
    expect(text).not.toContain('pa55word');
    expect(text).not.toContain('tok-abc-123');
    expect(text).not.toContain('late-secret-value');
    expect(out.parsed()[0]).toMatchObject({ level: 'ERROR', metadata: { password: '[redacted]' } });
    expect(text).toContain('db.example.com');
  });

  it('respects the level: debug lines are dropped at info', () => {
    const out = capture();
    createLogger({ component: 'x', destination: out.destination, level: 'info' }).debug('hidden');
    expect(out.lines).toEqual([]);
  });
});
