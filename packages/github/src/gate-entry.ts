import { prefetchCatalog } from '@platform-kit/core/prefetch';
import type { GateName } from '@platform-kit/core/scan';
import type { ActionOutcome } from './run-action.js';

/**
 * The entry of the three database gates, kept small on purpose. With a `database-url`, the catalog
 * read starts before anything else loads, and the engine and the reporting layer (most of the
 * action's code) load while the server runs the catalog query: measured on a cold start, the two
 * used to take turns (about 150 ms of module loading, then 100–150 ms of waiting on the server).
 * Nothing is printed here; every error of the read surfaces, masked, where the scan awaits it.
 */
export async function runGate(gate: GateName, title: string): Promise<ActionOutcome> {
  // Same lookup as @actions/core's getInput (which this file does not load: it weighs on start-up).
  const url = (process.env['INPUT_DATABASE-URL'] ?? '').trim();
  // A malformed URL is left to the input checks, which explain it.
  const prefetched = /^postgres(ql)?:\/\//i.test(url) ? prefetchCatalog(url) : undefined;
  // Loading the rest keeps this thread busy for ~150 ms; the connection's handshake needs it first.
  await prefetched?.sent;
  const { runGateAction } = await import('./gate-action.js');
  try {
    return await runGateAction(gate, title, prefetched);
  } catch (error) {
    const { RelaunchRequested, relaunchWithBaselineWasm } = await import('./relaunch.js');
    if (!(error instanceof RelaunchRequested)) throw error;
    await relaunchWithBaselineWasm();
    return { status: process.exitCode ? 'failed' : 'passed', outputs: {} };
  }
}
