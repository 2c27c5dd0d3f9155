import { runGate } from '../../../packages/github/src/gate-entry.js';

/** §2.1: the rls-coverage gate. The bundle entry awaits run(); tests call it in-process. */
export const run = () => runGate('rls-coverage', 'RLS coverage');
