import { runGate } from '../../../packages/github/src/gate-entry.js';

/** §2.2: the function-security gate. The bundle entry awaits run(); tests call it in-process. */
export const run = () => runGate('function-security', 'Function security');
