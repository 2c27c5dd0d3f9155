import { runGateAction } from '../../../packages/github/src/index.js';

/** §2.1: the rls-coverage gate. The bundle entry awaits run(); tests call it in-process. */
export const run = () => runGateAction('rls-coverage', 'RLS coverage');
