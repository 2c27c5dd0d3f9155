import { runtimeError, type Report } from '@platform-kit/core';

type Formatter = (report: Report, format: 'sarif') => string;

/**
 * SARIF 2.1.0 comes from the core formatters (the CLI prints the same document), resolved when it
 * is needed so that runs without `sarif: true` do not pay for it.
 */
export async function renderSarif(report: Report): Promise<string> {
  const core = (await import('@platform-kit/core')) as unknown as { formatReport?: Formatter };
  if (typeof core.formatReport !== 'function') throw runtimeError('the SARIF formatter is not available in this build');
  return core.formatReport(report, 'sarif');
}
