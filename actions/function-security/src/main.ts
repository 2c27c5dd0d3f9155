import { runGateAction } from '../../../packages/github/src/index.js';

/** §2.2: the function-security gate. The bundle entry awaits run(); tests call it in-process. */
export const run = () => runGateAction('function-security', 'Function security');
