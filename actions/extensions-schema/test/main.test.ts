import { run } from '../src/main.js';
import { describeGateAction } from '../../../packages/github/test/helpers/gate-action-suite.js';

describeGateAction({
  gate: 'extensions-schema',
  run,
  passingHeading: '## ⚠️ Extensions schema passes (fail-on: never)',
  expectedFinding: 'extension-in-public:citext',
  remediationContains: 'SET SCHEMA',
});
