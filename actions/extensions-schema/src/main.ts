import { runGateAction } from '../../../packages/github/src/index.js';

/** §2.3: the extensions-schema gate. The bundle entry awaits run(); tests call it in-process. */
export const run = () => runGateAction('extensions-schema', 'Extensions schema');
