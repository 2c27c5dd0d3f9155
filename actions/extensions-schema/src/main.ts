import { runGate } from '../../../packages/github/src/gate-entry.js';

/** §2.3: the extensions-schema gate. The bundle entry awaits run(); tests call it in-process. */
export const run = () => runGate('extensions-schema', 'Extensions schema');
