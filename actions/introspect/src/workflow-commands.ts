import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/**
 * The few runner commands this action issues beyond the shared reporting layer, written the way
 * the runner reads them (GITHUB_OUTPUT heredocs, `::error` workflow commands), so the action needs
 * no dependency of its own.
 */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`, 'utf8');
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** An error annotation, optionally on a file and line. */
export function errorAnnotation(message: string, properties: { title?: string; file?: string; line?: number } = {}): void {
  const props = [
    properties.title ? `title=${escapeProperty(properties.title)}` : '',
    properties.file ? `file=${escapeProperty(properties.file)}` : '',
    properties.line ? `line=${properties.line}` : '',
  ].filter(Boolean);
  process.stdout.write(`::error${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}\n`);
}
